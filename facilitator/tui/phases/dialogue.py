"""Dialoog: the digital flip-over.

Pick a group and one of the five questions, type what the group wrote, Enter
saves (durably, through the service) and clears the line for the next note.
Notes can be edited, deleted, marked as tip and tagged with success factors.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from facilitator.core import catalog
from facilitator.core.content import Prompt
from facilitator.core.model import MAX_TEXT, Note
from facilitator.core.plain import one_line
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.factors import FactorsDialog
from facilitator.tui.dialogs.text_edit import TextEditDialog
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.method_hints import MethodHelp, help_sections
from facilitator.tui.phases.shared import (
    PHASES_TCSS,
    GroupRef,
    StopAtEndsList,
    find_note,
    flipover_groups,
    group_key,
    literal,
    note_prompt,
    save_status,
)
from facilitator.tui.widgets.fields import TextInput, give_back


class NoteList(StopAtEndsList):
    """The notes on the current sheet; the keys act on the highlighted note."""

    BINDINGS = [
        Binding("e,enter", "edit", "keys.edit", id="dialogue.edit"),
        Binding("delete,d", "delete", "keys.delete", id="dialogue.delete"),
        Binding("t", "tip", "keys.tip_on_off", id="dialogue.tip"),
        Binding("f", "factors", "keys.success_factors", id="dialogue.factors"),
        Binding("i", "back", "keys.type", id="dialogue.type"),
        # Esc leaves the list for the phase itself: keys mode, the timer keys work again.
        Binding("escape", "leave", "keys.keys", id="dialogue.leave_notes"),
    ]

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)

    def action_edit(self) -> None:
        self.phase.edit_note()

    def action_delete(self) -> None:
        self.phase.delete_note()

    def action_tip(self) -> None:
        self.phase.toggle_tip()

    def action_factors(self) -> None:
        self.phase.tag_factors()

    def action_back(self) -> None:
        self.phase.query_one("#dlg-input", Input).focus()

    def action_leave(self) -> None:
        self.phase.leave_field()

    @property
    def phase(self) -> "DialoguePhase":
        return self.query_ancestor(DialoguePhase)


class DialoguePhase(MethodHelp, PhaseView):
    DEFAULT_CSS = PHASES_TCSS
    SCOPED_CSS = False

    BINDINGS = [
        # macOS takes ctrl+↑/↓ (Mission Control): PageDown/PageUp work while typing too, ] and [ in keys mode.
        Binding("ctrl+down,pagedown,right_square_bracket", "question(1)", "keys.next_question",
                id="dialogue.next_question", key_display="]"),
        Binding("ctrl+up,pageup,left_square_bracket", "question(-1)", "keys.previous_question",
                id="dialogue.prev_question", key_display="["),
        Binding("ctrl+g", "group(1)", "keys.next_group", id="dialogue.next_group"),
        # From keys mode ↓ enters the notes; from the typing line (below the list) it is ↑,
        # so ↓ while typing never lands on a note by surprise.
        Binding("down", "to_notes", "keys.to_notes", show=False, id="dialogue.to_notes"),
        Binding("up", "up_to_notes", "keys.to_notes", show=False, id="dialogue.up_to_notes"),
        # Arriving here never focuses the typing line (a navigation key would become text):
        # the facilitator chooses to type with i or Enter, and Esc leaves it again.
        Binding("i,enter", "type", "keys.type", id="dialogue.focus_input"),
        Binding("u", "undo_delete", "keys.undo_delete", id="dialogue.undo"),
        # The footer is full at 80 columns: the question row names this key instead.
        Binding("o", "hint", "keys.from_the_research", show=False, id="dialogue.hint"),
    ]
    # Typing the groups' notes is this phase's work: a narrow key bar keeps "i Typen" (the groups
    # row names ctrl+g itself).
    KEEP_IN_BAR = ("dialogue.focus_input",)
    SHEET_LABEL = "tui.phases.dialogue.sheet_group"
    HINT_BOX, KEEP_ROWS = "#dlg-hint", 2 + 3  # below the help: the notes (3 rows at least), typing, status
    UNDO_FOR = timedelta(minutes=5)  # how long a deleted note can come back with u

    def __init__(self, service, plan, template, lang, **kwargs) -> None:
        super().__init__(service, plan, template, lang, **kwargs)
        self.questions: list[Prompt] = list(template.prompts) if template else []
        self.q_index = 0
        self.g_index = 0
        self.groups: list[GroupRef] = self.sheets(self._phase_notes())
        self.deleted: tuple[Note, int, datetime] | None = None  # the last delete, for u
        self.return_to_place()

    def place(self) -> str:
        """The group (or person) and the question: 'group-id|question-id'."""
        qid = self.question.id if self.question else ""
        return f"{self.group.id or ''}|{qid}"

    def go_to_place(self, place: str) -> None:
        gid, _, qid = place.partition("|")
        gids = [g.id or "" for g in self.groups]
        qids = [q.id for q in self.questions]
        if gid in gids:
            self.g_index = gids.index(gid)
        if qid in qids:
            self.q_index = qids.index(qid)

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dlg-head"):
            yield Static(id="dlg-groups", markup=False)
            yield Static(id="dlg-questions", markup=False)
            yield Static(id="dlg-question", markup=False)
        yield Static(id="dlg-hint", markup=False)
        yield NoteList(self.lang, id="dlg-notes")
        yield TextInput(
            placeholder=catalog.t("tui.phases.dialogue.type_a_note_from_the", self.lang),
            id="dlg-input", max_length=MAX_TEXT, compact=True, clear_on_submit=True,
        )
        yield Static(id="dlg-status", markup=False)

    def on_mount(self) -> None:
        self.refresh_sheet()

    # -- whose sheets: the groups' (the follow-up's Ervaringen: the team and each person) --------
    def sheets(self, notes: list[Note]) -> list[GroupRef]:
        return flipover_groups(self.service.session, self.lang, notes)

    def sheet_of(self, note: Note) -> str | None:
        return group_key(self.service.session, note)

    def note_owner(self) -> dict[str, str | None]:
        return {"group": self.group.id}

    # -- what is on screen ---------------------------------------------------------
    @property
    def group(self) -> GroupRef:
        return self.groups[self.g_index]

    @property
    def question(self) -> Prompt | None:
        return self.questions[self.q_index] if self.questions else None

    def _phase_notes(self) -> list[Note]:
        return [n for n in self.service.session.notes if n.phase == self.plan.key]

    def sheet_notes(self) -> list[Note]:
        """Notes on the current group's sheet for the current question, oldest first."""
        session = self.service.session
        qid = self.question.id if self.question else None
        return [
            n for n in session.notes
            if n.phase == self.plan.key and n.question == qid and self.sheet_of(n) == self.group.id
        ]

    def refresh_sheet(self, keep: str | None = None) -> None:
        session = self.service.session
        notes = self._phase_notes()
        self.groups = self.sheets(notes)
        self.g_index = min(self.g_index, len(self.groups) - 1)
        gid = self.group.id

        groups = Text(catalog.t(self.SHEET_LABEL, self.lang), style="bold")
        for i, g in enumerate(self.groups):
            style = "reverse bold" if i == self.g_index else "dim"
            groups.append_text(literal(f" {g.name} ", style))
            groups.append(" ")
        groups.append("  (ctrl+g)", style="dim")
        self.query_one("#dlg-groups", Static).update(groups)

        counts: dict[str | None, int] = {}
        for n in notes:
            if self.sheet_of(n) == gid:
                counts[n.question] = counts.get(n.question, 0) + 1
        row = Text(catalog.t("tui.phases.dialogue.question", self.lang), style="bold")
        for i, q in enumerate(self.questions):
            style = "reverse bold" if i == self.q_index else "dim"
            row.append(f" {i + 1}", style)
            row.append(f"·{counts.get(q.id, 0)} ", style)
            row.append(" ")
        row.append(catalog.t("tui.phases.dialogue.or_pgup_pgdn", self.lang), style="dim")
        sections = help_sections(self.question)
        if sections:
            row.append(catalog.t("tui.method.hint_key", self.lang), style="dim")
        self.query_one("#dlg-questions", Static).update(row)

        q = self.question
        question = (Text(q.text.get(self.lang), style="bold") if q else
                    Text(catalog.t("tui.phases.dialogue.this_phase_has_no_questions", self.lang), style="italic"))
        self.query_one("#dlg-question", Static).update(question)
        self.head = (groups.plain, row.plain, question.plain)
        self.show_hint()

        notes_list = self.query_one("#dlg-notes", NoteList)
        current = notes_list.highlighted_option.id if notes_list.highlighted_option else None
        sheet = self.sheet_notes()
        notes_list.set_options(Option(note_prompt(n, self.lang), id=n.id) for n in sheet)
        target = keep or current
        if sheet:
            ids = [n.id for n in sheet]
            notes_list.highlighted = ids.index(target) if target in ids else len(ids) - 1
        if not sheet:
            notes_list.add_option(Option(
                Text(catalog.t("tui.phases.dialogue.no_notes_on_this_sheet", self.lang), style="dim italic"),
                disabled=True,
            ))

    def help_here(self) -> list:
        """o: what the agenda names as help for the current question."""
        return help_sections(self.question)

    def show_status(self, message: str | None = None) -> None:
        status = save_status(self.service, self.lang)
        if message and self.service.saved:
            status = Text.assemble(status, ("  " + message, "dim"))
        self.query_one("#dlg-status", Static).update(status)

    # -- PhaseView contract --------------------------------------------------------
    def session_changed(self) -> None:
        self.refresh_sheet()

    def room_prompt(self) -> str | None:
        return self.question.text.get(self.lang) if self.question else None

    # -- typing --------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "dlg-input":
            return
        event.stop()
        text = event.value.strip()
        if not text:
            return
        try:
            note = self.service.add_note(
                self.plan.key, text, question=self.question.id if self.question else None, **self.note_owner()
            )
        except BaseException:
            give_back(event)  # not saved: the words stay in the field (the error itself goes on up)
            raise
        self.refresh_sheet(keep=note.id)
        self.show_status()

    # -- actions -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.screen.focused, Input)
        if action == "to_notes":
            return not typing
        if action == "up_to_notes":
            return typing
        if action == "undo_delete":
            return self._undo_available() and not typing
        if action == "hint":
            return not typing and bool(self.help_here())
        return True

    def action_question(self, step: int) -> None:
        if self.questions:
            self.q_index = (self.q_index + step) % len(self.questions)
            self.hint_page = min(self.hint_page, 1)  # the help stays open, from its first page
            self.refresh_sheet()
            self.remember_place()

    def action_group(self, step: int) -> None:
        self.g_index = (self.g_index + step) % len(self.groups)
        self.refresh_sheet()
        self.remember_place()

    def action_type(self) -> None:
        self.query_one("#dlg-input", Input).focus()

    def leave_field(self) -> None:
        """Back to keys mode: the phase itself holds the focus."""
        if self.can_focus:
            self.focus()
        else:
            self.screen.set_focus(None)

    def action_to_notes(self) -> None:
        notes_list = self.query_one("#dlg-notes", NoteList)
        if self.sheet_notes():
            notes_list.focus()

    def action_up_to_notes(self) -> None:
        self.action_to_notes()

    def selected_note(self) -> Note | None:
        option = self.query_one("#dlg-notes", NoteList).highlighted_option
        if option is None or option.id is None:
            return None
        return find_note(self.service.session, option.id)

    def edit_note(self) -> None:
        note = self.selected_note()
        if note is None:
            return

        def done(text: str | None) -> None:
            if text is not None and text != note.text:
                self.service.edit_note(note.id, text)
                self.refresh_sheet(keep=note.id)
                self.show_status()

        self.app.push_screen(TextEditDialog(catalog.t("tui.phases.dialogue.edit_note", self.lang), note.text, lang=self.lang), done)

    def delete_note(self) -> None:
        note = self.selected_note()
        if note is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                index = next(i for i, n in enumerate(self.service.session.notes) if n.id == note.id)
                self.service.delete_note(note.id)
                self.deleted = (note, index, self.service.now())
                self.refresh_sheet()
                self.show_status(catalog.t("tui.phases.dialogue.deleted_u_undoes", self.lang))
                self.screen.refresh_bindings()

        self.app.push_screen(
            ConfirmDialog(catalog.t("tui.phases.dialogue.delete_this_note", self.lang), self.lang, detail=one_line(note.text)),
            done,
        )

    def _undo_available(self) -> bool:
        return self.deleted is not None and self.service.now() - self.deleted[2] <= self.UNDO_FOR

    def action_undo_delete(self) -> None:
        """u: the note deleted last comes back, the same note in the same place (for a few minutes)."""
        if not self._undo_available():
            return
        note, index, _ = self.deleted
        self.deleted = None
        self.service.restore_note(note, index=index)
        self.refresh_sheet(keep=note.id)
        self.show_status(catalog.t("tui.phases.dialogue.restored", self.lang))
        self.screen.refresh_bindings()

    def toggle_tip(self) -> None:
        note = self.selected_note()
        if note is None:
            return
        self.service.mark_tip(note.id, not note.tip)
        self.refresh_sheet(keep=note.id)
        self.show_status(catalog.t("tui.phases.dialogue.marked_as_tip", self.lang) if not note.tip else
                         catalog.t("tui.phases.dialogue.tip_removed", self.lang))

    def tag_factors(self) -> None:
        note = self.selected_note()
        if note is None:
            return

        def done(chosen: list[int] | None) -> None:
            if chosen is not None and chosen != note.factors:
                self.service.tag_note(note.id, chosen)
                self.refresh_sheet(keep=note.id)
                self.show_status()

        self.app.push_screen(FactorsDialog(note.factors, lang=self.lang, subject=one_line(note.text)), done)


class ExperiencesPhase(DialoguePhase):
    """The follow-up's Ervaringen: the same typing line, one sheet for the team and one per person.

    A person's note carries their name as its author (group none), so the report says who
    told it; the team's notes have no author.
    """

    SHEET_LABEL = "tui.phases.dialogue.sheet_who"

    def sheets(self, notes: list[Note]) -> list[GroupRef]:
        team = GroupRef(None, catalog.t("tui.phases.dialogue.team", self.lang))
        return [team, *(GroupRef(p.id, p.name) for p in self.service.session.participants if not p.absent)]

    def sheet_of(self, note: Note) -> str | None:
        if note.author is None:
            return None
        return next((p.id for p in self.service.session.participants if p.name == note.author), None)

    def note_owner(self) -> dict[str, str | None]:
        if self.group.id is None:
            return {}
        return {"author": self.service.session.participant_name(self.group.id)}
