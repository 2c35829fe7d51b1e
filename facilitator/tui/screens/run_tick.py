"""What the run screen's 1 s tick may skip: a cached clock replay and the strip's inputs.

The tick used to replay the clock log, render the agenda strip and recompute
the cut suggestions every second, changed or not. These helpers let it do that
work only when an input changed:

- ``AgendaCache`` replays the clock log once per (clock log, phases, second);
- ``strip_key`` names everything the agenda strip and the cut suggestions are
  drawn from, so an unchanged key means an unchanged strip.
"""

from __future__ import annotations

from datetime import timedelta, tzinfo
from typing import Any

from facilitator.core.clock import AgendaState, replay


def log_key(session: Any) -> tuple:
    """Cheap identity of the clock log and the phase plan: changes when either does."""
    clock = session.clock
    last = clock[-1] if clock else None
    return (
        id(session), id(clock), len(clock),
        None if last is None else (last.id, last.at),
        tuple((p.key, p.minutes) for p in session.phases),
    )


class AgendaCache:
    """``replay`` of the clock log, at most once per clock log and second."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.state: AgendaState | None = None
        self.replays = 0  # for tests: how often the log was really replayed

    def get(self, session: Any, now: Any) -> AgendaState:
        key = (log_key(session), now.replace(microsecond=0))
        if key != self.key or self.state is None:
            self.state = replay(session.phases, session.clock, now)
            self.key = key
            self.replays += 1
        return self.state

    def clear(self) -> None:
        self.key = None
        self.state = None


def strip_key(state: AgendaState, session: Any, lang: str, tz: tzinfo | None, width: int, generation: int) -> tuple:
    """All the agenda strip and the cut suggestions depend on.

    Between clock events only the current phase's elapsed minutes, whether it
    is over time, and the wall-clock minute (planned/projected end, delay) move;
    everything else is fixed by the clock log and the plan. `generation` is
    bumped by the screen whenever the session changed in any other way.
    """
    phase = state.phase
    return (
        generation, log_key(session), lang, tz, width,
        state.current, state.running, state.started,
        int(phase.elapsed.total_seconds() // 60), phase.overrun > timedelta(),
        state.now.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
    )
