"""Durability proven by killing real processes.

A forked writer adds notes and reports each one on a pipe only after
``commit`` returned (the acknowledgement). The parent SIGKILLs it at a random
moment, then reopens the session from disk: every acknowledged note must be
there and the files must parse. Checkpoints are made frequent so that kills
also land in the middle of them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time
from pathlib import Path

import pytest

from facilitator.services.session import SessionService
from facilitator.storage import store as store_mod
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionStore

CTX = mp.get_context("fork")


def _writer(path: str, start: int, conn, checkpoint_lines: int) -> None:
    store_mod.CHECKPOINT_LINES = checkpoint_lines
    s = SessionStore(Path(path))
    s.open()
    svc = SessionService(s)
    i = start
    while True:
        svc.add_note("dialoog", f"note {i}")
        if not svc.saved:  # pragma: no cover - would be a disk problem
            os._exit(3)
        conn.send(i)
        i += 1


def _drain(conn) -> list[int]:
    acked = []
    while conn.poll():
        try:
            acked.append(conn.recv())
        except (EOFError, OSError):
            break
    return acked


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_acknowledged(library):
    svc = library.create("Crash test")
    path = str(svc.path)
    svc.close()
    rng = random.Random(2026)
    acknowledged: list[int] = []
    next_i = 0
    for _ in range(200):
        recv, send = CTX.Pipe(duplex=False)
        proc = CTX.Process(target=_writer, args=(path, next_i, send, rng.choice([7, 50, 4000])))
        proc.start()
        send.close()
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.join()
        assert proc.exitcode == -signal.SIGKILL
        got = _drain(recv)
        recv.close()
        acknowledged += got
        if got:
            next_i = got[-1] + 1
        next_i += 1000  # a note written but not acknowledged may exist; never reuse its number
    session = load_session(Path(path))  # parses, or this raises
    texts = {n.text for n in session.notes}
    missing = [i for i in acknowledged if f"note {i}" not in texts]
    assert acknowledged, "the writer never got to acknowledge a note; the test proves nothing"
    assert missing == []
    # No duplicates either: replay after a crash mid-checkpoint must not apply twice.
    assert len(texts) == len(session.notes)


def _adder(path: str, who: int, count: int, checkpoint_lines: int) -> None:
    store_mod.CHECKPOINT_LINES = checkpoint_lines
    s = SessionStore(Path(path))
    s.open()
    svc = SessionService(s)
    for i in range(count):
        svc.add_note("dialoog", f"p{who}-{i}")
        if not svc.saved:
            os._exit(3)
    svc.close()
    os._exit(0)


@pytest.mark.slow
@pytest.mark.parametrize("checkpoint_lines", [4000, 97])
def test_eight_processes_writing_at_once_lose_nothing(library, checkpoint_lines):
    svc = library.create("Concurrency")
    path = str(svc.path)
    svc.close()
    procs = [CTX.Process(target=_adder, args=(path, w, 200, checkpoint_lines)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    session = load_session(Path(path))
    texts = [n.text for n in session.notes]
    assert len(texts) == 1600
    assert set(texts) == {f"p{w}-{i}" for w in range(8) for i in range(200)}


def test_a_second_open_store_follows_the_first(library):
    a = library.create("Follow")
    b_store = SessionStore(a.path)
    b_store.open()
    a.add_note("dialoog", "from a")
    assert b_store.refresh() and b_store.session.notes[-1].text == "from a"
    b = SessionService(b_store)
    b.add_note("dialoog", "from b")
    a.refresh()
    assert [n.text for n in a.session.notes] == ["from a", "from b"]
    # A checkpoint by one swaps the journal; the other notices and keeps up.
    a.store.checkpoint()
    b.add_note("dialoog", "after checkpoint")
    a.refresh()
    assert [n.text for n in a.session.notes][-1] == "after checkpoint"
    a.close()
    b.close()
    assert len(load_session(a.path).notes) == 3


def test_torn_last_line_is_dropped_and_never_blocks_writing(library):
    svc = library.create("Torn")
    svc.add_note("dialoog", "kept")
    svc.close()
    journal = svc.path.with_suffix(".journal")
    svc2 = library.open(svc.session.id)
    svc2.add_note("dialoog", "second")
    with open(journal, "ab") as fh:  # a writer died mid-line
        fh.write(b'{"seq": 99, "op": {"op": "add", "coll": "no')
    svc2.store.close(checkpoint=False)
    svc3 = library.open(svc2.session.id)
    assert [n.text for n in svc3.session.notes] == ["kept", "second"]
    svc3.add_note("dialoog", "third")
    svc3.store.close(checkpoint=False)
    assert [n.text for n in load_session(svc.path).notes] == ["kept", "second", "third"]


def test_replay_cache_still_skips_duplicate_adds_and_follows_nested_lists(library):
    svc = library.create("Replay")
    rnd = svc.draw_round("pg-1", 1, 1)
    obs = svc.add_observation(rnd.id, "Eva", "helpful", "goede vraag")
    svc.update_round(rnd.id, mentor="p-x")  # replaces the round and its list objects
    svc.add_observation(rnd.id, "Eva", "free", "tweede")
    note = svc.add_note("dialoog", "eens")
    # A duplicated journal line (same item twice) must not give two notes.
    line = [ln for ln in svc.path.with_suffix(".journal").read_text().splitlines() if note.id in ln][0]
    import json

    entry = json.loads(line)
    entry["seq"] += 1000
    with open(svc.path.with_suffix(".journal"), "a") as fh:
        fh.write(json.dumps(entry) + "\n")
    svc.store.close(checkpoint=False)
    again = load_session(svc.path)
    assert [n.id for n in again.notes] == [note.id]
    assert [o.text for o in again.rounds[0].observations] == ["goede vraag", "tweede"]
    assert again.rounds[0].observations[0].id == obs.id
