"""The line a refusal names: "cards.3.id" is the `id =` of the fourth [[cards]], not the first [[cards]]."""

from __future__ import annotations

import pytest

from facilitator.storage.tomlplace import line_of

TEXT = b"""schema = 1
name = "x"
title = { nl = "T", en = "T" }

[[phases]]
key = "a"

[[phases.prompts]]
id = "a1"

[[phases.prompts]]
"id" = "a2"

[[phases]]
key = "b"
title.nl = "B"

[[phases.prompts]]
id = "b1"

[extra]
more = 1
"""


@pytest.mark.parametrize("loc, line", [
    (("name",), 2),
    (("title", "xx"), 3),  # a key of an inline table: the line that sets the table
    (("phases", 0), 5),
    (("phases", 1, "key"), 15),
    (("phases", 1, "title", "nl"), 16),  # a dotted key
    (("phases", 0, "prompts", 1, "id"), 12),  # a quoted key
    (("phases", 1, "prompts", 0, "id"), 19),  # the first prompt of the second phase, not of the first
    (("phases", 1, "minutes"), 14),  # a key the item lacks: the item's header
    (("phases", 0, "prompts", 0, "text"), 8),
    (("extra", "more"), 22),  # a key of a [table]
    (("extra", "less"), 21),  # a key the table lacks: its header
    (("schema",), 1),
])
def test_the_line_of_a_field(loc, line):
    assert line_of(TEXT, loc) == line


def test_what_is_not_in_the_file_has_no_line():
    assert line_of(TEXT, ("nothing",)) is None
    assert line_of(TEXT, ("phases", 7, "key")) is None
    assert line_of(TEXT, ()) is None


def test_an_inline_array_names_its_key():
    assert line_of(b'name = "x"\ncards = [\n  { id = "a" },\n]\n', ("cards", 0, "id")) == 2


def test_a_header_inside_a_multi_line_text_can_mislead_it_by_a_line_at_most():
    """A plain look at the text, not a parser: documented, and bounded to a nearby line."""
    text = b'[[cards]]\nid = "a"\ntext = """\n[[cards]]\n"""\n[[cards]]\nid = "b"\n'
    assert line_of(text, ("cards", 1, "id")) in (4, 7)
