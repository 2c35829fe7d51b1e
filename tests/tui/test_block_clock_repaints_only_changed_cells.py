"""The room view's block clock repaints only the cells a new digit changes, and all of them."""

from __future__ import annotations

import itertools

import pytest

from facilitator.tui.widgets.timer import FONT, changed_regions, glyph_lines


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
