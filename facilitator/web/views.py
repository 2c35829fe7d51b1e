"""What the pages may see, built from the session: nothing else leaves the server.

Each function takes the session (and the observer's group) and returns plain
JSON-ready data. Keeping the selection here, away from the handlers, makes the
privacy rules reviewable in one place: the room sees the agenda's public face
(phase title, timer, goal, prompts); a visitor sees its own group's talks, and
of each talk's cards only what its role in that talk allows (`visible_cards`).

Visitors are known by participant id (bound to their token at join time),
never by a name they typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from facilitator.core import clock as core_clock
from facilitator.core.cards import Deck
from facilitator.core.model import PracticeGroup, RolePlayRound, Session
from facilitator.core.rotation import FACILITATOR
from facilitator.core.talk import CATEGORIES, current_talk, talk_clock, talk_offset, talks_in_session
from facilitator.services.roleplay.groups import name_of, talk_minutes
from facilitator.services.roleplay.talk import feedback_editable

DEFAULT_TALK_MINUTES = 5


def roster(session: Session, group: PracticeGroup, lang: str = "nl") -> list[dict[str, str]]:
    """The group's members as the join page offers them: id and name, nothing else."""
    seen: set[str] = set()
    out = []
    for pid in group.members:
        if pid in seen or not (pid == FACILITATOR or any(p.id == pid for p in session.participants)):
            continue
        seen.add(pid)
        out.append({"id": pid, "name": name_of(session, pid, lang)})
    return out


def group_list(session: Session, lang: str = "nl") -> list[dict[str, Any]]:
    return [{"id": g.id, "name": g.name, "mode": g.mode, "members": roster(session, g, lang)}
            for g in session.practice_groups]


def in_roster(session: Session, group: PracticeGroup, pid: str | None) -> bool:
    return bool(pid) and any(m["id"] == pid for m in roster(session, group))


def find_group(session: Session, group_id: str | None) -> PracticeGroup | None:
    return next((g for g in session.practice_groups if g.id == group_id), None)


def group_rounds(session: Session, group_id: str) -> list[RolePlayRound]:
    return sorted((r for r in session.rounds if r.group == group_id), key=lambda r: (r.talk, r.id))


def current_round(rounds: list[RolePlayRound]) -> RolePlayRound | None:
    """The talk a group member follows on the phone.

    A talk under way (running or paused) first; else the next talk as soon as
    its cards are drawn (players read their card before the timer starts);
    else the one that ended last (the feedback slot); else the first talk.
    """
    going = [r for r in rounds if r.started is not None and r.ended is None]
    if going:
        return max(going, key=lambda r: (r.started, r.talk))
    drawn = [r for r in rounds if r.started is None and r.cards]
    if drawn:
        return min(drawn, key=lambda r: (r.talk, r.id))
    started = [r for r in rounds if r.started is not None]
    if started:
        return max(started, key=lambda r: (r.started, r.talk))
    return rounds[0] if rounds else None


def talk_state(rnd: RolePlayRound) -> str:
    if rnd.started is None:
        return "waiting"
    if rnd.ended is not None:
        return "ended"
    if rnd.paused_at is not None:
        return "paused"
    return "running"


def talk_seconds(session: Session, now: datetime) -> int:
    """Minutes per talk from the practice phase (the current one, if it is practice)."""
    practice = [p for p in session.phases if p.kind == "practice"]
    if not practice:
        return DEFAULT_TALK_MINUTES * 60
    chosen = practice[0]
    if len(practice) > 1:
        try:
            state = core_clock.replay(session.phases, session.clock, now)
            here = session.phases[state.current]
            if here.kind == "practice":
                chosen = here
        except core_clock.ClockLogError:
            pass
    return (chosen.talk_minutes or DEFAULT_TALK_MINUTES) * 60


def role_in(rnd: RolePlayRound, pid: str | None) -> str | None:
    """'observer', 'mentor', 'parent', 'pupil', or None (not in this talk)."""
    if not pid:
        return None
    if pid in rnd.observers:
        return "observer"
    for role in ("mentor", "parent", "pupil"):
        if getattr(rnd, role) == pid:
            return role
    return None


