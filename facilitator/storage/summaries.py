"""The home list's rows: what it shows, read cheaply and cached per sessions folder.

A little long (~470 lines) because every shortcut here must fall back to the full
load on anything unusual, and those checks belong next to the shortcut they guard.

A row (``SessionSummary``) is five columns: date, title, phase reached, notes
and action points, or one error line for a file that cannot be read.

Three ways to a row, cheapest first:

- the folder's cache, ``.summaries.json`` (owner-only, written atomically),
  keyed by each session's file identity (mode, inode, size, mtime_ns,
  ctime_ns of the TOML and of the journal): any change to either file misses;
- a quick read of one file: tomllib on the raw dict, list lengths counted,
  the journal's add/delete lines applied to the counts, no pydantic (its
  import alone costs more than a bare Textual app's first paint). Anything
  unexpected (a parse error, an odd type, a damaged line, an op that could
  move the phase reached) is "in doubt" and takes the full load instead;
- the full load (``load_session``): the session validated and replayed,
  exactly what opening it does. Its rows are "verified".

A quick row is for display only until verified: ``summaries(verify=True)``
(the CLI, the follow-up lookups) fully loads every row the cache does not
hold as verified, so it always equals the full load. The home screen shows
the quick rows first and verifies them right after.

The cache is never trusted for anything but display: opening a session always
reads its files. A corrupt, hostile or foreign cache file is ignored and
rewritten; a folder that cannot be written just goes without one.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from facilitator.core.summary import SessionSummary
from facilitator.core.catalog import LANG_PATTERN

CACHE_NAME = ".summaries.json"
CACHE_VERSION = 2  # 2: an error row keeps its catalog key and fields
MAX_CACHE_BYTES = 8 * 1024 * 1024
MAX_SESSION_BYTES = 64 * 1024 * 1024  # as sessionfile.MAX_FILE_BYTES (not imported: it pulls in pydantic)
MAX_DEPTH = 32  # as sessionfile.MAX_LINE_DEPTH


class _Doubt(Exception):
    """The quick read cannot be sure: take the full load."""


# -- the full load ---------------------------------------------------------------
def full_summary(path: Path, now: Callable[[], datetime] | None = None) -> SessionSummary:
    """The row as the validated, replayed session gives it (what opening it reads)."""
    from datetime import timezone

    from facilitator.core import clock as core_clock
    from facilitator.core.errors import FileFormatError
    from facilitator.storage.sessionfile import load_session

    damaged: list[int] = []
    try:
        s = load_session(path, damaged)
    except FileFormatError as exc:
        return _error_row(path, exc)
    reached = ""
    if s.phases:
        try:
            state = core_clock.replay(s.phases, s.clock, now() if now else datetime.now(timezone.utc))
            if state.started is not None:
                reached = s.phases[state.current].title.get(s.language)
        except core_clock.ClockLogError:
            pass
    return SessionSummary(
        path, s.id, s.title, s.date, s.kind, reached, len(s.notes), len(s.action_points),
        damaged=damaged or None, ended=core_clock.ended_at(s.clock),
    )


def _error_row(path: Path, exc) -> SessionSummary:
    """A file that cannot be read: what is wrong (and on which line), with its catalog key and
    fields so the row is said in the reader's language, from the cache too."""
    from facilitator.core.errors import said

    key, fields = exc.what_key, dict(exc.what_fields)
    if key is not None and exc.line:
        key, fields = "error.file.at_line", {"line": exc.line, "what": {"key": key, "fields": fields}}
    try:
        _plain(fields)
    except ValueError:  # a field a cache cannot hold: the row says it in English
        key = None
    english = said(key, "en", fields) if key is not None else str(exc.what)
    return SessionSummary(path, path.stem, error=english, error_key=key, error_fields=fields if key else None)


# -- the quick read ----------------------------------------------------------------
def _ids(items: Any) -> list[str]:
    if not isinstance(items, list):
        raise _Doubt
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise _Doubt
        out.append(item["id"])
    return out


def _event(item: Any) -> tuple[datetime, str, Any]:
    if not isinstance(item, dict):
        raise _Doubt
    at, action = item.get("at"), item.get("action")
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            raise _Doubt from None
    if not isinstance(at, datetime) or at.tzinfo is None or not isinstance(action, str):
        raise _Doubt
    return at, action, item.get("phase")


def _phase(item: Any) -> tuple[str, dict]:
    if not isinstance(item, dict) or not isinstance(item.get("key"), str):
        raise _Doubt
    title = item.get("title")
    if not isinstance(title, dict) or not isinstance(title.get("nl"), str) or not isinstance(title.get("en"), str):
        raise _Doubt
    return item["key"], title


