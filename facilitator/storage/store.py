"""Session files that never lose a word.

Why this module is long (~800 lines): the lock, the journal, the pending queue,
the group commit and the background checkpoint share one set of invariants under
one mutex; split over files, each part would have to re-state the others' rules.

Contract (see docs/storage.md): a ``SessionStore`` is the one owner of a
session's truth in this process: the durable state (``<id>.toml`` plus the
complete lines of ``<id>.journal``) and the changes not yet on disk
(``pending``), kept in memory as exactly "durable state, then pending on
top", through every follow-up read, reload and checkpoint. ``saved`` (no
pending) means every acknowledged change is on disk exactly once.

Mechanics:
- a line is acknowledged only after ``fsync``, under an exclusive ``flock``
  on ``.<id>.lock`` (opened once, kept open); readers take it shared, so they
  never see a line that is still being written or that is cut off again;
- a write that fails leaves the change applied in memory and queued; the
  queue is written, oldest first, before any new change; a failed line is cut
  off again, and if even that fails it is remembered and re-fsynced (never
  written twice) by the next attempt;
- when another process's lines arrive while changes are pending, the pending
  changes are undone, the lines applied, the pending changes re-applied;
- journal lines carry a sequence number; the TOML records the last one it
  folded in (``journal_seq``), so a crash between the two checkpoint steps
  never applies a change twice;
- checkpoints serialize a snapshot off the caller's thread (background
  thread) and hold the lock only to rename files into place;
- the TOML is only ever replaced by a session that was read successfully
  from it, so a file is never overwritten with less than it had.

Thread-safe: one re-entrant mutex guards every public method.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import stat
import sys
import threading
import time
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import tomli_w

from facilitator.core import ops as core_ops
from facilitator.core.errors import FileFormatError, StorageError
from facilitator.core.model import Session
from facilitator.storage.fsutil import FILE_MODE, ensure_dir, fsync_dir, kind_of, os_problem
from facilitator.storage.sessionfile import (
    LINE_ERRORS,
    MAX_FILE_BYTES,
    encode_op,
    parse_line,
    read_toml_session,
    session_to_toml,
)

CHECKPOINT_LINES = 1000  # fold the journal into the TOML past this many lines ...
CHECKPOINT_TOML_BYTES = 512 * 1024  # ... per this much TOML (amortized: a fold costs its size)
CHECKPOINT_SWITCH = 0.0002  # seconds: the GIL switch interval while a background fold runs
STAGING_CHUNK = 256 * 1024  # the fold's file is flushed in pieces, never one big fsync
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another process's lock
READ_LOCK_TIMEOUT = 0.5  # a follow-up read just tries again on the next tick (per store: read_lock_timeout)
CACHED = ("notes", "evaluation", "clock")  # big lists whose items are replaced, never changed in place


class LockTimeout(Exception):
    pass


class SessionLock:
    """An inter-process lock: ``flock`` on a lock file opened once and kept open.

    ``flock`` locks belong to the open file, so two stores in one process
    exclude each other too. Waiting is a short poll up to `timeout` seconds.
    """

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, timeout: float, shared: bool = False) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        mode = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB
        deadline = None
        delay = 0.0002
        while True:
            try:
                fcntl.flock(self._fd, mode)
                return
            except BlockingIOError:
                now = time.monotonic()
                if deadline is None:
                    deadline = now + timeout
                if now >= deadline:
                    raise LockTimeout() from None
                time.sleep(delay)
                delay = min(delay * 2, 0.005)

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@dataclass
class Paths:
    toml: Path
    journal: Path
    lock: Path

    @classmethod
    def of(cls, directory: Path, session_id: str) -> "Paths":
        return cls(
            directory / f"{session_id}.toml",
            directory / f"{session_id}.journal",
            directory / f".{session_id}.lock",
        )


@dataclass
class Pending:
    """A change applied in memory but not (yet known to be) on disk."""

    op: dict[str, Any]
    undo: list[Callable[[], None]] = field(default_factory=list)


def _normal(op: dict[str, Any]) -> dict[str, Any]:
    """The op exactly as it reads back from a journal line (for matching our own lines)."""
    return json.loads(encode_op(0, op))["op"]


def snapshot(session: Session) -> Session:
    """A copy that later changes cannot reach: items are replaced, lists are not shared."""
    update: dict[str, Any] = {name: list(getattr(session, name)) for name in core_ops.COLLECTIONS}
    for parent, child in core_ops.NESTED:
        update[parent] = [x.model_copy(update={child: list(getattr(x, child))}) for x in update[parent]]
    update["follows"] = list(session.follows)
    return session.model_copy(update=update)


def _has_table(value: Any) -> bool:
    if isinstance(value, dict):
        return True
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


class TomlWriter:
    """Serializes a session like ``session_to_toml``, reusing each item's text.

    Items of the big lists are replaced, never changed in place, so an item
    object's TOML text can be kept: a checkpoint only serializes what is new.
    ``pause`` is called between items so a background checkpoint hands the
    interpreter back to the thread that saves.
    """

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Any, str]] = {}

    def dumps(self, session: Session, journal_seq: int, pause: Callable[[], None] = lambda: None) -> bytes:
        head = session.model_copy(update={name: [] for name in CACHED})
        text = [session_to_toml(head, journal_seq).decode("utf-8")]
        cache: dict[int, tuple[Any, str]] = {}
        for name in CACHED:
            for item in getattr(session, name):
                hit = self._cache.get(id(item))
                if hit is None or hit[0] is not item:
                    data = item.model_dump(mode="python", by_alias=True, exclude_none=True, exclude_defaults=True)
                    if any(isinstance(v, (dict, list)) and _has_table(v) for v in data.values()):
                        return session_to_toml(session, journal_seq)  # not flat: the plain way
                    # An explicit header: tomli_w would write a short list inline,
                    # which after the head's last table would land inside it.
                    hit = (item, f"\n[[{name}]]\n" + tomli_w.dumps(data))
                    pause()
                cache[id(item)] = hit
                text.append(hit[1])
        self._cache = cache
        return "".join(text).encode("utf-8")


_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextmanager
def _short_switch() -> Iterator[None]:
    """A short GIL switch interval while a background fold runs.

    Python hands the GIL to a waiting thread only every switch interval (5 ms
    by default): a save whose fsync returned would wait up to that for the
    fold's CPU work. During a fold the interval is CHECKPOINT_SWITCH.
    """
    global _switch_users, _switch_saved
    with _switch_lock:
        if not _switch_users:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_saved, CHECKPOINT_SWITCH))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if not _switch_users:
                sys.setswitchinterval(_switch_saved)


def atomic_write(path: Path, data: bytes) -> None:
    """``fsutil.atomic_write`` (temp file, fsync, rename, fsync the folder), flushed in pieces.

    One big fsync at the end would hold the disk (and, on ext4, the
    filesystem journal every other fsync waits for) for the whole file: a
    save during a fold of a 5 MB TOML would wait for all of it. A piece at a
    time (fdatasync every STAGING_CHUNK) lets the journal's fsyncs slip in.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                piece = view[:STAGING_CHUNK]
                while piece:
                    written = os.write(fd, piece)
                    piece, view = piece[written:], view[written:]
                if view:
                    os.fdatasync(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class SessionStore:
    """One open session: its files, its lock, the in-memory model and the pending queue."""

    def __init__(self, toml_path: Path):
        self.toml_path = Path(toml_path)
        self.directory = self.toml_path.parent
        self.id = self.toml_path.stem
        self.paths = Paths.of(self.directory, self.id)
        self._lock = SessionLock(self.paths.lock)
        self._held = False  # this store holds the exclusive lock (re-entrancy)
        self._mutex = threading.RLock()
        self._fd: int | None = None  # journal, opened for append
        self._ino: int | None = None
        self._generation = 0  # bumped whenever the journal or the TOML base is (re)opened
        self._offset = 0  # bytes of the journal already applied
        self.seq = 0  # last sequence number applied
        self.lines = 0  # journal lines since the last checkpoint
        self._toml_stat: tuple[int, int, int] | None = None
        self._ids: dict[int, tuple[list, set[str]]] = {}
        self.pending: list[Pending] = []
        self._suspect: tuple[int, bytes] | None = None  # a failed line we could not cut off
        self.damaged: list[int] = []  # journal lines skipped as unreadable (kept in a copy)
        self.damaged_bytes: list[bytes] = []  # their bytes, until written to the copy
        self.damaged_copy: Path | None = None
        self.checkpoint_error: str | None = None
        self._next_checkpoint = CHECKPOINT_LINES
        self.lock_timeout = LOCK_TIMEOUT
        self.read_lock_timeout = READ_LOCK_TIMEOUT
        self.background = True  # checkpoints from maybe_checkpoint run in a thread
        self._checkpointer: threading.Thread | None = None
        self._writer = TomlWriter()
        self.session: Session
        self.listeners: list[Callable[[dict[str, Any]], None]] = []
        self._batching: dict[int, list[int]] = {}  # thread id -> [depth, commits deferred] of its batch()

    # -- creating and opening -------------------------------------------------
    @classmethod
    def create(cls, directory: Path, session: Session) -> "SessionStore":
        ensure_dir(directory)
        paths = Paths.of(directory, session.id)
        if paths.toml.exists():
            raise StorageError(key="error.session_exists", path=paths.toml)
        atomic_write(paths.toml, session_to_toml(session, 0))
        store = cls(paths.toml)
        store.open()
        return store

    def open(self) -> Session:
        """Read the TOML, replay the journal, and start following it."""
        with self._mutex:
            if not self.paths.toml.exists() and self.paths.journal.exists():
                raise FileFormatError(self.paths.toml, key="error.file.journal_without_session")
            self._load_toml()
            self._open_journal()
            self._read_new()
            gc.freeze()  # see _checkpoint_quietly
            return self.session

    def _load_toml(self) -> None:
        """Durable base from the TOML, pending changes re-applied on top."""
        st = os.stat(self.paths.toml)
        session, seq = read_toml_session(self.paths.toml, ahead=True)
        if hasattr(self, "session"):
            self._undo_pending()
        self.session, self.seq, self._ids = session, seq, {}
        self._generation += 1
        self._toml_stat = (st.st_ino, st.st_mtime_ns, st.st_size)
        self._redo_pending()

    def _toml_changed(self) -> bool:
        st = os.stat(self.paths.toml)
        return self._toml_stat != (st.st_ino, st.st_mtime_ns, st.st_size)

    def _remember_toml(self) -> None:
        st = os.stat(self.paths.toml)
        self._toml_stat = (st.st_ino, st.st_mtime_ns, st.st_size)

    def _open_journal(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._ino, self._offset, self.lines, self._suspect = None, 0, 0, None
        self._generation += 1  # inode numbers are reused once closed; this never is
        try:  # O_NOFOLLOW: a symlinked journal must never make us append outside the folder
            fd = os.open(self.paths.journal, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise FileFormatError(self.paths.journal, key="error.file.journal_symlink") from None
            if not os.path.lexists(self.paths.journal):
                return  # read-only folder with no journal yet: readable, not writable
            raise StorageError(**os_problem(self.paths.journal, exc)) from None
        try:
            st = os.fstat(fd)
        except OSError:
            os.close(fd)
            raise
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            os.close(fd)
            if not stat.S_ISREG(st.st_mode):
                raise FileFormatError(self.paths.journal, key="error.file.not_regular", kind=kind_of(st.st_mode),
                                      file="file.journal")
            raise FileFormatError(self.paths.journal, key="error.file.too_large", size="64 MiB")
        self._ino = st.st_ino
        self._fd = fd

    # -- the pending queue, always on top --------------------------------------
    def _undo_pending(self) -> None:
        for p in reversed(self.pending):
            for undo in reversed(p.undo):
                undo()
            p.undo = []

    def _redo_pending(self) -> None:
        for p in self.pending:
            p.undo = []
            try:
                core_ops.apply(self.session, p.op, self._ids, p.undo)
            except LINE_ERRORS:
                pass  # no longer applies to what is on disk: a no-op here, and on replay

    # -- following other processes -------------------------------------------
    def _read_new(self) -> list[dict[str, Any]]:
        """Apply complete journal lines past our offset; return the ops applied."""
        if self._fd is None:
            return []
        size = os.fstat(self._fd).st_size
        if size < self._offset:
            # Cut below what we read: only a hand edit does that. Start over from the files.
            self._load_toml()
            self._offset, self.lines = 0, 0
            return [{"op": "reload"}] + self._read_new()
        if size == self._offset:
            return []
        data = os.pread(self._fd, size - self._offset, self._offset)
        end = data.rfind(b"\n") + 1
        if not end:
            return []
        applied: list[dict[str, Any]] = []
        self._undo_pending()
        try:
            for raw in data[:end].split(b"\n")[:-1]:
                self.lines += 1
                self._offset += len(raw) + 1
                if not raw.strip():
                    continue
                try:
                    seq, op = parse_line(raw)
                    if seq <= self.seq:
                        continue
                    core_ops.apply(self.session, op, self._ids)
                except LINE_ERRORS:
                    self.damaged.append(self.lines)
                    self.damaged_bytes.append(raw + b"\n")
                    continue
                self.seq = seq
                if self.pending and self.pending[0].op == op:
                    self.pending.pop(0)  # our own line: a write we could not confirm did land
                else:
                    applied.append(op)
        finally:
            self._redo_pending()
        return applied

    def refresh(self) -> list[dict[str, Any]]:
        """Pick up changes other processes journalled. Cheap when there are none."""
        with self._mutex:
            try:
                st = os.stat(self.paths.journal)
            except FileNotFoundError:
                return []
            if st.st_ino == self._ino and (self._fd is None or st.st_size == self._offset):
                return []
            if self._held:
                applied = self._follow()
            else:
                try:
                    self._lock.acquire(self.read_lock_timeout, shared=True)
                except LockTimeout:
                    return []  # a writer is busy; the next tick reads it
                except OSError:
                    return []
                try:
                    applied = self._follow()
                finally:
                    self._lock.release()
            self._notify(applied)
            return applied

    def _notify(self, applied: list[dict[str, Any]]) -> None:
        for op in applied:
            for listener in self.listeners:
                listener(op)

    def _follow(self) -> list[dict[str, Any]]:
        applied: list[dict[str, Any]] = []
        try:
            st = os.stat(self.paths.journal)
        except FileNotFoundError:
            return applied
        if st.st_ino != self._ino:
            # Swapped by a checkpoint (or never opened, or an open that failed):
            # drain the retired journal first, then check the TOML, then read the new one.
            applied += self._read_new()
            if self._peek_toml_seq() > self.seq:
                # We missed lines that were folded into the TOML: reload it, pending on top.
                self._load_toml()
                applied.append({"op": "reload"})
            else:
                self._remember_toml()
            self._open_journal()
        applied += self._read_new()
        return applied

    def _peek_toml_seq(self) -> int:
        try:
            with open(self.paths.toml, "rb") as fh:
                return int(tomllib.load(fh).get("journal_seq", 0))
        except (OSError, ValueError, tomllib.TOMLDecodeError):
            return 0

    # -- writing ---------------------------------------------------------------
    @property
    def saved(self) -> bool:
        return not self.pending

    def commit(self, op: dict[str, Any]) -> bool:
        """Apply `op` and make it durable. True: on disk. False: applied and queued.

        Raises the op's validation error before anything changes. A False
        leaves the change in memory and in ``pending``; ``flush`` retries.
        """
        with self._mutex:
            op = _normal(op)
            batch = self._batching.get(threading.get_ident())
            if batch is not None:
                # Inside this thread's batch: applied and queued; the batch's end
                # writes the whole queue with one fsync (group commit).
                self._apply_on_top(op)
                batch[1] += 1
                return False
            try:
                with self._locked():
                    self._catch_up_locked()
                    if self._flush_locked():
                        self._apply_on_top(op)  # a bad op raises here, nothing changed
                        return self._flush_locked()
            except StorageError as exc:
                self.last_write_problem = exc
            # No lock, or a queue that will not drain: apply on top, queue it.
            self._apply_on_top(op)
            return False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group commit: this thread's commits inside are applied and queued, not written.

        At the end of the (outermost) batch the whole pending queue is written
        with one write and ONE fsync (``flush``). Nothing inside is on disk, or
        may be acknowledged, before the batch ends: check ``saved`` after it.
        Other threads commit as usual meanwhile (their commit writes the queue,
        ours included, oldest first). Never raises for the disk: a refusal
        leaves everything pending, as ``commit`` does, for ``flush`` to retry.
        """
        me = threading.get_ident()
        with self._mutex:
            batch = self._batching.setdefault(me, [0, 0])  # depth, commits deferred
            batch[0] += 1
        try:
            yield
        finally:
            with self._mutex:
                batch[0] -= 1
                if not batch[0]:
                    del self._batching[me]
                    if batch[1]:  # nothing deferred: nothing to write (retries are flush's job)
                        try:
                            self.flush()
                        except StorageError as exc:
                            self.last_write_problem = exc

    def adopt(self, op: dict[str, Any]) -> None:
        """Queue `op` as not saved (applied on top; a repeat of an applied op is a no-op)."""
        with self._mutex:
            op = _normal(op)
            if not any(p.op == op for p in self.pending):
                try:
                    self._apply_on_top(op)
                except LINE_ERRORS:
                    self.pending.append(Pending(op))

    def _apply_on_top(self, op: dict[str, Any]) -> None:
        undo: list[Callable[[], None]] = []
        core_ops.apply(self.session, op, self._ids, undo)
        self.pending.append(Pending(op, undo))

    def flush(self) -> bool:
        """Write the pending changes, oldest first. True when nothing is pending."""
        with self._mutex:
            if not self.pending:
                return True
            with self._locked():
                self._catch_up_locked()
                return self._flush_locked()

    def write_pending(self, op: dict[str, Any] | None = None) -> int:
        """Compatibility: flush, raising StorageError if something stays pending."""
        if not self.flush():
            raise self._not_saved()
        return self.seq

    #: Why the last write was refused, kept whole so a screen says it in its reader's language.
    last_write_problem: StorageError | None = None

    @property
    def last_write_error(self) -> str | None:
        """The last refusal in English (logs, tests); ``last_write_problem`` is the refusal itself."""
        return None if self.last_write_problem is None else str(self.last_write_problem)

    def _not_saved(self) -> StorageError:
        """A fresh refusal saying why the pending changes are not on disk (the last write's reason)."""
        last = self.last_write_problem
        if last is None:
            return StorageError(key="error.not_saved", path=self.paths.journal)
        return StorageError(str(last), key=last.key, **last.fields)

    def _flush_locked(self) -> bool:
        """Journal the pending changes in order, as one group: one write, ONE fsync.

        All or nothing: if the write or the fsync fails, none of them is
        acknowledged, all stay pending (the lines are cut off again, or, if
        that fails too, settled by the next attempt), and a retry writes each
        exactly once.
        """
        if self.pending:
            before = self.seq
            count = len(self.pending)
            data = b"".join(encode_op(before + 1 + i, p.op) for i, p in enumerate(self.pending))
            self.seq = before + count
            try:
                self._append_locked(data)
            except StorageError as exc:
                self.seq = before
                self.last_write_problem = exc
                return False
            del self.pending[:count]
        self.last_write_problem = None
        return True

    @contextmanager
    def _locked(self) -> Iterator[None]:
        if self._held:
            yield
            return
        try:
            self._lock.acquire(self.lock_timeout)
        except LockTimeout:
            raise StorageError(key="error.locked", path=self.paths.lock) from None
        except OSError as exc:
            raise StorageError(**os_problem(self.paths.lock, exc)) from None
        self._held = True
        try:
            yield
        finally:
            self._held = False
            try:
                self._lock.release()
            except OSError:
                self._lock.close()  # closing the file drops the lock too

    def _catch_up_locked(self) -> None:
        try:
            if self._suspect is not None:
                self._settle_suspect()
            if self._fd is None:
                self._open_journal()  # a read-only folder, before: try again
                if self._fd is None:
                    raise StorageError(key="error.cannot_write", path=self.paths.journal)
                self._ino = None  # read it from the start, TOML check first (in _follow)
            self._notify(self._follow())
            size = os.fstat(self._fd).st_size
            if size > self._offset:
                # Only a crashed writer leaves bytes we could not read: a torn line.
                os.ftruncate(self._fd, self._offset)
        except OSError as exc:
            raise StorageError(**os_problem(self.paths.journal, exc)) from None
        except FileFormatError as exc:
            raise StorageError(str(exc), **_as_storage(exc)) from None

    def _settle_suspect(self) -> None:
        """A line whose write failed and could not be cut off: make it durable, once.

        It is a complete line (or a fragment the torn-line cut removes). It is
        never written a second time: fsync it now; reading it back then matches
        it to the pending change it came from.
        """
        assert self._fd is not None and self._suspect is not None
        # Always fsync: a group write that failed part-way may have left some
        # complete lines (read back next as ours) and a fragment (cut off).
        os.fsync(self._fd)
        self._suspect = None

    def _append_locked(self, line: bytes) -> None:
        """Append complete lines and fsync once. Expects ``self.seq`` already advanced for them."""
        assert self._fd is not None
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            # Cut off whatever part reached the file so the journal stays clean;
            # we hold the lock, so no reader has seen it.
            try:
                os.ftruncate(self._fd, self._offset)
            except OSError:
                self._suspect = (self._offset, line)
            self.seq -= line.count(b"\n")
            raise StorageError(**os_problem(self.paths.journal, exc)) from None
        self._offset += len(line)
        self.lines += line.count(b"\n")

    # -- checkpoints -------------------------------------------------------------
    def maybe_checkpoint(self) -> bool:
        """Fold the journal when it has grown, in a background thread; never raises.

        A checkpoint is housekeeping: the journal already holds every change,
        so a failed one (full disk) is remembered and retried a while later
        instead of failing the save that triggered it.
        """
        with self._mutex:
            if self.lines < max(self._checkpoint_lines(), self._next_checkpoint) or self.pending:
                return False
            if self._checkpointer is not None and self._checkpointer.is_alive():
                return False
            if not self.background:
                return self._checkpoint_quietly()
            self._checkpointer = threading.Thread(
                target=self._checkpoint_quietly, name=f"checkpoint {self.id}", daemon=True
            )
            self._checkpointer.start()
            return True

    def _checkpoint_lines(self) -> int:
        """Journal lines before a fold: CHECKPOINT_LINES per CHECKPOINT_TOML_BYTES of TOML.

        A fold rewrites the whole TOML, so folding every N lines costs each
        save O(TOML size); folding after a journal proportional to the TOML
        keeps that cost constant per save. The journal is cheap to replay
        (JSON in C, one op per line), so opening stays within ~2x.
        """
        size = self._toml_stat[2] if self._toml_stat else 0
        return CHECKPOINT_LINES * max(1, size // CHECKPOINT_TOML_BYTES)

    def wait_checkpoint(self) -> None:
        """Wait for a background checkpoint (tests, close)."""
        thread = self._checkpointer
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _checkpoint_quietly(self) -> bool:
        try:
            with _short_switch():
                self.checkpoint(pause=lambda: time.sleep(0))
        except (StorageError, OSError, FileFormatError) as exc:
            with self._mutex:
                self.checkpoint_error = str(exc)
                self._next_checkpoint = self.lines + 200
            return False
        with self._mutex:
            self.checkpoint_error = None
            self._next_checkpoint = CHECKPOINT_LINES
        # A session of 20,000 notes is millions of objects the cycle collector
        # would walk on every full collection (100-200 ms with the GIL held, a
        # frozen keypress); the fold's allocations trigger one. Long-lived
        # objects move to the permanent generation instead (O(1)); anything
        # that is not a cycle is still freed by reference counting.
        gc.freeze()
        return True

    def checkpoint(self, pause: Callable[[], None] = lambda: None) -> None:
        """Fold the journal into the TOML and start a journal with only newer lines.

        Three steps, so that neither the lock nor the mutex is held while the
        whole session is serialized: (1) under both, catch up, write pending
        changes and take a snapshot; (2) serialize it to a temp file, fsynced;
        (3) under both again, if nobody else replaced the files meanwhile,
        rename the TOML into place and swap in a journal holding the lines
        written since the snapshot.
        """
        with self._mutex, self._locked():
            self._catch_up_locked()
            if not self._flush_locked():
                raise self._not_saved()
            if self._toml_changed():
                # Someone edited the TOML by hand while we had it open: start
                # from their file and replay the journal on top, so both survive.
                self._load_toml()
                self._open_journal()
                self._read_new()
            if self.lines == 0 and not self.damaged_bytes:
                return
            snap, seq, generation, offset = snapshot(self.session), self.seq, self._generation, self._offset
        staging = self.paths.toml.with_name(f".{self.paths.toml.name}.{os.getpid()}-{threading.get_ident()}.ckpt")
        try:
            atomic_write(staging, self._writer.dumps(snap, seq, pause))
            with self._mutex, self._locked():
                self._catch_up_locked()
                if self._generation != generation or self._toml_changed():
                    return  # another process folded or edited meanwhile: the next attempt folds
                try:
                    tail = os.pread(self._fd, self._offset - offset, offset) if self._offset > offset else b""
                    self._keep_damaged(seq)
                    os.replace(staging, self.paths.toml)
                    fsync_dir(self.directory)
                    self._remember_toml()
                    fresh = self.paths.journal.with_name(f".{self.paths.journal.name}.new")
                    fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
                    try:
                        view = memoryview(tail)
                        while view:
                            view = view[os.write(fd, view) :]
                        os.fsync(fd)
                    finally:
                        os.close(fd)
                    os.replace(fresh, self.paths.journal)
                    fsync_dir(self.directory)
                except OSError as exc:
                    # The new TOML records journal_seq, so the old journal is harmless.
                    raise StorageError(**os_problem(self.paths.journal, exc)) from None
                # The tail's lines are in memory already; the new journal starts after them.
                self._open_journal()
                self._offset = len(tail)
                self.lines = tail.count(b"\n")
        finally:
            try:
                os.unlink(staging)
            except OSError:
                pass

    def _keep_damaged(self, seq: int) -> None:
        """Folding drops unreadable lines: write their bytes to a copy first."""
        if not self.damaged_bytes:
            return
        copy = self.paths.journal.with_name(f"{self.paths.journal.name}.damaged-{seq}")
        atomic_write(copy, b"".join(self.damaged_bytes))
        self.damaged_bytes = []
        self.damaged_copy = copy

    def close(self, checkpoint: bool = True) -> None:
        self.wait_checkpoint()
        with self._mutex:
            if checkpoint and self._fd is not None and not self.pending:
                try:
                    self.checkpoint()
                except (StorageError, OSError, FileFormatError):
                    pass  # the journal still holds everything; the next open folds it
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None
            self._lock.close()


def _as_storage(exc: FileFormatError) -> dict:
    """A file refused while catching up (a journal edited under us) as a StorageError's key and fields."""
    if exc.what_key is None:
        return {}
    what: dict = {"key": exc.what_key, "fields": dict(exc.what_fields)}
    if exc.line:
        what = {"key": "error.file.at_line", "fields": {"line": exc.line, "what": what}}
    return {"key": "error.write_refused", "path": exc.path, "why": what}