def visible_cards(
    rnd: RolePlayRound, deck: Deck | None, viewer: str | None, lang: str
) -> tuple[list[dict[str, str]], str | None]:
    """The round's cards this viewer may read, and why some are withheld.

    Only the talk's observers see all cards. A player sees only the card of
    their own role (the parent card is a secret the mentor must discover);
    anyone else in the group (sitting this talk out) sees none.
    """
    role = role_in(rnd, viewer)
    cards: list[dict[str, str]] = []
    if role is None:
        return cards, "outsider"
    for card_id in rnd.cards:
        card = deck.card(card_id) if deck else None
        if card is None:
            continue
        if role != "observer" and card.role != role:
            continue
        cards.append({
            "role": card.role,
            "title": card.title.get(lang),
            "text": card.render(lang, rnd.situation),
        })
    return cards, (None if role == "observer" else "player")


def talk_view(
    session: Session, rnd: RolePlayRound, deck: Deck | None, viewer: str | None, lang: str, now: datetime
) -> dict[str, Any]:
    cards, withheld = visible_cards(rnd, deck, viewer, lang)
    set_title = None
    if deck is not None and rnd.set is not None:
        set_title = next((s.title.get(lang) for s in deck.sets if s.number == rnd.set), None)
    return {
        "id": rnd.id,
        "talk": rnd.talk,
        "set": rnd.set,
        "set_title": set_title,
        "state": talk_state(rnd),
        "elapsed": talk_offset(rnd, now),
        "limit": talk_seconds(session, now),
        "players": {
            "mentor": name_of(session, rnd.mentor, lang) if rnd.mentor else "",
            "parent": name_of(session, rnd.parent, lang) if rnd.parent else "",
            "pupil": name_of(session, rnd.pupil, lang) if rnd.pupil else "",
            "observers": [name_of(session, p, lang) for p in rnd.observers],
        },
        "role": role_in(rnd, viewer),
        "cards": cards,
        "withheld": withheld,
        # Only an observer of this talk gets its focus: what to look for.
        "focus": focus_of(rnd, deck, lang) if role_in(rnd, viewer) == "observer" else None,
    }


def in_evaluation(session: Session, now: datetime) -> bool:
    """Whether the agenda clock is in an evaluation phase (Evaluatie) now."""
    if not session.phases:
        return False
    try:
        state = core_clock.replay(session.phases, session.clock, now)
    except core_clock.ClockLogError:
        return False
    return state.started is not None and session.phases[state.current].kind == "evaluation"


def evaluation_questions(session: Session, template) -> list[Any]:
    """The helper questions (prompts with a role) of the session's evaluation phases, in order."""
    out = []
    for plan in session.phases:
        if plan.kind != "evaluation" or template is None:
            continue
        phase = template.phase(plan.key)
        out.extend(q for q in (phase.prompts if phase is not None else []) if q.role in EVAL_ROLES)
    return out


EVAL_ROLES = ("mentor", "parent")


def roles_played(rounds: list[RolePlayRound], viewer: str | None, evaluating: bool) -> dict[str, list[int]]:
    """The evaluated roles (mentor, parent) this viewer played, with the talks' numbers.

    A talk counts once it ended; during the evaluation phase also a talk that
    started and was never stopped. A talk still to come never counts.
    """
    out: dict[str, list[int]] = {}
    if not viewer:
        return out
    for rnd in rounds:
        done = rnd.ended is not None or (evaluating and rnd.started is not None)
        if not done:
            continue
        for role in EVAL_ROLES:
            if getattr(rnd, role) == viewer:
                out.setdefault(role, []).append(rnd.talk)
    return out


