"""The big phase timer: remaining time in Digits, counting on into overrun.

Colours come from CSS classes (.warning in the last minute, .overrun past
zero, .paused) so the themes decide what they look like.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from rich.segment import Segment
from textual.containers import HorizontalGroup
from textual.css.scalar import Scalar
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Digits

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


@lru_cache(maxsize=256)
def glyph_lines(char: str, scale: int, gap: bool) -> list[str]:
    """One character's block lines, padded with the gap to the next one (cached: 13 glyphs x few scales)."""
    pad = " " * (2 * scale) if gap else ""
    return [line + pad for line in big_lines(char, scale)]


def changed_regions(old: list[str], new: list[str]) -> list[Region]:
    """Regions covering every cell where two equally sized glyphs differ: one per run of changed rows."""
    regions: list[Region] = []
    start = None
    left = right = 0
    for y, (a, b) in enumerate([*zip(old, new), ("", "")]):
        if a != b:
            first = next(x for x, (p, q) in enumerate(zip(a, b)) if p != q)
            last = len(a) - next(x for x, (p, q) in enumerate(zip(reversed(a), reversed(b))) if p != q)
            if start is None:
                start, left, right = y, first, last
            else:
                left, right = min(left, first), max(right, last)
        elif start is not None:
            regions.append(Region(left, start, right - left, y - start))
            start = None
    return regions


class Glyph(Widget):
    """One character of the block clock.

    A new digit only repaints this widget; the layout is redone only when
    its size changes (a new scale, or a colon becoming a digit). Its lines are
    handed to the compositor as ready strips (Textual's line API), built once
    per digit and colour, so a repaint does not parse text into cells again.
    """

    def __init__(self) -> None:
        super().__init__()
        self.key: tuple[str, int, bool] | None = None
        self.lines: list[str] = []
        self._strips: tuple[object, list[Strip]] | None = None  # (style, one strip per line)

    def set(self, char: str, scale: int, gap: bool) -> None:
        if (char, scale, gap) == self.key:
            return
        self.key = (char, scale, gap)
        old = self.lines
        self.lines = glyph_lines(char, scale, gap)
        self._strips = None
        width, height = len(self.lines[0]), len(self.lines)
        if len(old) != height or len(old[0]) != width:
            if (self.styles.width, self.styles.height) != (Scalar.from_number(width), Scalar.from_number(height)):
                self.styles.width, self.styles.height = width, height
            self.refresh()
            return
        # Same size, another digit: repaint only the cells that differ (a few blocks of the 3x5 font).
        regions = changed_regions(old, self.lines)
        if regions:
            self.refresh(*regions)

    def notify_style_update(self) -> None:
        self._strips = None  # a new colour (warning, overrun, paused, another theme)
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            style = self.rich_style
            self._strips = (style, [Strip([Segment(line, style)], len(line)) for line in self.lines])
        style, strips = self._strips
        if y >= len(strips):
            return Strip.blank(len(self.lines[0]) if self.lines else 0, style)
        return strips[y]


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

    _glyphs: list[Glyph] | None = None  # our children, kept: no query each second

    def draw(self) -> None:
        glyphs = self._glyphs
        if glyphs is None or len(glyphs) != len(self.text):
            self.remove_children()
            glyphs = self._glyphs = [Glyph() for _ in self.text]
            self.mount(*glyphs)
        scale = fit_scale(self.text, self.size.width, self.size.height)
        for i, (glyph, char) in enumerate(zip(glyphs, self.text)):
            glyph.set(char, scale, gap=i < len(self.text) - 1)

    def on_resize(self) -> None:
        self.draw()
