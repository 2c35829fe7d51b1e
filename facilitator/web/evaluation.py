"""HTTP handler of the evaluation helper questions on the players' phones.

After a talk ended (or, during the Evaluatie phase, once it started) a player
sees the helper questions of the role they played in it, from the session's
agenda template (views.evaluation_view, in `/api/talk`); each answer is posted
here and saved with the named operation `add_answer`, stamped with the token's
participant id and saved once per idempotency key (a second tab, a lost answer).
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from facilitator.core.errors import UserError
from facilitator.web import views
from facilitator.web.api import (
    MAX_FEEDBACK,
    MAX_KEY,
    bound_group,
    me,
    read_json,
    state_of,
    text_field,
    visitor_of,
)
from facilitator.web.body import ApiError

log = logging.getLogger("facilitator.web")


async def answer(request: web.Request) -> web.Response:
    """A player's answer to an evaluation helper question, for a role they played; saved once per key."""
    visitor = visitor_of(request)
    st = state_of(request)
    data = await read_json(request)
    question = text_field(data, "question")
    role = text_field(data, "role")
    text = text_field(data, "text").replace("\r\n", "\n").replace("\r", "\n")
    key = text_field(data, "key")[:MAX_KEY]
    if me(visitor) is None:
        raise ApiError(401, "profile_needed")

    def save() -> tuple[int, dict[str, Any], dict[str, Any] | None]:
        st.refresh()
        group = bound_group(st, visitor)
        session = st.session
        if key:  # a resend (second tab, lost answer): the answer already stored
            same = next((a for a in session.evaluation if a.key == key and a.author == visitor.participant), None)
            if same is not None:
                return 200, answer_json(same), None
        rounds = views.group_rounds(session, group.id)
        played = views.roles_played(rounds, visitor.participant, views.in_evaluation(session, st.service.now()))
        if role not in played:
            raise ApiError(403, "not_played")
        if views.evaluation_question(session, st.template(), question, role) is None:
            raise ApiError(400, "eval_question_unknown")
        if not text.strip():
            raise ApiError(400, "answer_missing")
        if len(text) > MAX_FEEDBACK:
            raise ApiError(413, "text_long", length=len(text), max=MAX_FEEDBACK)
        before = {a.id for a in session.evaluation}
        try:
            # The author is the token's participant id, never a name from the body.
            saved = st.service.add_answer(question, role, text, author=visitor.participant, key=key or None)
        except (ValidationError, UserError) as exc:
            log.info("answer refused: %s", exc)
            raise ApiError(400, "bad_request") from None
        if saved.id in before:  # another tab or server saved this key first: that answer is the answer
            return 200, answer_json(saved), None
        event = {"kind": "answer", "question": question, "role": role, "group": group.name,
                 "participant": visitor.participant, "id": saved.id}
        return 201, answer_json(saved), event

    status, body = await st.save_entry(save)
    if status == 503:
        raise ApiError(503, "not_saved")
    return web.json_response({"ok": True, "saved": True, "answer": body}, status=status)


def answer_json(a) -> dict[str, Any]:
    return {"id": a.id, "question": a.question, "role": a.role, "text": a.text, "created": a.created.isoformat()}
