"""Issue #13 point 9: every phase returns to where the facilitator was.

One home for all of them: Session.places, per phase key (PhaseView.place/go_to_place, and the
review screen through the same service call). For each view: move, leave the phase, come
back -> the same place; quit and reopen the session -> the same place.
"""

from __future__ import annotations

import pytest

from facilitator.tui.phases.survey_chart import SurveyChart
from tests.tui.helpers import make_app, settle, sync, wait_until


def focused_group(view):
    return getattr(view.app.focused, "group", None)


def highlighted_note(view):
    """The note under the cursor in the focused Plenair column (its text)."""
    option = getattr(view.app.focused, "highlighted_option", None)
    return str(option.prompt.plain) if option is not None else None


def selected_group(view):
    """Oefenen: the talk, and the practice group on the selected row."""
    from textual.widgets import DataTable

    table = view.query_one(DataTable)
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    rnd = next(r for r in view.service.session.rounds if r.id == key)
    return view.talk, rnd.group


#: kind -> (keys that move, where the view is)
MOVES = {
    "intro": (["down", "down"], lambda v: v.points[v.current].id),
    "research": (["right"], lambda v: v.query_one(SurveyChart).topic),
    "dialogue": (["right_square_bracket", "ctrl+g"], lambda v: (v.group.id, v.question.id)),
    "plenary": (["ctrl+down", "ctrl+down", "right", "down"],
                lambda v: (v.q_index, focused_group(v) and focused_group(v).name, highlighted_note(v))),
    # The next talk keeps the group selected (three practice groups: see a_meeting).
    "practice": (["down", "down", "full_stop"], selected_group),
    "evaluation": (["ctrl+down", "ctrl+down"], lambda v: v.question.id),
}


def a_meeting(library):
    from facilitator.services.roleplay.groups import setup_groups

    svc = library.create("Plaats", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur",
                                                  "Gijs", "Hana", "Ids"])
    setup_groups(svc, "pair", 3)
    assert len(svc.session.practice_groups) == 3
    groups = [svc.add_group("Groep 1"), svc.add_group("Groep 2")]
    for g in groups:
        for q in ("d1", "d2", "d3"):
            svc.add_note("dialoog", f"{g.name} over {q}", group=g.id, question=q)
            svc.add_note("dialoog", f"{g.name} ook over {q}", group=g.id, question=q)
    svc.close()  # the clock not started: moving between phases asks nothing


def kind_of(run) -> str:
    return run.service.session.phases[run.view_index].kind


async def go(pilot, run, kind: str):
    run.goto(next(p.key for p in run.service.session.phases if p.kind == kind))
    await wait_until(pilot, lambda: run.view is not None and kind_of(run) == kind and run.view.is_mounted,
                     timeout=10, what=kind)
    await pilot.pause()
    await pilot.pause()


async def the_run_screen(app, pilot):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
    await pilot.pause()
    return app.screen


@pytest.mark.parametrize("kind", list(MOVES))
@sync
async def test_each_phase_returns_to_where_you_were(kind, isolated_dirs, clock, library):
    keys, where = MOVES[kind]
    a_meeting(library)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await the_run_screen(app, pilot)
        await go(pilot, run, kind)
        start = where(run.view)
        await pilot.press(*keys)
        await pilot.pause()
        moved = where(run.view)
        assert moved != start
        # Leave the phase and come back: a fresh view, the same place.
        await go(pilot, run, "intro" if kind != "intro" else "research")
        await go(pilot, run, kind)
        assert where(run.view) == moved
        await app.action_quit()
    # Quit and reopen the session: the same place again.
    again = make_app(isolated_dirs, clock)
    async with again.run_test(size=(120, 40)) as pilot:
        run = await the_run_screen(again, pilot)
        assert kind_of(run) == kind
        await pilot.pause()
        assert where(run.view) == moved


@sync
async def test_the_quickscan_returns_to_its_row(isolated_dirs, clock, library):
    from textual.widgets import DataTable

    from facilitator.tui.screens.quickscan import QuickscanScreen

    fu = a_follow_up_at(library, "quickscan", ["Eerste punt"])

    def row(scan):
        table = scan.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    async def open_the_quickscan(app, pilot):
        return await open_from_its_phase(app, pilot, fu, "quickscan", QuickscanScreen)

    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        scan = await open_the_quickscan(app, pilot)
        assert row(scan) == "f-1"
        await pilot.press("down", "down", "down")
        await pilot.pause()
        moved = row(scan)
        assert moved != "f-1"
        run_screen = app.screen_stack[-2]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run_screen, what="back on the run screen")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickscanScreen), what="the quickscan again")
        await pilot.pause()
        assert row(app.screen) == moved
        await app.action_quit()
    again = make_app(isolated_dirs, clock)
    async with again.run_test(size=(120, 40)) as pilot:
        scan = await open_the_quickscan(again, pilot)
        assert row(scan) == moved


@sync
async def test_the_follow_ups_ervaringen_returns_to_the_person(isolated_dirs, clock, library):
    svc = library.create("Vervolg", agenda="followup", participants=["Anna", "Bram"])
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await the_run_screen(app, pilot)
        assert kind_of(run) == "experiences"
        await pilot.press("ctrl+g", "ctrl+g", "right_square_bracket")
        moved = (run.view.group.name, run.view.question.id if run.view.question else None)
        assert moved[0] == "Bram"
        await go(pilot, run, "quickscan")
        await go(pilot, run, "experiences")
        assert (run.view.group.name, run.view.question.id if run.view.question else None) == moved
        await app.action_quit()
    again = make_app(isolated_dirs, clock)
    async with again.run_test(size=(120, 40)) as pilot:
        run = await the_run_screen(again, pilot)
        assert (run.view.group.name, run.view.question.id if run.view.question else None) == moved


def training(library, title, points):
    svc = library.create(title)
    for text in points:
        svc.add_action_point(text)
    svc.close()
    return svc.session.id


def a_follow_up_at(library, phase: str, points: list[str]):
    """A follow-up of one training with these action points, its clock in `phase`."""
    from facilitator.services.followup.links import create_followup

    fu = create_followup(library, [training(library, "Team A", points)])
    fu.clock_event("start")
    fu.clock_event("goto", phase=phase)
    fu.close()
    return fu


async def open_from_its_phase(app, pilot, fu, phase: str, screen_class):
    """Open the follow-up (its clock in `phase`) and press o: that phase's screen."""
    await settle(app, pilot)
    app.open_session(fu.path)
    await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
    assert kind_of(app.screen) == phase
    await pilot.press("o")
    await wait_until(pilot, lambda: isinstance(app.screen, screen_class), what=phase)
    await pilot.pause()
    return app.screen


@sync
async def test_the_review_returns_to_the_action_point(isolated_dirs, clock, library):
    from facilitator.tui.screens.review import ReviewScreen

    fu = a_follow_up_at(library, "review", ["Eerste punt", "Tweede punt", "Derde punt"])

    async def open_the_review(app, pilot):
        return await open_from_its_phase(app, pilot, fu, "review", ReviewScreen)

    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run_screen = None
        review = await open_the_review(app, pilot)
        run_screen = app.screen_stack[-2]
        assert review.index == 0
        await pilot.press("right", "right")
        assert review.index == 2
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run_screen, what="back on the run screen")
        await pilot.press("o")  # opened again: the same point
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review again")
        assert app.screen.index == 2
        await app.action_quit()
    again = make_app(isolated_dirs, clock)
    async with again.run_test(size=(120, 40)) as pilot:
        review = await open_the_review(again, pilot)
        assert review.index == 2
