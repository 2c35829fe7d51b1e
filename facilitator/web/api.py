"""HTTP handlers: join, profile, the observer's talk, feedback, the room.

Who a visitor is comes from the server, never from a request body: after the
join code the visitor picks a practice group and their own name from that
group's roster (`/api/profile`, once per token); the token is then bound to
that participant id and group. Changing either means entering the code again,
which ends the old token. Cards and feedback rights follow from the id's role
in each talk (see views.visible_cards); feedback is stamped with the id.

Handlers parse on the event loop's thread and hand everything that touches
the SessionService (refresh, reading the session, saving) to the server's one
worker thread (`WebState.call`), so a slow fsync never stalls the loop and
the web side never calls the service from two threads. Visitor tokens and
the listeners (`changed`) stay on the loop's thread. A feedback POST answers
only after the store fsynced it.
"""

from __future__ import annotations

import asyncio
import logging
import math
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web
from pydantic import ValidationError

from facilitator.core.errors import UserError
from facilitator.core.talk import CATEGORIES, talk_offset
from facilitator.services.roleplay.groups import name_of
from facilitator.services.roleplay.talk import feedback_editable
from facilitator.web import views
from facilitator.web.auth import COOKIE, TokensFull, Visitor, check_code
from facilitator.web.body import ApiError, ClientGone, parse_json
from facilitator.web.i18n import message, negotiate
from facilitator.web.state import STATE

if TYPE_CHECKING:
    from facilitator.web.state import WebState

log = logging.getLogger("facilitator.web")

MAX_FEEDBACK = 4000  # a phone note; the session allows more, the form does not need it
MAX_KEY = 64
MAX_AGE = 600  # seconds an entry may have been typed before it was sent


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
    st = state_of(request)
    try:
        async with asyncio.timeout(st.body_timeout):
            raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, "too_large", max=st.max_body // 1024) from None
    except TimeoutError:
        # Half a body and then silence (slow-loris): close the connection, free the slot.
        conn = st.guard.conn_of(request.transport) if st.guard else None
        if conn is not None:
            conn.cut("body too slow")
        elif request.transport is not None:
            request.transport.abort()
        raise ClientGone("body too slow") from None
    return parse_json(raw)


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
    return {"participant": visitor.participant, "name": name, "group": visitor.group, "role": visitor.role}


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
    wait = st.throttle.blocked_for(who)  # others may have guessed while this body arrived
    if wait:
        raise ApiError(429, "too_many", seconds=wait)
    if len(code) > 32 or not check_code(code, st.code):
        st.throttle.fail(who)
        wait = st.throttle.blocked_for(who)
        if wait:
            raise ApiError(429, "too_many", seconds=wait)
        raise ApiError(403, "code_wrong")
    st.throttle.reset(who)
    old = st.tokens.get(request.cookies.get(COOKIE))
    lang = lang_of(request)

    def groups() -> tuple[list, list, Any]:
        st.refresh()
        return (views.group_list(st.session, lang), views.dialogue_group_list(st.session, lang),
                (me(old, st.session, lang) if old else None))

    group_list, dialogue_list, old_me = await st.call(groups)
    if data.get("room") is True and old is not None:
        # The room page re-entering the code must not log out an observer in the same browser.
        return web.json_response({"ok": True, "groups": group_list, "dialogue_groups": dialogue_list,
                                  "me": old_me})
    # A new join is a new identity: the old token (if any) ends here, so one
    # browser holds one identity and a switch always goes through the code.
    st.tokens.end(old.token if old else None)
    try:
        visitor = st.tokens.issue(who)
    except TokensFull:
        raise ApiError(503, "busy") from None
    await st.persist()  # a restart of serve or the app keeps this phone joined
    resp = web.json_response({"ok": True, "groups": group_list, "dialogue_groups": dialogue_list, "me": None})
    # A year: the token is ended by a new code, not by the browser closing.
    resp.set_cookie(COOKIE, visitor.token, httponly=True, samesite="Strict", path="/", max_age=365 * 86400)
    return resp


