"""The action points: what, who, by when, which success factors.

Reachable from any phase and at the end of the meeting. Everything changes
through the session service; the table is redrawn from the session after
each change, so it always shows what is on disk (or queued for it).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from facilitator.core import catalog
from facilitator.core.model import ActionPoint
from facilitator.core.plain import one_line
from facilitator.services.session import SessionService
from facilitator.tui.dialogs.action_form import ActionForm, ActionPointDraft, format_due
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.i18n import Screen
from facilitator.tui.phases.shared import factor_numbers, save_status
from facilitator.tui.widgets.timer import SmallClock


class ActionPointsScreen(Screen[None]):
    CSS_PATH = "../dialogs/phase_dialogs.tcss"

    BINDINGS = [
        Binding("a,insert", "add", "keys.new", id="actions.add"),
        Binding("e,enter", "edit", "keys.edit", id="actions.edit"),
        Binding("delete,d", "delete", "keys.delete", id="actions.delete"),
        Binding("shift+up,K", "move(-1)", "keys.move_up", id="actions.up"),
        Binding("shift+down,J", "move(1)", "keys.move_down", id="actions.down"),
        Binding("escape,q", "close", "keys.back", id="actions.close"),
    ]

    def __init__(self, service: SessionService, lang: str = "nl") -> None:
        super().__init__()
        self.service = service
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(id="ap-title", markup=False)
        yield SmallClock(self.service, self.lang, id="ap-clock")
        yield DataTable(id="ap-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="ap-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column(catalog.t("tui.screens.actions.what", self.lang), key="what")
        table.add_column(catalog.t("tui.screens.actions.who", self.lang), key="who")
        table.add_column(catalog.t("tui.screens.actions.by_when", self.lang), key="due")
        table.add_column(catalog.t("tui.screens.actions.success_factors", self.lang), key="factors")
        self.redraw()
        table.focus()

    def paint_clock(self) -> None:
        self.query_one("#ap-clock", SmallClock).paint()

    @property
    def points(self) -> list[ActionPoint]:
        return self.service.session.action_points

    def redraw(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = keep
        if current is None and table.row_count:
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        width = max(20, (self.size.width or 80) - 45)
        for i, ap in enumerate(self.points, 1):
            what = one_line(ap.text)
            if len(what) > width:
                what = what[: width - 1] + "…"
            table.add_row(
                Text(str(i), style="dim"), Text(what), Text(one_line(ap.owner)),
                Text(format_due(ap.due, self.lang)), Text(factor_numbers(ap.factors), style="cyan"),
                key=ap.id,
            )
        ids = [ap.id for ap in self.points]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        n = len(ids)
        title = Text(catalog.t("tui.screens.actions.action_points", self.lang), style="bold")
        title.append(f"  ({n})", style="dim")
        nxt = self.service.session.next_talks
        if nxt:
            title.append(catalog.t("tui.screens.actions.next_round_of_talks", self.lang, due=format_due(nxt, self.lang)), style="dim")
        self.query_one("#ap-title", Static).update(title)
        if not n:
            self.query_one("#ap-status", Static).update(Text(
                catalog.t("tui.screens.actions.no_action_points_yet_press", self.lang), style="italic"))

    def selected(self) -> ActionPoint | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((ap for ap in self.points if ap.id == key), None)

    def show_status(self, message: str) -> None:
        status = save_status(self.service, self.lang)
        if self.service.saved:
            status = Text.assemble(status, ("  " + message, ""))
        self.query_one("#ap-status", Static).update(status)

    # -- actions -------------------------------------------------------------------
    def action_add(self) -> None:
        def done(draft: ActionPointDraft | None) -> None:
            if draft is None:
                return
            ap = self.service.add_action_point(draft.text, owner=draft.owner, due=draft.due, factors=draft.factors)
            self.redraw(keep=ap.id)
            self.show_status(catalog.t("tui.screens.actions.action_point_added", self.lang))

        self.app.push_screen(ActionForm(lang=self.lang, default_due=self.service.session.next_talks), done)

    def action_edit(self) -> None:
        ap = self.selected()
        if ap is None:
            return

        def done(draft: ActionPointDraft | None) -> None:
            if draft is None:
                return
            changes = {k: v for k, v in (("text", draft.text), ("owner", draft.owner), ("due", draft.due),
                                         ("factors", draft.factors)) if getattr(ap, k) != v}
            if changes:
                self.service.edit_action_point(ap.id, **changes)
                self.redraw(keep=ap.id)
                self.show_status(catalog.t("tui.screens.actions.updated", self.lang))

        draft = ActionPointDraft(text=ap.text, owner=ap.owner, due=ap.due, factors=list(ap.factors))
        self.app.push_screen(ActionForm(draft, lang=self.lang), done)

    def action_delete(self) -> None:
        ap = self.selected()
        if ap is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.service.delete_action_point(ap.id)
                self.redraw()
                self.show_status(catalog.t("tui.screens.actions.deleted", self.lang))

        self.app.push_screen(ConfirmDialog(catalog.t("tui.screens.actions.delete_this_action_point", self.lang),
                                           self.lang, detail=one_line(ap.text)), done)

    def action_move(self, step: int) -> None:
        ap = self.selected()
        if ap is None:
            return
        index = [p.id for p in self.points].index(ap.id)
        target = index + step
        if not 0 <= target < len(self.points):
            return
        self.service.move_action_point(ap.id, target)
        self.redraw(keep=ap.id)
        self.show_status(catalog.t("tui.screens.actions.moved", self.lang))

    def action_close(self) -> None:
        self.dismiss(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on a row edits it (DataTable consumes Enter before screen bindings).
        event.stop()
        self.action_edit()
