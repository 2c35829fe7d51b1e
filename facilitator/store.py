"""Session files that never lose a word.

Design (see docs/storage.md): each session is ``<id>.toml`` (a checkpoint) plus
``<id>.journal`` (append-only, one JSON line per change). A change is
journalled and fsynced under an inter-process lock before ``commit`` returns;
opening a session reads the TOML and replays the journal lines it has not
folded in yet. Checkpoints rewrite the TOML atomically (temp file, fsync,
rename, folder fsync), then swap in an empty journal. Every process that has
the session open follows the others by reading new journal lines, which is
cheap: a ``stat`` when nothing changed.

Invariants:
- a line is acknowledged only after ``fsync``; a torn last line (no newline)
  was never acknowledged and is dropped by the next writer;
- journal lines carry a sequence number; the TOML records the last one it
  folded in (``journal_seq``), so a crash between the two checkpoint steps
  never applies a change twice;
- the TOML is only ever replaced by a session that was read successfully
  from it, so a file is never overwritten with less than it had.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from filelock import FileLock, Timeout

from .core import ops as core_ops
from .core.model import Session
from .errors import FileFormatError, StorageError
from .fsutil import FILE_MODE, atomic_write, describe_os_error, ensure_dir, fsync_dir
from .sessionfile import (  # noqa: F401 - re-exported: callers import them from here
    encode_op, load_session, read_toml_session, replay, session_to_toml,
)

CHECKPOINT_LINES = 1000  # fold the journal into the TOML past this many lines


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


class SessionStore:
    """One open session: its files, its lock, and the in-memory model.

    Thread-compatible, not thread-safe: one thread (the app's) commits; the
    web server runs in the same event loop or in its own process.
    """

    def __init__(self, toml_path: Path):
        self.toml_path = Path(toml_path)
        self.directory = self.toml_path.parent
        self.id = self.toml_path.stem
        self.paths = Paths.of(self.directory, self.id)
        self._lock = FileLock(str(self.paths.lock), mode=FILE_MODE, thread_local=False)
        self._fd: int | None = None  # journal, opened for append
        self._ino: int | None = None
        self._offset = 0  # bytes of the journal already applied
        self._partial = b""
        self.seq = 0  # last sequence number applied
        self.lines = 0  # journal lines since the last checkpoint
        self._toml_stat: tuple[int, int] | None = None
        self.damaged: list[int] = []  # journal lines skipped as unreadable (kept in a copy)
        self.damaged_copy: Path | None = None
        self.checkpoint_error: str | None = None
        self._next_checkpoint = CHECKPOINT_LINES
        self.session: Session
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    # -- creating and opening -------------------------------------------------
    @classmethod
    def create(cls, directory: Path, session: Session) -> "SessionStore":
        ensure_dir(directory)
        paths = Paths.of(directory, session.id)
        if paths.toml.exists():
            raise StorageError(f"{paths.toml}: a session with this id already exists")
        atomic_write(paths.toml, session_to_toml(session, 0))
        store = cls(paths.toml)
        store.open()
        return store

    def open(self) -> Session:
        """Read the TOML, replay the journal, and start following it."""
        if not self.paths.toml.exists() and self.paths.journal.exists():
            raise FileFormatError(self.paths.toml, "session file is missing but its journal exists")
        self.session, self.seq = read_toml_session(self.paths.toml)
        self._remember_toml()
        self._open_journal()
        self._read_new()
        return self.session

    def _remember_toml(self) -> None:
        st = os.stat(self.paths.toml)
        self._toml_stat = (st.st_mtime_ns, st.st_size)

    def _open_journal(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        import errno, stat  # noqa: E401 - local: keeps this hardening in one place for merges

        from .fsutil import kind_of
        from .sessionfile import MAX_FILE_BYTES

        try:  # O_NOFOLLOW: a symlinked journal must never make us append outside the folder
            fd = os.open(self.paths.journal, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, FILE_MODE)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise FileFormatError(self.paths.journal, "is a symbolic link, not a regular journal") from None
            if not os.path.lexists(self.paths.journal):
                # Read-only folder with no journal yet: readable, not writable.
                self._fd, self._ino, self._offset, self._partial, self.lines = None, None, 0, b"", 0
                return
            raise StorageError(describe_os_error(self.paths.journal, exc)) from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
            os.close(fd)
            raise FileFormatError(self.paths.journal, f"{kind_of(st.st_mode)}, not a regular journal"
                                  if not stat.S_ISREG(st.st_mode) else "file is larger than 64 MiB")
        self._fd = fd
        self._ino = os.fstat(fd).st_ino
        self._offset = 0
        self._partial = b""
        self.lines = 0

    # -- following other processes -------------------------------------------
    def _read_new(self) -> list[dict[str, Any]]:
        """Apply complete journal lines past our offset; return the ops applied."""
        if self._fd is None:
            return []
        size = os.fstat(self._fd).st_size
        if size <= self._offset:
            return []
        data = os.pread(self._fd, size - self._offset, self._offset)
        self.seq, applied, consumed, lines = replay(
            self.session, data, self.seq, self.paths.journal, self.lines, self.damaged
        )
        self._offset += consumed
        self.lines = lines
        return applied

    def refresh(self) -> list[dict[str, Any]]:
        """Pick up changes other processes journalled. Cheap when there are none."""
        applied = []
        try:
            st = os.stat(self.paths.journal)
        except FileNotFoundError:
            return applied
        if self._ino is not None and st.st_ino != self._ino:
            applied += self._read_new()  # drain the retired journal first
            toml_seq = self._peek_toml_seq()
            if toml_seq > self.seq:
                # We missed lines that were folded into the TOML: reload it whole.
                self.session, self.seq = read_toml_session(self.paths.toml)
                applied.append({"op": "reload"})
            self._remember_toml()
            self._open_journal()
        applied += self._read_new()
        for op in applied:
            for listener in self.listeners:
                listener(op)
        return applied

    def _peek_toml_seq(self) -> int:
        try:
            with open(self.paths.toml, "rb") as fh:
                return int(tomllib.load(fh).get("journal_seq", 0))
        except (OSError, ValueError, tomllib.TOMLDecodeError):
            return 0

    # -- writing ---------------------------------------------------------------
    def commit(self, op: dict[str, Any]) -> int:
        """Apply `op` and make it durable. Returns its sequence number.

        Raises the op's validation error before anything changes, or
        StorageError after the change was applied in memory but could not be
        written: the caller keeps it and calls ``write_pending`` later.
        """
        try:
            lock = self._locked()
        except StorageError:
            core_ops.apply(self.session, op)
            raise
        with lock:
            self._catch_up_locked()
            core_ops.apply(self.session, op)
            self.seq += 1
            seq = self.seq
            self._append_locked(encode_op(seq, op))
        return seq

    def write_pending(self, op: dict[str, Any]) -> int:
        """Journal an op already applied in memory (a retry after a failed write)."""
        with self._locked():
            self._catch_up_locked()
            self.seq += 1
            self._append_locked(encode_op(self.seq, op))
            return self.seq

    def _locked(self):
        try:
            return self._lock.acquire(timeout=10)
        except Timeout:
            raise StorageError(f"{self.paths.lock}: another program holds the session lock") from None
        except OSError as exc:
            raise StorageError(describe_os_error(self.paths.lock, exc)) from None

    def _catch_up_locked(self) -> None:
        self.refresh()
        if self._fd is None:
            self._open_journal()
            if self._fd is None:
                raise StorageError(f"{self.paths.journal}: cannot write here")
        size = os.fstat(self._fd).st_size
        if size > self._offset:
            # Only a crashed writer leaves bytes we could not read: a torn line.
            os.ftruncate(self._fd, self._offset)

    def _append_locked(self, line: bytes) -> None:
        assert self._fd is not None
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            # Drop whatever part reached the file so the journal stays clean.
            try:
                os.ftruncate(self._fd, self._offset)
            except OSError:
                pass
            self.seq -= 1
            raise StorageError(describe_os_error(self.paths.journal, exc)) from None
        self._offset += len(line)
        self.lines += 1

    # -- checkpoints -------------------------------------------------------------
    def maybe_checkpoint(self) -> bool:
        """Fold the journal when it has grown; never raises.

        A checkpoint is housekeeping: the journal already holds every change,
        so a failed one (full disk) is remembered and retried a while later
        instead of failing the save that triggered it.
        """
        if self.lines < max(CHECKPOINT_LINES, self._next_checkpoint):
            return False
        try:
            self.checkpoint()
        except (StorageError, OSError, FileFormatError) as exc:
            self.checkpoint_error = str(exc)
            self._next_checkpoint = self.lines + 200
            return False
        self.checkpoint_error = None
        self._next_checkpoint = CHECKPOINT_LINES
        return True

    def checkpoint(self) -> None:
        """Fold the journal into the TOML and start an empty journal."""
        with self._locked():
            self._catch_up_locked()
            if self.lines == 0:
                return
            st = os.stat(self.paths.toml)
            if self._toml_stat != (st.st_mtime_ns, st.st_size):
                # Someone edited the TOML by hand while we had it open: start
                # from their file and replay the journal on top, so both survive.
                self.session, base = read_toml_session(self.paths.toml)
                saved_seq, self.seq = self.seq, base
                self._offset, self.lines, self.damaged = 0, 0, []
                self._read_new()
                self.seq = max(self.seq, saved_seq)
            if self.damaged and self.damaged_copy is None:
                # Folding drops the unreadable lines: keep their bytes first.
                copy = self.paths.journal.with_name(f"{self.paths.journal.name}.damaged-{self.seq}")
                atomic_write(copy, self.paths.journal.read_bytes())
                self.damaged_copy = copy
            atomic_write(self.paths.toml, session_to_toml(self.session, self.seq))
            self._remember_toml()
            fresh = self.paths.journal.with_name(f".{self.paths.journal.name}.new")
            try:
                fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
                os.fsync(fd)
                os.close(fd)
                os.replace(fresh, self.paths.journal)
                fsync_dir(self.directory)
            except OSError as exc:
                # The new TOML records journal_seq, so the old journal is harmless.
                raise StorageError(describe_os_error(self.paths.journal, exc)) from None
            self._open_journal()

    def close(self, checkpoint: bool = True) -> None:
        if checkpoint and self._fd is not None:
            try:
                self.checkpoint()
            except (StorageError, OSError):
                pass  # the journal still holds everything; the next open folds it
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
