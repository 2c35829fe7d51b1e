"""Small modal dialogs: a yes/no confirmation and the help sheet."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..i18n import localize_bindings, tr, visible


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; dismiss with True (yes) or False (no / escape)."""

    BINDINGS = [
        Binding("y,j", "answer(True)", "Yes", id="yes"),
        Binding("n,escape", "answer(False)", "No", id="no"),
    ]

    def __init__(self, question: str, lang: str = "nl", yes: str | None = None, *, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail  # e.g. the note about to be deleted, shown literally
        self.lang = lang
        self.yes_label = yes or tr(lang, "Ja", "Yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(visible(self.question)), id="question")
            if self.detail:
                yield Static(Text(visible(self.detail)), id="detail")
            with Horizontal(id="buttons"):
                yield Button(self.yes_label, variant="primary", id="yes")
                yield Button(tr(self.lang, "Nee", "No"), id="no")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang, refresh=False)
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class HelpScreen(ModalScreen[None]):
    """What to do in this phase (from the agenda template) and the keys that apply."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="close")]

    def __init__(self, title: str, body: str, keys: list[tuple[str, str]], lang: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(self.title_text, style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(Text(self.body), id="help-text")
                keys = Text()
                keys.append(tr(self.lang, "Toetsen", "Keys") + "\n", style="bold")
                width = max((len(k) for k, _ in self.keys), default=0)
                for key, what in self.keys:
                    keys.append(f"  {key:<{width}}  ", style="bold")
                    keys.append(what + "\n")
                yield Static(keys, id="help-keys")
            yield Static(tr(self.lang, "Esc of ? sluit dit venster.", "Esc or ? closes this window."),
                         id="help-hint")

    def on_mount(self) -> None:
        localize_bindings(self, self.lang, refresh=False)

    def action_close(self) -> None:
        self.dismiss(None)
