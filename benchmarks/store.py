"""Store benchmark: a durable save of one note against the disk's own floor.

Run: python benchmarks/store.py [--saves 5000]   (prints a Markdown table)

For 2,000 and 20,000 notes: p50/p99 of ``add_note`` (lock, catch-up, append,
fsync) against a raw append+fsync of a line of the same size to a file in the
same folder, measured in the same run; plus the largest single pause over the
saves, which include the background checkpoints every 1,000 lines.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.core.model import Note, new_id  # noqa: E402
from facilitator.services.session import Library  # noqa: E402
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


def floor(folder: Path, line: bytes, count: int) -> list[float]:
    fd = os.open(folder / "floor.journal", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    out = []
    for _ in range(count):
        t = time.perf_counter()
        os.write(fd, line)
        os.fsync(fd)
        out.append(time.perf_counter() - t)
    os.close(fd)
    return out


def saves(path: Path, count: int) -> tuple[list[float], int]:
    store = SessionStore(path)
    store.open()
    from facilitator.services.session import SessionService

    svc = SessionService(store)
    out = []
    for i in range(count):
        t = time.perf_counter()
        svc.add_note("dialoog", f"extra {i}: {TEXT}")
        out.append(time.perf_counter() - t)
        assert svc.saved
    line_size = len(path.with_suffix(".journal").read_bytes().splitlines()[-1]) + 1
    svc.close()
    return out, line_size


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--saves", type=int, default=5000)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        for notes in (2000, 20000):
            folder = Path(tmp) / str(notes)
            folder.mkdir()
            path = build(folder, notes)
            got, size = saves(path, args.saves)
            base = floor(folder, b"x" * (size - 1) + b"\n", args.saves)
            for name, p in (("p50", 50), ("p99", 99)):
                f, v = pct(base, p), pct(got, p)
                rows.append((f"save one note, {notes:,} notes, {name}", f * 1000, v * 1000, v / f))
            rows.append((f"largest single pause over {args.saves:,} saves, {notes:,} notes",
                         max(base) * 1000, max(got) * 1000, max(got) / max(base)))
    print("| measurement | floor: append+fsync (ms) | facilitator (ms) | ratio |\n|---|---|---|---|")
    for name, f, v, r in rows:
        print(f"| {name} | {f:.3f} | {v:.3f} | {r:.2f}x |")


if __name__ == "__main__":
    os.environ.setdefault("FACILITATOR_DATA_DIR", tempfile.mkdtemp())
    main()
