"""Benchmark: the room view's idle CPU and opening a 2,000-note session, each against its floor.

    PYTHONPATH=. .venv/bin/python benchmarks/room.py [--rounds 5] [--seconds 8] [--opens 7]

(a) Idle CPU with the timer running. Floor: a bare Textual app showing a Digits
    clock updated each second. Figure: the real app (`python -m facilitator`) in
    its room view with the phase timer running. Both run in tmux (a real
    terminal) at 120x40 and at 200x60, all four at once; CPU is read for all of
    them over the same windows (the load of the machine hits all alike): from
    /proc/<pid>/task/*/schedstat (ns), median over the rounds, and from
    utime+stime in /proc/<pid>/stat (10 ms ticks) over all the rounds at once.
(b) Opening a 2,000-note session, in fresh processes, interleaved. Floor: a
    bare Textual app that reads the same TOML with tomllib and shows the notes of
    the sheet Dialoog opens on in an OptionList (with the same head Statics and
    Input), timed from the read until painted. Figure: the app with
    its home list loaded, timed from choosing the session until the Dialoog
    phase (the session's current phase) is painted, the session chosen PAUSE
    (1.5) s after the list is shown (while the list sits idle the app reads
    the session under the cursor ahead and loads the run screen's code;
    tui/prewarm.py), and again the moment it is shown (no head start). A
    second, labelled comparison switches the read-ahead off: the open then
    parses the file itself, as the floor does. Median over the runs.

Prints a Markdown table: floor, figure, ratio, goal.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DIGITS_CLOCK = """
import time
from textual.app import App
from textual.widgets import Digits
class Clock(App):
    CSS = "Screen { align: center middle; } Digits { width: auto; }"
    def compose(self):
        yield Digits("25:00")
    def on_mount(self):
        self.t0 = time.monotonic()
        self.set_interval(1.0, self.tick)
    def tick(self):
        left = max(0, 1500 - int(time.monotonic() - self.t0))
        self.query_one(Digits).update(f"{left // 60:02d}:{left % 60:02d}")
Clock().run()
"""

OPEN_FLOOR = """
import os, sys, time, tomllib
from textual.app import App
from textual.widgets import OptionList, Static, Input
from textual.widgets.option_list import Option
path = sys.argv[1]
class Floor(App):
    def compose(self):
        yield Static("floor")
    def on_mount(self):
        self.call_after_refresh(self.go)
    def go(self):
        self.t0 = time.perf_counter()
        with open(path, "rb") as f:
            data = tomllib.load(f)
        # The sheet Dialoog opens on: the first group's first question.
        first = data["groups"][0]["id"]
        notes = [n for n in data.get("notes", [])
                 if n.get("phase") == "dialoog" and n.get("group") == first and n.get("question") == "d1"]
        self.mount(Static("Groep"), Static("Vraag"), OptionList(*[Option(n["text"]) for n in notes]),
                   Input(), Static(""))
        self.call_after_refresh(lambda: self.call_after_refresh(self.done))
    def done(self):
        os.write(1, f"{time.perf_counter() - self.t0}\\n".encode())
        self.exit()
Floor().run(headless=True, size=(120, 40))
"""

OPEN_APP = """
import os, sys, time
from datetime import timezone
from pathlib import Path
from facilitator.tui.app import FacilitatorApp
folder, path, pause = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
if sys.argv[4:] == ["no-read-ahead"]:
    import facilitator.tui.prewarm
    facilitator.tui.prewarm.read_ahead = lambda *args, **kwargs: False
class Timed(FacilitatorApp):
    def on_mount(self):
        super().on_mount()
        self.t0 = None
        self.seen = False
        self.ready = None
        self.set_interval(0.005, self.check)
    def check(self):
        if self.seen:
            return
        if self.t0 is None:
            if self.ready is None and getattr(self.screen, "loaded", False):
                self.ready = time.perf_counter()
            if self.ready is not None and time.perf_counter() - self.ready >= pause:
                self.t0 = time.perf_counter()
                self.open_session(path)
            return
        from facilitator.tui.phases.dialogue import DialoguePhase
        view = getattr(self.screen, "view", None)
        if isinstance(view, DialoguePhase) and view.is_mounted:
            self.seen = True
            self.call_after_refresh(lambda: self.call_after_refresh(self.done))
    def done(self):
        os.write(1, f"{time.perf_counter() - self.t0}\\n".encode())
        self.exit()
