"""The talk timer (shared by all groups of one talk) and the observers' feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from facilitator.core import clock as core_clock
from facilitator.core.model import Observation, Session
from facilitator.core.talk import CATEGORIES, rounds_for_talk, talks_in_session
from facilitator.services.roleplay.groups import _err, group_of, name_of, round_of
from facilitator.services.session import SessionService


def _timer_update(service: SessionService, talk: int, **fields) -> None:
    for rnd in rounds_for_talk(service.session, talk):
        service.update_round(rnd.id, **fields)


def start_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is None:
            service.update_round(rnd.id, started=now, ended=None, paused_at=None, paused_seconds=0)


def pause_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is not None and rnd.paused_at is None and rnd.ended is None:
            service.update_round(rnd.id, paused_at=now)


def resume_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.paused_at is not None and rnd.ended is None:
            extra = (now - rnd.paused_at).total_seconds()
            service.update_round(rnd.id, paused_at=None, paused_seconds=rnd.paused_seconds + extra)


def end_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is not None and rnd.ended is None:
            fields: dict = {"ended": now}
            if rnd.paused_at is not None:
                # Ending while paused: the pause is not talk time.
                fields["ended"] = rnd.paused_at
            service.update_round(rnd.id, **fields)


def feedback_editable(session: Session, now: datetime) -> bool:
    """Observers may change or take back their own entries until the evaluation phase starts."""
    evaluation = [i for i, p in enumerate(session.phases) if p.kind == "evaluation"]
    if not evaluation:
        return True
    try:
        state = core_clock.replay(session.phases, session.clock, now)
    except core_clock.ClockLogError:
        return True
    return state.started is None or state.current < evaluation[0]


# -- observer feedback -------------------------------------------------------------
def add_feedback(
    service: SessionService, round_id: str, observer: str, category: str, text: str,
) -> Observation:
    """One observation, stamped with the running talk time (pauses excluded)."""
    if category not in CATEGORIES:
        raise _err("services.roleplay.talk.unknown_feedback_category_use", category=category, choices=', '.join(CATEGORIES))
    text = text.strip()
    if not text:
        raise _err("services.roleplay.talk.empty_feedback")
    round_of(service.session, round_id)
    return service.add_observation(round_id, observer, category, text)


@dataclass(frozen=True)
class TalkFeedback:
    """Observer feedback of one group's talk, for the Evaluatie phase and the PDF."""

    talk: int
    group: str
    mentor: str
    observations: tuple[Observation, ...]


def feedback_by_talk(session: Session, lang: str = "nl") -> list[TalkFeedback]:
    """Every round with feedback, by talk then group; observations in offset order."""
    out = []
    for talk in range(1, talks_in_session(session) + 1):
        for rnd in rounds_for_talk(session, talk):
            if not rnd.observations:
                continue
            group = group_of(session, rnd.group)
            out.append(TalkFeedback(
                talk, group.name if group else rnd.group, name_of(session, rnd.mentor, lang),
                tuple(sorted(rnd.observations, key=lambda o: (o.offset, o.created))),
            ))
    return out
