from hypothesis import given, strategies as st

from facilitator.core.groups import (
    format_groups,
    group_sizes,
    parse_groups,
    parse_names,
    propose,
)


def test_sizes_known_rooms():
    assert group_sizes(0) == []
    assert group_sizes(4) == [4]
    assert group_sizes(5) == [5]
    assert group_sizes(6) == [3, 3]
    assert group_sizes(7) == [4, 3]
    assert group_sizes(9) == [3, 3, 3]
    assert group_sizes(10) == [4, 3, 3]
    assert group_sizes(13) == [4, 3, 3, 3]
    assert group_sizes(40) == [4] * 10


@given(st.integers(min_value=6, max_value=400))
def test_every_group_is_three_or_four(n):
    sizes = group_sizes(n)
    assert sum(sizes) == n
    assert all(3 <= s <= 4 for s in sizes)


@given(st.lists(st.text(min_size=1, max_size=5), min_size=0, max_size=60, unique=True))
def test_propose_keeps_everyone_once(names):
    groups = propose(names)
    flat = [n for g in groups for n in g]
    assert sorted(flat) == sorted(names)
    assert [len(g) for g in groups] == group_sizes(len(names))


def test_neighbours_are_split():
    groups = propose(["a", "b", "c", "d", "e", "f", "g"])
    assert groups == [["a", "c", "e", "g"], ["b", "d", "f"]]


def test_parse_names_and_groups_roundtrip():
    names = parse_names("  Anna  de Vries \n\nBram\nBram\n[bold]x[/]\n")
    assert names == ["Anna de Vries", "Bram", "[bold]x[/]"]
    groups = [["Anna", "Bram", "Cem"], ["Dewi", "Eva", "Fenna"]]
    assert parse_groups(format_groups(groups)) == groups
    assert parse_groups("a, ,b\n\n c \n") == [["a", "b"], ["c"]]
