"""Benchmarks for the terminal app (a script that prints a table, not a test).

    PYTHONPATH=. python benchmarks/tui.py [--idle-seconds 20] [--runs 5]

1. Cold start to first screen: `facilitator`'s home screen against a bare
   Textual hello-world, both headless, in fresh processes, same run (median).
2. Idle CPU while the phase timer runs: the real app in tmux (a real
   terminal), utime+stime from /proc/<pid>/stat over N seconds.
3. Opening a 2,000-note session: Library.open, and app start -> run screen
   painted (headless, in process).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HELLO = """
import os, time, sys
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Static
class Hello(App):
    def compose(self):
        yield Static("hello world")
    def on_mount(self):
        self.call_after_refresh(lambda: (os.write(1, b"painted\\n"), self.exit()))
Hello().run(headless=True)
print(time.perf_counter() - t0)
"""

FACILITATOR = """
import os, time, sys
t0 = time.perf_counter()
from pathlib import Path
mode = sys.argv[2]
if mode == "cli":  # what `facilitator` does before the app: parse args, load command modules
    from facilitator.cli.main import build_parser
    build_parser().parse_args([])
from facilitator.tui.app import FacilitatorApp
class Timed(FacilitatorApp):
    def on_mount(self):
        super().on_mount()
        if mode == "list":
            def check():
                if getattr(self.screen, "loaded", False):
                    os.write(1, b"painted\\n")
                    self.exit()
            self.set_interval(0.005, check)
        else:
            self.call_after_refresh(lambda: self.call_after_refresh(
                lambda: (os.write(1, b"painted\\n"), self.exit())))
Timed(Path(sys.argv[1])).run(headless=True)
print(time.perf_counter() - t0)
heavy = [m for m in ("reportlab", "aiohttp") if m in sys.modules]
print(",".join(heavy) or "-")
"""


def env(data: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT)
    e["FACILITATOR_DATA_DIR"] = str(data)
    return e


def wall(code: str, args: list[str], e: dict[str, str]) -> tuple[float, list[str]]:
    """Seconds from spawning the process to its "painted" line, and its other output."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=e)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    seen = time.perf_counter() - t0
    rest = proc.stdout.read().split()
    if proc.wait() != 0 or first.strip() != "painted":
        raise RuntimeError(f"benchmark child failed: {first!r} {rest!r}")
    return seen, rest


def make_sessions(folder: Path, notes: int = 0) -> Path:
    from facilitator.services.library import Library

    lib = Library(folder)
    svc = lib.create("Benchmark", participants=[f"Deelnemer {i}" for i in range(24)])
    for i in range(notes):
        svc.add_note("dialoog", f"Notitie {i}: ouders vroeg uitnodigen en een agenda meesturen", group=None)
    path = svc.path
    svc.close()
    return path


def cold_start(runs: int, tmp: Path) -> list[tuple[str, str]]:
    folder = tmp / "cold"
    make_sessions(folder)
    e = env(tmp / "data")
    modes = ("first", "list", "cli")
    wall(HELLO, [], e)  # warm the OS file cache for all, fairly
    for mode in modes:
        wall(FACILITATOR, [str(folder), mode], e)
    hello: list[float] = []
    fac: dict[str, list[float]] = {m: [] for m in modes}
    heavy = set()
    for _ in range(runs):  # interleaved, so machine load hits all alike
        hello.append(wall(HELLO, [], e)[0])
        for mode in modes:
            t, out = wall(FACILITATOR, [str(folder), mode], e)
            fac[mode].append(t)
            heavy.add(out[-1])
    h = statistics.median(hello)
    f = {m: statistics.median(v) for m, v in fac.items()}
    return [
        ("cold start, Textual hello-world (median wall)", f"{h:.3f} s"),
        ("cold start, facilitator home screen painted", f"{f['first']:.3f} s"),
        ("ratio first screen / hello-world (goal <= 1.5)", f"{f['first'] / h:.2f}x"),
        ("cold start, home screen with the session list loaded", f"{f['list']:.3f} s ({f['list'] / h:.2f}x)"),
        ("cold start via the CLI parser (all command modules)", f"{f['cli']:.3f} s ({f['cli'] / h:.2f}x)"),
        ("reportlab/aiohttp imported at start-up", ",".join(sorted(heavy))),
    ]


