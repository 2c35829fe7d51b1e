"""Afronden: the step that ends the meeting.

The dialog only shows what will be agreed (the action points with who and by
when) and asks for the two dates that go into the teachers' agendas; the run
screen does the work (stop the clock, PDF, calendar file) through the service
and the export layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from facilitator.core import catalog
from facilitator.core.dates import input_date, parse_optional_date
from facilitator.core.model import Session
from facilitator.export.calendar import action_lines
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.widgets.fields import TextInput


@dataclass(frozen=True)
class FinishChoice:
    next_talks: date | None
    followup_date: date | None


class FinishDialog(ModalScreen[FinishChoice | None]):
    CSS_PATH = "phase_dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "finish", "keys.finish", id="finish.confirm"),
        Binding("escape", "cancel", "keys.cancel", id="finish.cancel"),
    ]

    def __init__(self, session: Session, lang: str, ended: str = "") -> None:
        super().__init__()
        self.session = session
        self.lang = lang
        self.ended = ended  # "15:42" when an earlier Afronden ended it: that end stays

    def compose(self) -> ComposeResult:
        points = action_lines(self.session, self.lang)
        with Vertical(id="finish-box"):
            yield Static(catalog.t("tui.dialogs.finish.finish_close_the_meeting", self.lang), classes="title")
            hint = (catalog.t("tui.dialogs.finish.already_ended", self.lang, time=self.ended) if self.ended
                    else catalog.t("tui.dialogs.finish.the_clock_stops_the_report", self.lang))
            yield Static(hint, classes="hint")
            yield Static(catalog.t("tui.dialogs.finish.action_points_what_who_when", self.lang, n=len(points)),
                         classes="subtitle")
            with VerticalScroll(id="finish-points"):
                yield Static(Text("\n".join(points) if points else catalog.t("tui.dialogs.finish.no_action_points_yet_esc", self.lang)), markup=False)
            yield Label(catalog.t("tui.dialogs.finish.next_round_of_ten_minute", self.lang))
            yield TextInput(input_date(self.session.next_talks, self.lang), id="finish-next")
            yield Label(catalog.t("tui.dialogs.finish.follow_up_meeting_yyyy_mm", self.lang))
            yield TextInput(input_date(self.session.followup_date, self.lang), id="finish-followup")
            yield Static(id="finish-error", markup=False)
            yield Static(catalog.t("tui.dialogs.finish.ctrl_s_finish_esc_back", self.lang), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#finish-next", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "finish-next":
            self.query_one("#finish-followup", Input).focus()
        else:
            self.action_finish()

    def action_finish(self) -> None:
        days: list[date | None] = []
        for field in ("#finish-next", "#finish-followup"):
            widget = self.query_one(field, Input)
            try:
                days.append(parse_optional_date(widget.value))
            except ValueError:
                self.query_one("#finish-error", Static).update(catalog.t("tui.dialogs.finish.not_a_valid_date_write_e", self.lang, value=widget.value))
                widget.focus()
                return
        self.dismiss(FinishChoice(days[0], days[1]))

    def action_cancel(self) -> None:
        self.dismiss(None)
