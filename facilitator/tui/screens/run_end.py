"""The run screen's side of Afronden: ending the meeting, what an ended meeting shows, reopening it.

The rules are below the screen: the clock log's "end" event and ``replay``'s
``ended`` (core/clock.py), and the service's ``finish_meeting``,
``reopen_meeting`` and ``clock_event`` (which refuses to start an ended
meeting's clock). Here: the dialog and the files Afronden writes, the end time
in place of a countdown, and the question before a key would carry an ended
meeting on. Moving between phases asks nothing: it keeps the meeting ended, so
a team can still fix a note anywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from facilitator.core import catalog
from facilitator.core.clock import AgendaState
from facilitator.core.text import explain
from facilitator.tui.widgets.timer import BigTimer, PhaseTimer


class MeetingEnd:
    """Mixed into RunScreen: uses its service, app, lang, state, tick and painting helpers."""

    def end_time(self, ended: datetime) -> str:
        return ended.astimezone(self.app.tz).strftime("%H:%M")

    # -- what an ended meeting shows -----------------------------------------------------
    def paint_ended_main(self, state: AgendaState) -> None:
        """The run view's clock: the time it ended, and the words, instead of a frozen countdown."""
        time = self.end_time(state.ended)
        self._one("#timer", PhaseTimer).show_time(time)
        self._set_static("#timer-status", catalog.t("clock.ended_at", self.lang, time=time))

    def paint_ended_room(self, state: AgendaState) -> None:
        """The projector: that it ended and when, and the two dates for everyone's own agenda."""
        from facilitator.core.dates import format_date

        session = self.service.session
        self._one("#room-timer", BigTimer).show_time(self.end_time(state.ended))
        self._set_static("#room-title", catalog.t("clock.meeting_ended", self.lang))
        lines = []
        if session.next_talks is not None:
            lines.append(catalog.t("tui.screens.run.room_next_talks", self.lang,
                                   day=format_date(session.next_talks, self.lang)))
        if session.followup_date is not None:
            lines.append(catalog.t("tui.screens.run.room_followup", self.lang,
                                   day=format_date(session.followup_date, self.lang)))
        self._set_static("#room-prompt", "\n".join(lines))

    # -- keys that would carry an ended meeting on ---------------------------------------
    def unless_ended(self, then: Callable[[], None]) -> None:
        """Run `then`; on an ended meeting ask first: yes reopens it and then runs it, no changes nothing."""
        ended = self.service.ended()
        if ended is None:
            then()
            return
        from facilitator.tui.dialogs.confirm import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.service.reopen_meeting()
                self.notify(catalog.t("tui.screens.run.reopened", self.lang))
                then()
                self.after_change()

        question = catalog.t("tui.screens.run.reopen_question", self.lang, time=self.end_time(ended))
        # Reopening undoes Afronden: the safe answer (no) is the default.
        self.app.push_screen(ConfirmDialog(question, self.lang), answer)

    def action_reopen(self) -> None:
        """The palette's "reopen": chosen by name, so nothing to ask; the clock waits for space."""
        if self.service.ended() is not None:
            self.service.reopen_meeting()
            self.notify(catalog.t("tui.screens.run.reopened", self.lang))
            self.after_change()

    # -- Afronden --------------------------------------------------------------------------
    def action_finish(self) -> None:
        """End the meeting: dates asked, clock stopped, PDF and calendar file written."""
        from facilitator.tui.dialogs.finish import FinishDialog

        ended = self.service.ended()
        self.app.push_screen(
            FinishDialog(self.service.session, self.lang, ended=self.end_time(ended) if ended else ""),
            self._finish)

    def _finish(self, choice) -> None:
        if choice is None:
            return
        from facilitator.core.errors import UserError
        from facilitator.services.exports import write_calendar
        from facilitator.tui.dialogs.export import ExportOptions
        from facilitator.tui.exporting import run_export
        from facilitator.tui.opener import open_or_say

        self.service.finish_meeting(next_talks=choice.next_talks, followup_date=choice.followup_date)
        self.after_change()
        session = self.service.session
        ics = self.service.path.with_suffix(".ics")
        try:
            write_calendar(session, ics, self.app.now())
        except (OSError, UserError) as exc:
            self.notify(catalog.t("tui.screens.run.calendar_file_not_written", self.lang, error=explain(exc, self.lang)),
                        severity="error", markup=False)
            ics = None
        ended = self.service.ended()
        where = catalog.t("tui.screens.run.finished_at_report_in", self.lang,
                          time=self.end_time(ended) if ended else "", folder=self.service.path.parent)
        self.finished_line = where + (f" ({ics.name})" if ics else "")
        run_export(self, self.service, self.lang, ExportOptions(fmt="pdf", lang=session.language))
        # The folder opens for the facilitator to mail or print the report; without a display
        # (ssh, a bare laptop) the one line above says where the files are.
        open_or_say(self, self.service.path.parent, timeout=30, severity="information",
                    opened=self.finished_line + catalog.t("tui.screens.run.folder_opens", self.lang),
                    unavailable=self.finished_line)
