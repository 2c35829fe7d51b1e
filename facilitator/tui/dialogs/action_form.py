"""Add or edit an action point: a modal returning an ActionPointDraft (or None)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, SelectionList, Static

from facilitator.core import catalog
from facilitator.core.dates import input_date, parse_optional_date
from facilitator.core.model import MAX_TEXT
from facilitator.core.plain import visible
from facilitator.tui.dialogs.factors import factor_selections, mark_selected
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.widgets.fields import TextInput


@dataclass
class ActionPointDraft:
    text: str
    owner: str = "team"
    due: date | None = None
    factors: list[int] = field(default_factory=list)


def format_due(due: date | None, lang: str) -> str:
    return input_date(due, lang)


class ActionForm(ModalScreen[ActionPointDraft | None]):
    """Fields: what, who, by when (defaults to the next round of talks), success factors."""

    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "keys.save", id="action_form.save"),
        Binding("escape", "cancel", "keys.cancel", id="action_form.cancel"),
    ]

    def __init__(self, draft: ActionPointDraft | None = None, *, lang: str = "nl", default_due: date | None = None,
                 title: str | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.is_new = draft is None
        self.draft = draft or ActionPointDraft(text="", due=default_due)
        self.title_text = title or (catalog.t("tui.dialogs.action_form.new_action_point", lang) if self.is_new else
                                    catalog.t("tui.dialogs.action_form.edit_action_point", lang))

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="action-form"):
            yield Static(visible(self.title_text), classes="title", markup=False)
            yield Label(catalog.t("tui.dialogs.action_form.what_will_we_do", lang))
            yield TextInput(self.draft.text, id="af-text", max_length=MAX_TEXT, compact=True,
                        placeholder=catalog.t("tui.dialogs.action_form.e_g_email_an_agenda", lang))
            yield Label(catalog.t("tui.dialogs.action_form.who_a_name_or_team", lang))
            yield TextInput(self.draft.owner, id="af-owner", max_length=200, compact=True)
            yield Label(catalog.t("tui.dialogs.action_form.by_when_yyyy_mm_dd", lang))
            yield TextInput(format_due(self.draft.due, lang), id="af-due",
                        placeholder=catalog.t("tui.dialogs.action_form.e_g_2027_01_15", lang), compact=True)
            yield Label(catalog.t("tui.dialogs.action_form.success_factors_space_toggles", lang))
            yield SelectionList[int](*factor_selections(self.draft.factors, lang), id="af-factors")
            yield Static(id="af-error", markup=False)
            yield Static(catalog.t("tui.dialogs.action_form.enter_next_field_ctrl_s", lang), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#af-text", Input).focus()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        mark_selected(event.selection_list, self.lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def error(self, message: str) -> None:
        self.query_one("#af-error", Static).update(message)

    def action_save(self) -> None:
        text = self.query_one("#af-text", Input).value.strip()
        if not text:
            self.error(catalog.t("tui.dialogs.action_form.fill_in_what_you_will", self.lang))
            self.query_one("#af-text", Input).focus()
            return
        raw_due = self.query_one("#af-due", Input).value
        try:
            due = parse_optional_date(raw_due)
        except ValueError:
            self.error(catalog.t("tui.dialogs.action_form.not_a_valid_date_use_yyyy", self.lang, raw_due=raw_due))
            self.query_one("#af-due", Input).focus()
            return
        owner = self.query_one("#af-owner", Input).value.strip() or "team"
        factors = sorted(self.query_one("#af-factors", SelectionList).selected)
        self.dismiss(ActionPointDraft(text=text, owner=owner, due=due, factors=factors))

    def action_cancel(self) -> None:
        self.dismiss(None)
