"""A practice talk: its clock, its offset, the talks of a session, the kinds of feedback on it.

One home for the talk's state, read alike by the laptop's room view, the
phones' pages and the room page on the projector, so the room never sees two
different clocks. Pure: the session and a moment in, plain values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from facilitator.core.model import RolePlayRound, Session

#: The kinds of feedback an observer gives on a talk (labels: the catalog, by these keys).
CATEGORIES = ("perspective", "helpful", "hindering", "differently", "free")

MAX_TALK_OFFSET = 24 * 3600  # the model's bound on an observation's offset

TalkState = Literal["ready", "running", "paused", "ended"]


def fmt_mmss(seconds: float) -> str:
    """Talk time as mm:ss (never negative: a talk cannot have run for less than nothing)."""
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


def talk_offset(rnd: RolePlayRound, now: datetime) -> int:
    """Whole seconds of running talk time at `now` (pauses excluded).

    Clamped to the model's bound: a talk left running overnight (or a clock
    that jumped) must never turn an observer's late note into a refused save.
    """
    if rnd.started is None:
        return 0
    end = rnd.ended or rnd.paused_at or now
    seconds = int((end - rnd.started).total_seconds() - rnd.paused_seconds)
    return min(MAX_TALK_OFFSET, max(0, seconds))


def talks_in_session(session: Session) -> int:
    return max((r.talk for r in session.rounds), default=0)


def rounds_for_talk(session: Session, talk: int) -> list[RolePlayRound]:
    """The rounds of talk `talk`, in the order of the practice groups."""
    order = {g.id: i for i, g in enumerate(session.practice_groups)}
    rounds = [r for r in session.rounds if r.talk == talk]
    return sorted(rounds, key=lambda r: order.get(r.group, len(order)))


@dataclass(frozen=True)
class TalkClock:
    state: TalkState
    elapsed: int
    planned: int
    #: Seconds since the talk ended: the feedback slot.
    since_end: int = 0

    @property
    def remaining(self) -> int:
        return self.planned - self.elapsed


def talk_clock(session: Session, talk: int, now: datetime, minutes: int) -> TalkClock:
    """The one clock of talk `talk` (all groups talk at the same time)."""
    rounds = [r for r in rounds_for_talk(session, talk) if r.started is not None]
    planned = minutes * 60
    if not rounds:
        return TalkClock("ready", 0, planned)
    rnd = min(rounds, key=lambda r: r.started)
    elapsed = talk_offset(rnd, now)
    if rnd.ended is not None:
        return TalkClock("ended", elapsed, planned, max(0, int((now - rnd.ended).total_seconds())))
    return TalkClock("paused" if rnd.paused_at is not None else "running", elapsed, planned)


def current_talk(session: Session) -> int | None:
    """The talk the room is on: the first one not ended yet (where the practice view resumes)."""
    total = talks_in_session(session)
    for talk in range(1, total + 1):
        rounds = rounds_for_talk(session, talk)
        if rounds and any(r.ended is None for r in rounds):
            return talk
    return total or None
