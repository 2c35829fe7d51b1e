"""Request bodies from phones: a flat JSON object with finite numbers and valid text, or a 400.

Hostile bodies (deep nesting, NaN/Infinity/1e400, lone surrogates, huge numbers)
are refused before they reach a handler; the answer is the generic text, never
a traceback or a path.
"""

from __future__ import annotations

from typing import Any

from facilitator.core import boundedjson

MAX_DEPTH = 8  # our bodies are flat objects; deeper nesting is refused before parsing


class ClientGone(Exception):
    """The client dropped or stalled mid-request: nobody to answer, one line in the log."""


class ApiError(Exception):
    def __init__(self, status: int, key: str, **params: Any):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


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
    try:
        data = boundedjson.loads(raw or b"{}", MAX_DEPTH)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "bad_request") from None
    if not isinstance(data, dict) or not _clean(data):
        raise ApiError(400, "bad_request")
    return data