def proc_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime (fields 14, 15)


def idle_cpu(seconds: float, tmp: Path, size: tuple[int, int] = (120, 40)) -> list[tuple[str, str]]:
    """CPU of the real app in tmux while the phase timer runs: run view, then room view."""
    if shutil.which("tmux") is None:
        return [("idle CPU while the timer runs", "skipped: no tmux")]
    folder = tmp / f"idle-{size[0]}"
    make_sessions(folder)
    name = f"facilitator-bench-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    cmd = " ".join([
        "env", "-u", "COLUMNS", "-u", "LINES", f"PYTHONPATH={shlex.quote(str(ROOT))}",
        f"FACILITATOR_DATA_DIR={shlex.quote(str(tmp / 'data'))}",
        "TERM=xterm-256color", shlex.quote(sys.executable), "-m", "facilitator",
        "--sessions-dir", shlex.quote(str(folder)),
    ])

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", name, *args], capture_output=True, text=True, check=True).stdout

    def measure(pid: int) -> float:
        hz = os.sysconf("SC_CLK_TCK")
        t0, c0 = time.monotonic(), proc_ticks(pid)
        time.sleep(seconds)
        t1, c1 = time.monotonic(), proc_ticks(pid)
        return 100 * (c1 - c0) / hz / (t1 - t0)

    rows = []
    try:
        tmux("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), cmd)
        pid = int(tmux("display", "-p", "-t", name, "#{pane_pid}"))
        time.sleep(2.5)
        tmux("send-keys", "-t", name, "Enter")
        time.sleep(1.5)
        tmux("send-keys", "-t", name, "Space")
        time.sleep(2)
        running = "loopt" in tmux("capture-pane", "-p", "-t", name)
        pct = measure(pid)
        rows.append((f"idle CPU, timer running, run view, {size[0]}x{size[1]}, {seconds:.0f} s (goal < 1%)",
                     f"{pct:.2f}% of a core" + ("" if running else " (timer NOT seen running!)")))
        tmux("send-keys", "-t", name, "r")
        time.sleep(1.5)
        pct = measure(pid)
        rows.append((f"idle CPU, timer running, room view, {size[0]}x{size[1]}, {seconds:.0f} s",
                     f"{pct:.2f}% of a core"))
    finally:
        subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True)
    return rows


def open_big(tmp: Path, notes: int = 2000) -> list[tuple[str, str]]:
    import asyncio
    from datetime import timezone

    os.environ["FACILITATOR_DATA_DIR"] = str(tmp / "data")
    folder = tmp / "big"
    t0 = time.perf_counter()
    path = make_sessions(folder, notes)
    build = time.perf_counter() - t0
    size = path.stat().st_size

    from facilitator.services.library import Library
    from facilitator.tui.app import FacilitatorApp

    t0 = time.perf_counter()
    Library(folder).open(str(path)).close()
    opened = time.perf_counter() - t0
    t0 = time.perf_counter()
    Library(folder).summaries()  # what the home screen reads (in a thread)
    listed = time.perf_counter() - t0

    async def run_app() -> float:
        app = FacilitatorApp(folder, tz=timezone.utc)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            t0 = time.perf_counter()
            app.open_session(path)
            await pilot.pause()
            shown = time.perf_counter() - t0
            await pilot.press("q")
        return shown

    shown = asyncio.run(run_app())
    return [
        (f"{notes}-note session: file size", f"{size / 1024:.0f} KiB"),
        (f"{notes}-note session: writing it ({notes} journalled notes)", f"{build:.2f} s"),
        (f"{notes}-note session: Library.open (read + validate)", f"{opened * 1000:.0f} ms"),
        (f"{notes}-note session: home list (Library.summaries, off the UI thread)", f"{listed * 1000:.0f} ms"),
        (f"{notes}-note session: open -> run screen painted", f"{shown * 1000:.0f} ms"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle-seconds", type=float, default=20)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        rows += cold_start(args.runs, tmp)
        rows += idle_cpu(args.idle_seconds, tmp, (120, 40))
        rows += idle_cpu(args.idle_seconds, tmp, (200, 60))
        rows += open_big(tmp)
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  -----")
    for k, v in rows:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
