"""The room view's block clock repaints only the cells a new digit changes, and all of them."""

from __future__ import annotations

import itertools

import pytest

from facilitator.tui.widgets.timer import FONT, big_lines, changed_regions, clock_changes, glyph_lines


@pytest.mark.parametrize("scale", [1, 3, 5])
def test_changed_regions_cover_every_changed_cell_and_little_else(scale):
    chars = [c for c in FONT if c != ":"]  # ":" never turns into a digit in place (other width)
    for a, b in itertools.product(chars, chars):
        old, new = glyph_lines(a, scale, True), glyph_lines(b, scale, True)
        changed = {(x, y) for y, (p, q) in enumerate(zip(old, new)) for x, (c, d) in enumerate(zip(p, q)) if c != d}
        covered = {(x, y) for r in changed_regions(old, new)
                   for y in range(r.y, r.y + r.height) for x in range(r.x, r.x + r.width)}
        assert changed <= covered, (a, b)
        assert (a == b) == (not covered)


def test_a_typical_second_repaints_a_small_part_of_the_glyph():
    old, new = glyph_lines("9", 5, False), glyph_lines("8", 5, False)
    regions = changed_regions(old, new)
    assert sum(r.width * r.height for r in regions) <= len(old) * len(old[0]) // 10


@pytest.mark.parametrize("scale", [1, 2, 5])
@pytest.mark.parametrize("old,new", [("04:59", "04:58"), ("05:00", "04:59"), ("10:00", "09:59"),
                                     ("-00:01", "-00:02"), ("-09:59", "-10:00"), ("1:00:00", "1:00:01"),
                                     ("00:00", "00:00")])
def test_clock_changes_cover_every_changed_cell_of_the_whole_clock(scale, old, new):
    before, after = big_lines(old, scale), big_lines(new, scale)
    changed = {(x, y) for y, (p, q) in enumerate(zip(before, after)) for x, (c, d) in enumerate(zip(p, q)) if c != d}
    regions = clock_changes(old, new, scale)
    covered = {(x, y) for r in regions for y in range(r.y, r.y + r.height) for x in range(r.x, r.x + r.width)}
    assert changed <= covered
    assert (old == new) == (not covered)
    width = len(before[0])
    assert all(0 <= r.x and r.right <= width and 0 <= r.y and r.bottom <= len(before) for r in regions)


def test_clock_changes_give_up_when_the_glyphs_do_not_line_up():
    assert clock_changes("00:01", "-00:01", 3) is None  # one glyph more: everything moves
    assert clock_changes("59:59", "1:00:00", 3) is None
    assert clock_changes("1:00", "10:0", 2) is None  # a ':' where a digit was: other widths
