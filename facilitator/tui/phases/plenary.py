"""Plenair: every group's flip-over side by side, one question at a time.

Tips stand out, duplicates across groups are merged (the second note folds
under the first), and a tip becomes an action point with one key. When the
room votes on the tips from their phones (dots, `facilitator serve`), each tip
shows its dots, `v` sorts the tips by dots and `s` closes (or reopens) the vote.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core import catalog
from facilitator.core.errors import UserError
from facilitator.core.model import Note
from facilitator.core.plain import one_line
from facilitator.tui.later import after_refresh
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.method_hints import MethodHelp, help_sections
from facilitator.tui.phases.plenary_column import GroupColumn
from facilitator.tui.phases.shared import (
    PHASES_TCSS,
    dialogue_questions,
    factor_numbers,
    find_note,
    flipover_groups,
    group_key,
    literal,
    save_status,
)

OTHER = "__other__"
MAX_DOTS_KEY = 5  # d goes round 1..5: more dots than that flatten the vote (the model allows 10)


class PlenaryPhase(MethodHelp, PhaseView):
    DEFAULT_CSS = PHASES_TCSS
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+down", "question(1)", "keys.next_question", id="plenary.next_question"),
        Binding("ctrl+up", "question(-1)", "keys.previous_question", id="plenary.prev_question"),
        Binding("v", "sort_dots", "keys.sort_by_dots", id="plenary.sort_dots"),
        Binding("s", "close_vote", "keys.close_reopen_vote", id="plenary.close_vote"),
        Binding("d", "dots", "keys.dots_per_phone", id="plenary.dots", show=False),
        # As in Dialoog: the question row names this key, the footer has no room for it.
        Binding("o", "hint", "keys.from_the_research", show=False, id="plenary.hint"),
    ]
    HINT_BOX, KEEP_ROWS = "#pl-hint", 1 + 6 + 1  # below the help: its padding, the columns, the status

    def __init__(self, service, plan, template, lang, **kwargs) -> None:
        super().__init__(service, plan, template, lang, **kwargs)
        self.dialogue_keys, self.questions = dialogue_questions(service.session)
        self.q_index = 0
        self.columns: list[GroupColumn] = []
        self._merge_source: str | None = None
        self.by_dots = False  # tips sorted by the phones' dots (most first)
        self.column_group: str | None = None  # the group whose column gets the focus once built
        self.column_note: str | None = None  # the note highlighted there when the view was left
        self.return_to_place()

    @property
    def merge_source(self) -> str | None:
        """The note a merge keeps, between the first `m` and the second (None: no merge going on)."""
        return self._merge_source

    @merge_source.setter
    def merge_source(self, note_id: str | None) -> None:
        self._merge_source = note_id
        for column in self.columns:
            column.merging = note_id is not None  # Esc cancels the merge, else it goes on to the run screen

    @on(GroupColumn.Asked)
    def _column_asked(self, message: GroupColumn.Asked) -> None:
        """A column's key: what it means for the notes is decided here, where they are kept."""
        column = message.column
        if not column.is_attached:
            return  # a key pressed just before a rebuild: that column is gone
        {"focused": lambda: self.column_focused(column), "column": lambda: self.focus_column(column, message.step),
         "tip": lambda: self.toggle_tip(column), "merge": lambda: self.merge(column),
         "unmerge": lambda: self.unmerge(column), "promote": lambda: self.promote(column),
         "cancel": self.cancel_merge}[message.what]()

    # -- which notes -------------------------------------------------------------
    def notes(self) -> list[Note]:
        """The flip-over notes this plenary reviews (all dialogue phases)."""
        keys = set(self.dialogue_keys) or {self.plan.key}
        return [n for n in self.service.session.notes if n.phase in keys]

    def pages(self) -> list[tuple[str, str]]:
        """(question id, text) per page; an extra page for notes without a known question."""
        pages = [(q.id, q.text.get(self.lang)) for q in self.questions]
        known = {q.id for q in self.questions}
        if any(n.question not in known for n in self.notes()):
            pages.append((OTHER, catalog.t("tui.phases.plenary.other_notes", self.lang)))
        return pages or [(OTHER, catalog.t("tui.phases.plenary.notes", self.lang))]

    # -- where the facilitator was (PhaseView.return_to_place) ----------------------------
    def place(self) -> str:
        """The group's column, the question and the note highlighted in that column:
        'group-id|question-id|note-id' ('' for 'everyone', or for no note)."""
        pages = self.pages()
        qid = pages[min(self.q_index, len(pages) - 1)][0]
        column = self.column_of(self.column_group)
        option = column.highlighted_option if column is not None else None
        note = option.id if option is not None and option.id else (self.column_note or "")
        return f"{self.column_group or ''}|{qid}|{note}"

    def column_of(self, group_id: str | None) -> GroupColumn | None:
        return next((c for c in self.columns if (c.group.id or "") == group_id), None)

    def column_focused(self, column: GroupColumn) -> None:
        """By ←/→ or by the mouse: this group's column is where the facilitator is now."""
        self.column_group = column.group.id or ""
        self.remember_place()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """↑/↓ in the facilitator's column: the note under the cursor is part of the place.

        Handled after a fill has put every column's highlight where it belongs, so the place
        read here is the one on screen (a fill's own highlights change nothing)."""
        column = event.option_list
        if isinstance(column, GroupColumn) and (column.group.id or "") == self.column_group:
            self.column_note = None  # the column's own highlight says it from now on
            self.remember_place()

    def go_to_place(self, place: str) -> None:
        gid, _, rest = place.partition("|")
        qid, _, note = rest.partition("|")
        qids = [q for q, _text in self.pages()]
        if qid in qids:
            self.q_index = qids.index(qid)
        self.column_group = gid
        self.column_note = note or None

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="pl-question", markup=False)
        yield Static(id="pl-hint", markup=False)
        yield HorizontalScroll(id="pl-columns")
        yield Static(id="pl-status", markup=False)

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """(Re)create one column per group, then fill them."""
        groups = flipover_groups(self.service.session, self.lang, self.notes())
        if [c.group for c in self.columns] != groups:
            container = self.query_one("#pl-columns", HorizontalScroll)
            container.remove_children()
            self.columns = [GroupColumn(g, self.lang, id=f"pl-col-{i}") for i, g in enumerate(groups)]
            for col in self.columns:
                box = Vertical(Static(literal(col.group.name, "bold"), classes="pl-group", markup=False), col,
                               classes="pl-column")
                container.mount(box)
            self._size_columns()
            after_refresh(self, self._focus_first)
        self.fill()

    def on_resize(self) -> None:  # Textual runs MethodHelp.on_resize too (handlers run along the MRO)
        self._size_columns()

    def _size_columns(self) -> None:
        # Columns share the width, but never get narrower than a readable 24 cells:
        # with many groups on a small terminal the row scrolls sideways instead.
        if not self.columns:
            return
        width = max(24, (self.size.width or 80) // len(self.columns))
        for box in self.query(".pl-column"):
            box.styles.width = width

    def _focus_first(self) -> None:
        """The column of the group the facilitator was on, else the first."""
        if self.columns and not any(c.has_focus for c in self.columns):
            column = self.column_of(self.column_group) or self.columns[0]
            column.focus(scroll_visible=False)
            column.parent.scroll_visible(animate=False)

    def fill(self, keep: str | None = None) -> None:
        session = self.service.session
        pages = self.pages()
        self.q_index = min(self.q_index, len(pages) - 1)
        qid, qtext = pages[self.q_index]
        known = {q.id for q in self.questions}
        all_notes = self.notes()
        on_page = [n for n in all_notes if (n.question if n.question in known else OTHER) == qid]
        by_id = {n.id: n for n in all_notes}
        folded: dict[str, list[Note]] = {}
        for n in on_page:
            if n.merged_into and n.merged_into in by_id:
                folded.setdefault(n.merged_into, []).append(n)
        promoted = {a.source_note for a in session.action_points if a.source_note}
        names = {g.id: g.name for g in session.groups}

        head = Text.assemble(
            (catalog.t("tui.phases.plenary.question_of", self.lang, n=self.q_index + 1, total=len(pages)), "dim"), (qtext, "bold"),
        )
        tips = sum(1 for n in on_page if n.tip and not n.merged_into)
        head.append("   ★ " + catalog.plural("tui.phases.plenary.tips", self.lang, tips), style="yellow")
        dots = self.service.dot_counts() if session.dot_votes else {}
        if session.dot_votes:
            phones = sum(1 for v in session.dot_votes if v.notes)
            head.append("   ● " + catalog.t("tui.phases.plenary.dots_from_phones", self.lang,
                                              dots=sum(dots.values()), phones=phones), style="bold cyan")
            head.append(" · " + (catalog.t("tui.phases.plenary.vote_closed", self.lang) if session.voting_closed
                                 else catalog.t("tui.phases.plenary.vote_open", self.lang)), style="cyan")
            if self.by_dots:
                head.append(catalog.t("tui.phases.plenary.by_dots", self.lang), style="cyan")
        sections = self.help_here()
        if sections:
            head.append(catalog.t("tui.method.hint_key", self.lang), style="dim")
        self.query_one("#pl-question", Static).update(head)
        self.head = (head.plain, "")  # and the padding under it
        self.show_hint()

        for col in self.columns:
            current = col.highlighted_option.id if col.highlighted_option else None
            if current is None and self.column_note and (col.group.id or "") == self.column_group:
                current = self.column_note  # the first fill after coming back: the note left on
            mine = [
                n for n in on_page
                if group_key(session, n) == col.group.id and not (n.merged_into and n.merged_into in by_id)
            ]
            # Tips first: the plenary is about them; otherwise the order they were written in
            # (or, after `v`, the tips with the most dots first).
            if self.by_dots:
                mine.sort(key=lambda n: (not n.tip, -dots.get(n.id, 0)))
            else:
                mine.sort(key=lambda n: not n.tip)
            options = [
                Option(self.prompt(n, folded.get(n.id, []), n.id in promoted, names,
                                   dots.get(n.id) if dots else None), id=n.id) for n in mine
            ]
            col.set_options(options)
            if not options:
                col.add_option(Option(Text(catalog.t("tui.phases.plenary.empty", self.lang), style="dim italic"), disabled=True))
            else:
                ids = [n.id for n in mine]
                # The note just acted on keeps the cursor in its column; the other columns keep theirs.
                current = keep if keep in ids else current
                col.highlighted = ids.index(current) if current in ids else 0

    def prompt(self, note: Note, children: list[Note], promoted: bool, names: dict[str, str],
               dots: int | None = None) -> Text:
        text = Text()
        marked = note.id == self.merge_source
        if dots is not None and note.tip:
            text.append(f"●{dots:>2} ", style="bold cyan")  # the phones' dots on this tip
        text.append("★ " if note.tip else "• ", style="bold yellow" if note.tip else "dim")
        text.append_text(literal(note.text, "bold yellow" if note.tip else ""))
        if note.factors:
            text.append(f" [SF {factor_numbers(note.factors)}]", style="cyan")
        if promoted:
            text.append(catalog.t("tui.phases.plenary.action_point", self.lang), style="bold green")
        if marked:
            text.append(catalog.t("tui.phases.plenary.merging", self.lang), style="reverse")
        for child in children:
            text.append("\n  ≡ ", style="dim")
            text.append_text(literal(child.text, "dim"))
            if child.group != note.group:
                text.append_text(literal(" (" + names.get(child.group or "", catalog.t("tui.phases.plenary.everyone", self.lang)) + ")", "dim italic"))
        return text

    def show_status(self, message: str) -> None:
        status = save_status(self.service, self.lang)
        if self.service.saved:
            status = Text.assemble(status, ("  " + message, ""))
        self.query_one("#pl-status", Static).update(status)

    # -- PhaseView contract ------------------------------------------------------
    def session_changed(self) -> None:
        self.rebuild()

    def room_prompt(self) -> str | None:
        qid, qtext = self.pages()[min(self.q_index, len(self.pages()) - 1)]
        return qtext

    # -- actions -----------------------------------------------------------------
    def action_question(self, step: int) -> None:
        self.q_index = (self.q_index + step) % len(self.pages())
        self.hint_page = min(self.hint_page, 1)  # the help stays open, from its first page
        self.fill()
        self.remember_place()

    def help_here(self) -> list:
        """What the agenda names as help for this page's question, then for the plenary's own questions."""
        pages = self.pages()
        qid = pages[min(self.q_index, len(pages) - 1)][0]
        question = next((q for q in self.questions if q.id == qid), None)
        own = self.template.prompts if self.template else []
        return help_sections(question, *own)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return bool(self.help_here())
        return True

    def action_sort_dots(self) -> None:
        self.by_dots = not self.by_dots
        self.fill()
        self.show_status(catalog.t("tui.phases.plenary.tips_sorted_by_dots", self.lang) if self.by_dots else
                         catalog.t("tui.phases.plenary.tips_in_the_order_written", self.lang))

    def action_close_vote(self) -> None:
        closed = not self.service.session.voting_closed
        self.service.set_voting(closed=closed)
        self.fill()
        self.show_status(catalog.t("tui.phases.plenary.vote_closed_the_dots_are", self.lang)
                         if closed else catalog.t("tui.phases.plenary.vote_open_again", self.lang))

    def action_dots(self) -> None:
        """d: the dots each phone may spend, 1 to 5 and round again (the status line says how many)."""
        dots = self.service.session.dots % MAX_DOTS_KEY + 1
        try:
            self.service.set_voting(dots=dots)
        except UserError as exc:
            self.show_status(exc.say(self.lang))
            return
        self.fill()
        self.show_status(catalog.plural("tui.phases.plenary.dots_per_phone", self.lang, dots))

    def focus_column(self, column: GroupColumn, step: int) -> None:
        i = self.columns.index(column)
        target = self.columns[(i + step) % len(self.columns)]
        target.focus(scroll_visible=False)
        # No animation: a sliding row of columns costs ~0.3 s per key and helps nobody.
        target.parent.scroll_visible(animate=False)

    def note_in(self, column: GroupColumn) -> Note | None:
        option = column.highlighted_option
        return find_note(self.service.session, option.id) if option and option.id else None

    def toggle_tip(self, column: GroupColumn) -> None:
        note = self.note_in(column)
        if note:
            self.service.mark_tip(note.id, not note.tip)
            self.fill(keep=note.id)
            self.show_status(catalog.t("tui.phases.dialogue.marked_as_tip", self.lang) if not note.tip else
                             catalog.t("tui.phases.dialogue.tip_removed", self.lang))

    def merge(self, column: GroupColumn) -> None:
        """First `m` picks the note to keep, the second `m` folds another note under it."""
        note = self.note_in(column)
        if note is None:
            return
        if self.merge_source is None or self.merge_source == note.id:
            self.merge_source = None if self.merge_source == note.id else note.id
            self.fill(keep=note.id)
            self.query_one("#pl-status", Static).update(Text(
                catalog.t("tui.phases.plenary.pick_the_duplicate_note_and", self.lang) if self.merge_source else
                catalog.t("tui.phases.plenary.merge_cancelled", self.lang), style="bold"))
            return
        keep = self.merge_source
        self.merge_source = None
        # Fold the duplicate and anything already folded under it, so merges never chain.
        for n in list(self.service.session.notes):
            if n.merged_into == note.id:
                self.service.merge_note(n.id, keep)
        self.service.merge_note(note.id, keep)
        self.fill(keep=keep)
        self.show_status(catalog.t("tui.phases.plenary.merged", self.lang))

    def cancel_merge(self) -> None:
        if self.merge_source:
            self.merge_source = None
            self.fill()
            self.query_one("#pl-status", Static).update(
                Text(catalog.t("tui.phases.plenary.merge_cancelled", self.lang)))

    def unmerge(self, column: GroupColumn) -> None:
        note = self.note_in(column)
        if note is None:
            return
        children = [n for n in self.service.session.notes if n.merged_into == note.id]
        for child in children:
            self.service.merge_note(child.id, None)
        if children:
            self.fill(keep=note.id)
            self.show_status(catalog.t("tui.phases.plenary.unfolded", self.lang, n=len(children)))

    def promote(self, column: GroupColumn) -> None:
        note = self.note_in(column)
        if note is None:
            return
        if any(a.source_note == note.id for a in self.service.session.action_points):
            self.show_status(catalog.t("tui.phases.plenary.already_an_action_point", self.lang))
            return
        self.service.add_action_point(note.text, source_note=note.id, factors=note.factors)
        self.fill(keep=note.id)
        self.show_status(catalog.t("tui.phases.plenary.action_point_added", self.lang) + one_line(note.text)[:60])
