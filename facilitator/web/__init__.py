"""`facilitator serve`: observers' phones and the room display, served over the LAN.

``server.start`` runs the web app inside an existing asyncio loop (the TUI's);
``server.run`` is the blocking runner the CLI uses. See docs/serve.md.
"""

from facilitator.web.server import ServeHandle, create_app, run, start

__all__ = ["ServeHandle", "create_app", "run", "start"]
