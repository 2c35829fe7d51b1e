"""The session file format: the TOML checkpoint and the journal's lines.

Pure reading and encoding; ``facilitator.storage.store`` adds locking, appending,
following other processes and checkpoints on top. See docs/storage.md.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from facilitator.core import boundedjson, ops as core_ops
from facilitator.core.errors import FileFormatError
from facilitator.core.model import Session
from facilitator.storage.fsutil import parse_toml, read_regular, refused

MAX_FILE_BYTES = 64 * 1024 * 1024


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot journal {type(value).__name__}")


def encode_op(seq: int, op: dict[str, Any]) -> bytes:
    line = json.dumps({"seq": seq, "op": op}, ensure_ascii=False, default=_json_default)
    return (line + "\n").encode("utf-8")


def session_to_toml(session: Session, journal_seq: int) -> bytes:
    # Defaults are left out: a 2,000-note file is a third smaller and parses
    # that much faster (tomllib is pure Python), and hand-readers see less noise.
    data = session.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
    data.pop("schema", None)
    data["journal_seq"] = journal_seq
    # Keep `schema` and `id` at the top of the file for anyone reading it by hand.
    ordered = {"schema": session.schema_, "id": data.pop("id"), **data}
    return tomli_w.dumps(ordered).encode("utf-8")


def read_toml_session(path: Path, *, ahead: bool = False) -> tuple[Session, int]:
    """Parse and validate a session TOML. Raises FileFormatError, never anything else.

    Only a regular file is read (a FIFO, device or folder named ``x.toml`` is
    refused without blocking), its size checked before reading.

    `ahead=True` (opening a session): when ``prefetch_session`` read this file
    ahead, and the bytes read now are the very bytes it parsed, its session is
    handed over instead of parsing and validating them a second time. The
    file is always read here; only the work on identical bytes is skipped.
    """
    global _opened_at
    path = Path(path)
    if ahead:
        _opened_at = time.monotonic()
    raw = read_regular(path, MAX_FILE_BYTES, what="session file")
    if ahead:
        done = _take_ahead(path, raw)
        if done is not None:
            return done
    return _session_from(path, raw)


def _session_from(path: Path, raw: bytes) -> tuple[Session, int]:
    data = parse_toml(path, raw)
    seq = data.pop("journal_seq", 0)
    if not isinstance(seq, int) or seq < 0:
        raise FileFormatError(path, key="error.file.journal_seq")
    schema = data.get("schema")
    if isinstance(schema, int) and schema > 1:
        raise FileFormatError(path, key="error.file.schema_upgrade", schema=schema)
    try:
        return Session.model_validate(data), seq
    except ValidationError as exc:
        raise refused(path, raw, exc) from None
    except RecursionError:
        raise FileFormatError(path, key="error.file.too_deep") from None


# -- reading ahead -----------------------------------------------------------------
#: Larger files are not read ahead: holding them twice is not worth the head start.
AHEAD_MAX_BYTES = 8 * 1024 * 1024
AHEAD_WAIT = 30.0  # seconds an open waits for a read ahead of the same file that is under way


class _Ahead:
    """One session file read ahead: its bytes and what they parse and validate to."""

    def __init__(self, path: Path) -> None:
        self.path = os.path.realpath(path)
        self.done = threading.Event()
        self.raw: bytes | None = None
        self.result: tuple[Session, int] | None = None


_ahead: _Ahead | None = None
_ahead_lock = threading.Lock()
_opened_at = -1.0  # time.monotonic() when the latest open began reading its file


def opened_since(moment: float) -> bool:
    """True when an open began reading a session file at or after `moment` (time.monotonic())."""
    return _opened_at >= moment


def prefetch_session(path: Path, since: float | None = None) -> bool:
    """Read, parse and validate the session file an open is likely to ask for next.

    For a background thread while the home list sits idle (tui/prewarm.py): a
    2,000-note session costs ~100 ms of TOML parsing. The result waits, for
    the one open of the same file whose bytes are equal (``read_toml_session``
    with ``ahead=True``); anything wrong with the file is left for that open to
    find and report. True when a session is waiting.

    `since` (time.monotonic() when the head start was asked for): an open that
    began since then reads the file itself; reading it here too would only
    compete with it for the interpreter.
    """
    global _ahead
    path = Path(path)
    entry = _Ahead(path)
    try:
        raw = read_regular(path, AHEAD_MAX_BYTES, what="session file")
    except FileFormatError:
        return False  # larger, or not readable: left to the open
    with _ahead_lock:
        last = _ahead
        if last is not None and last.path == entry.path and last.done.is_set() and last.raw == raw:
            return last.result is not None  # read ahead already, and the file is unchanged
        if since is not None and opened_since(since):
            return False
        _ahead = entry  # one at a time: the latest guess replaces the earlier one
    try:
        entry.result = _session_from(path, raw)
        entry.raw = raw
    except FileFormatError:
        pass
    finally:
        entry.done.set()
    return entry.result is not None


def _take_ahead(path: Path, raw: bytes) -> tuple[Session, int] | None:
    """The session read ahead from exactly these bytes of `path`, once; None otherwise."""
    global _ahead
    with _ahead_lock:
        entry = _ahead
        if entry is None or entry.path != os.path.realpath(path):
            return None
        _ahead = None  # handed over (or found stale) once: never shared between two opens
    # Under way for this very file: waiting for it beats parsing the same bytes twice at once.
    entry.done.wait(AHEAD_WAIT)
    if entry.result is not None and entry.raw == raw:
        return entry.result
    return None


MAX_LINE_DEPTH = 32  # a journal line nests 5 deep; anything past this is damage, not data
MAX_LINE_BYTES = 16 * 1024 * 1024

# What reading or applying one journal line may raise: each makes the line "damaged".
LINE_ERRORS = (
    ValidationError, ValueError, KeyError, TypeError, AttributeError, IndexError,
    OverflowError, RecursionError, core_ops.OpError,
)


def parse_line(raw: bytes) -> tuple[int, dict[str, Any]]:
    """One journal line -> (seq, op). Raises ValueError for anything that is not one.

    Bounded: nesting deeper than MAX_LINE_DEPTH, NaN/Infinity/1e999, a seq
    that is not a whole number >= 1 are refused before Python's json module
    could recurse or overflow.
    """
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError("line too long")
    entry = boundedjson.loads(raw, MAX_LINE_DEPTH)
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    seq, op = entry.get("seq"), entry.get("op")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise ValueError("seq must be a whole number >= 1")
    if not isinstance(op, dict):
        raise ValueError("op must be an object")
    return seq, op


def replay(
    session: Session, data: bytes, seq: int, journal: Path, lines_before: int = 0,
    damaged: list[int] | None = None, damaged_bytes: list[bytes] | None = None,
) -> tuple[int, list[dict[str, Any]], int, int]:
    """Apply the complete lines of `data` whose seq is past `seq`.

    Returns (last seq, ops applied, bytes consumed, lines counted). A trailing
    fragment without a newline is left unconsumed: it was never acknowledged.
    A complete line that cannot be read or applied (a damaged disk block, a
    hand edit, a newer facilitator) is skipped and its line number added to
    `damaged` (its bytes to `damaged_bytes`), so one bad line never locks a
    whole meeting's notes away and never raises; the store keeps a copy of
    those bytes before a checkpoint drops them (``SessionStore.checkpoint``).
    """
    if damaged is None:
        damaged = []
    end = data.rfind(b"\n") + 1
    applied: list[dict[str, Any]] = []
    ids: dict[int, tuple[list, set[str]]] = {}
    lines = lines_before
    for raw in data[:end].split(b"\n")[:-1]:
        lines += 1
        if not raw.strip():
            continue
        try:
            line_seq, op = parse_line(raw)
            if line_seq <= seq:
                continue
            core_ops.apply(session, op, ids)
        except LINE_ERRORS:
            damaged.append(lines)
            if damaged_bytes is not None:
                damaged_bytes.append(raw + b"\n")
            continue
        seq = line_seq
        applied.append(op)
    return seq, applied, end, lines


def load_session(path: Path, damaged: list[int] | None = None) -> Session:
    """Read a session (TOML plus journal) without locking or creating anything.

    Damaged journal lines are skipped; pass a list as `damaged` to learn
    their line numbers (and tell the user).
    """
    session, seq = read_toml_session(path)
    journal = path.with_suffix(".journal")
    if not os.path.lexists(journal):
        return session
    # The app appends to the journal: a symlink (pointing outside the folder) is refused.
    data = read_regular(journal, MAX_FILE_BYTES, follow=False, what="journal")
    try:
        replay(session, data, seq, journal, damaged=damaged)
    except RecursionError:
        raise FileFormatError(journal, key="error.file.line_too_deep") from None
    except OverflowError:  # e.g. "seq": 1e999 -- int(inf)
        raise FileFormatError(journal, key="error.file.number_too_large") from None
    return session
