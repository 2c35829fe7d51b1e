"""The agenda clock is computed from the stored log, so it cannot drift."""

from __future__ import annotations

from datetime import timedelta

from facilitator.core import clock as core_clock
from facilitator.core.model import ClockEvent, PhasePlan
from facilitator.core.text import LText
from tests.conftest import FakeClock


def plans(*minutes: int) -> list[PhasePlan]:
    return [
        PhasePlan(key=f"p{i}", kind="generic", title=LText(nl=f"Fase {i}", en=f"Phase {i}"), minutes=m)
        for i, m in enumerate(minutes)
    ]


def test_ninety_simulated_minutes_with_pauses_and_adjustments_have_zero_drift():
    clock = FakeClock()
    phases = plans(5, 4, 20, 10, 15, 15, 21)  # 90 minutes planned
    log: list[ClockEvent] = []

    def ev(action, **kw):
        log.append(ClockEvent(id=f"c{len(log)}", at=clock(), action=action, **kw))

    start = clock()
    ev("start")
    running = timedelta()
    paused = timedelta()
    # Walk the meeting second by second with pauses and +/- minutes; check every 7 s.
    schedule = {300: "next", 540: "next", 600: "pause", 660: "resume", 1800: "adjust+",
                1830: "adjust-", 1900: "adjust+", 1950: "next", 2600: "pause", 2900: "resume",
                3100: "next", 4000: "next", 4900: "next"}
    state = None
    was_running = True
    for second in range(1, 90 * 60 + 1):
        clock.advance(seconds=1)
        # The second that just passed ran at the state before this second's key.
        if was_running:
            running += timedelta(seconds=1)
        else:
            paused += timedelta(seconds=1)
        action = schedule.get(second)
        if action == "adjust+":
            ev("adjust", minutes=1)
        elif action == "adjust-":
            ev("adjust", minutes=-1)
        elif action:
            ev(action)
        state = core_clock.replay(phases, log, clock())
        was_running = state.running
        if second % 7 == 0:
            total_elapsed = sum((p.elapsed for p in state.phases), timedelta())
            assert total_elapsed == running
            assert state.now - start == running + paused
    assert state is not None
    assert state.current == 6
    assert state.phases[2].adjusted == timedelta(minutes=1)
    # Planned end ignores pauses; projected end = now + what is left of the plan.
    assert state.planned_end == start + timedelta(minutes=90)
    spent = sum((p.elapsed for p in state.phases), timedelta())
    assert spent == running


def test_remaining_overrun_and_projected_end():
    clock = FakeClock()
    phases = plans(5, 10, 10)
    log = [ClockEvent(id="a", at=clock(), action="start")]
    clock.advance(minutes=7)
    state = core_clock.replay(phases, log, clock())
    assert state.phase.remaining == timedelta(minutes=-2)
    assert state.phase.overrun == timedelta(minutes=2)
    assert state.delay == timedelta(minutes=2)
    cuts = core_clock.suggest_cuts(state)
    assert sum(cuts.values()) == 2 and set(cuts) <= {"p1", "p2"}
    for key, minutes in cuts.items():
        log.append(ClockEvent(id=f"adj-{key}", at=clock(), action="adjust", phase=key, minutes=-minutes))
    assert core_clock.replay(phases, log, clock()).delay == timedelta()


def test_cuts_never_take_a_phase_below_half():
    clock = FakeClock()
    phases = plans(5, 4)
    log = [ClockEvent(id="a", at=clock(), action="start")]
    clock.advance(minutes=30)
    state = core_clock.replay(phases, log, clock())
    assert core_clock.suggest_cuts(state) == {"p1": 2}


def test_pause_stops_time_and_goto_and_prev_resume_a_phase():
    clock = FakeClock()
    phases = plans(5, 10)
    log = [ClockEvent(id="a", at=clock(), action="start")]
    clock.advance(minutes=2)
    log.append(ClockEvent(id="b", at=clock(), action="pause"))
    clock.advance(minutes=30)
    state = core_clock.replay(phases, log, clock())
    assert not state.running and state.phase.remaining == timedelta(minutes=3)
    log.append(ClockEvent(id="c", at=clock(), action="resume"))
    log.append(ClockEvent(id="d", at=clock(), action="goto", phase="p1"))
    clock.advance(minutes=1)
    log.append(ClockEvent(id="e", at=clock(), action="prev"))
    clock.advance(seconds=30)
    state = core_clock.replay(phases, log, clock())
    assert state.current == 0
    assert state.phases[0].elapsed == timedelta(minutes=2, seconds=30)
    assert state.phases[1].elapsed == timedelta(minutes=1)


def test_fmt_delta():
    assert core_clock.fmt_delta(timedelta(seconds=65)) == "01:05"
    assert core_clock.fmt_delta(timedelta(seconds=-65)) == "01:05"
    assert core_clock.fmt_delta(timedelta(hours=1, seconds=5)) == "1:00:05"


def test_an_ended_meeting_stays_stopped_and_ended_until_it_is_reopened():
    clock = FakeClock()
    phases = plans(5, 10)
    log = [ClockEvent(id="a", at=clock(), action="start")]
    clock.advance(minutes=7)
    log.append(ClockEvent(id="b", at=clock(), action="next"))
    clock.advance(minutes=3)
    end = clock()
    log.append(ClockEvent(id="c", at=end, action="end"))
    clock.advance(minutes=45)
    state = core_clock.replay(phases, log, clock())
    assert not state.running and state.ended == end == core_clock.ended_at(log)
    assert state.phases[1].elapsed == timedelta(minutes=3)  # the time stopped at the end
    # No prediction, no cuts: the end is the end, however late it was.
    assert state.projected_end == end and core_clock.suggest_cuts(state) == {}
    # Moving between phases (a typo fixed in an earlier phase) keeps it ended; Afronden again keeps the first end.
    log.append(ClockEvent(id="d", at=clock(), action="prev"))
    log.append(ClockEvent(id="e", at=clock(), action="end"))
    state = core_clock.replay(phases, log, clock())
    assert state.current == 0 and state.ended == end and not state.running
    # Reopening clears the end; the clock waits for space.
    log.append(ClockEvent(id="f", at=clock(), action="reopen"))
    state = core_clock.replay(phases, log, clock())
    assert state.ended is None and not state.running and core_clock.ended_at(log) is None


def test_a_start_after_an_end_reopens_so_a_clock_is_never_both_running_and_ended():
    clock = FakeClock()
    log = [ClockEvent(id="a", at=clock(), action="start"), ClockEvent(id="b", at=clock(), action="end")]
    clock.advance(minutes=1)
    log.append(ClockEvent(id="c", at=clock(), action="resume"))
    clock.advance(minutes=1)
    state = core_clock.replay(plans(5), log, clock())
    assert state.running and state.ended is None and state.phase.elapsed == timedelta(minutes=1)
