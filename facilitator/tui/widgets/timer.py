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


#: A 3x5 block font: enough for a clock, and it scales to any size.
FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
}


def big_lines(text: str, scale: int) -> list[str]:
    """`text` in block letters, each font pixel `2*scale` cells wide and `scale` high."""
    glyphs = [FONT.get(ch, FONT["-"]) for ch in text]
    rows = []
    for r in range(5):
        line = " " * scale * 2
        line = line.join(
            "".join(("█" if px == "#" else " ") * scale * 2 for px in g[r]) for g in glyphs
        )
        rows.extend([line] * scale)
    return rows


def fit_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which `text` fits in width x height (at least 1)."""
    cols = sum(len(FONT.get(ch, FONT["-"])[0]) for ch in text) + max(0, len(text) - 1)
    return max(1, min(width // max(1, cols * 2), height // 5))


class BigTimer(Digits):
    """The room view's clock: block digits as large as the space allows.

    Falls back to Digits' own 3-row glyphs when even scale 1 does not fit.
    """

    DEFAULT_CSS = """
    BigTimer { width: 100%; height: 1fr; content-align: center middle; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("00:00", **kwargs)
        self._shown: tuple | None = None

    show = PhaseTimer.show

    def render(self):
        from rich.text import Text

        text = str(self.value)
        width, height = self.content_size.width, self.content_size.height
        scale = fit_scale(text, width, height)
        lines = big_lines(text, scale)
        if not lines or len(lines[0]) > width:
            return super().render()
        return Text("\n".join(lines), no_wrap=True)
