"""Issue #13 point 8: moving between phases never types into a field.

Arriving in a phase leaves the keyboard in keys mode ("toetsen"); a field takes
letters only after the facilitator chose to type (i or Enter), Esc leaves it,
and the key bar always says which mode the keyboard is in.
"""

from __future__ import annotations

from textual.widgets import Input

from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, settle, sync, wait_until


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


def phase_kind(app) -> str:
    run = app.screen
    return app.service.session.phases[run.state.current].kind


def everything_typed(app) -> list[str]:
    session = app.service.session
    return [n.text for n in session.notes] + [a.text for a in session.evaluation] + [
        field.value for field in app.screen.query(Input)]


async def open_at(app, pilot, kind: str):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: app.service is not None and getattr(app.screen, "view", None) is not None,
                     what="the run screen")
    run = app.screen
    run.goto(next(p.key for p in app.service.session.phases if p.kind == kind))
    await wait_until(pilot, lambda: phase_kind(app) == kind and run.view is not None and
                     type(run.view).__name__.lower().startswith(kind[:4]), what=kind)
    await pilot.pause()
    return run


@sync
async def test_p_three_times_from_evaluation_goes_back_three_phases_and_types_nothing(
        isolated_dirs, clock, library):
    library.create("Terug", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "evaluation")
        start = run.state.current
        assert not isinstance(app.focused, Input)
        assert " toetsen " in bar(app)
        for _ in range(3):
            await pilot.press("p")
            await pilot.pause()
        assert run.state.current == start - 3
        assert phase_kind(app) == "dialogue"
        assert not any("p" in text for text in everything_typed(app))
        assert not isinstance(app.focused, Input) and " toetsen " in bar(app)


@sync
async def test_evaluation_types_only_after_i_and_esc_returns_to_keys(isolated_dirs, clock, library):
    library.create("Evaluatie", participants=["Anna", "Bram"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "evaluation")
        assert app.focused is run.view and " toetsen " in bar(app)
        await pilot.press("enter")  # Enter also chooses to type
        await pilot.pause()
        field = run.view.query_one("#ev-input", Input)
        assert app.focused is field and " typen " in bar(app)
        await pilot.press(*"pn", "enter")
        assert [a.text for a in app.service.session.evaluation] == ["pn"]
        assert app.focused is field  # still typing: the next answer follows
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is run.view and " toetsen " in bar(app)
        await pilot.press("p")  # now a key again: back one phase
        await wait_until(pilot, lambda: phase_kind(app) != "evaluation", what="the previous phase")
        assert [a.text for a in app.service.session.evaluation] == ["pn"]


@sync
async def test_dialogue_arrives_in_keys_mode_and_the_bar_says_so(isolated_dirs, clock, library):
    library.create("Dialoog", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "dialogue")
        assert app.focused is run.view and " keys " in bar(app)
        await pilot.press("n")  # a key, not a letter: on to the next phase
        await wait_until(pilot, lambda: phase_kind(app) != "dialogue", what="the next phase")
        assert app.service.session.notes == []
        await pilot.press("p")
        await wait_until(pilot, lambda: phase_kind(app) == "dialogue", what="dialogue again")
        await pilot.pause()
        await pilot.press("i", *"note")
        assert " typing " in bar(app)
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert [n.text for n in app.service.session.notes] == ["note"]
        assert " keys " in bar(app)
