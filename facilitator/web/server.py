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
import queue
import signal
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from facilitator.core.cards import Deck
from facilitator.core.errors import UserError
from facilitator.core.now import Now, utc_now
from facilitator.services.session import SessionService
from facilitator.storage import content, phones
from facilitator.storage.store import SessionStore
from facilitator.web import api, logs
from facilitator.web.api import STATE
from facilitator.web.auth import COOKIE, Throttle, Tokens, new_code
from facilitator.web.guard import BODY_TIMEOUT, Guard
from facilitator.web.i18n import negotiate

log = logging.getLogger("facilitator.web")
client_log = logging.getLogger("facilitator.web.client")
STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 32 * 1024
KEEPALIVE = 15.0  # seconds an idle phone connection may linger

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@dataclass
class WebState:
    service: SessionService
    code: str
    lang: str = "nl"
    auto_refresh: bool = True
    on_change: Callable[[dict[str, Any]], None] | None = None
    tokens: Tokens = field(default_factory=Tokens)
    throttle: Throttle = field(default_factory=Throttle)
    max_body: int = MAX_BODY
    body_timeout: float = BODY_TIMEOUT
    # Host names (besides localhost and the address a request came in on) that
    # pages may be asked for by: the address we announced.
    hosts: set[str] = field(default_factory=set)
    guard: Guard | None = None
    # The session file whose phones we remember (code + tokens, storage/phones.py); None: memory only.
    remember: Path | None = None
    _pool: "queue.SimpleQueue | None" = None  # the worker's queue of calls
    _worker: threading.Thread | None = None
    _jobs_lock: threading.Lock = field(default_factory=threading.Lock)
    _decks: dict[str, Deck] | None = None
    _templates: dict[str, Any] = field(default_factory=dict)

    @property
    def session(self):
        return self.service.session

    def refresh(self) -> None:
        # Only when we own the service: in the TUI the app polls refresh() itself
        # and must see what other processes changed (we would swallow it).
        if self.auto_refresh:
            self.service.refresh()

    async def call(self, fn: Callable[..., Any], *args: Any, after: Callable[[Any], Any] | None = None) -> Any:
        """Run `fn` (anything touching the service) on this server's one worker thread.

        Group commit: the worker takes every call queued meanwhile and runs them
        in one ``service.batch()``, so their saves share ONE fsync. A call's
        result is handed back only after that batch ended (was written, or
        refused); `after(result)` then runs on the worker to decide what to
        answer (``service.saved`` is the truth by then).
        """
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        with self._jobs_lock:
            if self._pool is None:
                self._pool = queue.SimpleQueue()
                self._worker = threading.Thread(target=self._work, args=(self._pool,),
                                                name="facilitator-web", daemon=True)
                self._worker.start()
            self._pool.put((fn, args, after, fut, loop))
        return await fut

    def _work(self, jobs: "queue.SimpleQueue") -> None:
        while True:
            batch = [jobs.get()]
            while batch[-1] is not None:  # drain what queued up during the last fsync
                try:
                    batch.append(jobs.get_nowait())
                except queue.Empty:
                    break
            stop = batch[-1] is None
            batch = [job for job in batch if job is not None]
            results: list[tuple[bool, Any]] = []
            try:
                with self.service.batch():
                    for fn, args, _after, _fut, _loop in batch:
                        try:
                            results.append((True, fn(*args)))
                        except BaseException as exc:  # handed to the waiting request
                            results.append((False, exc))
            except Exception:  # never leave a request waiting: `after` sees "not saved"
                log.exception("saving a batch failed")
            for (_fn, _args, after, fut, loop), (ok, value) in zip(batch, results):
                if ok and after is not None:
                    try:
                        value = after(value)
                    except BaseException as exc:
                        ok, value = False, exc
                try:
                    loop.call_soon_threadsafe(_settle, fut, ok, value)
                except RuntimeError:
                    pass  # the loop is closed: nobody is waiting any more
            if stop:
                return

    def shutdown(self) -> None:
        """Let queued saves finish, then end the worker thread."""
        with self._jobs_lock:
            jobs, self._pool = self._pool, None
            worker, self._worker = self._worker, None
        if jobs is not None:
            jobs.put(None)
        if worker is not None and worker is not threading.current_thread():
            worker.join()

    def remembered(self) -> dict[str, Any]:
        return {"version": 1, "code": self.code, "tokens": self.tokens.snapshot()}

    async def persist(self) -> None:
        """Write the code and the tokens next to the session (on the worker: it fsyncs)."""
        if self.remember is None:
            return
        data, path = self.remembered(), self.remember

        def write() -> None:
            try:
                phones.save(path, data)
            except Exception as exc:  # a join must not fail because the file could not be written
                log.warning("could not remember the phones: %s", exc)

        await self.call(write)

    def deck(self, name: str) -> Deck | None:
        if self._decks is None:
            self._decks = dict(content.load_decks().decks)
        return self._decks.get(name)

    def template(self):
        name = self.session.agenda
        if name not in self._templates:
            try:
                self._templates[name] = content.template(name)
            except UserError:
                self._templates[name] = None  # a removed user template: titles only
        return self._templates[name]

    def changed(self, event: dict[str, Any]) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(event)
        except Exception:  # a listener's bug must not turn a saved entry into an error
            log.exception("on_change listener failed")


