"""The room view's clock skips Textual's per-row restyling, and the screen is the same for it.

Issue #13 point 10: the block clock hands the compositor its finished rows
(``BigTimer.render_lines``), and the run screen and the room frame say they
draw nothing of their own (``BLANK``). These tests compare the whole screen,
cell for cell and colour for colour, with what Textual's own path draws, in
every state the clock has (running, paused, last minute, over time), in both
themes and with NO_COLOR; and they count (never time) what a new second costs.
"""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from rich.style import Style
from textual._styles_cache import StylesCache
from textual.widget import Widget

from facilitator.tui.screens.run import RoomFrame, RunScreen
from facilitator.tui.widgets import timer as timer_module
from facilitator.tui.widgets.timer import BigTimer, big_lines
from tests.tui.helpers import make_app, sync


async def room_view(app, pilot, library):
    app.open_session(library.files()[0])
    await pilot.pause()
    await pilot.press("space")  # the clock runs
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    return app.screen


def cells(app) -> list[list[str]]:
    """Every cell of the screen as it looks: the character in its colours and attributes.

    A blank's text colour cannot be seen (without underline, strike or reverse): left out.
    """
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for text, style, _control in strip:
            style = style or Style()
            for ch in text:
                seen = style
                if ch == " " and not (style.reverse or style.underline or style.strike or style.overline):
                    seen = Style(bgcolor=style.bgcolor)
                row.append(seen.render(ch, color_system=ColorSystem.TRUECOLOR))
        rows.append(row)
    return rows


def textuals_own(app, monkeypatch) -> list[list[str]]:
    """The screen as Textual's own path draws it: styled row by row, nothing BLANK."""
    run = app.screen
    with monkeypatch.context() as m:
        m.setattr(BigTimer, "render_lines", Widget.render_lines)
        m.setattr(RunScreen, "BLANK", False)
        m.setattr(RoomFrame, "BLANK", False)
        for widget in (run, run.query_one("#room"), run.query_one("#room-timer")):
            widget._styles_cache.clear()
        return cells(app)


async def same_as_textual(app, pilot, monkeypatch) -> None:
    await pilot.pause()
    ours = cells(app)
    theirs = textuals_own(app, monkeypatch)
    for y, (a, b) in enumerate(zip(ours, theirs)):
        assert a == b, f"row {y} differs"
    assert len(ours) == len(theirs) == app.size.height


