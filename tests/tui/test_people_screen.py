"""Issue #13 point 3: people and groups change at any moment, from the run screen (g) or the palette."""

from __future__ import annotations

import random

from textual.widgets import DataTable, Input

from facilitator.core.talk import rounds_for_talk
from facilitator.services import people
from facilitator.services.roleplay import groups as practice
from facilitator.tui.dialogs.choice import ChoiceDialog
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.text_edit import TextEditDialog
from facilitator.tui.screens.people import PeopleScreen
from tests.tui.helpers import make_app, screen_text, settle, sync, wait_until


def make_session(library):
    svc = library.create("Mensen", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur", "Gijs"])
    svc.rng = random.Random(4)
    people.propose_dialogue_groups(svc)
    practice.setup_groups(svc, "pair", 3, facilitator_fills=False)
    first = rounds_for_talk(svc.session, 1)
    for r in first:
        svc.update_round(r.id, started=svc.now())
    held = {r.id: (r.mentor, r.parent, tuple(r.observers)) for r in first}
    svc.clock_event("start")
    svc.close()
    return held


async def open_run(app, pilot):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None, what="run screen")
    return app.screen


def row_of(screen, name):
    table = screen.query_one(DataTable)
    ids = [p.id for p in screen.service.session.participants]
    pid = next(p.id for p in screen.service.session.participants if p.name == name)
    table.move_cursor(row=ids.index(pid))
    return pid


@sync
async def test_late_arrival_absentee_move_rename_and_regroup(isolated_dirs, clock, library):
    held = make_session(library)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_run(app, pilot)
        assert "g Deelnemers" in screen_text(app) or run.active_bindings["g"].binding.description == "Deelnemers"
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, PeopleScreen), what="people screen")
        screen = app.screen
        assert "7 aanwezig van 7" in screen_text(app)

        # A late arrival.
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, TextEditDialog), what="name dialog")
        app.screen.query_one(Input).value = "Hanna"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen, what="back on the people screen")
        session = app.service.session
        hanna = next(p for p in session.participants if p.name == "Hanna")
        assert people.dialogue_group_of(session, hanna.id) is not None
        assert any(hanna.id in (r.mentor, r.parent, *r.observers) for r in session.rounds if r.started is None)
        assert "Hanna doet mee." in screen_text(app)

        # Anna leaves: absent, never deleted; talk 1 (held) keeps her.
        anna = row_of(screen, "Anna")
        await pilot.press("x")
        await wait_until(pilot, lambda: "afwezig" in screen_text(app), what="absent shown")
        session = app.service.session
        assert next(p for p in session.participants if p.id == anna).absent
        assert "✗ afwezig" in screen_text(app)  # readable without colour
        for r in session.rounds:
            if r.id in held:
                assert (r.mentor, r.parent, tuple(r.observers)) == held[r.id]
            elif r.started is None:
                assert anna not in (r.mentor, r.parent, r.pupil, *r.observers)

        # Bram to another dialogue group.
        bram = row_of(screen, "Bram")
        before = people.dialogue_group_of(session, bram)
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), what="group choice")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        after = people.dialogue_group_of(app.service.session, bram)
        assert after is not None and after.id != before.id

        # Rename Bram's group.
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, TextEditDialog))
        app.screen.query_one(Input).value = "Tafel bij het raam"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Tafel bij het raam" in screen_text(app), what="renamed group")

        # Bram to another practice group: the talks to come include him there.
        target = next(g for g in app.service.session.practice_groups if bram not in g.members)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        ids = [g.id for g in app.service.session.practice_groups]
        app.screen.query_one("OptionList").highlighted = ids.index(target.id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        assert people.practice_group_of(app.service.session, bram).id == target.id

        # Regroup: Anna (absent) is in no new dialogue group, everyone else is.
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("j")
        await wait_until(pilot, lambda: app.screen is screen)
        session = app.service.session
        grouped = [m for g in session.groups for m in g.members]
        assert anna not in grouped and sorted(grouped) == sorted(p.id for p in session.participants if not p.absent)

        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")
    assert len(app.service.session.participants) == 8  # nobody deleted


@sync
async def test_the_palette_reaches_people_and_the_room_view_hides_it(isolated_dirs, clock, library):
    make_session(library)
    app = make_app(isolated_dirs, clock, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_run(app, pilot)
        names = [c[0] for c in run.palette_commands()]
        assert "People and groups" in names
        await pilot.press("r")
        assert run.check_action("people", ()) is False  # not offered in the room view, not even greyed out
        await pilot.press("r")
        await pilot.press("g")
        await wait_until(pilot, lambda: isinstance(app.screen, PeopleScreen))
        assert "People and groups" in screen_text(app) and "Late arrival" in screen_text(app)
