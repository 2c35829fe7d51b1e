"""Three writers on one session file, checked against a plain model after every step.

Writer 0 is on a disk that sometimes refuses writes, writer 1 checkpoints, and
a stuck lock sometimes blocks everyone. Each writer edits only its own notes,
so the model is simple: the disk holds exactly each writer's changes that
landed (issued minus still pending), and each writer's memory holds all of
its own changes, on top of what it has read from the disk.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from facilitator.core.errors import StorageError
from facilitator.services.library import Library
from facilitator.services.session import SessionService
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionLock, SessionStore

WRITERS = 3


def landed(ops: list[tuple], count: int) -> dict[str, str]:
    notes: dict[str, str] = {}
    for kind, nid, text in ops[:count]:
        if kind == "add":
            notes.setdefault(nid, text)
        elif kind == "edit" and nid in notes:
            notes[nid] = text
        elif kind == "delete":
            notes.pop(nid, None)
    return notes


class ThreeWriters(RuleBasedStateMachine):
    @initialize()
    def setup(self):
        import tempfile
        from pathlib import Path

        self.tmp = tempfile.TemporaryDirectory()
        lib = Library(Path(self.tmp.name))
        first = lib.create("Model")
        self.path = first.path
        first.close()
        self.writers: list[SessionService] = []
        for _ in range(WRITERS):
            store = SessionStore(self.path)
            store.open()
            store.lock_timeout = 0
            store.read_lock_timeout = 0
            self.writers.append(SessionService(store))
        self.ops: list[list[tuple]] = [[] for _ in range(WRITERS)]
        self.holder: SessionLock | None = None
        self.full = False
        self.n = 0

    def teardown(self):
        if hasattr(self, "writers"):
            if self.holder:
                self.holder.release()
                self.holder.close()
            for w in self.writers:
                w.store.close(checkpoint=False)
            self.tmp.cleanup()

    def _commit(self, w: int, kind: str, nid: str, text: str) -> None:
        svc = self.writers[w]
        self.ops[w].append((kind, nid, text))
        if kind == "add":
            svc.commit({"op": "add", "coll": "notes", "item": {
                "id": nid, "phase": "dialoog", "text": text, "created": "2026-11-23T13:00:00Z"}})
        elif kind == "edit":
            svc.edit_note(nid, text)
        else:
            svc.delete_note(nid)

    @rule(w=st.integers(0, WRITERS - 1))
    def add(self, w):
        self.n += 1
        self._commit(w, "add", f"n-{w}-{self.n}", f"w{w} {self.n}")

    @rule(w=st.integers(0, WRITERS - 1), pick=st.integers(0, 50), delete=st.booleans())
    def edit_or_delete(self, w, pick, delete):
        mine = sorted(landed(self.ops[w], len(self.ops[w])))
        if not mine:
            return
        self.n += 1
        nid = mine[pick % len(mine)]
        self._commit(w, "delete" if delete else "edit", nid, f"w{w} edit {self.n}")

    @rule()
    def disk_refuses_writer_0(self):
        store = self.writers[0].store

        def refuse(line):
            store.seq -= 1  # what the real one does when the write fails
            raise StorageError("disk full")
        store._append_locked = refuse
        self.full = True

    @rule()
    def disk_accepts_again(self):
        self.writers[0].store.__dict__.pop("_append_locked", None)
        self.full = False

    @rule()
    def lock_gets_stuck(self):
        if self.holder is None:
            self.holder = SessionLock(self.writers[0].store.paths.lock)
            self.holder.acquire(0)

    @rule()
    def lock_released(self):
        if self.holder is not None:
            self.holder.release()
            self.holder.close()
            self.holder = None

    @rule(w=st.integers(0, WRITERS - 1))
    def retry(self, w):
        self.writers[w].flush()

    @rule(w=st.integers(0, WRITERS - 1))
    def refresh(self, w):
        self.writers[w].refresh()

    @rule()
    def writer_1_checkpoints(self):
        try:
            self.writers[1].store.checkpoint()
        except StorageError:
            pass

    @invariant()
    def disk_and_memory_match_the_model(self):
        if not hasattr(self, "writers"):
            return
        disk = {n.id: n.text for n in load_session(self.path).notes}
        assert len(load_session(self.path).notes) == len(disk)  # exactly once
        for w, svc in enumerate(self.writers):
            pending = len(svc.pending)
            want_disk = landed(self.ops[w], len(self.ops[w]) - pending)
            got_disk = {k: v for k, v in disk.items() if k.startswith(f"n-{w}-")}
            assert got_disk == want_disk, f"writer {w} on disk"
            mine = {n.id: n.text for n in svc.session.notes if n.id.startswith(f"n-{w}-")}
            assert mine == landed(self.ops[w], len(self.ops[w])), f"writer {w} in memory"
            if svc.saved:
                assert want_disk == mine


ThreeWriters.TestCase.settings = settings(
    max_examples=40, stateful_step_count=30, deadline=None,
    suppress_health_check=[HealthCheck.too_slow], derandomize=True,
)
test_three_writers_against_a_model = ThreeWriters.TestCase
