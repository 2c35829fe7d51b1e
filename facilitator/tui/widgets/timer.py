"""The big phase timer: remaining time in Digits, counting on into overrun.

Colours come from CSS classes (.warning in the last minute, .overrun past
zero, .paused) so the themes decide what they look like.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.containers import HorizontalGroup
from textual.css.scalar import Scalar
from textual.widget import Widget
from textual.widgets import Digits, Static

from facilitator.core import catalog
from facilitator.core.clock import fmt_delta

WARN_AT = timedelta(minutes=1)


def timer_text(remaining: timedelta) -> str:
    return ("-" if remaining < timedelta() else "") + fmt_delta(remaining)


class TimerState:
    """What both clocks share: the text and the warning/overrun/paused classes, repainted on change."""

    _shown: tuple | None = None

    def show(self, remaining: timedelta, running: bool) -> None:
        """Repaint only when the text or its state changed (once a second at most)."""
        text = timer_text(remaining)
        over = remaining < timedelta()
        warn = not over and remaining <= WARN_AT
        key = (text, over, warn, running)
        if key == self._shown:
            return
        self._shown = key
        self.set_class(over, "overrun")
        self.set_class(warn, "warning")
        self.set_class(not running, "paused")
        self.paint(text)

    def paint(self, text: str) -> None:
        raise NotImplementedError


class PhaseTimer(TimerState, Digits):
    DEFAULT_CSS = """
    PhaseTimer { width: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("00:00", **kwargs)

    def paint(self, text: str) -> None:
        self.update(text)


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


class Glyph(Widget):
    """One character of the block clock.

    A new digit only repaints this widget; the layout is redone only when
    its size changes (a new scale, or a colon becoming a digit).
    """

    def __init__(self) -> None:
        super().__init__()
        self.key: tuple[str, int, bool] | None = None
        self.lines: list[str] = []

    def set(self, char: str, scale: int, gap: bool) -> None:
        if (char, scale, gap) == self.key:
            return
        self.key = (char, scale, gap)
        pad = " " * (2 * scale) if gap else ""
        self.lines = [line + pad for line in big_lines(char, scale)]
        width, height = len(self.lines[0]), len(self.lines)
        if (self.styles.width, self.styles.height) != (Scalar.from_number(width), Scalar.from_number(height)):
            self.styles.width, self.styles.height = width, height
        self.refresh()

    def render(self) -> Text:
        return Text("\n".join(self.lines), no_wrap=True)


class BigTimer(TimerState, HorizontalGroup):
    """The room view's clock: block digits as large as the space allows.

    One widget per character, so a tick repaints only the digits that changed
    (usually one), which keeps a 200x60 projector terminal under 1% CPU.
    """

    DEFAULT_CSS = """
    BigTimer { width: 100%; height: 1fr; align: center middle; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = "00:00"

    def paint(self, text: str) -> None:
        self.text = text
        self.draw()

    def draw(self) -> None:
        glyphs = list(self.query(Glyph))
        if len(glyphs) != len(self.text):
            self.remove_children()
            glyphs = [Glyph() for _ in self.text]
            self.mount(*glyphs)
        scale = fit_scale(self.text, self.size.width, self.size.height)
        for i, (glyph, char) in enumerate(zip(glyphs, self.text)):
            glyph.set(char, scale, gap=i < len(self.text) - 1)

    def on_resize(self) -> None:
        self.draw()


class SmallClock(Static):
    """One line that keeps the meeting's clock in view on a screen of its own
    (action points, people): phase, time left, running or paused."""

    def __init__(self, service, lang: str, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.service = service
        self.lang = lang
        self._line: str | None = None

    def on_mount(self) -> None:
        self.paint()
        self.set_interval(1.0, self.paint)

    def paint(self) -> None:
        from facilitator.core.clock import ClockLogError

        try:
            state = self.service.agenda()
        except ClockLogError:
            return
        if not self.service.session.phases:
            return
        plan = self.service.session.phases[state.current]
        if state.started is None:
            how = catalog.t("tui.widgets.timer.not_started", self.lang)
        else:
            how = catalog.t("tui.widgets.timer.running", self.lang) if state.running else catalog.t("tui.widgets.timer.paused", self.lang)
        line = f"⏱ {plan.title.get(self.lang)} {timer_text(state.phase.remaining)} · {how}"
        if line != self._line:
            self._line = line
            self.update(Text(line, style="bold red" if state.phase.remaining.total_seconds() < 0 else "bold"))
