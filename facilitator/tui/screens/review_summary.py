"""All reviewed action points in one table, grouped by success factor (or cluster, or session),
with status counts per group. Several teams' sessions show side by side.

Dismisses with the (session id, action point id) of the chosen row, or None.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from facilitator.core import catalog, followup as core
from facilitator.core.plain import visible
from facilitator.services import content
from facilitator.services.followup.review import Review
from facilitator.tui.i18n import Screen
from facilitator.tui.widgets.followup_common import counts_text, status_text

GROUPINGS = ("factor", "cluster", "session")


def _cut(text: str, width: int) -> str:
    flat = " ".join(visible(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class SummaryScreen(Screen[tuple[str, str] | None]):
    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("g", "grouping", "keys.group_by", id="summary.grouping"),
        Binding("enter", "choose", "keys.open_point", id="summary.choose"),
        Binding("escape,v", "close", "keys.back", id="summary.close"),
    ]

    def __init__(self, review: Review, lang: str = "nl", **kwargs) -> None:
        super().__init__(**kwargs)
        self.review = review
        self.lang = lang
        self.grouping = "factor"
        self.row_keys: dict[str, tuple[str, str]] = {}


    def compose(self) -> ComposeResult:
        yield Static(id="summary-head", markup=False)
        yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def group_title(self, key) -> str:
        if self.grouping == "factor":
            return content.success_factors().factor_label(key, self.lang)
        if self.grouping == "cluster":
            return content.success_factors().cluster_label(key, self.lang)
        svc = next((s for s in self.review.services() if s.session.id == key), None)
        return visible(svc.session.title) if svc else str(key)

    def fill(self) -> None:
        items = self.review.items()
        sessions = len(self.review.services())
        head = Text()
        head.append(catalog.t("tui.screens.review_summary.overview", self.lang), style="bold")
        head.append(catalog.plural("tui.screens.review_summary.action_points_from_sessions", self.lang, sessions, items=len(items)))
        head.append_text(counts_text(core.status_counts(i.point for i in items), self.lang))
        head.append("\n" + catalog.t("tui.screens.review_summary.grouped_by", self.lang)
                    + {"factor": catalog.t("tui.screens.review_summary.success_factor", self.lang),
                       "cluster": catalog.t("tui.screens.review_summary.cluster", self.lang),
                       "session": catalog.t("tui.screens.review_summary.session_2", self.lang)}[self.grouping], style="dim")
        self.query_one("#summary-head", Static).update(head)
        if self.grouping == "factor":
            groups = core.group_by_factor(items)
        elif self.grouping == "cluster":
            groups = core.group_by_cluster(items, content.success_factors())
        else:
            groups = core.group_by_session(items)
        table = self.query_one(DataTable)
        # Columns too: their widths must fit this grouping's rows, not the last one's.
        table.clear(columns=True)
        several = sessions > 1
        table.add_column(catalog.t("tui.screens.review_summary.action_point", self.lang), key="text")
        if several:  # the session column only when there is more than one team
            table.add_column(catalog.t("tui.screens.review_summary.session", self.lang), key="session")
        table.add_column(catalog.t("tui.screens.review_summary.status_notes", self.lang), key="status")
        table.add_column(catalog.t("tui.screens.review_summary.next_step", self.lang), key="next")
        self.row_keys.clear()
        # Fit 80 columns: the point text gets what the other columns leave (cell padding included).
        fixed = (12 if several else 0) + 17 + 16 + 2 * (4 if several else 3) + 2
        text_w = max(20, self.app.size.width - fixed)
        for gi, group in enumerate(groups):
            heading = Text(_cut(self.group_title(group.key), text_w + 2), style="bold reverse")
            heading.append("\n")
            heading.append_text(counts_text(group.counts, self.lang))
            blanks = [Text("")] * (3 if several else 2)
            table.add_row(heading, *blanks, key=f"g{gi}", height=2)
            for ii, item in enumerate(group.items):
                p = item.point
                rk = f"g{gi}-{ii}"
                self.row_keys[rk] = item.key
                cells = [Text("  " + _cut(p.text, text_w))]
                if several:
                    cells.append(Text(_cut(item.session_title, 12)))
                status = status_text(p.status, self.lang, short=True)
                if p.outcomes:
                    status.append(f" ({len(p.outcomes)})", style="dim")
                cells += [status, Text(_cut(p.next_step, 16))]
                table.add_row(*cells, key=rk)

        new = self.review.new_points()
        if new:
            heading = Text(catalog.t("tui.screens.review_summary.new_action_points_follow_up", self.lang),
                           style="bold reverse")
            table.add_row(heading, *[Text("")] * (3 if several else 2), key="new")
            for ni, p in enumerate(new):
                cells = [Text("  " + _cut(p.text, text_w))] + ([Text("")] if several else [])
                cells += [Text(catalog.t("tui.screens.review_summary.new", self.lang), style="bold"), Text("")]
                table.add_row(*cells, key=f"new-{ni}")

    def action_grouping(self) -> None:
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.fill()

    def chosen(self) -> tuple[str, str] | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.row_keys.get(row_key.value)

    def action_choose(self) -> None:
        key = self.chosen()
        if key is not None:
            self.dismiss(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = self.row_keys.get(event.row_key.value)
        if key is not None:
            self.dismiss(key)

    def action_close(self) -> None:
        self.dismiss(None)
