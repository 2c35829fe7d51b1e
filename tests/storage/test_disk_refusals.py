"""A full or read-only disk: the change is kept, the caller is told, a retry saves it."""

from __future__ import annotations

import errno
import os

from facilitator.storage import store as store_mod
from facilitator.storage.sessionfile import load_session


def test_full_disk_keeps_changes_in_memory_and_saves_them_on_retry(service, monkeypatch):
    service.add_note("dialoog", "before")
    real_write = os.write

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "write", full)
    service.add_note("dialoog", "during 1")
    service.add_action_point("during 2")
    assert not service.saved
    assert "disk is full" in service.last_error
    assert [n.text for n in service.session.notes] == ["before", "during 1"]  # nothing lost in memory
    assert [n.text for n in load_session(service.path).notes] == ["before"]  # and nothing half-written
    assert not service.flush()

    monkeypatch.setattr(store_mod.os, "write", real_write)
    assert service.flush() and service.saved and service.last_error is None
    on_disk = load_session(service.path)
    assert [n.text for n in on_disk.notes] == ["before", "during 1"]
    assert [a.text for a in on_disk.action_points] == ["during 2"]


def test_failing_fsync_is_not_acknowledged(service, monkeypatch):
    def broken(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(store_mod.os, "fsync", broken)
    service.add_note("dialoog", "maybe")
    assert not service.saved
    monkeypatch.undo()
    assert service.flush()
    assert [n.text for n in load_session(service.path).notes] == ["maybe"]


def test_unwritable_lock_keeps_the_change(service, monkeypatch):
    def refuse(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(service.store._lock, "acquire", refuse)
    service.add_note("dialoog", "typed while read-only")
    assert not service.saved and "cannot write here" in service.last_error
    monkeypatch.undo()
    assert service.flush()
    assert [n.text for n in load_session(service.path).notes] == ["typed while read-only"]