def evaluation_view(
    session: Session, template, rounds: list[RolePlayRound], viewer: str | None, lang: str, now: datetime,
) -> dict[str, Any] | None:
    """A player's helper questions, for the roles they played, with their own answers (None: nothing yet)."""
    evaluating = in_evaluation(session, now)
    played = roles_played(rounds, viewer, evaluating)
    questions = evaluation_questions(session, template)
    roles = []
    for role in EVAL_ROLES:
        if role not in played:
            continue
        mine = [q for q in questions if q.role == role]
        if not mine:
            continue
        roles.append({
            "role": role,
            "talks": played[role],
            "questions": [{
                "id": q.id,
                "text": q.text.get(lang),
                "answers": [{"id": a.id, "text": a.text, "created": a.created.isoformat()}
                            for a in session.evaluation
                            if a.question == q.id and a.role == role and a.author == viewer],
            } for q in mine],
        })
    if not roles:
        return None
    return {"now": evaluating, "roles": roles}


def evaluation_question(session: Session, template, question: str, role: str):
    """The helper question `question` for `role` in this session's agenda, or None."""
    return next((q for q in evaluation_questions(session, template) if q.id == question and q.role == role), None)


def focus_of(rnd: RolePlayRound, deck: Deck | None, lang: str) -> dict[str, Any] | None:
    """What an observer looks for in this talk: the set's theme and the mentor's goal (the mentor card)."""
    if deck is None or rnd.set is None:
        return None
    theme = next((s.title.get(lang) for s in deck.sets if s.number == rnd.set), None)
    goal = None
    for card_id in rnd.cards:
        card = deck.card(card_id)
        if card is not None and card.role == "mentor":
            goal = card.title.get(lang)
    if theme is None and goal is None:
        return None
    return {"theme": theme, "goal": goal}


def observations_by(rounds: list[RolePlayRound], viewer: str | None, limit: int = 100) -> list[dict[str, Any]]:
    """This observer's own entries in its group, newest first (never anyone else's)."""
    out = []
    for rnd in rounds:
        for obs in rnd.observations:
            if viewer and obs.observer == viewer:
                out.append({
                    "id": obs.id, "talk": rnd.talk, "round": rnd.id, "category": obs.category,
                    "text": obs.text, "offset": obs.offset, "created": obs.created.isoformat(),
                })
    out.sort(key=lambda o: o["created"], reverse=True)
    return out[:limit]


def observer_view(
    session: Session, group: PracticeGroup, deck_of, viewer: str | None, lang: str, now: datetime,
    template=None,
) -> dict[str, Any]:
    rounds = group_rounds(session, group.id)
    current = current_round(rounds)
    return {
        "evaluation": evaluation_view(session, template, rounds, viewer, lang, now),
        "group": {"id": group.id, "name": group.name, "mode": group.mode},
        "current": talk_view(session, current, deck_of(current.deck), viewer, lang, now) if current else None,
        # `open`: a note may be filed here now (observed by this visitor, and under way, done or up next).
        "talks": [{"id": r.id, "talk": r.talk, "state": talk_state(r), "observing": viewer in r.observers,
                   "open": viewer in r.observers and (r.started is not None or r is current)}
                  for r in rounds],
        "mine": observations_by(rounds, viewer),
        "categories": list(CATEGORIES),
        "editable": feedback_editable(session, now),
    }