Timed(folder, tz=timezone.utc).run(headless=True, size=(120, 40))
"""

#: How long after the home list appears the session is chosen: a person reads the list first.
PAUSE = 1.5

T0 = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


def env(data: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT)
    e["FACILITATOR_DATA_DIR"] = str(data)
    return e


def make_session(folder: Path, notes: int = 0) -> Path:
    """A session; with notes, `notes` Dialoog notes over 4 groups and Dialoog the current phase."""
    from facilitator.core.model import Group, Note, new_id
    from facilitator.services.library import Library

    lib = Library(folder)
    svc = lib.create("Benchmark", participants=[f"Deelnemer {i}" for i in range(24)])
    if notes:
        gs = [svc.add_group(f"Groep {i + 1}") for i in range(4)]
        for i in range(notes):  # in memory, one checkpoint: this is about reading, not 2,000 fsyncs
            svc.session.notes.append(Note(
                id=new_id("n"), phase="dialoog", group=gs[i % 4].id, question=f"d{(i // 4) % 5 + 1}",
                created=T0, text=f"Notitie {i}: ouders vroeg uitnodigen en een agenda meesturen"))
        svc.clock_event("goto", phase="dialoog")
        svc.store.checkpoint()
    path = svc.path
    svc.close()
    return path


def proc_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15)


def proc_ns(pid: int) -> int:
    """CPU time of all the process's threads in ns (/proc/<pid>/task/*/schedstat): finer than clock ticks."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass
    return total


