"""Fault injection at every filesystem call, the way SQLite proves its I/O error handling.

A scripted scenario (two writers on one session file, a follow-up read and
checkpoints in between) is run once to count the storage code's filesystem
calls; then once per N with the N-th call failing (EIO or ENOSPC). After each
run: every acknowledged change is on disk exactly once, nothing unacknowledged
was reported saved, both files parse, and a retry saves the rest.
"""

from __future__ import annotations

import errno
import os
import sys
import tomllib

import pytest

from facilitator.core.errors import StorageError
from facilitator.services.session import SessionService
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionLock, SessionStore

CALLS = ("open", "write", "fsync", "replace", "pread", "fstat", "stat", "ftruncate")


class Injector:
    """Counts filesystem calls made by facilitator's code; fails the N-th."""

    def __init__(self, monkeypatch, fail_at: int | None, code: int):
        self.count = 0
        self.fail_at = fail_at
        self.code = code
        self.active = True
        for name in CALLS:
            real = getattr(os, name)
            monkeypatch.setattr(os, name, self._wrap(name, real))
        real_acquire = SessionLock.acquire

        def acquire(lock, timeout, shared=False):
            self._tick("flock")
            return real_acquire(lock, timeout, shared)

        monkeypatch.setattr(SessionLock, "acquire", acquire)

    def _tick(self, name: str) -> None:
        if not self.active:
            return
        caller = sys._getframe(2).f_globals.get("__name__", "")
        if not caller.startswith("facilitator") and name != "flock":
            return
        self.count += 1
        if self.count == self.fail_at:
            raise OSError(self.code, f"injected {os.strerror(self.code)} in {name}")

    def _wrap(self, name, real):
        def call(*args, **kwargs):
            self._tick(name)
            return real(*args, **kwargs)
        return call


def writer(path) -> SessionService:
    store = SessionStore(path)
    store.open()
    store.lock_timeout = 0
    return SessionService(store)


def scenario(a, b, acked: dict[str, list[str]]) -> None:

    def add(svc, who, i):
        text = f"{who}{i}"
        try:
            if svc.add_note("dialoog", text) and svc.saved:
                acked[who].append(text)
        except StorageError:
            pass
        if svc.saved:  # a flush inside this commit may have landed earlier ones too
            acked[who + "-saved"] = True

    for i in range(3):
        add(a, "a", i)
        add(b, "b", i)
    a.refresh()
    for svc in (b, a):
        try:
            svc.store.checkpoint()
        except (StorageError, OSError):
            pass
    for i in range(3, 5):
        add(b, "b", i)
        add(a, "a", i)
    b.refresh()
    try:
        a.store.checkpoint()
    except (StorageError, OSError):
        pass
    add(a, "a", 5)


def check(path, a, b, acked) -> None:
    session = load_session(path)  # both files parse, or this raises
    with open(path, "rb") as fh:
        tomllib.load(fh)
    on_disk = [n.text for n in session.notes]
    assert len(on_disk) == len(set(on_disk)), f"a note twice on disk: {on_disk}"
    for who, svc in (("a", a), ("b", b)):
        missing = [t for t in acked[who] if t not in on_disk]
        assert missing == [], f"acknowledged but not on disk: {missing}"
        if svc.saved:  # "saved" is never a lie: everything this writer typed is there
            typed = [n.text for n in svc.session.notes if n.text.startswith(who)]
            assert [t for t in typed if t not in on_disk] == []


def run_once(library, monkeypatch, fail_at, code):
    svc = library.create(f"Faults {fail_at}")
    path = svc.path
    svc.close()
    acked: dict[str, list] = {"a": [], "b": []}
    a, b = writer(path), writer(path)  # opening is not under test: a failed open is just an error
    with monkeypatch.context() as m:
        inj = Injector(m, fail_at, code)
        scenario(a, b, acked)
        inj.active = False
    check(path, a, b, acked)
    # A retry saves the rest, exactly once.
    assert a.flush() and b.flush()
    check(path, a, b, acked)
    a.close()
    b.close()
    on_disk = sorted(n.text for n in load_session(path).notes)
    assert on_disk == sorted([f"a{i}" for i in range(6)] + [f"b{i}" for i in range(5)])
    return inj.count


@pytest.mark.slow
@pytest.mark.parametrize("code", [errno.EIO, errno.ENOSPC])
def test_every_filesystem_call_failing_once_loses_nothing(library, monkeypatch, code):
    total = run_once(library, monkeypatch, None, code)
    assert total > 100  # the scenario really exercises the storage code
    for n in range(1, total + 1):
        run_once(library, monkeypatch, n, code)
