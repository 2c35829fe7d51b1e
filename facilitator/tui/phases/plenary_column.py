"""One group's column in Plenair: that group's notes for the question on screen.

The column owns its keys, not their meaning: what a tip, a merge or an action point does to the
session is decided by the Plenair phase, which keeps the notes, the merge in progress and the
order of the columns. So each key posts ``GroupColumn.Asked`` and the phase answers it; the
column never reaches into the phase.
"""

from __future__ import annotations

from typing import Literal

from textual.actions import SkipAction
from textual.binding import Binding
from textual.message import Message

from facilitator.tui.phases.shared import GroupRef, StopAtEndsList

Request = Literal["focused", "column", "tip", "merge", "unmerge", "promote", "cancel"]


class GroupColumn(StopAtEndsList):
    """One group's notes for the current question."""

    BINDINGS = [
        Binding("left", "ask('column', -1)", "keys.previous_group", show=False, id="plenary.prev_group"),
        Binding("right", "ask('column', 1)", "keys.next_group", show=False, id="plenary.next_group"),
        Binding("t", "ask('tip')", "keys.tip_on_off", id="plenary.tip"),
        Binding("m", "ask('merge')", "keys.merge", id="plenary.merge"),
        Binding("u", "ask('unmerge')", "keys.unfold", id="plenary.unmerge"),
        # Enter, not a letter: the run screen's `a` opens the action points screen.
        Binding("enter", "ask('promote')", "keys.make_action_point", id="plenary.promote"),
        Binding("escape", "cancel", "keys.cancel", show=False, id="plenary.cancel"),
    ]

    class Asked(Message):
        """A key in `column` asks the phase for `what` (`step`: which way, for `column`)."""

        def __init__(self, column: GroupColumn, what: Request, step: int = 0) -> None:
            super().__init__()
            self.column = column
            self.what: Request = what
            self.step = step

    def __init__(self, group: GroupRef, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.group = group
        self.merging = False  # set by the phase while a merge waits for its second note

    def on_focus(self) -> None:
        self.post_message(self.Asked(self, "focused"))

    def action_ask(self, what: Request, step: int = 0) -> None:
        self.post_message(self.Asked(self, what, step))

    def action_cancel(self) -> None:
        if not self.merging:
            raise SkipAction()  # let Esc reach the run screen ("leave field / back")
        self.post_message(self.Asked(self, "cancel"))
