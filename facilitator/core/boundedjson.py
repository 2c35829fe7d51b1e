"""JSON from outside (journal lines, phones' request bodies), read in bounded time and memory.

Python's json module recurses on nesting and accepts NaN, Infinity and 1e999;
a hostile line or body could then raise RecursionError or OverflowError deep
in the app. Here nesting is counted before parsing (strings skipped, two
C-level counts in the common case) and every number must be finite: anything
else is one ValueError, which each caller turns into its own clear refusal.
"""

from __future__ import annotations

import json
import math
from typing import Any


def too_deep(raw: bytes, limit: int) -> bool:
    """True when `raw` nests arrays/objects deeper than `limit` (brackets inside strings ignored)."""
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False  # the common case: cannot be that deep
    depth, in_string, escaped = 0, False, False
    for ch in raw:
        if in_string:
            if escaped:
                escaped = False
            elif ch == 0x5C:  # backslash
                escaped = True
            elif ch == 0x22:
                in_string = False
        elif ch == 0x22:
            in_string = True
        elif ch in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif ch in (0x5D, 0x7D):
            depth -= 1
    return False


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def loads(raw: bytes, max_depth: int) -> Any:
    """Parse `raw`; nesting past `max_depth`, NaN/Infinity/1e999 or broken text: ValueError."""
    if too_deep(raw, max_depth):
        raise ValueError("nested too deep")
    try:
        return json.loads(raw, parse_float=_finite, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deep") from None
