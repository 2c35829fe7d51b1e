"""Store benchmark: a durable save of one note against the disk's own floor.

Run: python benchmarks/store.py [--saves 5000]   (prints a Markdown table)

For 2,000 and 20,000 notes: p50/p99 and the largest single save of
``add_note`` (lock, catch-up, append, fsync, background checkpoints as they
fall due) beside a raw append+fsync of a line of the same size to a file in
the same folder, interleaved save by save so both see the same disk; then, at
20,000 notes, saves while full checkpoints (nothing reused) run back to back:
the worst pause a checkpoint can cause. The machine may be shared and noisy:
read the ratios and medians, and run it twice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.model import Note, new_id  # noqa: E402
from facilitator.services.library import Library
from facilitator.storage.sessionfile import session_to_toml  # noqa: E402
from facilitator.storage.store import SessionStore  # noqa: E402

TEXT = "een flip-over tekst van redelijke lengte " * 2


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def build(folder: Path, notes: int) -> Path:
    lib = Library(folder)
    svc = lib.create(f"Benchmark {notes}", participants=[f"Deelnemer {i}" for i in range(40)])
    path = svc.path
    session = svc.session
    svc.close()
    session.notes = [
        Note(id=new_id("n"), phase="dialoog", text=f"Notitie {i}: {TEXT}", question=f"d{i % 5 + 1}",
             factors=[i % 10 + 1], created=session.created)
        for i in range(notes)
    ]
    path.write_bytes(session_to_toml(session, 0))
    return path


def run(path: Path, count: int) -> tuple[list[float], list[float], int]:
    """`count` saves of one note, each beside a raw append+fsync of a line of the same size.

    Interleaved (floor, save, floor, save, ...) so both see the same disk at
    the same moments: on a shared, noisy machine that is what makes the ratio
    mean something. Returns (floor times, save times, checkpoints run).
    """
    store = SessionStore(path)
    store.open()
    from facilitator.services.session import SessionService

    svc = SessionService(store)
    folds = {"n": 0}
    real = store.checkpoint

    def counted(*a, **kw):
        folds["n"] += 1
        return real(*a, **kw)

    store.checkpoint = counted
    svc.add_note("dialoog", f"warm-up: {TEXT}")
    size = len(path.with_suffix(".journal").read_bytes().splitlines()[-1]) + 1
    line = b"x" * (size - 1) + b"\n"
    fd = os.open(path.parent / "floor.journal", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    base, got = [], []
    for i in range(count):
        t = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.add_note("dialoog", f"extra {i:05d}: {TEXT}")
        got.append(time.perf_counter() - t)
        assert svc.saved
    os.close(fd)
    store.wait_checkpoint()
    ran = folds["n"]
    svc.close()
    return base, got, ran


def during_fold(path: Path, folds: int) -> tuple[list[float], list[float]]:
    """Saves while full checkpoints run back to back (the worst case: a fold right after opening).

    Each fold serializes the whole session afresh (no reused item text) and
    writes and fsyncs the whole TOML, in the background thread as in the app.
    """
    from facilitator import store as store_mod
    from facilitator.service import SessionService

    store = SessionStore(path)
    store.open()
    svc = SessionService(store)
    fd = os.open(path.parent / "floor2.journal", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    line = b"x" * 250 + b"\n"
    done = threading.Event()

    def folding() -> None:
        for _ in range(folds):
            store._writer = store_mod.TomlWriter()
            store._checkpoint_quietly()  # what the background thread runs
            svc.add_note("dialoog", "so the next fold has a line to fold")
        done.set()

    svc.add_note("dialoog", "a line to fold")
    thread = threading.Thread(target=folding)
    thread.start()
    base, got = [], []
    while not done.is_set():
        t = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.add_note("dialoog", f"while folding: {TEXT}")
        got.append(time.perf_counter() - t)
    thread.join()
    os.close(fd)
    svc.close()
    return base, got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--saves", type=int, default=5000)
    ap.add_argument("--folds", type=int, default=3, help="back-to-back full checkpoints in the fold test")
    args = ap.parse_args()
    rows = []
    notes_of = {}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        for notes in (2000, 20000):
            folder = Path(tmp) / str(notes)
            folder.mkdir()
            path = build(folder, notes)
            notes_of[notes] = path.stat().st_size
            base, got, folds = run(path, args.saves)
            for name, p in (("p50", 50), ("p99", 99)):
                f, v = pct(base, p), pct(got, p)
                rows.append((f"save one note, {notes:,} notes, {name}", f * 1000, v * 1000, v / f))
            rows.append((f"largest single save, {notes:,} notes ({folds} checkpoints ran)",
                         max(base) * 1000, max(got) * 1000, max(got) / max(base)))
            if notes == 20000:
                base, got = during_fold(path, args.folds)
                f, v = pct(base, 99), pct(got, 99)
                rows.append((f"save during {args.folds} full checkpoints of {notes:,} notes "
                             f"({len(got)} saves), p99", f * 1000, v * 1000, v / f))
                rows.append((f"save during {args.folds} full checkpoints of {notes:,} notes, largest",
                             max(base) * 1000, max(got) * 1000, max(got) / max(base)))
    print(f"{args.saves:,} saves per size, each beside a raw append+fsync of a line of the same size "
          f"(interleaved, same disk). TOML: " + ", ".join(f"{n:,} notes {b / 1e6:.1f} MB" for n, b in notes_of.items()))
    print()
    print("| measurement | floor: append+fsync (ms) | facilitator (ms) | ratio (goal) |\n|---|---:|---:|---:|")
    for name, f, v, r in rows:
        goal = " (<= 2x)" if "p99" in name and "during" not in name else ""
        print(f"| {name} | {f:.3f} | {v:.3f} | {r:.2f}x{goal} |")
    print("\nLargest single save: the goal is < 50 ms held by a checkpoint (the floor column is the "
          "disk's own worst append+fsync in the same run).")


if __name__ == "__main__":
    os.environ.setdefault("FACILITATOR_DATA_DIR", tempfile.mkdtemp())
    main()
