"""Edit one line of text in a modal: dismisses with the new text, or None when cancelled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from facilitator.core import catalog
from facilitator.core.model import MAX_TEXT
from facilitator.core.plain import visible
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.widgets.fields import TextInput


class TextEditDialog(ModalScreen[str | None]):
    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [Binding("escape", "cancel", "keys.cancel", id="edit.cancel")]

    def __init__(self, title: str, text: str, *, lang: str = "nl", allow_empty: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.lang = lang
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(visible(self.title_text), classes="title", markup=False)
            yield TextInput(self.text, id="edit-text", max_length=MAX_TEXT)
            yield Static(
                catalog.t("tui.dialogs.text_edit.enter_saves_esc_cancels", self.lang), classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value and not self.allow_empty:
            self.notify(catalog.t("tui.dialogs.text_edit.it_cant_be_empty_esc", self.lang),
                        severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