def room_view(session: Session, template, lang: str, now: datetime) -> dict[str, Any]:
    """The projector's view: phase title, timer, goal and prompts. Nothing else."""
    if not session.phases:
        return {"phase": None}
    try:
        state = core_clock.replay(session.phases, session.clock, now)
    except core_clock.ClockLogError:
        return {"phase": None}
    plan = session.phases[state.current]
    tpl_phase = template.phase(plan.key) if template is not None else None
    nxt = session.phases[state.current + 1] if state.current + 1 < len(session.phases) else None
    if state.ended is not None:
        nxt = None  # nothing comes next after Afronden
    talk = None
    # After Afronden the room sees that the meeting ended, not a talk timer left standing.
    number = current_talk(session) if plan.kind == "practice" and state.ended is None else None
    if number is not None:
        # The same clock as the TUI's room view: the talk timer (services' talk_clock), not the phase's.
        tc = talk_clock(session, number, now, plan.talk_minutes or talk_minutes(session, plan.key))
        talk = {"number": number, "total": talks_in_session(session), "state": tc.state,
                "remaining": tc.remaining, "planned": tc.planned, "since_end": tc.since_end}
    return {
        "talk": talk,
        "phase": {
            "key": plan.key,
            "kind": plan.kind,
            "title": plan.title.get(lang),
            "goal": tpl_phase.goal.get(lang) if tpl_phase else None,
            "prompts": [q.text.get(lang) for q in tpl_phase.prompts] if tpl_phase else [],
            "index": state.current + 1,
            "count": len(session.phases),
        },
        "next": nxt.title.get(lang) if nxt else None,
        "remaining": int(state.phase.remaining.total_seconds()),
        "allotted": int(state.phase.allotted.total_seconds()),
        "running": state.running,
        "started": state.started is not None,
        "finished": state.finished,
        "ended": state.ended.isoformat() if state.ended is not None else None,  # the page shows it in local time
    }


# -- group scribes: the dialogue groups' flip-overs ------------------------------------
MAX_SHEET = 200  # notes shown per sheet on a phone


def dialogue_group_list(session: Session, lang: str = "nl") -> list[dict[str, Any]]:
    """The dialogue groups a scribe may write for, each with its roster (id and name only)."""
    out = []
    for g in session.groups:
        seen: set[str] = set()
        members = []
        for pid in g.members:
            if pid in seen or not any(p.id == pid for p in session.participants):
                continue
            seen.add(pid)
            members.append({"id": pid, "name": name_of(session, pid, lang)})
        out.append({"id": g.id, "name": g.name, "members": members})
    return out


def find_dialogue_group(session: Session, group_id: str | None):
    return next((g for g in session.groups if g.id == group_id), None)


def in_dialogue_roster(session: Session, group, pid: str | None) -> bool:
    return bool(pid) and pid in group.members and any(p.id == pid for p in session.participants)


def dialogue_questions(session: Session, template) -> list[tuple[str, Any]]:
    """(phase key, prompt) for every flip-over question of the agenda's dialogue phases, in order."""
    out = []
    for plan in session.phases:
        if plan.kind != "dialogue" or template is None:
            continue
        phase = template.phase(plan.key)
        for prompt in (phase.prompts if phase is not None else []):
            out.append((plan.key, prompt))
    return out


def current_dialogue_question(session: Session, template, now: datetime) -> str | None:
    """The question on the facilitator's screen in the dialogue phase the clock is in (None outside one)."""
    try:
        state = core_clock.replay(session.phases, session.clock, now)
    except core_clock.ClockLogError:
        return None
    if not session.phases or state.started is None:
        return None
    here = session.phases[state.current]
    if here.kind != "dialogue":
        return None
    mine = [p.id for key, p in dialogue_questions(session, template) if key == here.key]
    # The question on the facilitator's screen: the TUI's Dialoog remembers it per phase
    # in `places` ("group id|question id"); before it moved, the phase's first question.
    _group, _, shown = session.places.get(here.key, "").partition("|")
    if shown in mine:
        return shown
    return mine[0] if mine else None


def flipover_view(session: Session, group, template, viewer: str, lang: str, now: datetime) -> dict[str, Any]:
    """A scribe's page: the group's questions and the notes on its sheet (this group's only)."""
    questions = dialogue_questions(session, template)
    keys = {key for key, _ in questions} | {p.key for p in session.phases if p.kind == "dialogue"}
    notes = [n for n in session.notes if n.group == group.id and n.phase in keys]
    notes.sort(key=lambda n: n.created)
    return {
        "group": {"id": group.id, "name": group.name},
        "questions": [{"id": p.id, "text": p.text.get(lang)} for _, p in questions],
        "suggested": current_dialogue_question(session, template, now),
        "notes": [{"id": n.id, "question": n.question, "text": n.text, "mine": n.author == viewer,
                   "tip": n.tip, "created": n.created.isoformat()} for n in notes[-MAX_SHEET:]],
    }