def _ended(events: list[tuple[datetime, str, Any]]) -> datetime | None:
    """When Afronden ended the meeting: core.clock.ended_at's rule, on the raw events (no pydantic)."""
    ended = None
    for at, action, _ in sorted(events, key=lambda e: e[0]):
        if action == "end":
            ended = ended or at
        elif action in ("reopen", "start", "resume"):
            ended = None
    return ended


def _reached(phases: list[tuple[str, dict]], events: list[tuple[datetime, str, Any]], lang: str) -> str:
    """The phase the agenda clock is in (core.clock.replay's `current`), "" before the start."""
    if not phases:
        return ""
    keys = [k for k, _ in phases]
    current, running, started = 0, False, False
    for _, action, target in sorted(events, key=lambda e: e[0]):
        if action in ("start", "resume"):
            running = started = True
        elif action in ("pause", "end"):
            running = False
        elif action == "next":
            current = min(current + 1, len(phases) - 1)
        elif action == "prev":
            current = max(current - 1, 0)
        elif action == "goto":
            if target in keys:
                current = keys.index(target)
        elif action not in ("adjust", "reopen"):
            raise _Doubt
    del running
    if not started:
        return ""
    title = phases[current][1]
    return title.get(lang) or title["nl"]


def _refuse(text: str) -> Any:
    raise _Doubt


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise _Doubt
    return value


def _line(raw: bytes) -> tuple[int, dict]:
    """A journal line the quick read is sure of, or _Doubt (the full load marks damage)."""
    if len(raw) > 1024 * 1024 or raw.count(b"[") + raw.count(b"{") > MAX_DEPTH:
        raise _Doubt
    try:
        entry = json.loads(raw, parse_constant=_refuse, parse_float=_finite)
    except (ValueError, RecursionError):
        raise _Doubt from None
    if not isinstance(entry, dict) or not isinstance(entry.get("op"), dict):
        raise _Doubt
    seq = entry.get("seq")
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
        raise _Doubt
    return seq, entry["op"]


COUNTED = ("notes", "action_points")
# Collections whose changes never move a shown column (the full load still validates them).
UNSHOWN = {"participants", "groups", "practice_groups", "rounds", "evaluation", "quickscan",
           "phone_ratings", "dot_votes"}


def quick_summary(path: Path, now: Callable[[], datetime] | None = None) -> SessionSummary:
    """The row from the raw TOML dict and journal, or the full load when in doubt."""
    try:
        return _quick(path)
    except _Doubt:
        return full_summary(path, now)


