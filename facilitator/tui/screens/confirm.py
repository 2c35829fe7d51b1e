"""A yes/no question as a typed modal: dismisses with True (yes) or False (no)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..phases._shared import literal, localize_bindings, t


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [
        Binding("y,j", "answer(True)", "Ja", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Nee", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", *, lang: str = "nl") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.lang = lang
        localize_bindings(self, lang, {"answer(True)": "Yes", "answer(False)": "No"})

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question), classes="question")
            if self.detail:
                yield Static(literal(self.detail), classes="detail")
            with Horizontal():
                yield Button(t(self.lang, "Nee (n)", "No (n)"), id="no")
                yield Button(t(self.lang, "Ja (j)", "Yes (y)"), id="yes", variant="error")

    def on_mount(self) -> None:
        # Focus "no": a stray Enter must never delete anything.
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
