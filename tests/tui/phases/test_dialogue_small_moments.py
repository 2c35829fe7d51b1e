"""Issue #13 point 9 in Dialoog: ↓ from the typing line, the notes' ends, undo of a delete, returning to the
place, question keys that macOS leaves alone, factor numbers and a ✓ visible without colour."""

from __future__ import annotations

from textual.widgets import Input, SelectionList

from facilitator.storage.sessionfile import load_session
from facilitator.tui.dialogs.factors import FactorsDialog
from tests.tui.phases.harness import PhaseApp, screen_lines, screen_text, sync


def on_disk(service):
    return load_session(service.path)


@sync
async def test_down_in_the_typing_line_stays_there_and_up_goes_to_the_notes(service):
    g = service.add_group("Groep 1")
    for text in ("Eerst", "Tweede"):
        service.add_note("dialoog", text, group=g.id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        field = app.view.query_one("#dlg-input", Input)
        assert app.focused is field
        await pilot.press("down")
        assert app.focused is field  # no surprise: still typing
        await pilot.press("up")  # the notes are above the line
        assert app.focused is app.view.query_one("#dlg-notes")


@sync
async def test_the_notes_stop_at_their_ends_down_on_the_last_stays_there(service):
    """A long sheet is walked with the arrows: going round from the last note to the first (or back)
    loses the place. ↓ on the last note stays there, in the notes (not into the typing line, which is
    chosen with i or Enter); ↑ on the first stays there too."""
    g = service.add_group("Groep 1")
    for text in ("Een", "Twee", "Drie"):
        service.add_note("dialoog", text, group=g.id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        notes = app.view.query_one("#dlg-notes")

        def on() -> str:
            return next(n.text for n in service.session.notes if n.id == notes.highlighted_option.id)

        await pilot.press("down")  # into the notes, on the newest
        assert app.focused is notes and on() == "Drie"
        await pilot.press("down", "down")
        assert app.focused is notes and on() == "Drie"
        await pilot.press("up", "up")
        assert on() == "Een"
        await pilot.press("up", "up")
        assert app.focused is notes and on() == "Een"
        await pilot.press("down")
        assert on() == "Twee"


@sync
async def test_u_brings_a_deleted_note_back_in_its_place(service, clock):
    g = service.add_group("Groep 1")
    for text in ("Een", "Twee", "Drie"):
        service.add_note("dialoog", text, group=g.id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "up")  # into the list, on "Twee"
        await pilot.press("d", "j")
        assert [n.text for n in on_disk(service).notes] == ["Een", "Drie"]
        assert "u zet terug" in screen_text(app)
        await pilot.press("escape")  # keys mode: u still works
        await pilot.press("u")
        assert [n.text for n in on_disk(service).notes] == ["Een", "Twee", "Drie"]
        assert "teruggezet" in screen_text(app)
        await pilot.press("u")  # nothing left to undo: nothing happens
        assert len(on_disk(service).notes) == 3
        # After a while the undo is gone (the note stays deleted).
        await pilot.press("down", "d", "j")
        clock.advance(minutes=6)
        await pilot.press("escape", "u")
        assert len(on_disk(service).notes) == 2


@sync
async def test_question_keys_besides_ctrl_arrows_and_the_place_is_remembered(service):
    groups = [service.add_group("Groep 1"), service.add_group("Groep 2")]
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "left_square_bracket")
        assert app.view.question.id == "d2"
        await pilot.press("i", "pagedown")  # while typing too
        assert app.view.question.id == "d3" and app.view.query_one("#dlg-input", Input).value == ""
        await pilot.press("escape", "ctrl+g")
        assert app.view.group.id == groups[1].id
    assert on_disk(service).places["dialoog"] == f"{groups[1].id}|d3"
    again = PhaseApp(service, "dialogue")
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.view.group.id == groups[1].id and again.view.question.id == "d3"


@sync
async def test_factor_numbers_toggle_and_the_choice_shows_without_colour(service):
    g = service.add_group("Groep 1")
    service.add_note("dialoog", "Agenda vooraf", group=g.id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "f")
        assert isinstance(app.screen, FactorsDialog)
        await pilot.press("3", "0", "7", "7")
        assert sorted(app.screen.query_one(SelectionList).selected) == [3, 10]
        lines = [line for line in screen_lines(app) if "✓" in line]
        assert len(lines) == 2 and any(" 3 " in line for line in lines) and any("10 " in line for line in lines)
        await pilot.press("ctrl+s")
        assert on_disk(service).notes[0].factors == [3, 10]
