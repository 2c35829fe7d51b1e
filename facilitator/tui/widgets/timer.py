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

    def show_time(self, text: str) -> None:
        """A time of day instead of a countdown (an ended meeting shows when it ended):
        muted as a stopped clock, never the warning or overrun colours of the last phase."""
        key = (text, "time")
        if key == self._shown:
            return
        self._shown = key
        self.set_class(False, "overrun")
        self.set_class(False, "warning")
        self.set_class(True, "paused")
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


@lru_cache(maxsize=1024)
def glyph_change(old: str, new: str, scale: int, gap: bool) -> tuple[Region, ...]:
    """``changed_regions`` of two characters' glyphs, worked out once per pair and scale.

    A clock has 13 characters and a few scales: after the first minutes every
    second's change is a dictionary look-up, not a cell-by-cell comparison.
    """
    return tuple(changed_regions(glyph_lines(old, scale, gap), glyph_lines(new, scale, gap)))


def clock_changes(old: str, new: str, scale: int) -> list[Region] | None:
    """The cells (relative to the clock's top left) that turning `old` into `new` changes.

    None when the two do not line up glyph for glyph (another length, a ':'
    elsewhere): the caller repaints everything.
    """
    if len(old) != len(new):
        return None
    last = len(new) - 1
    regions: list[Region] = []
    x = 0
    for i, (a, b) in enumerate(zip(old, new)):
        gap = i < last
        width = len(glyph_lines(b, scale, gap)[0])
        if a != b:
            if len(glyph_lines(a, scale, gap)[0]) != width:
                return None
            regions.extend(r.translate((x, 0)) for r in glyph_change(a, b, scale, gap))
        x += width
    return regions


class BigTimer(TimerState, Widget):
    """The room view's clock: block digits as large as the space allows, centred.

    One widget drawn through Textual's line API. A new second repaints only
    the cells that changed (usually a few blocks of the last digit, found by
    one look-up per changed character), and only those rows are made anew.

    ``render_lines`` hands the compositor the finished rows as they are:
    Textual's own version restyles every row of the widget (55 at 200x60) on
    each repaint, however few changed, and that was most of the room view's
    idle CPU. What it would add does not apply here (the clock has no border,
    padding, tint or opacity: one colour on the theme's background), and the
    line filters (true colour, NO_COLOR's monochrome) are applied as it
    would; tests check that the screen is the same either way.
    """

    DEFAULT_CSS = """
    BigTimer { width: 100%; height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = "00:00"
        self.rows: list[str] = []  # the clock's block rows, without the centring margins
        self.origin = (0, 0)  # where rows[0][0] sits in the widget
        self.scale = 0
        self._lines: list[tuple[Strip, Strip]] | None = None  # per row: (content, finished), None: make anew
        self._made: dict[str, tuple[Strip, Strip]] = {}  # by row text: the same row is made once
        self._made_with: tuple | None = None  # what the rows are drawn with: width, colours, filters
        self._made_key: tuple | None = None  # ... and where: the rows in _made were made with this
        self.rows_made = 0  # for tests: rows turned into strips

    def paint(self, text: str) -> None:
        old = self.text
        self.text = text
        self.draw(old)

    def draw(self, old: str | None = None) -> None:
        width, height = self.size
        scale = fit_scale(self.text, width, height)
        last = len(self.text) - 1
        glyphs = [glyph_lines(ch, scale, i < last) for i, ch in enumerate(self.text)]
        # Each font row is `scale` identical terminal rows.
        font_rows = ["".join(g[r * scale] for g in glyphs) for r in range(5)]
        rows = [row for row in font_rows for _ in range(scale)]
        origin = (max(0, (width - len(rows[0])) // 2), max(0, (height - len(rows)) // 2))
        in_place = (old is not None and origin == self.origin and scale == self.scale
                    and bool(self.rows) and len(self.rows[0]) == len(rows[0]))
        self.rows, self.origin, self.scale = rows, origin, scale
        changes = clock_changes(old, self.text, scale) if in_place else None
        if changes is None:
            self._lines = None
            self.refresh()
            return
        x, y = origin
        if self._lines is not None:
            for region in changes:
                for row in range(region.y, region.y + region.height):
                    self._lines[y + row] = self._row(rows[row])
        if changes:
            self.refresh(*(r.translate((x, y)) for r in changes))

    def notify_style_update(self) -> None:
        self._lines = None  # a new colour (warning, overrun, paused, another theme)
        super().notify_style_update()

    def on_resize(self) -> None:
        self._lines = None
        self.draw()

    def _row(self, text: str) -> tuple[Strip, Strip]:
        """One row of the widget ("" for an empty one): (content strip, with the line filters applied)."""
        made = self._made.get(text)
        if made is None:
            width, style, margin, filters, background = self._made_with  # type: ignore[misc]
            x0 = self.origin[0]
            line = text[: max(0, width - x0)]
            if line:
                right = max(0, width - x0 - len(line))
                strip = Strip([Segment(" " * x0, margin), Segment(line, style), Segment(" " * right, margin)], width)
            else:
                strip = Strip.blank(width, margin)
            finished = strip
            for line_filter in filters:
                finished = finished.apply_filter(line_filter, background)
            if len(self._made) > 64:  # rows of seconds long gone
                self._made.clear()
            made = self._made[text] = (strip, finished)
            self.rows_made += 1
        return made

    def _all_lines(self) -> list[tuple[Strip, Strip]]:
        """Every row of the widget, made with the current colours, size and filters."""
        if self._lines is not None and len(self._lines) == self.size.height:
            return self._lines
        style = self.rich_style
        _, background = self.background_colors
        filters = tuple(self.app.get_line_filters())
        width, height = self.size
        margin = Style(bgcolor=style.bgcolor)  # around the digits: background only, as an empty area
        made_with = (width, style, margin, filters, background)
        if (made_with, self.origin) != self._made_key:
            self._made = {}
        self._made_with, self._made_key = made_with, (made_with, self.origin)
        top = self.origin[1]
        self._lines = [self._row(self.rows[y - top] if 0 <= y - top < len(self.rows) else "") for y in range(height)]
        return self._lines

    def render_line(self, y: int) -> Strip:
        lines = self._all_lines()
        return lines[y][0] if 0 <= y < len(lines) else Strip.blank(self.size.width)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The finished rows in `crop`, as they are (see the class's docstring)."""
        lines = [finished for _, finished in self._all_lines()[crop.y: crop.bottom]]
        if crop.x or crop.width != self.size.width:
            lines = [line.crop(crop.x, crop.right) for line in lines]
        return lines


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
        if state.ended is not None:
            how = catalog.t("clock.ended_at", self.lang, time=state.ended.astimezone(self.app.tz).strftime("%H:%M"))
        elif state.started is None:
            how = catalog.t("clock.not_started", self.lang)
        else:
            how = catalog.t("clock.running", self.lang) if state.running else catalog.t("clock.paused", self.lang)
        if state.ended is not None:  # no time left to count: the meeting is over
            line = f"⏱ {plan.title.get(self.lang)} · {how}"
        else:
            line = f"⏱ {plan.title.get(self.lang)} {timer_text(state.phase.remaining)} · {how}"
        if line != self._line:
            self._line = line
            over = state.ended is None and state.phase.remaining.total_seconds() < 0
            self.update(Text(line, style="bold red" if over else "bold"))
