"""The big phase timer: remaining time in Digits, counting on into overrun.

Colours come from CSS classes (.warning in the last minute, .overrun past
zero, .paused) so the themes decide what they look like.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
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


class BigTimer(TimerState, Widget):
    """The room view's clock: block digits as large as the space allows, centred.

    One widget drawn through Textual's line API: its rows are plain strings of
    block characters, handed over as ready strips. A new second repaints only
    the cells that changed (usually a few blocks of the last digit), so the
    compositor neither re-renders nor re-chops the rest of the clock; this
    keeps a 200x60 projector terminal close to a bare Digits clock.
    """

    DEFAULT_CSS = """
    BigTimer { width: 100%; height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = "00:00"
        self.rows: list[str] = []  # the clock's block rows, without the centring margins
        self.origin = (0, 0)  # where rows[0][0] sits in the widget
        self._strips: tuple[object, dict[int, Strip]] | None = None  # (style, rendered rows)

    def paint(self, text: str) -> None:
        self.text = text
        self.draw()

    def draw(self) -> None:
        width, height = self.size
        scale = fit_scale(self.text, width, height)
        last = len(self.text) - 1
        glyphs = [glyph_lines(ch, scale, i < last) for i, ch in enumerate(self.text)]
        rows = ["".join(g[r] for g in glyphs) for r in range(5 * scale)]
        origin = (max(0, (width - len(rows[0])) // 2), max(0, (height - len(rows)) // 2))
        old, old_origin = self.rows, self.origin
        self.rows, self.origin = rows, origin
        self._strips = None
        if old_origin == origin and len(old) == len(rows) and old and len(old[0]) == len(rows[0]):
            x, y = origin
            regions = [r.translate((x, y)) for r in changed_regions(old, rows)]
            if regions:
                self.refresh(*regions)
        else:
            self.refresh()

    def notify_style_update(self) -> None:
        self._strips = None  # a new colour (warning, overrun, paused, another theme)
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        if self._strips is None:
            self._strips = (self.rich_style, {})
        style, done = self._strips
        width = self.size.width
        strip = done.get(y)
        if strip is None or strip.cell_length != width:
            margin = Style(bgcolor=style.bgcolor)  # around the digits: background only, as an empty area
            x0, y0 = self.origin
            row = y - y0
            if 0 <= row < len(self.rows):
                line = self.rows[row][: max(0, width - x0)]
                right = max(0, width - x0 - len(line))
                strip = Strip([Segment(" " * x0, margin), Segment(line, style), Segment(" " * right, margin)], width)
            else:
                strip = Strip.blank(width, margin)
            done[y] = strip
        return strip

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
