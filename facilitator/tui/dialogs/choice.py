"""Pick one of a short list (a group to move someone to): a typed ``ModalScreen[str | None]``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core import catalog
from facilitator.core.plain import visible
from facilitator.tui.i18n import ModalScreen


class ChoiceDialog(ModalScreen[str | None]):
    """Dismisses with the chosen option's id, or None (Esc)."""

    CSS_PATH = "people.tcss"
    BINDINGS = [Binding("escape", "cancel", "keys.cancel", id="choice.cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]], *, lang: str = "nl",
                 current: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.options = options  # (id, label)
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(visible(self.title_text), id="choice-title", markup=False)
            yield OptionList(*[Option(visible(label), id=oid) for oid, label in self.options], id="choice-list")
            yield Static(catalog.t("tui.dialogs.choice.choose_enter_picks_esc_cancels", self.lang), id="choice-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [oid for oid, _ in self.options]
        if self.current in ids:
            options.highlighted = ids.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