def _quick(path: Path) -> SessionSummary:
    import tomllib

    from facilitator.core.errors import FileFormatError
    from facilitator.storage.fsutil import read_regular

    try:
        raw = read_regular(path, MAX_SESSION_BYTES, what="session file")
        data = tomllib.loads(raw.decode("utf-8"))
    except (FileFormatError, ValueError, RecursionError, MemoryError):
        raise _Doubt from None  # the full load words the error
    seq = data.get("journal_seq", 0)
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0 or data.get("schema", 1) != 1:
        raise _Doubt
    sid, title, day = data.get("id"), data.get("title"), data.get("date")
    kind, lang = data.get("kind", "training"), data.get("language", "nl")
    if not (isinstance(sid, str) and isinstance(title, str) and 1 <= len(title) <= 300):
        raise _Doubt
    if not isinstance(day, date) or isinstance(day, datetime):
        raise _Doubt
    if kind not in ("training", "followup") or not re.fullmatch(LANG_PATTERN, str(lang)):
        raise _Doubt
    phases = data.get("phases", [])
    events = data.get("clock", [])
    if not isinstance(phases, list) or not isinstance(events, list):
        raise _Doubt
    phases = [_phase(p) for p in phases]
    events = [_event(e) for e in events]
    clock_ids = set(_ids(data.get("clock", [])))
    counted = {name: _ids(data.get(name, [])) for name in COUNTED}
    for ids in counted.values():
        if len(set(ids)) != len(ids):
            raise _Doubt
    known = {name: set(ids) for name, ids in counted.items()}
    count = {name: len(ids) for name, ids in counted.items()}

    journal = path.with_suffix(".journal")
    if os.path.lexists(journal):
        try:
            raw = read_regular(journal, MAX_SESSION_BYTES, follow=False, what="journal")
        except FileFormatError:
            raise _Doubt from None
        for line in raw[: raw.rfind(b"\n") + 1].split(b"\n")[:-1]:
            if not line.strip():
                continue
            line_seq, op = _line(line)
            if line_seq <= seq:
                continue
            kind_of_op, coll = op.get("op"), op.get("coll")
            if kind_of_op == "set":
                fields = op.get("fields")
                if not isinstance(fields, dict) or set(fields) - {"school", "facilitator", "next_talks", "followup_date", "agenda", "follows", "title", "date", "kind", "language"}:
                    raise _Doubt
                if "title" in fields:
                    title = fields["title"]
                    if not isinstance(title, str) or not 1 <= len(title) <= 300:
                        raise _Doubt
                if "date" in fields:
                    try:
                        day = date.fromisoformat(fields["date"])
                    except (TypeError, ValueError):
                        raise _Doubt from None
                if "kind" in fields:
                    kind = fields["kind"]
                if "language" in fields:
                    lang = fields["language"]
                if kind not in ("training", "followup") or not re.fullmatch(LANG_PATTERN, str(lang)):
                    raise _Doubt
            elif coll in COUNTED and kind_of_op in ("add", "delete"):
                item_id = op.get("item", {}).get("id") if kind_of_op == "add" and isinstance(op.get("item"), dict) else op.get("id")
                if not isinstance(item_id, str):
                    raise _Doubt
                if kind_of_op == "add" and item_id not in known[coll]:
                    known[coll].add(item_id)
                    count[coll] += 1
                elif kind_of_op == "delete" and item_id in known[coll]:
                    known[coll].discard(item_id)
                    count[coll] -= 1
            elif coll == "clock" and kind_of_op == "add":
                item = op.get("item")
                if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                    raise _Doubt
                if item["id"] in clock_ids or "index" in op:
                    raise _Doubt  # a no-op or an insertion: the full load decides
                clock_ids.add(item["id"])
                events.append(_event(item))
            elif kind_of_op in ("update", "move") and coll in COUNTED:
                pass  # counts unchanged
            elif isinstance(coll, str) and (coll in UNSHOWN or coll.split("/")[0] in ("rounds", "action_points")) \
                    and kind_of_op in ("add", "update", "delete", "move"):
                pass  # nothing shown changes
            else:
                raise _Doubt  # phases, clock edits, anything unknown
            seq = line_seq
    return SessionSummary(
        path, sid, title, day, kind, _reached(phases, events, lang), count["notes"], count["action_points"],
        verified=False, ended=_ended(events),
    )


