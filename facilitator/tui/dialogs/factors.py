"""Tag success factors (1-10, Lusse 2013): a modal returning the chosen numbers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from facilitator.services import content
from facilitator.tui.phases.shared import literal, localize_bindings, t


def factor_selections(chosen: list[int], lang: str) -> list[Selection[int]]:
    """The ten factors in their three clusters; the cluster name heads each group.

    (SelectionList takes no separators, so the grouping is a first column that
    names the cluster once, on its first factor.)
    """
    sf = content.success_factors()
    items: list[Selection[int]] = []
    for cluster in sf.clusters:
        for i, number in enumerate(cluster.factors):
            factor = sf.factor(number)
            head = cluster.title.get(lang).upper() if i == 0 else ""
            prompt = Text.assemble(
                (f"{head:<20}", "bold dim"),
                (f"{number:>2}  ", "bold"),
                factor.title.get(lang),
            )
            items.append(Selection(prompt, number, number in chosen, id=f"factor-{number}"))
    return items


class FactorsDialog(ModalScreen[list[int] | None]):
    """Dismisses with the sorted chosen factors, or None when cancelled."""

    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Opslaan", id="factors.save"),
        Binding("escape", "cancel", "Annuleren", id="factors.cancel"),
    ]

    def __init__(self, chosen: list[int], *, lang: str = "nl", subject: str = "") -> None:
        super().__init__()
        self.chosen = list(chosen)
        self.lang = lang
        self.subject = subject
        localize_bindings(self, lang, {"save": "Save", "cancel": "Cancel"})

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t(self.lang, "Succesfactoren", "Success factors"), classes="title")
            if self.subject:
                yield Static(literal(self.subject, "italic"), markup=False)
            yield SelectionList[int](*factor_selections(self.chosen, self.lang), id="factors")
            yield Static(
                t(self.lang, "Spatie kiest · Ctrl+S bewaart · Esc annuleert",
                  "Space toggles · Ctrl+S saves · Esc cancels"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_save(self) -> None:
        self.dismiss(sorted(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
