"""The aiohttp application: routes, middleware (errors, Host and Origin checks), security headers."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from facilitator.web.auth import COOKIE
from facilitator.web.i18n import negotiate, strings_script

log = logging.getLogger("facilitator.web")
client_log = logging.getLogger("facilitator.web.client")
from facilitator.web import api, evaluation, rates, scribes
from facilitator.web.body import ApiError, ClientGone
from facilitator.web.state import MAX_BODY, STATE, WebState

STATIC = Path(__file__).resolve().parent / "static"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


# -- middleware and app ----------------------------------------------------------------
@web.middleware
async def errors(request: web.Request, handler):
    """Every answer to a phone is a generic translated text: no paths, no tracebacks."""
    try:
        return await handler(request)
    except ApiError as err:
        return api.error_response(request, err)
    except web.HTTPException as exc:
        if request.path.startswith("/api/") and exc.status >= 400:
            key = "not_found" if exc.status in (404, 405) else "bad_request"
            if exc.status == 413:
                return api.error_response(request, ApiError(413, "too_large", max=MAX_BODY // 1024))
            return api.error_response(request, ApiError(exc.status, key))
        raise
    except ClientGone as exc:
        client_log.info("%s %s %s: %s", request.remote, request.method, request.path, exc)
        return api.error_response(request, ApiError(400, "bad_request"))
    except (ConnectionError, HttpProcessingError) as exc:
        # The phone dropped mid-request or sent a broken body: its problem, one line in the log.
        client_log.info("%s %s %s: %s", request.remote, request.method, request.path,
                        type(exc).__name__)
        return api.error_response(request, ApiError(400, "bad_request"))
    except Exception:
        log.exception("error handling %s %s", request.method, request.path)
        return api.error_response(request, ApiError(500, "server_error"))


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
            raise ApiError(421, "wrong_host")
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
            raise ApiError(403, "forbidden_origin")
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


async def strings_js(request: web.Request) -> web.Response:
    """The pages' labels from the catalog, every language (static/i18n.js looks them up)."""
    return web.Response(text=strings_script(), content_type="text/javascript", charset="utf-8")


def create_app(state: WebState) -> web.Application:
    app = web.Application(middlewares=[errors, host_check, same_origin], client_max_size=state.max_body)
    app[STATE] = state

    async def cleanup(_app) -> None:
        state.shutdown()

    app.on_cleanup.append(cleanup)
    app.on_response_prepare.append(security_headers)
    app.router.add_get("/", page("observer.html"))
    app.router.add_get("/room", page("room.html"))
    app.router.add_get("/strings.js", strings_js)
    app.router.add_post("/api/login", api.login)
    app.router.add_get("/api/me", api.whoami)
    app.router.add_post("/api/profile", api.profile)
    app.router.add_get("/api/talk", api.talk)
    app.router.add_post("/api/feedback", api.feedback)
    app.router.add_post("/api/feedback/edit", api.edit_feedback)
    app.router.add_post("/api/feedback/delete", api.delete_feedback)
    app.router.add_post("/api/answer", evaluation.answer)
    app.router.add_get("/api/room", api.room)
    app.router.add_get("/api/flipover", scribes.flipover)
    app.router.add_post("/api/note", scribes.note)
    app.router.add_get("/rate", page("rate.html"))
    rates.add_routes(app)
    app.router.add_static("/static/", STATIC, show_index=False, follow_symlinks=False)
    return app
