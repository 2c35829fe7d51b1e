"""The big phase timer: remaining time in Digits, counting on into overrun.

Colours come from CSS classes (.warning in the last minute, .overrun past
zero, .paused) so the themes decide what they look like.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Digits

from ...core.clock import fmt_delta

WARN_AT = timedelta(minutes=1)


def timer_text(remaining: timedelta) -> str:
    return ("-" if remaining < timedelta() else "") + fmt_delta(remaining)


class PhaseTimer(Digits):
    DEFAULT_CSS = """
    PhaseTimer { width: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("00:00", **kwargs)
        self._shown: tuple | None = None

    def show(self, remaining: timedelta, running: bool) -> None:
        """Repaint only when the text or its state changed (once a second at most)."""
        text = timer_text(remaining)
        over = remaining < timedelta()
        warn = not over and remaining <= WARN_AT
        key = (text, over, warn, running)
        if key == self._shown:
            return
        self._shown = key
        self.update(text)
        self.set_class(over, "overrun")
        self.set_class(warn, "warning")
        self.set_class(not running, "paused")