# -- the cache ---------------------------------------------------------------------
def _file_key(path: Path, follow: bool) -> list[int] | None:
    st = os.stat(path) if follow else os.lstat(path)
    return [st.st_mode, st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def file_key(path: Path) -> list | None:
    """The identity of a session's two files; None when it cannot be taken (never cached)."""
    try:
        toml = _file_key(path, follow=True)
    except OSError:
        return None
    try:
        journal = _file_key(path.with_suffix(".journal"), follow=False)
    except FileNotFoundError:
        journal = None
    except OSError:
        return None
    return [toml, journal]


def _encode(row: SessionSummary) -> dict[str, Any]:
    return {
        "id": row.id, "title": row.title, "date": row.date.isoformat() if row.date else None,
        "kind": row.kind, "phase": row.phase, "notes": row.notes, "action_points": row.action_points,
        "error": row.error, "damaged": row.damaged, "verified": row.verified,
        "error_key": row.error_key, "error_fields": row.error_fields,
        "ended": row.ended.isoformat() if row.ended else None,
    }


def _str(value: Any, limit: int = 2000) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("not a short text")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 10**9:
        raise ValueError("not a count")
    return value


def _decode(path: Path, entry: Any) -> SessionSummary:
    """A cached row, every field checked; ValueError for anything else (a miss)."""
    if not isinstance(entry, dict):
        raise ValueError("not an entry")
    day = entry.get("date")
    error = entry.get("error")
    damaged = entry.get("damaged")
    if damaged is not None:
        if not isinstance(damaged, list) or len(damaged) > 100_000:
            raise ValueError("damaged")
        damaged = [_count(n) for n in damaged] or None
    verified = entry.get("verified")
    if not isinstance(verified, bool):
        raise ValueError("verified")
    error_key, error_fields = entry.get("error_key"), entry.get("error_fields")
    if error_key is not None:
        from facilitator.core import catalog

        if error is None or _str(error_key, 200) not in catalog.strings(catalog.DEFAULT):
            raise ValueError("error_key")
        _plain(error_fields)
        if not isinstance(error_fields, dict):
            raise ValueError("error_fields")
    elif error_fields is not None:
        raise ValueError("error_fields")
    # A row cached before meetings could end has no "ended": its file had no end then (a change misses).
    ended = entry.get("ended")
    if ended is not None:
        ended = datetime.fromisoformat(_str(ended, 40))
        if ended.tzinfo is None:
            raise ValueError("ended")
    return SessionSummary(
        path, _str(entry.get("id")), _str(entry.get("title")),
        None if day is None else date.fromisoformat(_str(day, 40)),
        _str(entry.get("kind"), 40), _str(entry.get("phase")), _count(entry.get("notes")),
        _count(entry.get("action_points")), None if error is None else " ".join(_str(error).split()),
        damaged, verified, error_key, error_fields, ended,
    )


def _plain(value: Any, depth: int = 0) -> None:
    """An error's fields as a cache may hold them: short texts, numbers, small nested tables; else ValueError."""
    # A refused field on a line nests five deep: at_line > what > fields > problem > fields > value.
    if depth > 6:
        raise ValueError("too deep")
    if isinstance(value, dict):
        if len(value) > 20 or not all(isinstance(k, str) for k in value):
            raise ValueError("fields")
        for v in value.values():
            _plain(v, depth + 1)
    elif isinstance(value, str):
        _str(value)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("field")


class SummaryCache:
    """``.summaries.json``: {"version", "rows": {file name: {"key", "row"}}}."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.path = self.directory / CACHE_NAME
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        self._load()

    def _load(self) -> None:
        from facilitator.core.errors import FileFormatError
        from facilitator.storage.fsutil import read_regular

        try:
            raw = read_regular(self.path, MAX_CACHE_BYTES, follow=False, what="cache")
            data = json.loads(raw)
        except (FileFormatError, ValueError, RecursionError, MemoryError):
            self.changed = os.path.lexists(self.path)  # corrupt or hostile: rewrite it
            return
        rows = data.get("rows") if isinstance(data, dict) and data.get("version") == CACHE_VERSION else None
        if not isinstance(rows, dict):
            self.changed = True
            return
        self.entries = {k: v for k, v in rows.items() if isinstance(v, dict)}

    def get(self, path: Path, key: list | None) -> SessionSummary | None:
        entry = self.entries.get(path.name)
        if key is None or entry is None or entry.get("key") != key:
            return None
        try:
            return _decode(path, entry.get("row"))
        except (ValueError, TypeError):
            return None

    def put(self, path: Path, key: list | None, row: SessionSummary) -> None:
        if key is None:
            self.entries.pop(path.name, None)
            return
        entry = {"key": key, "row": _encode(row)}
        if self.entries.get(path.name) != entry:
            self.entries[path.name] = entry
            self.changed = True

    def keep_only(self, names: set[str]) -> None:
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.changed = self.changed or bool(gone)

    def save(self) -> bool:
        """Write it if anything changed; False when the folder refuses (no cache, no harm)."""
        if not self.changed:
            return True
        from facilitator.core.errors import UserError
        from facilitator.storage.fsutil import atomic_write

        # A file name that is not UTF-8 (a lone surrogate here) is listed, never cached.
        rows = {k: v for k, v in self.entries.items() if _encodable(k) and _encodable(json.dumps(v))}
        data = json.dumps({"version": CACHE_VERSION, "rows": rows}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        try:
            atomic_write(self.path, data)
        except (UserError, OSError):
            return False
        self.changed = False
        return True


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- the listing -------------------------------------------------------------------
def session_files(directory: Path) -> list[Path]:
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.toml") if not p.name.startswith("."))


def order(rows: list[SessionSummary]) -> list[SessionSummary]:
    return sorted(rows, key=lambda x: (x.date or date.min, x.title), reverse=True)


def cached_summaries(directory: Path) -> list[SessionSummary] | None:
    """Every row from the cache alone (verified), or None if any file misses. Cheap: for the UI thread."""
    directory = Path(directory)
    if not os.path.lexists(directory / CACHE_NAME):
        return None
    cache = SummaryCache(directory)
    rows = []
    for path in session_files(directory):
        row = cache.get(path, file_key(path))
        if row is None or not row.verified:
            return None
        rows.append(row)
    return order(rows)


def summaries(
    directory: Path, now: Callable[[], datetime] | None = None, *, verify: bool = True, save: bool = True,
) -> list[SessionSummary]:
    """The home list's rows, newest first.

    `verify`: rows the cache does not hold as verified are fully loaded (equal
    to the full load). Without it, a missing or stale row is a quick read.
    """
    directory = Path(directory)
    files = session_files(directory)
    if not files:
        return []
    cache = SummaryCache(directory)
    rows = []
    for path in files:
        key = file_key(path)  # before reading: a change while we read misses next time
        row = cache.get(path, key)
        if row is None or (verify and not row.verified):
            row = full_summary(path, now) if verify else quick_summary(path, now)
            cache.put(path, key, row)
        rows.append(row)
    cache.keep_only({p.name for p in files})
    if save:
        cache.save()
    return order(rows)
