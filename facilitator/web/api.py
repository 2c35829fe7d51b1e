"""HTTP handlers: join, profile, the observer's talk, feedback, the room.

Who a visitor is comes from the server, never from a request body: after the
join code the visitor picks a practice group and their own name from that
group's roster (`/api/profile`, once per token); the token is then bound to
that participant id and group. Changing either means entering the code again,
which ends the old token. Cards and feedback rights follow from the id's role
in each talk (see views.visible_cards); feedback is stamped with the id.

Handlers run on the event loop's thread and call the SessionService directly:
in the TUI that is the app's own thread, so the service never sees two
callers at once. A feedback POST answers only after the store fsynced it.
"""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web
from pydantic import ValidationError

from ..errors import UserError
from ..service import talk_offset
from . import views
from ..roleplay import name_of
from .auth import COOKIE, Visitor, check_code
from .i18n import message, negotiate

if TYPE_CHECKING:
    from .server import WebState

log = logging.getLogger("facilitator.web")

STATE: web.AppKey[Any] = web.AppKey("state")
MAX_FEEDBACK = 4000  # a phone note; the session allows more, the form does not need it
MAX_KEY = 64
MAX_AGE = 600  # seconds an entry may have been typed before it was sent


class ApiError(Exception):
    def __init__(self, status: int, key: str, **params: Any):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def state_of(request: web.Request) -> "WebState":
    return request.app[STATE]


def lang_of(request: web.Request) -> str:
    return negotiate(request, state_of(request).lang)


def error_response(request: web.Request, err: ApiError) -> web.Response:
    body = {"error": err.key, "message": message(err.key, lang_of(request), **err.params), **err.params}
    headers = {}
    if "seconds" in err.params:
        headers["Retry-After"] = str(err.params["seconds"])
    return web.json_response(body, status=err.status, headers=headers)


async def read_json(request: web.Request) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise ApiError(415, "bad_request")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, "too_large", max=state_of(request).max_body // 1024) from None
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "bad_request") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request")
    return data


