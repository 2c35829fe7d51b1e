"""Group commit: many saves, one fsync, and still nothing acknowledged before it.

``SessionService.batch()`` (``SessionStore.batch()``) queues this thread's
commits and writes them together, one write and ONE fsync, when the batch
ends. The contract stays exactly that of ``commit``: nothing is saved before
its fsync; a failed group leaves every one of them pending and a retry saves
each exactly once. The web server's worker uses it for every call queued up
while it was busy (see test_storage_batch_web.py).
"""

from __future__ import annotations

import errno
import json
import os
import threading

import pytest

from facilitator.services.session import SessionService
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionStore
from tests.storage.test_fault_injection import Injector, check, writer


def journal_seqs(path) -> list[int]:
    data = path.with_suffix(".journal").read_bytes()
    return [json.loads(line)["seq"] for line in data.splitlines() if line.strip()]


def texts_on_disk(path) -> list[str]:
    return [n.text for n in load_session(path).notes]


class FsyncSpy:
    """Counts the store's fsyncs; fails the next `fail` of them with EIO."""

    def __init__(self, monkeypatch, fail: int = 0):
        self.calls = 0
        self.fail = fail
        real = os.fsync

        def fsync(fd):
            self.calls += 1
            if self.fail:
                self.fail -= 1
                raise OSError(errno.EIO, "injected EIO in fsync")
            return real(fd)

        monkeypatch.setattr(os, "fsync", fsync)


def test_a_batch_is_one_fsync_and_nothing_is_saved_before_it_ends(service, monkeypatch):
    before = texts_on_disk(service.path)
    spy = FsyncSpy(monkeypatch)
    with service.batch():
        for i in range(5):
            service.add_note("dialoog", f"batch {i}")
        # Applied in memory, but not on disk and not reported saved.
        assert [n.text for n in service.session.notes][-5:] == [f"batch {i}" for i in range(5)]
        assert not service.saved and len(service.pending) == 5
        assert texts_on_disk(service.path) == before
        assert spy.calls == 0
    assert service.saved and spy.calls == 1
    assert texts_on_disk(service.path) == before + [f"batch {i}" for i in range(5)]
    seqs = journal_seqs(service.path)
    assert seqs == sorted(set(seqs))


@pytest.mark.parametrize("cut_fails", [False, True], ids=["cut-off", "cut-off-fails-too"])
def test_a_batch_whose_fsync_fails_acknowledges_none_and_a_retry_saves_each_once(
    service, monkeypatch, cut_fails
):
    before = texts_on_disk(service.path)
    typed = [f"groep {i}" for i in range(6)]
    with monkeypatch.context() as m:
        FsyncSpy(m, fail=1)
        if cut_fails:
            def no_cut(fd, length):
                raise OSError(errno.EIO, "injected EIO in ftruncate")
            m.setattr(os, "ftruncate", no_cut)
        with service.batch():
            for text in typed:
                service.add_note("dialoog", text)
        # None acknowledged: every one still pending, in order, and still in memory.
        assert not service.saved
        assert [p["item"]["text"] for p in service.pending] == typed
        assert [n.text for n in service.session.notes][-6:] == typed
        if not cut_fails:
            assert texts_on_disk(service.path) == before  # the group was cut off again
    # The retry writes each exactly once (the un-cut lines are settled, never written twice).
    assert service.flush() and service.saved
    assert texts_on_disk(service.path) == before + typed
    seqs = journal_seqs(service.path)
    assert seqs == sorted(set(seqs))
    service.close()
    again = SessionStore(service.path)
    again.open()
    assert [n.text for n in again.session.notes] == before + typed
    again.close()


