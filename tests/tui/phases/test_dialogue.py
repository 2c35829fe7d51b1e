"""The digital flip-over: notes are on disk before the screen says saved."""

from __future__ import annotations

import pytest
from textual.widgets import Input, SelectionList

from facilitator.core.errors import StorageError
from facilitator.storage.sessionfile import load_session
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.factors import FactorsDialog
from facilitator.tui.dialogs.text_edit import TextEditDialog
from tests.tui.phases.harness import PhaseApp, screen_lines, screen_text, sync


@pytest.fixture
def groups(service):
    return [service.add_group("Groep 1"), service.add_group("Groep 2")]


def on_disk(service):
    return load_session(service.path)


async def type_note(pilot, text: str) -> None:
    """Choose to type (i), put the text in the line, Enter saves."""
    field = pilot.app.view.query_one("#dlg-input", Input)
    if pilot.app.focused is not field:
        await pilot.press("i")
    assert pilot.app.focused is field
    field.value = text
    await pilot.press("enter")


@sync
async def test_enter_saves_note_durably_and_clears_input(service, groups):
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_note(pilot, "Huisbezoek helpt")
        assert app.view.query_one("#dlg-input", Input).value == ""
        assert "✓ opgeslagen" in screen_text(app)
        notes = on_disk(service).notes
        assert [(n.text, n.group, n.question, n.phase) for n in notes] == [
            ("Huisbezoek helpt", groups[0].id, "d1", "dialoog")
        ]
        # Next question, next group: the note lands on that sheet.
        await pilot.press("ctrl+down", "ctrl+g")
        assert app.view.room_prompt().startswith("Wat kun je leren")
        await type_note(pilot, "Agenda vooraf")
        last = on_disk(service).notes[-1]
        assert (last.group, last.question) == (groups[1].id, "d2")
        # The first sheet still holds only its own note.
        await pilot.press("ctrl+up", "ctrl+g")
        assert [str(o.prompt) for o in app.view.query_one("#dlg-notes").options] == ["• Huisbezoek helpt"]


@sync
async def test_without_groups_notes_go_to_everyone(service):
    app = PhaseApp(service, "dialogue", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Everyone" in screen_text(app)
        await type_note(pilot, "Plenary note")
        assert on_disk(service).notes[0].group is None


@sync
async def test_not_saved_is_said_plainly(service, groups):
    def refuse(line):  # the journal write fails the way a full disk makes it fail
        service.store.seq -= 1
        raise StorageError("schijf vol")

    service.store._append_locked = refuse  # instance attribute shadows the method
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await type_note(pilot, "Niet kwijtraken")
        text = screen_text(app)
        assert "NIET opgeslagen" in text and "schijf vol" in text
        assert "✓ opgeslagen" not in text
        # Kept in memory (and shown), queued for retry.
        assert service.session.notes[-1].text == "Niet kwijtraken"
        assert service.pending
        assert all(n.text != "Niet kwijtraken" for n in on_disk(service).notes)
        # Once the disk accepts writes again, the next save flushes the queue first.
        del service.store._append_locked
        await type_note(pilot, "Daarna")
        assert "✓ opgeslagen" in screen_text(app)
        assert [n.text for n in on_disk(service).notes] == ["Niet kwijtraken", "Daarna"]


@sync
async def test_edit_delete_tip_and_factors(service, groups):
    service.add_note("dialoog", "Eerst", group=groups[0].id, question="d1")
    service.add_note("dialoog", "Tweede", group=groups[0].id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")  # into the list, on the newest note
        assert isinstance(app.focused, type(app.view.query_one("#dlg-notes")))
        await pilot.press("e")
        assert isinstance(app.screen, TextEditDialog)
        app.screen.query_one(Input).value = "Tweede, bewerkt"
        await pilot.press("enter")
        assert [n.text for n in on_disk(service).notes] == ["Eerst", "Tweede, bewerkt"]
        assert on_disk(service).notes[1].edited is not None

        await pilot.press("t")
        assert on_disk(service).notes[1].tip is True
        assert "★ Tweede, bewerkt" in screen_text(app)
        await pilot.press("t")
        assert on_disk(service).notes[1].tip is False

        await pilot.press("f")
        assert isinstance(app.screen, FactorsDialog)
        sl = app.screen.query_one(SelectionList)
        # the highlighted factor is explained: its description and its quickscan statement
        from facilitator.services import content

        await pilot.press("down")
        await pilot.pause()
        f2 = content.success_factors().factor(2)
        about = str(app.screen.query_one("#factor-about").render())
        assert f2.description.get("nl")[:40] in about and f2.quickscan.get("nl")[:40] in about
        sl.select(7)
        sl.select(3)
        await pilot.press("ctrl+s")
        assert on_disk(service).notes[1].factors == [3, 7]
        assert "[SF 3,7]" in screen_text(app)

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # "no" keeps it
        assert len(on_disk(service).notes) == 2
        await pilot.press("d", "j")
        assert [n.text for n in on_disk(service).notes] == ["Eerst"]


@sync
async def test_markup_and_escapes_render_literally(service, groups):
    hostile = ["[bold red]x[/]", "[link=http://x]y[/link]", "rood \x1b[31mzo\x1b[0m"]
    for text in hostile:
        service.add_note("dialoog", text, group=groups[0].id, question="d1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = "\n".join(screen_lines(app))
        assert "[bold red]x[/]" in lines
        assert "[link=http://x]y[/link]" in lines
        assert "rood ^[[31mzo^[[0m" in lines
        assert "\x1b" not in lines
        # And it stays literal through an edit.
        await pilot.press("down", "e")
        assert app.screen.query_one(Input).value == hostile[2]


@sync
async def test_session_changed_shows_notes_from_another_process(service, groups, library):
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(100, 30)) as pilot:
        other = library.open(str(service.path))  # e.g. a second laptop on the same folder
        other.add_note("dialoog", "Van de andere laptop", group=groups[0].id, question="d1")
        other.close()
        assert service.refresh()  # the run screen does this on its tick...
        app.view.session_changed()  # ...and then tells the view
        await pilot.pause()
        assert "• Van de andere laptop" in screen_text(app)