@pytest.mark.parametrize("size", [(120, 40), (200, 60), (60, 16)])
@sync
async def test_the_room_clock_looks_exactly_as_textual_would_draw_it(
        isolated_dirs, clock, library, monkeypatch, size):
    library.create("Zaal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=size) as pilot:
        run = await room_view(app, pilot, library)
        big = run.query_one("#room-timer", BigTimer)
        for seconds in (1, 1, 9, 50):  # 04:59, 04:58, 04:49, 03:59: one digit, two, three
            clock.advance(seconds=seconds)
            run.tick()
            await same_as_textual(app, pilot, monkeypatch)
        clock.advance(minutes=3, seconds=30)  # 00:29: the last minute's colour
        run.tick()
        assert big.has_class("warning")
        await same_as_textual(app, pilot, monkeypatch)
        clock.advance(seconds=40)  # -00:11: over time, one glyph more
        run.tick()
        assert big.has_class("overrun") and big.text == "-00:11"
        await same_as_textual(app, pilot, monkeypatch)
        await pilot.press("space")  # paused: another colour
        await pilot.pause()
        assert big.has_class("paused")
        await same_as_textual(app, pilot, monkeypatch)
        app.action_switch_theme()  # the other theme's colours
        await same_as_textual(app, pilot, monkeypatch)
        await pilot.press("r")  # the run view (the screen's background drawn BLANK) as well
        await same_as_textual(app, pilot, monkeypatch)


@sync
async def test_with_no_color_the_clock_is_drawn_through_the_same_filter(isolated_dirs, clock, library, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    library.create("Zaal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await room_view(app, pilot, library)
        big = run.query_one("#room-timer", BigTimer)
        for seconds in (1, 1, 4 * 60 + 20, 40):  # running, the last minute, over time: three colours
            clock.advance(seconds=seconds)
            run.tick()
            await same_as_textual(app, pilot, monkeypatch)
        assert big.has_class("overrun")
        assert len({cell for row in cells(app) for cell in row if "█" in cell}) == 1  # one grey, no red


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
@sync
async def test_the_room_clock_shows_the_block_digits_centred_on_the_background(
        isolated_dirs, clock, library, size):
    library.create("Zaal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=size) as pilot:
        run = await room_view(app, pilot, library)
        big = run.query_one("#room-timer", BigTimer)
        for seconds in (1, 1, 9, 50):
            clock.advance(seconds=seconds)
            run.tick()
            await pilot.pause()
            screen = cells(app)
            background = screen[big.region.y][0]  # the room frame's padding, beside the clock: empty
            digits = big_lines(big.text, big.scale)
            x0, y0 = big.region.x + big.origin[0], big.region.y + big.origin[1]
            assert big.origin[0] == (big.region.width - len(digits[0])) // 2
            assert big.origin[1] == (big.region.height - len(digits)) // 2
            ink = {screen[y0 + y][x0 + x] for y, line in enumerate(digits) for x, ch in enumerate(line) if ch == "█"}
            assert len(ink) == 1 and "█" in ink.pop()
            for y in range(big.region.y, big.region.bottom):
                for x in range(big.region.x, big.region.right):
                    inside = 0 <= y - y0 < len(digits) and 0 <= x - x0 < len(digits[0])
                    if not (inside and digits[y - y0][x - x0] == "█"):
                        assert screen[y][x] == background, (x, y)


class Counter:
    def __init__(self, monkeypatch, owner, name, only=None):
        self.calls = 0
        real = getattr(owner, name)

        def counted(*args, **kwargs):
            if only is None or only(*args):
                self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, counted)


@sync
async def test_a_new_second_makes_only_the_rows_it_changes_and_restyles_none(
        isolated_dirs, clock, library, monkeypatch):
    library.create("Zaal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(200, 60)) as pilot:
        run = await room_view(app, pilot, library)
        big = run.query_one("#room-timer", BigTimer)
        clock.advance(seconds=1)
        run.tick()
        await pilot.pause()
        restyled = Counter(monkeypatch, StylesCache, "render_line",
                           only=lambda cache, styles, y, *rest: cache is big._styles_cache)
        own_rows = Counter(monkeypatch, BigTimer, "render_line")
        refreshes: list[tuple] = []
        real_refresh = big.refresh
        monkeypatch.setattr(big, "refresh", lambda *regions, **kw: (refreshes.append(regions), real_refresh(*regions, **kw))[1])
        made = []
        for _ in range(8):  # 04:58 .. 04:51: only the last digit changes
            before = big.rows_made
            clock.advance(seconds=1)
            run.tick()
            await pilot.pause()
            made.append(big.rows_made - before)
        assert restyled.calls == 0 and own_rows.calls == 0  # the compositor took the finished rows
        assert all(n <= 5 for n in made)  # at most one new row per font row (5 rows of `scale` lines)
        x0, _ = big.origin
        last_digit = x0 + len(big.rows[0]) - len(timer_module.glyph_lines("1", big.scale, False)[0])
        for regions in refreshes:  # each repaint: a part of the last digit, never the whole clock
            assert regions and all(r.x >= last_digit for r in regions)  # widget-relative
        assert big.text == "04:51"


@sync
async def test_a_new_second_compares_no_cells_once_its_digits_were_seen(isolated_dirs, clock, library, monkeypatch):
    library.create("Zaal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await room_view(app, pilot, library)
        for _ in range(11):  # 05:00 .. 04:49: every pair of last digits once
            clock.advance(seconds=1)
            run.tick()
        compared = Counter(monkeypatch, timer_module, "changed_regions")
        for _ in range(9):  # 04:48 .. 04:40: the same pairs again
            clock.advance(seconds=1)
            run.tick()
        assert compared.calls == 0
