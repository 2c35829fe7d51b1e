"""Request bodies from phones: a flat JSON object with finite numbers and valid text, or a 400.

Hostile bodies (deep nesting, NaN/Infinity/1e400, lone surrogates, huge numbers)
are refused before they reach a handler; the answer is the generic text, never
a traceback or a path.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 8  # our bodies are flat objects; deeper nesting is refused before parsing


class ClientGone(Exception):
    """The client dropped or stalled mid-request: nobody to answer, one line in the log."""


class ApiError(Exception):
    def __init__(self, status: int, key: str, **params: Any):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False  # the common case costs two C-level counts
    depth, in_str, esc = 0, False, False
    for ch in raw:
        if in_str:
            if esc:
                esc = False
            elif ch == 0x5C:
                esc = True
            elif ch == 0x22:
                in_str = False
        elif ch == 0x22:
            in_str = True
        elif ch in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif ch in (0x5D, 0x7D):
            depth -= 1
    return False


def _clean(value: Any) -> bool:
    """No lone surrogates anywhere (they cannot be stored as UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_clean(k) and _clean(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_clean(v) for v in value)
    return True


def parse_json(raw: bytes) -> dict[str, Any]:
    """A flat JSON object with finite numbers and valid text, or ApiError 400."""
    if _too_deep(raw):
        raise ApiError(400, "bad_request")
    try:
        data = json.loads(raw or b"{}", parse_float=_finite, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ApiError(400, "bad_request") from None
    if not isinstance(data, dict) or not _clean(data):
        raise ApiError(400, "bad_request")
    return data
