"""Where the web server writes what went wrong: a file, never the facilitator's screen.

Clients that drop mid-request, send garbage or time out are normal on a
meeting's Wi-Fi; they are written (one line each, no traceback) to
`serve.log` in the user's log folder (platformdirs' user_log_dir, or
$FACILITATOR_LOG_DIR). A bug of ours goes there with its traceback. The file
rotates at 1 MB (three old files kept), so a hostile client cannot fill a disk.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from facilitator.services.logs import log_dir

LOGGERS = ("facilitator.web", "aiohttp.access", "aiohttp.server", "aiohttp.web", "aiohttp.internal")
_handler: logging.Handler | None = None
_path: Path | None = None


def log_path() -> Path:
    return log_dir() / "serve.log"


def setup() -> Path | None:
    """Route the web loggers into the log file (once per folder); never to stderr."""
    global _handler, _path
    path = log_path()
    if _handler is not None and _path == path:
        return path
    handler: logging.Handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        handler, path = logging.NullHandler(), None
    for name in LOGGERS:
        lg = logging.getLogger(name)
        if _handler is not None:
            lg.removeHandler(_handler)
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
        lg.propagate = False  # nothing reaches the root logger, so nothing prints over a TUI
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    if _handler is not None:
        _handler.close()
    _handler, _path = handler, path
    return path
