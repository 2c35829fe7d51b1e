"""Action points: add/edit through the form, reorder, delete with confirmation."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App
from textual.widgets import Input, SelectionList

from facilitator.core.dates import parse_optional_date as parse_due
from facilitator.storage.sessionfile import load_session
from facilitator.tui.dialogs.action_form import ActionForm
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.screens.actions import ActionPointsScreen
from tests.tui.phases.harness import screen_text, sync


class ActionsApp(App):
    def __init__(self, service, lang="nl"):
        super().__init__()
        self.service, self.lang = service, lang

    def on_mount(self) -> None:
        self.push_screen(ActionPointsScreen(self.service, self.lang))


def texts(service):
    return [a.text for a in load_session(service.path).action_points]


@pytest.fixture
def planned(service):
    service.set_details(next_talks=date(2027, 1, 15))
    return service


@sync
async def test_add_with_default_due_and_factors(planned):
    app = ActionsApp(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Nog geen actiepunten" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ActionForm)
        form = app.screen
        assert form.query_one("#af-due", Input).value == "15-01-2027"  # the next round of talks
        form.query_one("#af-text", Input).value = "Agenda vooraf [b]mailen[/b]"
        form.query_one("#af-owner", Input).value = "Anna"
        form.query_one(SelectionList).select(5)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActionPointsScreen)
        (ap,) = load_session(planned.path).action_points
        assert (ap.text, ap.owner, ap.due, ap.factors) == (
            "Agenda vooraf [b]mailen[/b]", "Anna", date(2027, 1, 15), [5])
        assert "Agenda vooraf [b]mailen[/b] | Anna | 15-01-2027 | 5" in screen_text(app)


@sync
async def test_form_refuses_empty_text_and_bad_date(planned):
    app = ActionsApp(planned, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActionForm)
        assert "Fill in what you will do." in screen_text(app)
        app.screen.query_one("#af-text", Input).value = "Try it"
        app.screen.query_one("#af-due", Input).value = "31-02-2027"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ActionForm)
        assert "Not a valid date" in screen_text(app)
        await pilot.press("escape")
        assert texts(planned) == []


@sync
async def test_edit_reorder_delete(planned):
    for text in ("Eerste", "Tweede", "Derde"):
        planned.add_action_point(text)
    app = ActionsApp(planned)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("#af-text", Input).value = "Eerste, scherper"
        app.screen.query_one("#af-due", Input).value = "1-2-2027"
        await pilot.press("ctrl+s")
        first = load_session(planned.path).action_points[0]
        assert (first.text, first.due) == ("Eerste, scherper", date(2027, 2, 1))

        await pilot.press("J")  # move down
        assert texts(planned) == ["Tweede", "Eerste, scherper", "Derde"]
        await pilot.press("shift+down")
        assert texts(planned) == ["Tweede", "Derde", "Eerste, scherper"]
        await pilot.press("shift+down")  # already last: nothing changes
        await pilot.press("K")
        assert texts(planned) == ["Tweede", "Eerste, scherper", "Derde"]

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert len(texts(planned)) == 3
        await pilot.press("d", "j")
        assert texts(planned) == ["Tweede", "Derde"]
        assert "verwijderd" in screen_text(app)


def test_parse_due():
    assert parse_due("") is None
    assert parse_due("2027-01-15") == date(2027, 1, 15)
    assert parse_due("15-1-2027") == parse_due("15/01/2027") == parse_due("15.01.2027") == date(2027, 1, 15)
    with pytest.raises(ValueError):
        parse_due("morgen")
