"""Add or edit an action point: a modal returning an ActionPointDraft (or None)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, SelectionList, Static

from facilitator.core.model import MAX_TEXT
from facilitator.core.plain import visible
from facilitator.tui.dialogs.factors import factor_selections, mark_selected
from facilitator.tui.phases.shared import localize_bindings, t


@dataclass
class ActionPointDraft:
    text: str
    owner: str = "team"
    due: date | None = None
    factors: list[int] = field(default_factory=list)


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def parse_due(value: str) -> date | None:
    """'2026-12-01' or the Dutch '1-12-2026' (also with / or .); '' means no date.

    Raises ValueError with the reason when it is not a real date.
    """
    value = value.strip()
    if not value:
        return None
    m = _DMY.match(value)
    if m:
        day, month, year = (int(x) for x in m.groups())
        return date(year, month, day)
    return date.fromisoformat(value)


def format_due(due: date | None, lang: str) -> str:
    if due is None:
        return ""
    return due.isoformat() if lang == "en" else due.strftime("%d-%m-%Y")


class ActionForm(ModalScreen[ActionPointDraft | None]):
    """Fields: what, who, by when (defaults to the next round of talks), success factors."""

    CSS_PATH = "phase_dialogs.tcss"

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Opslaan", id="action_form.save"),
        Binding("escape", "cancel", "Annuleren", id="action_form.cancel"),
    ]
    ENGLISH = {"save": "Save", "cancel": "Cancel"}

    def __init__(self, draft: ActionPointDraft | None = None, *, lang: str = "nl", default_due: date | None = None,
                 title: str | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.is_new = draft is None
        self.draft = draft or ActionPointDraft(text="", due=default_due)
        self.title_text = title or (t(lang, "Nieuw actiepunt", "New action point") if self.is_new else
                                    t(lang, "Actiepunt bewerken", "Edit action point"))
        localize_bindings(self, lang, self.ENGLISH)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with VerticalScroll(id="action-form"):
            yield Static(visible(self.title_text), classes="title", markup=False)
            yield Label(t(lang, "Wat gaan we doen?", "What will we do?"))
            yield Input(self.draft.text, id="af-text", max_length=MAX_TEXT, compact=True,
                        placeholder=t(lang, "bijv. gespreksagenda vooraf mailen", "e.g. email an agenda beforehand"))
            yield Label(t(lang, "Wie? (een naam of 'team')", "Who? (a name or 'team')"))
            yield Input(self.draft.owner, id="af-owner", max_length=200, compact=True)
            yield Label(t(lang, "Wanneer? (dd-mm-jjjj; standaard de volgende gespreksronde)", "By when? (yyyy-mm-dd; default: the next round of talks)"))
            yield Input(format_due(self.draft.due, lang), id="af-due",
                        placeholder=t(lang, "bijv. 15-01-2027", "e.g. 2027-01-15"), compact=True)
            yield Label(t(lang, "Succesfactoren (spatie kiest)", "Success factors (space toggles)"))
            yield SelectionList[int](*factor_selections(self.draft.factors, lang), id="af-factors")
            yield Static(id="af-error", markup=False)
            yield Static(t(lang, "Enter: volgend veld · Ctrl+S bewaart · Esc annuleert",
                           "Enter: next field · Ctrl+S saves · Esc cancels"), classes="hint")

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
            self.error(t(self.lang, "Vul in wat je gaat doen.", "Fill in what you will do."))
            self.query_one("#af-text", Input).focus()
            return
        raw_due = self.query_one("#af-due", Input).value
        try:
            due = parse_due(raw_due)
        except ValueError:
            self.error(t(self.lang, f"Geen geldige datum: {raw_due!r} (gebruik dd-mm-jjjj).",
                         f"Not a valid date: {raw_due!r} (use yyyy-mm-dd)."))
            self.query_one("#af-due", Input).focus()
            return
        owner = self.query_one("#af-owner", Input).value.strip() or "team"
        factors = sorted(self.query_one("#af-factors", SelectionList).selected)
        self.dismiss(ActionPointDraft(text=text, owner=owner, due=due, factors=factors))

    def action_cancel(self) -> None:
        self.dismiss(None)
