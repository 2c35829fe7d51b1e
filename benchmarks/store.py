"""Store benchmark: durable save of one note on a 2,000-note session, open, --version.

Run: python benchmarks/store.py   (prints a Markdown table)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.service import Library  # noqa: E402
from facilitator.store import SessionStore  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def build(folder: Path) -> Path:
    lib = Library(folder)
    svc = lib.create("Benchmark", participants=[f"Deelnemer {i}" for i in range(40)])
    for i in range(2000):
        svc.add_note("dialoog", f"Notitie {i}: " + "een flip-over tekst van redelijke lengte " * 2,
                     group=None, question=f"d{i % 5 + 1}", factors=[i % 10 + 1])
    for i in range(60):
        svc.draw_round(f"pg-{i % 10}", i // 10 + 1, i % 2 + 1)
    for i in range(100):
        svc.add_action_point(f"Actiepunt {i}", owner="team", factors=[i % 10 + 1])
    svc.close()  # checkpoint: a 2,000-note TOML and an empty journal
    return svc.path


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp))
        size_kb = path.stat().st_size / 1024
        opens = []
        for _ in range(10):
            t = time.perf_counter()
            s = SessionStore(path)
            s.open()
            opens.append(time.perf_counter() - t)
            s.close(checkpoint=False)
        lib = Library(Path(tmp))
        svc = lib.open(path.stem)
        saves = []
        for i in range(500):
            t = time.perf_counter()
            svc.add_note("dialoog", f"extra {i}")
            saves.append(time.perf_counter() - t)
        assert svc.saved
        # Reopen with 500 journal lines to replay on top of the checkpoint.
        svc.store.close(checkpoint=False)
        t = time.perf_counter()
        s = SessionStore(path)
        s.open()
        open_journal = time.perf_counter() - t
        s.close()
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "facilitator", "--version"], check=True,
                       capture_output=True)
        version = time.perf_counter() - t
    rows.append(("durable save of one note (fsync incl.), 2,000-note session, p50",
                 f"{statistics.median(saves) * 1000:.2f} ms", "-"))
    rows.append(("durable save of one note, p99", f"{pct(saves, 99) * 1000:.2f} ms", "<= 5 ms"))
    rows.append((f"open 2,000-note session ({size_kb:.0f} KB TOML), median of 10",
                 f"{statistics.median(opens) * 1000:.0f} ms", "<= 200 ms"))
    rows.append(("open with 500 journal lines to replay", f"{open_journal * 1000:.0f} ms", "<= 200 ms"))
    rows.append(("`python -m facilitator --version` wall time", f"{version * 1000:.0f} ms", "-"))
    print("| measurement | result | goal |\n|---|---|---|")
    for name, value, goal in rows:
        print(f"| {name} | {value} | {goal} |")


if __name__ == "__main__":
    os.environ.setdefault("FACILITATOR_DATA_DIR", tempfile.mkdtemp())
    main()