def text_field(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ApiError(400, "bad_request")
    return value


def visitor_of(request: web.Request) -> Visitor:
    visitor = state_of(request).tokens.get(request.cookies.get(COOKIE))
    if visitor is None:
        raise ApiError(401, "login_needed")
    return visitor


def client_of(request: web.Request) -> str:
    return request.remote or "?"


def me(visitor: Visitor, session=None, lang: str = "nl") -> dict[str, Any] | None:
    if visitor.participant is None or visitor.group is None:
        return None
    name = visitor.name or ""
    if session is not None:
        name = name_of(session, visitor.participant, lang)
    return {"participant": visitor.participant, "name": name, "group": visitor.group}


# -- joining -------------------------------------------------------------------
async def login(request: web.Request) -> web.Response:
    st = state_of(request)
    who = client_of(request)
    wait = st.throttle.blocked_for(who)
    if wait:
        raise ApiError(429, "too_many", seconds=wait)
    data = await read_json(request)
    code = text_field(data, "code")
    if not code.strip():
        raise ApiError(400, "code_missing")
    if len(code) > 32 or not check_code(code, st.code):
        st.throttle.fail(who)
        wait = st.throttle.blocked_for(who)
        if wait:
            raise ApiError(429, "too_many", seconds=wait)
        raise ApiError(403, "code_wrong")
    st.throttle.reset(who)
    old = st.tokens.get(request.cookies.get(COOKIE))
    lang = lang_of(request)
    st.refresh()
    if data.get("room") is True and old is not None:
        # The room page re-entering the code must not log out an observer in the same browser.
        return web.json_response({"ok": True, "groups": views.group_list(st.session, lang),
                                  "me": me(old, st.session, lang)})
    # A new join is a new identity: the old token (if any) ends here, so one
    # browser holds one identity and a switch always goes through the code.
    st.tokens.end(old.token if old else None)
    visitor = st.tokens.issue()
    resp = web.json_response({"ok": True, "groups": views.group_list(st.session, lang), "me": None})
    resp.set_cookie(COOKIE, visitor.token, httponly=True, samesite="Strict", path="/")
    return resp


async def whoami(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    st.refresh()
    lang = lang_of(request)
    return web.json_response({"ok": True, "groups": views.group_list(st.session, lang),
                              "me": me(visitor, st.session, lang)})


async def profile(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    group_id = text_field(data, "group")
    pid = text_field(data, "participant")
    if visitor.participant is not None:
        # Bound already: a switch needs the code again (which ends this token).
        raise ApiError(409, "already_joined", name=visitor.name or "?")
    st.refresh()
    group = views.find_group(st.session, group_id)
    if group is None:
        raise ApiError(400, "group_unknown")
    if not pid:
        raise ApiError(400, "participant_missing")
    if not views.in_roster(st.session, group, pid):
        raise ApiError(400, "participant_unknown")
    lang = lang_of(request)
    visitor.participant, visitor.group = pid, group.id
    visitor.name = name_of(st.session, pid, st.lang)
    st.changed({"kind": "join", "participant": pid, "name": visitor.name, "group": group.name,
                "others": st.tokens.holding(pid) - 1})
    return web.json_response({"ok": True, "me": me(visitor, st.session, lang)})


def bound_group(request: web.Request, visitor: Visitor):
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")
    session = state_of(request).session
    group = views.find_group(session, visitor.group)
    if group is None:
        raise ApiError(409, "group_unknown")
    if not views.in_roster(session, group, visitor.participant):
        # The facilitator moved this person to another group: join again.
        raise ApiError(409, "roster_changed")
    return group


# -- the observer's talk ----------------------------------------------------------
async def talk(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    st.refresh()
    group = bound_group(request, visitor)
    lang = lang_of(request)
    view = views.observer_view(st.session, group, st.deck, visitor.participant, lang, st.service.now())
    view["me"] = me(visitor, st.session, lang)
    return web.json_response(view)


async def feedback(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    st.refresh()
    group = bound_group(request, visitor)
    round_id = text_field(data, "round")
    category = text_field(data, "category")
    text = text_field(data, "text").replace("\r\n", "\n").replace("\r", "\n")
    key = text_field(data, "key")[:MAX_KEY]
    age = data.get("age", 0)
    if not isinstance(age, (int, float)) or isinstance(age, bool) or age != age:
        raise ApiError(400, "bad_request")
    rnd = next((r for r in views.group_rounds(st.session, group.id) if r.id == round_id), None)
    if rnd is None:
        raise ApiError(403, "talk_unknown")
    if visitor.participant not in rnd.observers:
        raise ApiError(403, "not_observer", talk=rnd.talk)
    if category not in views.CATEGORIES:
        raise ApiError(400, "category_unknown")
    if not text.strip():
        raise ApiError(400, "text_missing")
    if len(text) > MAX_FEEDBACK:
        raise ApiError(413, "text_long", length=len(text), max=MAX_FEEDBACK)
    if key and key in visitor.sent:
        # A resend of an entry we already have (the phone lost our answer).
        obs_id = visitor.sent[key]
        obs = next((o for o in rnd.observations if o.id == obs_id), None)
        if obs is not None:
            if not st.service.saved and not st.service.flush():
                raise ApiError(503, "not_saved", why=st.service.last_error or "?")
            return web.json_response({"ok": True, "saved": True, "observation": obs_json(rnd, obs)})
    # Stamp the moment the observer started typing (what they saw), not the moment
    # they pressed save; the age is clamped, so a client can only move its own stamp back a little.
    seen = st.service.now() - timedelta(seconds=min(max(float(age), 0.0), MAX_AGE))
    offset = talk_offset(rnd, max(seen, rnd.started)) if rnd.started else 0
    try:
        # Stamped with the token's participant id: whatever name the body carries is ignored.
        obs = st.service.add_observation(rnd.id, visitor.participant, category, text, offset=offset)
    except (ValidationError, UserError) as exc:
        log.info("feedback refused: %s", exc)
        raise ApiError(400, "bad_request") from None
    if key:
        visitor.sent[key] = obs.id
        if len(visitor.sent) > 1000:  # a resend only ever concerns the last few entries
            visitor.sent.pop(next(iter(visitor.sent)))
    st.changed({"kind": "observation", "round": rnd.id, "group": group.name, "talk": rnd.talk,
                "observer": name_of(st.session, obs.observer, st.lang), "participant": obs.observer,
                "id": obs.id})
    if not st.service.saved:
        # In memory and queued; the service retries. Say so rather than "saved".
        raise ApiError(503, "not_saved", why=st.service.last_error or "?")
    return web.json_response({"ok": True, "saved": True, "observation": obs_json(rnd, obs)}, status=201)


def obs_json(rnd, obs) -> dict[str, Any]:
    return {"id": obs.id, "talk": rnd.talk, "round": rnd.id, "category": obs.category,
            "text": obs.text, "offset": obs.offset, "created": obs.created.isoformat()}


# -- the room display --------------------------------------------------------------
async def room(request: web.Request) -> web.Response:
    visitor_of(request)
    st = state_of(request)
    st.refresh()
    return web.json_response(
        views.room_view(st.session, st.template(), lang_of(request), st.service.now())
    )
