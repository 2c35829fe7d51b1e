"""Tag success factors (1-10, Lusse 2013): a modal returning the chosen numbers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import SelectionList, Static
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from facilitator.core import catalog
from facilitator.services import content
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.phases.shared import literal


def factor_prompt(number: int, selected: bool, lang: str, head: str = "") -> Text:
    """One factor's line; "✓" marks it chosen, so the choice shows without colour."""
    factor = content.success_factors().factor(number)
    return Text.assemble(
        ("✓ " if selected else "  ", "bold"),
        (f"{head:<20}", "bold dim"),
        (f"{number:>2}  ", "bold"),
        factor.title.get(lang),
    )


def _heads(lang: str) -> dict[int, str]:
    sf = content.success_factors()
    return {cluster.factors[0]: cluster.title.get(lang).upper() for cluster in sf.clusters if cluster.factors}


def factor_selections(chosen: list[int], lang: str) -> list[Selection[int]]:
    """The ten factors in their three clusters; the cluster name heads each group.

    (SelectionList takes no separators, so the grouping is a first column that
    names the cluster once, on its first factor.)
    """
    sf = content.success_factors()
    heads = _heads(lang)
    return [
        Selection(factor_prompt(number, number in chosen, lang, heads.get(number, "")), number,
                  number in chosen, id=f"factor-{number}")
        for cluster in sf.clusters for number in cluster.factors
    ]


def mark_selected(selections: SelectionList, lang: str) -> None:
    """Redraw the ✓ marks after a toggle (the checkbox alone is only a colour)."""
    heads = _heads(lang)
    chosen = set(selections.selected)
    for number in range(1, 11):
        try:
            selections.replace_option_prompt(
                f"factor-{number}", factor_prompt(number, number in chosen, lang, heads.get(number, "")))
        except OptionDoesNotExist:
            continue


def factor_about(number: int, lang: str) -> Text:
    """What a factor means (its description) and the statement the quickscan asks about it."""
    factor = content.success_factors().factor(number)
    return Text.assemble(
        (f"{number}. {factor.title.get(lang)}\n", "bold"),
        factor.description.get(lang) + "\n",
        (catalog.t("tui.factor.quickscan_statement", lang, statement=factor.quickscan.get(lang)), "italic"),
    )


class FactorsDialog(ModalScreen[list[int] | None]):
    """Dismisses with the sorted chosen factors, or None when cancelled."""

    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "keys.save", id="factors.save"),
        Binding("escape", "cancel", "keys.cancel", id="factors.cancel"),
        # 1-9 and 0 (factor 10) toggle a factor directly, like the numbers on the paper quickscan.
        *[Binding(str(n % 10), f"toggle({n})", f"keys.factor:{n}", id=f"factors.toggle{n}", show=False)
          for n in range(1, 11)],
    ]

    def __init__(self, chosen: list[int], *, lang: str = "nl", subject: str = "") -> None:
        super().__init__()
        self.chosen = list(chosen)
        self.lang = lang
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(catalog.t("tui.dialogs.factors.success_factors", self.lang), classes="title")
            if self.subject:
                yield Static(literal(self.subject, "italic"), markup=False)
            yield SelectionList[int](*factor_selections(self.chosen, self.lang), id="factors")
            # the highlighted factor explained, so the team tags by meaning, not by title alone
            yield Static(factor_about(1, self.lang), id="factor-about", markup=False)
            yield Static(
                catalog.t("tui.dialogs.factors.1_9_0_10_or", self.lang),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_toggle(self, number: int) -> None:
        selections = self.query_one(SelectionList)
        selections.toggle(number)
        selections.highlighted = number - 1  # the cursor follows, so space and the eye agree

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted) -> None:
        number = event.selection.value
        if isinstance(number, int):
            self.query_one("#factor-about", Static).update(factor_about(number, self.lang))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        mark_selected(event.selection_list, self.lang)

    def action_save(self) -> None:
        self.dismiss(sorted(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