def test_a_torn_group_write_is_settled_and_saved_once(service, monkeypatch):
    """The write lands half (complete lines and a fragment), then fails, and cannot be cut off."""
    before = texts_on_disk(service.path)
    typed = [f"half {i}" for i in range(4)]
    real_write = os.write
    with monkeypatch.context() as m:
        state = {"armed": True}

        def torn(fd, data):
            if state["armed"] and len(data) > 200:
                state["armed"] = False
                real_write(fd, bytes(data[: len(data) // 2 + 7]))
                raise OSError(errno.ENOSPC, "injected ENOSPC in write")
            return real_write(fd, data)

        def no_cut(fd, length):
            raise OSError(errno.EIO, "injected EIO in ftruncate")

        m.setattr(os, "write", torn)
        m.setattr(os, "ftruncate", no_cut)
        with service.batch():
            for text in typed:
                service.add_note("dialoog", text)
        assert not service.saved and len(service.pending) == 4
    assert service.flush()
    assert texts_on_disk(service.path) == before + typed


def test_another_thread_commits_normally_during_a_batch(service):
    """The TUI thread keeps committing while the web worker is inside a batch."""
    before = texts_on_disk(service.path)
    with service.batch():
        service.add_note("dialoog", "web 1")
        t = threading.Thread(target=lambda: service.add_note("dialoog", "tui"))
        t.start()
        t.join()
        # The TUI's commit wrote the queue, oldest first: the batch's note went with it.
        assert texts_on_disk(service.path) == before + ["web 1", "tui"]
        service.add_note("dialoog", "web 2")
        assert not service.saved
    assert service.saved
    assert texts_on_disk(service.path) == before + ["web 1", "tui", "web 2"]


def test_a_refused_change_in_a_batch_changes_nothing_and_the_rest_is_saved(service):
    before = texts_on_disk(service.path)
    with service.batch():
        service.add_note("dialoog", "eerste")
        with pytest.raises(Exception):
            service.commit({"op": "delete", "coll": "nergens/x/y", "id": "x"})
        service.add_note("dialoog", "tweede")
    assert service.saved
    assert texts_on_disk(service.path) == before + ["eerste", "tweede"]


def batch_scenario(a: SessionService, b: SessionService, acked: dict[str, list]) -> None:
    """Two writers; `a` saves in groups, `b` one by one, with follow-ups and a checkpoint."""

    def group(svc, who, numbers):
        try:
            with svc.batch():
                for i in numbers:
                    svc.add_note("dialoog", f"{who}{i}")
        except Exception:
            pass
        if svc.saved:
            acked[who] += [f"{who}{i}" for i in numbers]
            acked[who + "-saved"] = True

    def one(svc, who, i):
        try:
            if svc.add_note("dialoog", f"{who}{i}") and svc.saved:
                acked[who].append(f"{who}{i}")
        except Exception:
            pass
        if svc.saved:
            acked[who + "-saved"] = True

    group(a, "a", range(0, 3))
    one(b, "b", 0)
    a.refresh()
    try:
        a.store.checkpoint()
    except Exception:
        pass
    group(a, "a", range(3, 6))
    one(b, "b", 1)
    group(b, "b", range(2, 4))


def run_batch_once(library, monkeypatch, fail_at, code) -> int:
    svc = library.create(f"Batch faults {fail_at}")
    path = svc.path
    svc.close()
    acked: dict[str, list] = {"a": [], "b": []}
    a, b = writer(path), writer(path)
    with monkeypatch.context() as m:
        inj = Injector(m, fail_at, code)
        batch_scenario(a, b, acked)
        inj.active = False
    check(path, a, b, acked)
    assert a.flush() and b.flush()
    check(path, a, b, acked)
    a.close()
    b.close()
    on_disk = sorted(n.text for n in load_session(path).notes)
    assert on_disk == sorted([f"a{i}" for i in range(6)] + [f"b{i}" for i in range(4)])
    return inj.count


@pytest.mark.parametrize("code", [errno.EIO, errno.ENOSPC])
def test_every_filesystem_call_failing_once_in_batches_loses_nothing(library, monkeypatch, code):
    total = run_batch_once(library, monkeypatch, None, code)
    assert total > 40
    for n in range(1, total + 1):
        run_batch_once(library, monkeypatch, n, code)
