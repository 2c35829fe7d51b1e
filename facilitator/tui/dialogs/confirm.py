"""Small modal dialogs: a yes/no confirmation and the help sheet."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from facilitator.core import catalog
from facilitator.core.plain import visible
from facilitator.tui.i18n import ModalScreen, declared_bindings, describe, key_names


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; dismiss with True (yes) or False (no / escape)."""

    CSS_PATH = Path(__file__).with_name("confirm.tcss")  # absolute: not parsed before the home list's first paint
    BINDINGS = [
        # Both letters answer yes in every language; the bar shows the one of the word on screen (j Ja, y Yes).
        Binding("y,j", "answer(True)", "keys.yes", id="yes", key_display="key.yes"),
        Binding("n,escape", "answer(False)", "keys.no", id="no"),
    ]

    def __init__(
        self, question: str, lang: str = "nl", yes: str | None = None, *, detail: str = "",
        default_yes: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.default_yes = default_yes  # only for harmless, frequent questions (next phase)
        self.detail = detail  # e.g. the note about to be deleted, shown literally
        self.lang = lang
        self.yes_label = yes or catalog.t("keys.yes", lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(visible(self.question)), id="question")
            if self.detail:
                yield Static(Text(visible(self.detail)), id="detail")
            with Horizontal(id="buttons"):
                yield Button(self.yes_label, variant="primary", id="yes")
                yield Button(catalog.t("keys.no", self.lang), id="no")

    def on_mount(self) -> None:
        # The safe answer is the default, unless the question is harmless and asked all the time.
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class HelpScreen(ModalScreen[None]):
    """What to do in this phase (from the agenda template) and the keys that apply."""

    CSS_PATH = Path(__file__).with_name("confirm.tcss")  # absolute: not parsed before the home list's first paint
    BINDINGS = [Binding("escape,question_mark,q", "close", "keys.close", id="close")]

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
                keys.append(catalog.t("keys.keys", self.lang) + "\n", style="bold")
                shown = [(key_names(key, self.lang), what) for key, what in self.keys]
                width = max((len(k) for k, _ in shown), default=0)
                for key, what in shown:
                    keys.append(f"  {key:<{width}}  ", style="bold")
                    keys.append(what + "\n")
                yield Static(keys, id="help-keys")
            yield Static(catalog.t("tui.dialogs.confirm.esc_or_closes_this_window", self.lang),
                         id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def phase_keys(view, names: dict[str, str]) -> list[tuple[str, str]]:
    """The phase view's own keys (draw cards, tip, feedback...), which the key bar may cut off."""
    if view is None:
        return []
    by_what: dict[str, list[str]] = {}
    for node in [view, *view.query("*")]:
        for b in declared_bindings(type(node)):
            what = describe(b.description, view.app.lang) if b.description else ""
            if b.show and what and b.key not in by_what.setdefault(what, []):
                by_what[what].append(b.key)
    return [(" ".join(names.get(k, k) for k in keys), what) for what, keys in by_what.items()]
