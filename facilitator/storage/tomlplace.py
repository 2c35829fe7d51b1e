"""Where in a TOML file a refused field is: the line a one-line error names.

A refusal says "cards.3.id" (pydantic's ``loc``, or the ``at`` of a check of ours); a person
editing a deck wants the line of the fourth ``[[cards]]`` and its ``id =``. The file has already
been parsed, so this is a plain look at its text, not a second parser: table headers, and keys
at the start of a line. A header-like line inside a multi-line string can mislead it; the worst
it then does is name a line near the right one, or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER = re.compile(r"^\s*(\[\[?)([^\[\]]*)\]\]?\s*(?:#.*)?$")
_PART = re.compile(r'\s*("(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)\s*(?:\.|$)')


@dataclass(frozen=True)
class _Header:
    line: int  # 0-based
    array: bool  # [[name]]: one more item of an array of tables
    path: tuple[str, ...]


def _parts(key: str) -> tuple[str, ...] | None:
    """A dotted key's parts, quotes taken off: ``a."b c".d`` -> ("a", "b c", "d")."""
    parts, pos = [], 0
    while pos < len(key):
        m = _PART.match(key, pos)
        if not m or m.end() == pos:
            return None
        parts.append(m.group(1).strip("\"'"))
        pos = m.end()
    return tuple(parts) or None


def _headers(lines: list[str]) -> list[_Header]:
    found = []
    for number, line in enumerate(lines):
        m = _HEADER.match(line)
        if m and (path := _parts(m.group(2))):
            found.append(_Header(number, m.group(1) == "[[", path))
    return found


def _sets_key(line: str, name: str) -> bool:
    """``name = ...`` or ``name.more = ...`` (bare or quoted) at the start of ``line``."""
    quoted = "|".join(re.escape(q) for q in (name, f'"{name}"', f"'{name}'"))
    return re.match(rf"^\s*(?:{quoted})\s*[=.]", line) is not None


def line_of(raw: bytes, loc: tuple) -> int | None:
    """The 1-based line of the field at ``loc`` (names and list indexes), or of the nearest item
    above it that could be found; None when not even its first part is in the file."""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    headers = _headers(lines)
    path: tuple[str, ...] = ()
    start, end = 0, len(lines)  # the lines the current table or item owns
    best: int | None = None
    k = 0
    while k < len(loc) and isinstance(loc[k], str):
        sub = path + (loc[k],)
        index = loc[k + 1] if k + 1 < len(loc) and isinstance(loc[k + 1], int) else None
        inside = [h for h in headers if start <= h.line < end]
        items = [h for h in inside if h.array and h.path == sub]
        if index is not None and items:
            if not 0 <= index < len(items):
                break
            item = items[index]
            # The item owns its lines up to the next header that is not one of its own sub-tables.
            stop = next((h.line for h in inside if h.line > item.line
                         and (h.path == sub or h.path[: len(sub)] != sub)), end)
            best, path, start, end = item.line, sub, item.line + 1, stop
            k += 2
            continue
        own_end = inside[0].line if inside else end  # the table's own keys come before any sub-table
        for number in range(start, own_end):
            if _sets_key(lines[number], loc[k]):
                return number + 1
        table = next((h for h in inside if not h.array and h.path == sub), None)
        if table is not None:  # [sub]: its own keys are looked into as an item's are
            stop = next((h.line for h in inside if h.line > table.line and h.path[: len(sub)] != sub), end)
            best, path, start, end = table.line, sub, table.line + 1, stop
            k += 1
            continue
        deeper = next((h for h in inside if h.path[: len(sub)] == sub), None)  # [sub.more] or [[sub.more]]
        if deeper is not None:
            return deeper.line + 1
        break
    return None if best is None else best + 1
