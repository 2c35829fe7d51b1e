"""Proposing discussion groups: pure, deterministic, no I/O.

The method works in small groups of three or four. ``propose`` splits a list
of names into as few groups as possible with every group 3-4 strong; very
small rooms (fewer than 6) become a single group, since a group of 1 or 2
cannot hold a dialogue.
"""

from __future__ import annotations

from typing import Sequence, TypeVar

T = TypeVar("T")


def group_sizes(n: int, low: int = 3, high: int = 4) -> list[int]:
    """Sizes for `n` people, each between `low` and `high` where possible, largest first."""
    if n <= 0:
        return []
    if n < 2 * low:
        return [n]
    count = -(-n // high)  # fewest groups that keeps everyone at most `high`
    while count * low > n:
        count -= 1
    base, extra = divmod(n, count)
    return [base + 1] * extra + [base] * (count - extra)


def propose(names: Sequence[T], low: int = 3, high: int = 4) -> list[list[T]]:
    """Deal `names` round-robin into groups, so neighbours in the list (often
    colleagues from the same section) end up in different groups."""
    sizes = group_sizes(len(names), low, high)
    groups: list[list[T]] = [[] for _ in sizes]
    slot = 0
    for name in names:
        while len(groups[slot % len(groups)]) >= sizes[slot % len(groups)]:
            slot += 1
        groups[slot % len(groups)].append(name)
        slot += 1
    return groups


def parse_names(text: str) -> list[str]:
    """Pasted participant names, one per line; blanks and exact repeats dropped."""
    seen: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if name and name not in seen:
            seen.append(name)
    return seen


def format_groups(groups: Sequence[Sequence[str]]) -> str:
    """One line per group, members separated by commas (the form's editable text)."""
    return "\n".join(", ".join(g) for g in groups)


def parse_groups(text: str) -> list[list[str]]:
    """Inverse of ``format_groups``: each non-empty line is a group."""
    out = []
    for line in text.splitlines():
        members = [" ".join(m.split()) for m in line.split(",")]
        members = [m for m in members if m]
        if members:
            out.append(members)
    return out