def _settle(fut: asyncio.Future, ok: bool, value: Any) -> None:
    if fut.cancelled():
        return
    if ok:
        fut.set_result(value)
    else:
        fut.set_exception(value)


# -- middleware and app ----------------------------------------------------------------
@web.middleware
async def errors(request: web.Request, handler):
    """Every answer to a phone is a generic translated text: no paths, no tracebacks."""
    try:
        return await handler(request)
    except api.ApiError as err:
        return api.error_response(request, err)
    except web.HTTPException as exc:
        if request.path.startswith("/api/") and exc.status >= 400:
            key = "not_found" if exc.status in (404, 405) else "bad_request"
            if exc.status == 413:
                return api.error_response(request, api.ApiError(413, "too_large", max=MAX_BODY // 1024))
            return api.error_response(request, api.ApiError(exc.status, key))
        raise
    except api.ClientGone as exc:
        client_log.info("%s %s %s: %s", request.remote, request.method, request.path, exc)
        return api.error_response(request, api.ApiError(400, "bad_request"))
    except (ConnectionError, HttpProcessingError) as exc:
        # The phone dropped mid-request or sent a broken body: its problem, one line in the log.
        client_log.info("%s %s %s: %s", request.remote, request.method, request.path,
                        type(exc).__name__)
        return api.error_response(request, api.ApiError(400, "bad_request"))
    except Exception:
        log.exception("error handling %s %s", request.method, request.path)
        return api.error_response(request, api.ApiError(500, "server_error"))


def host_allowed(request: web.Request) -> bool:
    """Host must name this server: localhost, the address it was reached on, or the announced one.

    A page on another site that a DNS trick points at our address (rebinding)
    sends its own name as Host and is refused."""
    host = request.headers.get("Host", "")
    if host.startswith("["):
        name, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif host.count(":") == 1:
        name, port = host.split(":")
    else:
        name, port = host, ""
    name = name.lower().rstrip(".")
    sock = request.transport.get_extra_info("sockname") if request.transport else None
    local = sock[0] if isinstance(sock, tuple) else None
    if port and isinstance(sock, tuple) and port != str(sock[1]):
        return False
    allowed = {"localhost", "127.0.0.1", "::1"} | {h.lower().strip("[]") for h in request.app[STATE].hosts}
    if local:
        allowed.add(local.lower())
    return bool(name) and name in allowed


@web.middleware
async def host_check(request: web.Request, handler):
    st = request.app[STATE]
    conn = st.guard.conn_of(request.transport) if st.guard else None
    if conn is not None:
        # A joined phone's request is never closed to make room for strangers.
        conn.request_started(st.tokens.get(request.cookies.get(COOKIE)) is not None)
    try:
        if not host_allowed(request):
            client_log.info("%s refused: Host %r", request.remote, request.headers.get("Host", "")[:100])
            raise api.ApiError(421, "wrong_host")
        return await handler(request)
    finally:
        if conn is not None:
            conn.request_done()


@web.middleware
async def same_origin(request: web.Request, handler):
    """Writes must come from our own pages: SameSite cookies plus an Origin check."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        origin = request.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.host:
            raise api.ApiError(403, "forbidden_origin")
    return await handler(request)


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "no-referrer")
    h.setdefault("X-Frame-Options", "DENY")
    h.setdefault("Cache-Control", "no-store" if request.path.startswith("/api/") else "no-cache")


def page(name: str):
    """An HTML shell with <html lang> set from the cookie or Accept-Language."""
    raw = (STATIC / name).read_text(encoding="utf-8")

    async def handler(request: web.Request) -> web.Response:
        lang = negotiate(request, request.app[STATE].lang)
        html = raw.replace('<html lang="nl">', f'<html lang="{lang}">', 1)
        return web.Response(text=html, content_type="text/html", charset="utf-8")

    return handler


def create_app(state: WebState) -> web.Application:
    app = web.Application(middlewares=[errors, host_check, same_origin], client_max_size=state.max_body)
    app[STATE] = state

    async def cleanup(_app) -> None:
        state.shutdown()

    app.on_cleanup.append(cleanup)
    app.on_response_prepare.append(security_headers)
    app.router.add_get("/", page("observer.html"))
    app.router.add_get("/room", page("room.html"))
    app.router.add_post("/api/login", api.login)
    app.router.add_get("/api/me", api.whoami)
    app.router.add_post("/api/profile", api.profile)
    app.router.add_get("/api/talk", api.talk)
    app.router.add_post("/api/feedback", api.feedback)
    app.router.add_post("/api/feedback/edit", api.edit_feedback)
    app.router.add_post("/api/feedback/delete", api.delete_feedback)
    app.router.add_get("/api/room", api.room)
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
    return app


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
        raise UserError(f"{path}: no such session file")
    store = SessionStore(path)
    store.open()
    return SessionService(store, now=now)


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
    known = phones.load(service.path) if remember and not fresh_code and code is None else None
    if known is not None and not (known["code"].isdigit() and len(known["code"]) == 6):
        known = None
    state = WebState(
        service=service, code=code or (known["code"] if known else new_code()),
        remember=service.path if remember else None, lang=lang if lang in ("nl", "en") else "nl",
        auto_refresh=owns if refresh is None else refresh, on_change=on_change,
        hosts={h for h in (host, url_host(host).strip("[]")) if h not in ("", "0.0.0.0", "::")},
    )
    if known is not None:
        state.tokens.restore(known["tokens"])
    if remember:
        try:
            phones.save(service.path, state.remembered())
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
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound = listener.sockets[0].getsockname()[1] if listener.sockets else port  # port 0: the one we got
    return ServeHandle(host, bound, state.code, state, runner, owns, listener)


class OneLine(logging.Handler):
    """Errors of ours as one line on stderr, at most one per 10 s, pointing at the log file."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self._last = -1e9

    def emit(self, record: logging.LogRecord) -> None:
        import time

        if record.name.startswith("facilitator.web.client") or time.monotonic() - self._last < 10:
            return
        self._last = time.monotonic()
        try:
            print(f"serve: internal error ({record.getMessage()[:80]}); details in {logs.log_path()}",
                  file=sys.stderr, flush=True)
        except Exception:
            pass


def run(
    path: Path | str, host: str, port: int, lang: str = "nl",
    announce: Callable[[ServeHandle], None] | None = None,
    on_change: Callable[[dict[str, Any]], None] | None = None,
    fresh_code: bool = False,
) -> None:
    """Serve until Ctrl+C or SIGTERM, then close every connection and the session."""

    async def main() -> None:
        handle = await start(path, host, port, lang, on_change=on_change, fresh_code=fresh_code)
        # A bug of ours (not a client's trouble) gets one line in the terminal; details in the log.
        problems = OneLine()
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
