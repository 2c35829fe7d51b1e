"""Issue #13 point 7: the talk timer is the room's big clock while a practice talk runs,
with the bell when it ends; the action-points screen keeps a small clock in view."""

from __future__ import annotations

from facilitator.tui.screens.actions import ActionPointsScreen
from facilitator.tui.widgets.timer import BigTimer
from tests.tui.helpers import make_app, screen_text, settle, sync, wait_until


async def open_at(app, pilot, kind: str):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None, what="run screen")
    run = app.screen
    run.goto(next(p.key for p in app.service.session.phases if p.kind == kind))
    await wait_until(pilot, lambda: app.service.session.phases[run.state.current].kind == kind
                     and run.view is not None and run.view.plan.kind == kind, what=kind)
    await pilot.pause()
    return run


@sync
async def test_a_running_talk_is_the_big_clock_and_the_bell_rings_at_its_end(isolated_dirs, clock, library):
    library.create("Gesprek", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]).close()
    app = make_app(isolated_dirs, clock)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "practice")
        await pilot.press("2", "d", "t")  # pairs, cards, the talk starts (5 minutes; the phase has 15)
        await wait_until(pilot, lambda: run.view.room_clock() is not None, what="the talk running")
        await pilot.press("r")
        await pilot.pause()
        big = run.query_one("#room-timer", BigTimer)
        assert big._shown[0] == "05:00"
        assert "Oefenen · Gesprek 1 van 3" in screen_text(app) and "Fase nog 15:00" in screen_text(app)
        clock.advance(minutes=2)
        run.view.tick()
        run.tick()
        assert big._shown[0] == "03:00" and rings == []
        clock.advance(minutes=3, seconds=1)
        run.view.tick()
        run.tick()
        assert big._shown[0] == "-00:01" and rings == [1]  # the chime, once
        await pilot.press("r")  # back, end the talk: the phase clock is the big clock again
        await pilot.press("e")
        await pilot.pause()
        assert run.view.room_clock() is None
        await pilot.press("r")
        await pilot.pause()
        assert run.query_one("#room-timer", BigTimer)._shown[0] == "15:00"  # the phase clock (not started)
        assert rings == [1]


@sync
async def test_the_action_points_screen_keeps_a_small_clock_in_view(isolated_dirs, clock, library):
    svc = library.create("Acties", participants=["Anna", "Bram"])
    svc.clock_event("goto", phase=next(p.key for p in svc.session.phases if p.kind == "evaluation"))
    svc.clock_event("start")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at(app, pilot, "evaluation")
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ActionPointsScreen), what="action points")
        assert "⏱ Evaluatie 15:00 · loopt" in screen_text(app)
        clock.advance(minutes=1)
        app.screen.paint_clock()
        await pilot.pause()
        assert "⏱ Evaluatie 14:00 · loopt" in screen_text(app)
