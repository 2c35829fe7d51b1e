"""The home list of 30 sessions until usable, against two floors, in fresh processes (a script, not a test).

    PYTHONPATH=. python benchmarks/home.py [--runs 7] [--notes 300]

A: `facilitator`'s home screen, from process start until the list of 30 sessions is shown.
Floor 1: a bare Textual app's first paint (hello world).
Floor 2: a bare Textual app that reads the same 30 files with tomllib in a thread and fills a
DataTable with the same five columns (what any app showing this list must at least do).
The kinds run interleaved, so machine load hits all alike; medians and ratios are printed.
A runs with the folder's summary cache (.summaries.json) as any start after the first finds it;
"no cache" deletes it before each start: the first start after every file changed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HELLO = """
import os
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("hello world")
    def on_mount(self):
        self.call_after_refresh(lambda: (os.write(1, b"painted\\n"), self.exit()))
Hello().run(headless=True)
"""

BARE_LIST = """
import os, sys, tomllib
from pathlib import Path
from textual import work
from textual.app import App
from textual.widgets import DataTable
class Bare(App):
    def compose(self):
        yield DataTable()
    def on_mount(self):
        t = self.query_one(DataTable)
        for c in ("Datum", "Titel", "Fase", "Notities", "Acties"):
            t.add_column(c)
        self.read()
    @work(thread=True)
    def read(self):
        rows = []
        for p in sorted(Path(sys.argv[1]).glob("*.toml")):
            d = tomllib.loads(p.read_text(encoding="utf-8"))
            rows.append((str(d.get("date", "")), d.get("title", ""), "", str(len(d.get("notes", []))),
                         str(len(d.get("action_points", [])))))
        self.call_from_thread(self.fill, rows)
    def fill(self, rows):
        self.query_one(DataTable).add_rows(rows)
        self.call_after_refresh(lambda: (os.write(1, b"painted\\n"), self.exit()))
Bare().run(headless=True)
"""

FACILITATOR = """
import os, sys
from pathlib import Path
from facilitator.tui.app import FacilitatorApp
class Timed(FacilitatorApp):
    def on_mount(self):
        # No super().on_mount(): Textual calls every class's handler in the MRO, so that
        # call pushed a second home screen (the app itself pushes one).
        def check():
            if getattr(self.screen, "loaded", False):
                self.call_after_refresh(lambda: (os.write(1, b"painted\\n"), self.exit()))
                timer.stop()
        timer = self.set_interval(0.002, check)
Timed(Path(sys.argv[1])).run(headless=True)
"""


def wall(code: str, args: list[str], env: dict[str, str], before=None) -> float:
    if before is not None:
        before()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline()
    seen = time.perf_counter() - t0
    proc.stdout.read()
    err = proc.stderr.read()
    if proc.wait() != 0 or first.strip() != "painted":
        raise RuntimeError(f"benchmark child failed: {first!r} {err[-500:]}")
    return seen


def make_folder(folder: Path, sessions: int, notes: int) -> None:
    from facilitator.services.library import Library

    lib = Library(folder)
    for i in range(sessions):
        svc = lib.create(f"Intervisie {i}", participants=[f"Deelnemer {k}" for k in range(16)])
        for n in range(notes):
            svc.add_note("dialoog", f"Notitie {n}: ouders vroeg uitnodigen en een agenda meesturen")
        svc.add_action_point("Elk gesprek met een agenda beginnen")
        svc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--notes", type=int, default=300, help="notes per session")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        folder = tmp / "sessions"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "FACILITATOR_DATA_DIR": str(tmp / "data")}
        os.environ["FACILITATOR_DATA_DIR"] = env["FACILITATOR_DATA_DIR"]
        # An installed app has its bytecode compiled (pip does it), as Textual in the floors has:
        # without this, a PYTHONDONTWRITEBYTECODE=1 shell compiles facilitator's modules every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        make_folder(folder, args.sessions, args.notes)
        cache = folder / ".summaries.json"
        kinds = {"hello": (HELLO, [], None), "bare list": (BARE_LIST, [str(folder)], None),
                 "facilitator": (FACILITATOR, [str(folder)], None),
                 # The first start after the files changed: no summary cache, every file read.
                 "facilitator, no cache": (FACILITATOR, [str(folder)], lambda: cache.unlink(missing_ok=True))}
        times: dict[str, list[float]] = {k: [] for k in kinds}
        for code, a, before in kinds.values():
            wall(code, a, env, before)  # warm the file cache for all alike
        for _ in range(args.runs):
            for k, (code, a, before) in kinds.items():
                times[k].append(wall(code, a, env, before))
            wall(FACILITATOR, [str(folder)], env)  # leave the summary cache warm (verified) again
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"Home list of {args.sessions} sessions ({args.notes} notes each), median of {args.runs} fresh processes\n")
    print("| measure | floor | figure | ratio | goal |")
    print("|---|---|---|---|---|")
    print(f"| home list shown vs a bare Textual app's first paint | {med['hello']:.3f} s | "
          f"{med['facilitator']:.3f} s | {med['facilitator'] / med['hello']:.2f}x | <= 1.3x |")
    print(f"| home list shown vs a bare app listing the same files (tomllib + DataTable) | "
          f"{med['bare list']:.3f} s | {med['facilitator']:.3f} s | {med['facilitator'] / med['bare list']:.2f}x | - |")
    cold = med["facilitator, no cache"]
    print(f"| same, first start without a summary cache vs a bare Textual app's first paint | {med['hello']:.3f} s | "
          f"{cold:.3f} s | {cold / med['hello']:.2f}x | - |")
    print(f"| same, first start without a summary cache vs a bare app listing the same files | "
          f"{med['bare list']:.3f} s | {cold:.3f} s | {cold / med['bare list']:.2f}x | - |")


if __name__ == "__main__":
    main()
