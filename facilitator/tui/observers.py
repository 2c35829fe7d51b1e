"""Observers' phones from the running app: the web server in the app's own loop.

The server writes through the app's SessionService (same thread, no second
writer) and tells the run screen after each saved entry, so feedback from a
phone shows at once. aiohttp and the web package are imported only when the
facilitator starts serving: the app's start-up never pays for them.
"""

from __future__ import annotations

from facilitator.core import catalog

from typing import TYPE_CHECKING, Any

from facilitator.tui.messages import SessionChanged

if TYPE_CHECKING:
    from textual.app import App

    from facilitator.web.server import ServeHandle

DEFAULT_PORT = 8737


def printable(text: object) -> str:
    """A name from a phone, with control characters shown escaped (never as terminal codes)."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in str(text))


def join_line(event: dict[str, Any], lang: str) -> str:
    """One line for the facilitator: who joined as whom, and a name now on more than one phone."""
    name, group = printable(event.get("name") or "?"), printable(event.get("group") or "?")
    if event.get("role") == "scribe":
        line = catalog.t("tui.observers.writes_the_flip_over", lang, name=name, group=group)
    else:
        line = catalog.t("tui.observers.joined", lang, name=name, group=group)
    others = event.get("others") or 0
    if others:
        n = others + 1
        line += catalog.t("tui.observers.note_has_now_joined_on_devices", lang, name=name, n=n)
    return line


class ObserverServer:
    """At most one server per app; it lives as long as the open session."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.handle: ServeHandle | None = None
        self.host: str | None = None  # None: the laptop's LAN address (phones must reach it)
        self.port: int = DEFAULT_PORT

    @property
    def running(self) -> bool:
        return self.handle is not None

    async def start(self) -> ServeHandle | None:
        """Start serving the open session; on failure say so in one line and return None."""
        app = self.app
        if self.handle is not None:
            return self.handle
        if app.service is None:
            return None
        from facilitator.core.errors import UserError
        from facilitator.web import server

        host = self.host or server.lan_address()
        lang = app.lang
        try:
            try:
                self.handle = await server.start(app.service, host, self.port, lang, on_change=self._changed)
            except UserError:
                if self.port == 0:
                    raise
                # The usual port is taken (a second app, a `facilitator serve`): any free one will do.
                self.handle = await server.start(app.service, host, 0, lang, on_change=self._changed)
        except UserError as exc:
            app.notify(exc.say(lang), severity="error", markup=False)
            return None
        return self.handle

    async def stop(self) -> None:
        handle, self.handle = self.handle, None
        if handle is not None:
            await handle.stop()

    def _changed(self, event: dict[str, Any]) -> None:
        if event.get("kind") == "guessing":
            # Someone is trying codes; the server already makes every login wait.
            lang = self.app.lang
            self.app.notify(
                catalog.t("tui.observers.someone_is_guessing_the_code_wrong", lang, wrong=event.get('wrong', '?'), addresses=event.get('addresses', '?')),
                severity="warning", timeout=10, markup=False)
            return

        if event.get("kind") == "join":
            # Who joined as whom; a name held by two phones is the signal to look up.
            doubled = bool(event.get("others"))
            self.app.notify(join_line(event, self.app.lang), severity="warning" if doubled else "information",
                            timeout=10 if doubled else 4, markup=False)
            return

        self.app.broadcast(lambda: SessionChanged(event))
