"""HTTP handlers of the group scribes: a dialogue group's flip-over typed on phones.

A scribe joins like everyone (code, then group and own name), but picks a
dialogue group (`role: "scribe"` in `/api/profile`). Its token is then bound to
that group: it reads that group's sheet (`/api/flipover`) and adds notes to it
(`/api/note`), each its own entry (two scribes of one group never overwrite each
other), saved once per key (second tab, offline queue), answered only after the
fsync. Notes land in the session as the facilitator's own do (group, question,
author = participant id), so the TUI's Dialoog and Plenair show them at once.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from aiohttp import web
from pydantic import ValidationError

from facilitator.core.errors import UserError
from facilitator.services.roleplay.groups import name_of
from facilitator.web import views
from facilitator.web.api import MAX_KEY, lang_of, me, read_json, state_of, text_field, visitor_of
from facilitator.web.auth import Visitor
from facilitator.web.body import ApiError

if TYPE_CHECKING:
    from facilitator.web.state import WebState

log = logging.getLogger("facilitator.web")

MAX_NOTE = 2000  # a flip-over line; the session allows more, a sheet does not need it


def scribe_group(st: "WebState", visitor: Visitor):
    """The scribe's dialogue group (on the worker thread: it reads the session)."""
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")
    if visitor.role != "scribe":
        raise ApiError(403, "wrong_role")
    group = views.find_dialogue_group(st.session, visitor.group)
    if group is None:
        raise ApiError(409, "group_unknown")
    if not views.in_dialogue_roster(st.session, group, visitor.participant):
        raise ApiError(409, "roster_changed")
    return group


async def flipover(request: web.Request) -> web.Response:
    visitor = visitor_of(request)
    st = state_of(request)
    lang = lang_of(request)

    def answer() -> dict[str, Any]:
        st.refresh()
        group = scribe_group(st, visitor)
        view = views.flipover_view(st.session, group, st.template(), visitor.participant, lang, st.service.now())
        view["me"] = me(visitor, st.session, lang)
        return view

    return web.json_response(await st.call(answer))


async def note(request: web.Request) -> web.Response:
    """One flip-over note of the scribe's group for one question: its own entry, saved once per key."""
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    question = text_field(data, "question")
    text = text_field(data, "text").replace("\r\n", "\n").replace("\r", "\n")
    key = text_field(data, "key")[:MAX_KEY]
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")

    def save() -> tuple[int, dict[str, Any], dict[str, Any] | None]:
        st.refresh()
        group = scribe_group(st, visitor)
        if key:
            same = next((n for n in st.session.notes if n.key == key and n.author == visitor.participant), None)
            if same is not None:
                return 200, note_json(same), None
        phase = next((k for k, p in views.dialogue_questions(st.session, st.template()) if p.id == question), None)
        if phase is None:
            raise ApiError(400, "question_unknown")
        if not text.strip():
            raise ApiError(400, "note_missing")
        if len(text) > MAX_NOTE:
            raise ApiError(413, "note_long", length=len(text), max=MAX_NOTE)
        try:
            saved, new = st.service.scribe_note(phase, group.id, question, text, author=visitor.participant,
                                                key=key or None)
        except (ValidationError, UserError) as exc:
            log.info("note refused: %s", exc)
            raise ApiError(400, "bad_request") from None
        event = {"kind": "note", "group": group.name, "question": question, "id": saved.id,
                 "scribe": name_of(st.session, visitor.participant, st.lang), "participant": visitor.participant}
        return (201 if new else 200), note_json(saved), (event if new else None)

    status, body = await st.save_entry(save)
    if status == 503:
        raise ApiError(503, "not_saved")
    return web.json_response({"ok": True, "saved": True, "note": body}, status=status)


def note_json(n) -> dict[str, Any]:
    return {"id": n.id, "question": n.question, "text": n.text, "created": n.created.isoformat()}