async def whoami(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    lang = lang_of(request)

    def answer() -> dict[str, Any]:
        st.refresh()
        return {"ok": True, "groups": views.group_list(st.session, lang),
                "dialogue_groups": views.dialogue_group_list(st.session, lang),
                "me": me(visitor, st.session, lang)}

    return web.json_response(await st.call(answer))


async def profile(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    group_id = text_field(data, "group")
    pid = text_field(data, "participant")
    role = data.get("role", "practice")
    if role not in ("practice", "scribe"):
        raise ApiError(400, "bad_request")
    if visitor.participant is not None:
        # Bound already: a switch needs the code again (which ends this token).
        raise ApiError(409, "already_joined", name=visitor.name or "?")
    lang = lang_of(request)

    def check() -> tuple[Any, str, dict[str, Any]]:
        st.refresh()
        if role == "scribe":  # a dialogue group's scribe: that group's roster
            group = views.find_dialogue_group(st.session, group_id)
            known = group is not None and views.in_dialogue_roster(st.session, group, pid)
        else:
            group = views.find_group(st.session, group_id)
            known = group is not None and views.in_roster(st.session, group, pid)
        if group is None:
            raise ApiError(400, "group_unknown")
        if not pid:
            raise ApiError(400, "participant_missing")
        if not known:
            raise ApiError(400, "participant_unknown")
        shown = {"participant": pid, "name": name_of(st.session, pid, lang), "group": group.id, "role": role}
        return group, name_of(st.session, pid, st.lang), shown

    group, name, shown = await st.call(check)
    if visitor.participant is not None or st.tokens.get(visitor.token) is None:
        raise ApiError(409, "already_joined", name=visitor.name or "?")  # a parallel request won
    visitor.participant, visitor.group, visitor.name, visitor.role = pid, group.id, name, role
    await st.persist()
    others = st.tokens.holding(pid) - 1
    # The facilitator sees who joined as whom, and a name now held by more than one phone.
    st.changed({"kind": "join", "participant": pid, "name": name, "group": group.name,
                "others": others, "doubled": others > 0, "role": role})
    return web.json_response({"ok": True, "me": shown})


def bound_group(st: "WebState", visitor: Visitor):
    """The visitor's group (call on the worker thread: it reads the session)."""
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")
    if visitor.role != "practice":
        raise ApiError(403, "wrong_role")
    session = st.session
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
    lang = lang_of(request)

    def answer() -> dict[str, Any]:
        st.refresh()
        group = bound_group(st, visitor)
        view = views.observer_view(st.session, group, st.deck, visitor.participant, lang, st.service.now(), st.template())
        view["me"] = me(visitor, st.session, lang)
        return view

    return web.json_response(await st.call(answer))


def _age(data: dict[str, Any]) -> float:
    age = data.get("age", 0)
    if not isinstance(age, (int, float)) or isinstance(age, bool):
        raise ApiError(400, "bad_request")
    try:
        age = float(age)  # a 5000-digit int overflows here
    except OverflowError:
        raise ApiError(400, "bad_request") from None
    if not math.isfinite(age):
        raise ApiError(400, "bad_request")
    return min(max(age, 0.0), MAX_AGE)


async def feedback(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    round_id = text_field(data, "round")
    category = text_field(data, "category")
    text = text_field(data, "text").replace("\r\n", "\n").replace("\r", "\n")
    key = text_field(data, "key")[:MAX_KEY]
    age = _age(data)
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")

    def save() -> tuple[int, dict[str, Any], dict[str, Any] | None]:
        st.refresh()
        group = bound_group(st, visitor)
        rounds = views.group_rounds(st.session, group.id)
        rnd = next((r for r in rounds if r.id == round_id), None)
        if rnd is None:
            raise ApiError(403, "talk_unknown")
        if visitor.participant not in rnd.observers:
            raise ApiError(403, "not_observer", talk=rnd.talk)
        if key:
            # The key is stored with the entry: a second tab, a lost answer or the offline
            # queue after a restart of the laptop all find it and never save it twice.
            for other in rounds:
                obs = next((o for o in other.observations
                            if o.key == key and o.observer == visitor.participant), None)
                if obs is not None:
                    return 200, obs_json(other, obs), None
        if rnd.started is None and rnd is not views.current_round(rounds):
            # A talk still to come: nothing to give feedback on yet (never file it there).
            raise ApiError(409, "talk_not_yet", talk=rnd.talk)
        if category not in CATEGORIES:
            raise ApiError(400, "category_unknown")
        if not text.strip():
            raise ApiError(400, "text_missing")
        if len(text) > MAX_FEEDBACK:
            raise ApiError(413, "text_long", length=len(text), max=MAX_FEEDBACK)
        # Stamp the moment the observer started typing (what they saw), not the moment
        # they pressed save; the age is clamped, so a client can only move its own stamp back a little.
        seen = st.service.now() - timedelta(seconds=age)
        offset = talk_offset(rnd, max(seen, rnd.started)) if rnd.started else 0
        try:
            # Stamped with the token's participant id: whatever name the body carries is ignored.
            obs, added = st.service.record_observation(rnd.id, visitor.participant, category, text,
                                                       offset, key or None)
        except (ValidationError, UserError) as exc:
            log.info("feedback refused: %s", exc)
            raise ApiError(400, "bad_request") from None
        if not added:  # another tab or server saved this key first: that entry is the answer
            return 200, obs_json(rnd, obs), None
        event = {"kind": "observation", "round": rnd.id, "group": group.name, "talk": rnd.talk,
                 "observer": name_of(st.session, obs.observer, st.lang), "participant": obs.observer,
                 "id": obs.id}
        return 201, obs_json(rnd, obs), event

    status, obs = await st.save_entry(save)
    if status == 503:
        # In memory and queued; the service retries. Say so rather than "saved".
        raise ApiError(503, "not_saved")
    return web.json_response({"ok": True, "saved": True, "observation": obs}, status=status)


async def _own_entry(request: web.Request, change) -> web.Response:
    """Edit or delete one of the visitor's own entries, until the evaluation starts."""
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    round_id, obs_id = text_field(data, "round"), text_field(data, "id")
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")

    def apply() -> dict[str, Any] | None:
        st.refresh()
        group = bound_group(st, visitor)
        rnd = next((r for r in views.group_rounds(st.session, group.id) if r.id == round_id), None)
        if rnd is None:
            raise ApiError(403, "talk_unknown")
        obs = next((o for o in rnd.observations if o.id == obs_id), None)
        if obs is not None and obs.observer != visitor.participant:
            raise ApiError(403, "entry_unknown")  # never someone else's (and never say whose)
        if not feedback_editable(st.session, st.service.now()):
            raise ApiError(409, "evaluation_started")
        return change(st, rnd, obs, data)

    def acknowledged(result):
        if not st.service.saved and not st.service.flush():
            log.warning("not saved yet: %s", st.service.last_error)
            raise ApiError(503, "not_saved")
        return result

    result = await st.call(apply, after=acknowledged)
    return web.json_response({"ok": True, "saved": True, "observation": result})


def _edit(st: "WebState", rnd, obs, data: dict[str, Any]) -> dict[str, Any]:
    category = text_field(data, "category")
    text = text_field(data, "text").replace("\r\n", "\n").replace("\r", "\n")
    if obs is None:
        raise ApiError(404, "entry_unknown")
    if category not in CATEGORIES:
        raise ApiError(400, "category_unknown")
    if not text.strip():
        raise ApiError(400, "text_missing")
    if len(text) > MAX_FEEDBACK:
        raise ApiError(413, "text_long", length=len(text), max=MAX_FEEDBACK)
    if obs.text != text or obs.category != category:
        st.service.edit_observation(rnd.id, obs.id, text=text, category=category)
    obs = next(o for o in rnd_now(st, rnd.id).observations if o.id == obs.id)
    return obs_json(rnd, obs)


def _delete(st: "WebState", rnd, obs, data: dict[str, Any]) -> None:
    if obs is not None:  # already gone (a second tab, a resend): nothing to do, same answer
        st.service.delete_observation(rnd.id, obs.id)
    return None


def rnd_now(st: "WebState", round_id: str):
    return next(r for r in st.session.rounds if r.id == round_id)


async def edit_feedback(request: web.Request) -> web.Response:
    return await _own_entry(request, _edit)


async def delete_feedback(request: web.Request) -> web.Response:
    return await _own_entry(request, _delete)


def obs_json(rnd, obs) -> dict[str, Any]:
    return {"id": obs.id, "talk": rnd.talk, "round": rnd.id, "category": obs.category,
            "text": obs.text, "offset": obs.offset, "created": obs.created.isoformat()}


# -- the room display --------------------------------------------------------------
async def room(request: web.Request) -> web.Response:
    visitor_of(request)
    st = state_of(request)
    lang = lang_of(request)

    def answer() -> dict[str, Any]:
        st.refresh()
        return views.room_view(st.session, st.template(), lang, st.service.now())

    return web.json_response(await st.call(answer))
