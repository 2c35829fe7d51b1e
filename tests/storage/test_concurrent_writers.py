"""16 writer processes that retry: every acknowledged note lands exactly once."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

import pytest

from facilitator.services.session import SessionService
from facilitator.storage import store as store_mod
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionStore

CTX = mp.get_context("fork")


def _retrying_adder(path: str, who: int, count: int) -> None:
    store_mod.CHECKPOINT_LINES = 61  # frequent background checkpoints from every process
    s = SessionStore(Path(path))
    s.open()
    s.lock_timeout = 0.002 * (who % 4)  # some give up on the lock at once: saved=False, retry
    svc = SessionService(s)
    for i in range(count):
        svc.add_note("dialoog", f"p{who}-{i}")
        while not svc.saved:
            svc.flush()
    svc.close()
    os._exit(0 if svc.saved else 3)


@pytest.mark.slow
def test_sixteen_retrying_processes_lose_nothing(library):
    svc = library.create("Sixteen")
    path = str(svc.path)
    svc.close()
    procs = [CTX.Process(target=_retrying_adder, args=(path, w, 100)) for w in range(16)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
        assert p.exitcode == 0
    texts = [n.text for n in load_session(Path(path)).notes]
    assert len(texts) == 1600
    assert set(texts) == {f"p{w}-{i}" for w in range(16) for i in range(100)}
