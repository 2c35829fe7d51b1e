"""Quickscan: rate the ten success factors (++ .. ?) and compare before and after.

"Before" is the reviewed session(s) (the training), "after" the follow-up. The
table shows the team rating of both (see facilitator.core.followup for how a
team rating is formed), the change per factor and per cluster, and how many
people rated. Keys 1-6 rate the highlighted factor for the chosen meeting; the
name field says who rates (empty: the team's agreed rating).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Static

from facilitator.core import catalog
from facilitator.core import followup as core
from facilitator.core.dates import format_average
from facilitator.core.errors import UserError
from facilitator.core.plain import visible
from facilitator.services import content
from facilitator.services.followup.review import Review
from facilitator.tui.i18n import Screen
from facilitator.tui.widgets.fields import TextInput
from facilitator.tui.widgets.followup_common import RATING_KEYS

#: Where the cursor's row is kept in the follow-up's Session.places (the phases' home, as the
#: review screen keeps its point): the key of the follow-up agenda's quickscan phase.
PLACE = "quickscan"

RATING_STYLE = {"++": "bold green", "+": "green", "+-": "yellow", "-": "red", "--": "bold red", "?": "dim"}


def bar(score: float | None, width: int = 3) -> Text:
    """A small centred bar: left of the middle for negative, right for positive."""
    if score is None:
        return Text(" " * (2 * width + 1))
    cells = round(abs(score) / 2 * width)
    left = " " * width if score >= 0 else " " * (width - cells) + "█" * cells
    right = "█" * cells + " " * (width - cells) if score > 0 else " " * width
    style = "green" if score > 0 else "red" if score < 0 else "yellow"
    return Text.assemble((left, style), ("│", "dim"), (right, style))


class QuickscanScreen(Screen[None]):
    CSS_PATH = "quickscan.tcss"

    BINDINGS = [
        *[
            Binding(key, f"rate('{r}')", f"keys.rate:{r}", show=False, id=f"quickscan.rate{key}")
            for key, r in RATING_KEYS.items()
        ],
        Binding("t", "target", "keys.before_after", id="quickscan.target"),
        Binding("w", "who", "keys.who_rates", id="quickscan.who"),
        Binding("escape", "close", "keys.back", id="quickscan.close"),
    ]

    def __init__(self, review: Review, lang: str = "nl", **kwargs) -> None:
        super().__init__(**kwargs)
        self.review = review
        self.lang = lang
        self.target = "after"  # "before": the (single) reviewed session; "after": the follow-up


    def compose(self) -> ComposeResult:
        yield Static(id="qs-head", markup=False)
        with Horizontal(id="qs-who"):
            yield Static(catalog.t("tui.screens.quickscan.who_rates", self.lang), markup=False)
            yield TextInput(id="qs-by", placeholder=catalog.t("tui.screens.quickscan.empty_team_rating", self.lang), max_length=200)
        yield DataTable(id="qs-table", cursor_type="row")
        yield Static(id="qs-about", markup=False)  # the highlighted factor's statement and meaning
        yield Static(id="qs-legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # The bars need room; in a narrow terminal (or a big projector font) the numbers say it all.
        self.bars = self.app.size.width >= 100
        columns = [
            (catalog.t("tui.screens.quickscan.success_factor", self.lang), "factor"), (catalog.t("tui.screens.quickscan.before", self.lang), "before"),
            (catalog.t("tui.screens.quickscan.after", self.lang), "after"), (catalog.t("tui.screens.quickscan.change", self.lang), "delta"),
        ]
        if self.bars:
            columns += [(catalog.t("tui.screens.quickscan.before", self.lang), "bbar"), (catalog.t("tui.screens.quickscan.after", self.lang), "abar")]
        columns.append((catalog.t("tui.screens.quickscan.ratings_after", self.lang), "n"))
        for label, key in columns:
            table.add_column(label, key=key)
        scale = content.success_factors()
        legend = "   ".join(
            f"{k} {r} {scale.scale_labels[i].get(self.lang)}" for i, (k, r) in enumerate(RATING_KEYS.items())
        )
        self.query_one("#qs-legend", Static).update(Text(legend))
        self.fill()
        table.focus()
        # Back where the facilitator was (leaving and coming back, or reopening the session),
        # else on the first factor (row 0 is its cluster's heading).
        followup = self.review.followup
        place = followup.remembered_place(PLACE) if followup is not None else ""
        table.move_cursor(row=table.get_row_index(place) if place in table.rows else 1)

    def fill(self) -> None:
        sf = content.success_factors()
        cmp = self.review.comparison()
        head = Text()
        head.append(catalog.t("tui.screens.quickscan.quickscan_the_ten_success_factors", self.lang), style="bold")
        head.append("   " + catalog.t("tui.screens.quickscan.you_are_rating", self.lang), style="dim")
        head.append(catalog.t("tui.screens.quickscan.after_follow_up", self.lang) if self.target == "after"
                    else catalog.t("tui.screens.quickscan.before_training", self.lang), style="bold reverse")
        if not self.review.saved:
            head.append("   " + catalog.t("tui.screens.quickscan.not_saved_retrying", self.lang),
                        style="bold white on red")
        self.query_one("#qs-head", Static).update(head)
        table = self.query_one(DataTable)
        row, col = table.cursor_row, table.cursor_column
        table.clear()
        for cl in cmp.clusters:
            table.add_row(*self.row(
                Text(next(c.title.get(self.lang) for c in sf.clusters if c.id == cl.cluster).upper(), style="bold"),
                Text("" if cl.before is None else format_average(cl.before, self.lang, signed=True), style="bold"),
                Text("" if cl.after is None else format_average(cl.after, self.lang, signed=True), style="bold"),
                self.delta_text(cl.delta, self.lang), bar(cl.before), bar(cl.after), Text(""),
            ), key=f"c-{cl.cluster}")
            for ch in cmp.factors:
                if ch.factor not in cl.factors:
                    continue
                table.add_row(*self.row(
                    Text(f"  {ch.factor}. {sf.factor(ch.factor).title.get(self.lang)}"),
                    self.rating_text(ch.before.rating), self.rating_text(ch.after.rating),
                    self.delta_text(ch.delta, self.lang), bar(ch.before.score), bar(ch.after.score),
                    self.raters_text(ch.after),
                ), key=f"f-{ch.factor}")
        table.move_cursor(row=row, column=col)

    def remember_place(self) -> None:
        """The row under the cursor, in the follow-up's places (read once the table is filled)."""
        table = self.query_one(DataTable)
        if self.review.followup is not None and table.row_count:
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            self.review.followup.remember_place(PLACE, key.value or "")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Under the table: what the team rates on this row (the statement, then what the factor means)."""
        self.remember_place()
        key = event.row_key.value or ""
        sf = content.success_factors()
        about = Text()
        if key.startswith("f-"):
            factor = sf.factor(int(key[2:]))
            about.append(catalog.t("tui.factor.quickscan_statement", self.lang,
                                   statement=factor.quickscan.get(self.lang)) + "\n", style="bold")
            about.append(factor.description.get(self.lang), style="dim")
        elif key.startswith("c-"):
            cluster = next((c for c in sf.clusters if c.id == key[2:]), None)
            if cluster is not None:
                about.append(cluster.description.get(self.lang), style="dim")
        self.query_one("#qs-about", Static).update(about)

    def row(self, *cells: Text) -> tuple[Text, ...]:
        return cells if self.bars else cells[:4] + cells[6:]

    def raters_text(self, scan: core.FactorScan) -> Text:
        """How many rated, and whether the room agrees (seeds/001: agreement, division, no sight)."""
        if not scan.raters:
            return Text("")
        out = Text(str(scan.raters))
        if scan.spread >= 2:
            out.append(" " + catalog.t("tui.screens.quickscan.divided", self.lang), style="yellow")
        if scan.counts.get("?"):
            out.append(f" {scan.counts['?']}×?", style="dim")
        return out

    @staticmethod
    def rating_text(rating: str | None) -> Text:
        return Text(rating or "·", style=RATING_STYLE.get(rating or "", "dim"), justify="center")

    @staticmethod
    def delta_text(delta, lang: str) -> Text:
        text = core.fmt_delta(delta, lang)
        style = "green" if delta and delta > 0 else "red" if delta and delta < 0 else ""
        arrow = "▲ " if delta and delta > 0 else "▼ " if delta and delta < 0 else ""
        return Text(arrow + text, style=style)

    def current_factor(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(key.value[2:]) if key.value.startswith("f-") else None

    def action_rate(self, rating: str) -> None:
        factor = self.current_factor()
        if factor is None:
            return  # a cluster heading: nothing to rate, and no toast per key press (the legend says how)
        by = self.query_one("#qs-by", Input).value
        session_id = None
        if self.target == "before":
            ids = [s.session.id for s in self.review.services()]
            if len(ids) != 1:
                self.notify(catalog.t("tui.screens.quickscan.rating_before_works_with_one", self.lang), severity="warning")
                return
            session_id = ids[0]
        had_followup = self.review.followup is not None
        try:
            self.review.rate(factor, rating, by=by, session_id=session_id)
        except UserError as exc:
            self.notify(visible(exc.say(self.lang)), severity="warning", markup=False)
            return
        if not had_followup and self.review.followup is not None:
            self.notify(
                catalog.t("tui.screens.quickscan.follow_up_session_created", self.lang)
                + visible(self.review.followup.session.title), markup=False,
            )
        self.fill()
        table = self.query_one(DataTable)
        # Straight on to the next factor: rating ten factors is ten key presses.
        nxt = table.cursor_row + 1
        while nxt < table.row_count:
            key, _ = table.coordinate_to_cell_key((nxt, 0))
            if key.value.startswith("f-"):
                table.move_cursor(row=nxt)
                break
            nxt += 1
        # After the last factor the cursor stays on it, in the list, ready for a correction.
        table.focus()

    def action_target(self) -> None:
        self.target = "before" if self.target == "after" else "after"
        self.fill()

    def action_who(self) -> None:
        self.query_one("#qs-by", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(DataTable).focus()

    def action_close(self) -> None:
        if self.focused is self.query_one("#qs-by", Input):
            self.query_one(DataTable).focus()
            return
        self.dismiss(None)
