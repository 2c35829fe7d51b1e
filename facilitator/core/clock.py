"""The agenda clock: pure logic over the session's clock log.

Nothing here counts ticks. Every figure is computed from the stored log of
start/pause/resume/next/prev/goto/adjust events and an injected ``now``, so a
reopened session resumes with exactly the right remaining time and a long
meeting shows zero drift.

Afronden writes an "end" event: the clock stops and the meeting counts as
ended at that moment until a "reopen" (a start or resume after an end, from a
hand-edited file, reopens too, so a state is never both running and ended).
Moving between phases after the end keeps it ended: a team fixing a typo in
Dialoog has not restarted the meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Sequence

from facilitator.core.model import ClockEvent, PhasePlan


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class PhaseState:
    key: str
    planned: timedelta  # the template's minutes as stored in the session
    adjusted: timedelta = timedelta()  # sum of +/- adjustments
    elapsed: timedelta = timedelta()  # running time spent in this phase
    first_entered: datetime | None = None
    last_left: datetime | None = None

    @property
    def allotted(self) -> timedelta:
        return max(timedelta(), self.planned + self.adjusted)

    @property
    def remaining(self) -> timedelta:
        return self.allotted - self.elapsed  # negative while overrunning

    @property
    def overrun(self) -> timedelta:
        return max(timedelta(), -self.remaining)


@dataclass
class AgendaState:
    phases: list[PhaseState]
    current: int = 0
    running: bool = False
    started: datetime | None = None  # first start of the meeting
    ended: datetime | None = None  # when Afronden ended it; None while the meeting is open
    now: datetime = field(default_factory=system_clock)

    @property
    def phase(self) -> PhaseState:
        return self.phases[self.current]

    @property
    def planned_total(self) -> timedelta:
        return sum((p.planned for p in self.phases), timedelta())

    @property
    def planned_end(self) -> datetime | None:
        return None if self.started is None else self.started + self.planned_total

    @property
    def projected_end(self) -> datetime:
        """When the meeting ends if every later phase takes its allotted time (the end, once ended)."""
        if self.ended is not None:
            return self.ended
        rest = sum((p.allotted for p in self.phases[self.current + 1 :]), timedelta())
        return self.now + max(timedelta(), self.phase.remaining) + rest

    @property
    def delay(self) -> timedelta:
        """Projected minus planned end (negative: ahead of schedule). Zero before start."""
        if self.planned_end is None:
            return timedelta()
        return self.projected_end - self.planned_end

    @property
    def finished(self) -> bool:
        return self.current == len(self.phases) - 1 and self.phase.remaining <= timedelta()


class ClockLogError(ValueError):
    pass


def _ended_after(ended: datetime | None, action: str, at: datetime) -> datetime | None:
    """The meeting's end after one event: the one rule replay and ended_at share."""
    if action == "end":
        return ended or at  # ended twice (Afronden again to fix a date): the first end stands
    if action in ("reopen", "start", "resume"):
        return None
    return ended


def ended_at(events: Sequence[ClockEvent]) -> datetime | None:
    """When the meeting was ended (Afronden), None while it is open; needs no agenda."""
    ended: datetime | None = None
    for ev in sorted(events, key=lambda e: e.at):
        ended = _ended_after(ended, ev.action, ev.at)
    return ended


def replay(phases: Sequence[PhasePlan], events: Sequence[ClockEvent], now: datetime) -> AgendaState:
    """Fold the clock log into the state at `now`."""
    if not phases:
        raise ClockLogError("the agenda has no phases")
    keys = [p.key for p in phases]
    state = AgendaState(
        phases=[PhaseState(p.key, timedelta(minutes=p.minutes)) for p in phases], now=now
    )
    since: datetime | None = None  # when the running stretch began

    def stop(at: datetime) -> None:
        nonlocal since
        if since is not None:
            state.phase.elapsed += max(timedelta(), at - since)
            since = None

    def enter(index: int, at: datetime) -> None:
        nonlocal since
        stop(at)
        if state.phase.first_entered is not None:
            state.phase.last_left = at
        state.current = index
        if state.running:
            since = at
            if state.phase.first_entered is None:
                state.phase.first_entered = at

    for ev in sorted(events, key=lambda e: e.at):
        at = min(ev.at, now)
        state.ended = _ended_after(state.ended, ev.action, at)
        if ev.action == "start" or ev.action == "resume":
            if not state.running:
                state.running = True
                since = at
                state.started = state.started or at
                state.phase.first_entered = state.phase.first_entered or at
        elif ev.action in ("pause", "end"):
            stop(at)
            state.running = False
        elif ev.action == "next":
            enter(min(state.current + 1, len(phases) - 1), at)
        elif ev.action == "prev":
            enter(max(state.current - 1, 0), at)
        elif ev.action == "goto":
            if ev.phase in keys:
                enter(keys.index(ev.phase), at)
        elif ev.action == "adjust":
            target = keys.index(ev.phase) if ev.phase in keys else state.current
            state.phases[target].adjusted += timedelta(minutes=ev.minutes or 0)
    stop(now)  # count the running stretch up to now; `running` stays as it was
    return state


def suggest_cuts(state: AgendaState, floor: float = 0.5) -> dict[str, int]:
    """Minutes each later phase could give up to absorb the current delay.

    Takes from the longest later phases first, never below `floor` of a
    phase's planned time. Returns {phase key: minutes to remove}; empty when
    on time or nothing can give.
    """
    late = int(state.delay.total_seconds() // 60) if state.delay > timedelta() else 0
    if late <= 0 or state.ended is not None:  # an ended meeting has no later phases to cut
        return {}
    room = {
        p.key: int((p.allotted - p.planned * floor).total_seconds() // 60)
        for p in state.phases[state.current + 1 :]
    }
    cuts: dict[str, int] = {}
    while late > 0:
        key = max(room, key=lambda k: room[k], default=None)
        if key is None or room[key] <= 0:
            break
        cuts[key] = cuts.get(key, 0) + 1
        room[key] -= 1
        late -= 1
    return cuts


def fmt_delta(td: timedelta) -> str:
    """mm:ss (or h:mm:ss), sign dropped; callers colour overruns."""
    total = int(abs(td.total_seconds()))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"