def idle(rounds: int, seconds: float, tmp: Path) -> list[tuple[str, float, float, float]]:
    """Rows (what, floor %, figure %, goal ratio) for 120x40 and 200x60."""
    if shutil.which("tmux") is None:
        print("skipped idle CPU: no tmux", file=sys.stderr)
        return []
    folder = tmp / "idle"
    make_session(folder)
    sock = f"facilitator-room-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    py = shlex.quote(sys.executable)
    base = ["env", "-u", "COLUMNS", "-u", "LINES", f"PYTHONPATH={shlex.quote(str(ROOT))}",
            f"FACILITATOR_DATA_DIR={shlex.quote(str(tmp / 'data'))}", "TERM=xterm-256color"]
    clock_file = tmp / "clock.py"
    clock_file.write_text(DIGITS_CLOCK)

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True, check=True).stdout

    sizes = [(120, 40), (200, 60)]
    pids: dict[tuple[str, tuple[int, int]], int] = {}
    try:
        for w, h in sizes:
            for kind in ("floor", "app"):
                name = f"{kind}-{w}"
                cmd = " ".join(base + ([py, shlex.quote(str(clock_file))] if kind == "floor" else
                                       [py, "-m", "facilitator", "--sessions-dir", shlex.quote(str(folder))]))
                tmux("new-session", "-d", "-s", name, "-x", str(w), "-y", str(h), cmd)
                pids[(kind, (w, h))] = int(tmux("display", "-p", "-t", name, "#{pane_pid}"))
        time.sleep(3)
        for w, _ in sizes:
            tmux("send-keys", "-t", f"app-{w}", "Enter")
        time.sleep(2)
        for w, _ in sizes:
            tmux("send-keys", "-t", f"app-{w}", "Space")
        time.sleep(1.5)
        for w, _ in sizes:
            if "loopt" not in tmux("capture-pane", "-p", "-t", f"app-{w}"):
                print(f"warning: timer not seen running at width {w}", file=sys.stderr)
            tmux("send-keys", "-t", f"app-{w}", "r")
        time.sleep(3)
        hz = os.sysconf("SC_CLK_TCK")
        samples: dict[tuple[str, tuple[int, int]], list[float]] = {k: [] for k in pids}
        fine: dict[tuple[str, tuple[int, int]], list[float]] = {k: [] for k in pids}
        start, ticks0 = time.monotonic(), {k: proc_ticks(p) for k, p in pids.items()}
        for _ in range(rounds):
            t0 = time.monotonic()
            n0 = {k: proc_ns(p) for k, p in pids.items()}
            time.sleep(seconds)
            t1 = time.monotonic()
            n1 = {k: proc_ns(p) for k, p in pids.items()}
            for k in pids:
                fine[k].append(100 * (n1[k] - n0[k]) / 1e9 / (t1 - t0))
        # /proc stat counts whole clock ticks (10 ms): 0.3% of a core is 3 ticks in 10 s, so a median of
        # per-window figures moves in steps of a third. Read over all the windows at once instead.
        end, ticks1 = time.monotonic(), {k: proc_ticks(p) for k, p in pids.items()}
        for k in pids:
            samples[k].append(100 * (ticks1[k] - ticks0[k]) / hz / (end - start))
        rows = []
        for size in sizes:
            f = statistics.median(samples[("floor", size)])
            a = statistics.median(samples[("app", size)])
            rows.append((f"idle CPU, timer running, room view {size[0]}x{size[1]} (% of a core, /proc stat, "
                         f"all {rounds} x {seconds:.0f} s at once)", f, a, 1.2))
            rows.append((f"same, {size[0]}x{size[1]}, from schedstat (ns resolution), median of {rounds} x "
                         f"{seconds:.0f} s",
                         statistics.median(fine[("floor", size)]), statistics.median(fine[("app", size)]), 1.2))
        return rows
    finally:
        subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def one(code: str, args: list[str], e: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=e, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {out.stderr[-2000:]}")
    return float(out.stdout.split()[-1])


def opening(runs: int, tmp: Path, notes: int = 2000) -> list[tuple[str, float, float, float | None]]:
    folder = tmp / "big"
    path = make_session(folder, notes)
    e = env(tmp / "data")
    one(OPEN_FLOOR, [str(path)], e)  # warm the file cache for both alike
    one(OPEN_APP, [str(folder), str(path), "0"], e)
    floor, fig, eager, parsed = [], [], [], []
    for _ in range(runs):
        floor.append(one(OPEN_FLOOR, [str(path)], e))
        fig.append(one(OPEN_APP, [str(folder), str(path), str(PAUSE)], e))
        eager.append(one(OPEN_APP, [str(folder), str(path), "0"], e))
        parsed.append(one(OPEN_APP, [str(folder), str(path), str(PAUSE), "no-read-ahead"], e))
    f = 1000 * statistics.median(floor)
    return [(f"open a {notes}-note session until Dialoog is painted, chosen {PAUSE:.1f} s after the home list "
             f"is shown (ms, median of {runs})", f, 1000 * statistics.median(fig), 1.5),
            (f"same, chosen the moment the home list is shown (ms, median of {runs})",
             f, 1000 * statistics.median(eager), None),
            (f"second comparison, not the issue's figure: the first with the read-ahead switched off, the open "
             f"parsing the file as the floor does (ms, median of {runs})", f, 1000 * statistics.median(parsed), None)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--opens", type=int, default=7)
    ap.add_argument("--only", choices=("idle", "open"))
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ["FACILITATOR_DATA_DIR"] = str(tmp / "data")
        if args.only != "open":
            rows += idle(args.rounds, args.seconds, tmp)
        if args.only != "idle":
            rows += opening(args.opens, tmp)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print()
    print("| measure | floor | figure | ratio | goal |")
    print("|---|---:|---:|---:|---:|")
    for what, f, a, goal in rows:
        unit = " ms" if "(ms" in what else "%"
        fmt = "{:.2f}" if unit == "%" else "{:.0f}"
        ratio = a / f if f else float("inf")
        target = "-" if goal is None else f"<= {goal}x ({'ok' if ratio <= goal else 'MISSED'})"
        print(f"| {what} | {fmt.format(f)}{unit} | {fmt.format(a)}{unit} | {ratio:.2f}x | {target} |")


if __name__ == "__main__":
    main()
