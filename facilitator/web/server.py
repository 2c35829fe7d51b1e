"""The web app, and two ways to run it: inside a running loop, or blocking.

`start()` is a coroutine for callers that already run an asyncio loop (the
Textual app): it binds, serves in the background and returns a handle whose
`stop()` closes every connection. `run()` is the CLI's blocking runner: it
stops on Ctrl+C or SIGTERM.

Nothing here starts a process, and the app never runs a shell. One worker
thread per server does every storage call (refresh, saving an entry) in turn,
so a slow fsync or checkpoint delays that call, never the event loop that
answers every other phone. Requests are short (no long polling, no
websockets); the connection guard (guard.py) closes clients that send too
slowly and caps open connections. Client trouble goes to the log file
(logs.py), never to the facilitator's screen; phones only ever get the
generic translated texts of i18n.py.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from aiohttp import web

from facilitator.core.catalog import DEFAULT, known_language, t
from facilitator.core.errors import UserError, os_reason
from facilitator.core.now import Now, utc_now
from facilitator.services.library import Library
from facilitator.services.session import SessionService
from facilitator.web import logs
from facilitator.web.app import create_app
from facilitator.web.auth import new_code
from facilitator.web.guard import Guard
from facilitator.web.state import WebState

log = logging.getLogger("facilitator.web")
client_log = logging.getLogger("facilitator.web.client")
KEEPALIVE = 15.0  # seconds an idle phone connection may linger

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# -- addresses ----------------------------------------------------------------------------
def lan_address() -> str:
    """This laptop's LAN IPv4 address, found without sending a packet; 127.0.0.1 if none."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
    except OSError:
        return "127.0.0.1"
    found = []
    for info in infos:
        try:
            ip = ipaddress.ip_address(info[4][0])
        except ValueError:
            continue
        if ip.is_loopback or ip.is_link_local or ip.is_unspecified:
            continue
        found.append(ip)
    found.sort(key=lambda ip: (not ip.is_private, str(ip)))
    return str(found[0]) if found else "127.0.0.1"


def url_host(host: str) -> str:
    if host in ("", "0.0.0.0", "::"):
        host = lan_address()
    return f"[{host}]" if ":" in host else host


# -- running -------------------------------------------------------------------------------
@dataclass
class ServeHandle:
    """A running server. `await handle.stop()` closes it (and the service, if ours)."""

    host: str
    port: int
    code: str
    state: WebState
    runner: web.AppRunner
    owns_service: bool
    listener: asyncio.base_events.Server | None = None
    stopped: bool = False

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}/"

    @property
    def room_url(self) -> str:
        return f"{self.url}room"

    @property
    def rate_url(self) -> str:
        """Where any phone that joined rates the success factors and puts dots on tips."""
        return f"{self.url}rate"

    @property
    def visitors(self) -> int:
        return len(self.state.tokens)

    async def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        if self.listener is not None:
            self.listener.close()  # no new connections; runner.cleanup() ends the open ones
        if self.state.guard is not None:
            self.state.guard.close_all()
        await self.runner.cleanup()
        if self.owns_service:
            self.state.service.close()


def open_service(path: Path | str, now: Now = utc_now) -> SessionService:
    path = Path(path)
    if not path.is_file():
        raise UserError(key="error.no_session_file", path=path)
    return Library(path.parent, now=now).open(str(path))


async def start(
    target: SessionService | Path | str,
    host: str = "127.0.0.1",
    port: int = 0,
    lang: str = "nl",
    *,
    code: str | None = None,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    refresh: bool | None = None,
    now: Now = utc_now,
    guard_options: dict[str, Any] | None = None,
    remember: bool = True,
    fresh_code: bool = False,
) -> ServeHandle:
    """Serve `target` (an open service, or a session file we open) on host:port.

    port 0 picks a free port (see handle.port). `refresh` makes every request
    pick up other processes' changes first; it defaults to True when we open
    the session ourselves and False for a service the caller owns (the TUI
    refreshes its own). `on_change` is called after each saved observation.
    `remember` keeps the code and the phones' tokens next to the session, so a
    restart for the same meeting logs nobody out; `fresh_code` draws a new code
    (which ends every remembered token).
    """
    owns = not isinstance(target, SessionService)
    service = open_service(target, now) if owns else target
    known = service.remembered_phones() if remember and not fresh_code and code is None else None
    if known is not None and not (known["code"].isdigit() and len(known["code"]) == 6):
        known = None
    state = WebState(
        service=service, code=code or (known["code"] if known else new_code()),
        remember=remember, lang=known_language(lang) or DEFAULT,
        auto_refresh=owns if refresh is None else refresh, on_change=on_change,
        hosts={h for h in (host, url_host(host).strip("[]")) if h not in ("", "0.0.0.0", "::")},
    )
    if known is not None:
        state.tokens.restore(known["tokens"])
    if remember:
        try:
            service.remember_phones(state.remembered())
        except Exception as exc:  # still serve; phones would only have to re-join after a restart
            log.warning("could not remember the phones: %s", exc)
    state.throttle.on_alert = state.changed  # "someone is guessing the code" reaches the facilitator
    # Our loggers never print into a TUI or over serve's lines: they write the log file.
    logs.setup()
    runner = web.AppRunner(
        create_app(state), access_log=None, handle_signals=False,
        keepalive_timeout=KEEPALIVE, shutdown_timeout=2.0,
    )
    await runner.setup()
    loop = asyncio.get_running_loop()
    state.guard = guard = Guard(runner.server, loop, **(guard_options or {}))
    state.body_timeout = guard.body_timeout
    try:
        listener = await loop.create_server(guard, host, port, reuse_address=True, backlog=128)
    except OSError as exc:
        await runner.cleanup()
        if owns:
            service.close()
        raise UserError(key="error.cannot_listen", host=host, port=port, why=os_reason(exc)) from None
    bound = listener.sockets[0].getsockname()[1] if listener.sockets else port  # port 0: the one we got
    return ServeHandle(host, bound, state.code, state, runner, owns, listener)


class OneLine(logging.Handler):
    """Errors of ours as one line on stderr, at most one per 10 s, pointing at the log file."""

    def __init__(self, lang: str = DEFAULT) -> None:
        super().__init__(logging.ERROR)
        self._last = -1e9
        self.lang = lang  # the terminal's reader's; the record's own words stay as logged

    def emit(self, record: logging.LogRecord) -> None:
        import time

        if record.name.startswith("facilitator.web.client") or time.monotonic() - self._last < 10:
            return
        self._last = time.monotonic()
        try:
            print(t("cli.serve.internal_error", self.lang, message=record.getMessage()[:80], log=logs.log_path()),
                  file=sys.stderr, flush=True)
        except Exception:
            pass


def run(
    path: Path | str, host: str, port: int, lang: str = "nl",
    announce: Callable[[ServeHandle], None] | None = None,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    fresh_code: bool = False,
    ui_lang: str = DEFAULT,
) -> None:
    """Serve until Ctrl+C or SIGTERM, then close every connection and the session.

    ``lang`` is the pages' language; ``ui_lang`` the terminal's, where a bug of ours is reported."""

    async def main() -> None:
        handle = await start(path, host, port, lang, on_change=on_change, fresh_code=fresh_code)
        # A bug of ours (not a client's trouble) gets one line in the terminal; details in the log.
        problems = OneLine(ui_lang)
        log.addHandler(problems)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            if announce:
                announce(handle)
            await stop.wait()
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            await handle.stop()
            log.removeHandler(problems)

    asyncio.run(main())
