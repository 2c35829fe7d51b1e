"""Benchmark: the dialogue and plenary views on a 2,000-note session.

Prints a table. Not a test: run it by hand,
    PYTHONPATH=$PWD python benchmarks/phases.py [--notes 2000]

Measures, headless (Textual's run_test):
- open: from App start until the view is mounted and has drawn its lists;
- per key: wall time of pilot.press for a key, minus the same for a key no
  widget binds (Pilot's own cost, ~60 ms here), so the figure is what the
  view adds;
- direct: the view's own redraw/save methods timed without Pilot.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from phases_harness import PhaseApp  # noqa: E402

from facilitator.core.model import Group, Note, new_id  # noqa: E402
from facilitator.services.library import Library

T0 = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


def build(folder: Path, notes: int, groups: int, one_sheet: bool):
    lib = Library(folder, now=lambda: T0)
    svc = lib.create("Benchmark", participants=[f"P{i}" for i in range(16)])
    gs = [Group(id=new_id("g"), name=f"Groep {i + 1}") for i in range(groups)]
    for g in gs:
        svc._add("groups", g)  # fixed ids: the benchmark addresses them
    # Build the notes in memory and checkpoint once: the benchmark is about the
    # views, not about 2,000 fsyncs.
    for i in range(notes):
        g = gs[0] if one_sheet else gs[i % groups]
        q = "d1" if one_sheet else f"d{(i // groups) % 5 + 1}"
        svc.session.notes.append(Note(
            id=new_id("n"), phase="dialoog", group=g.id, question=q, created=T0,
            text=f"Notitie {i}: ouders vooraf laten vertellen wat zij willen bespreken", tip=i % 7 == 0,
        ))
    svc.store.checkpoint()
    return svc


async def measure(svc, kind: str, keys: list[str], focus: str | None, repeat: int) -> dict[str, float]:
    start = time.perf_counter()
    app = PhaseApp(svc, kind)
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out["open"] = time.perf_counter() - start
        if focus:
            app.view.query_one(focus).focus()
            await pilot.pause()

        async def per_press(key: str) -> float:
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                await pilot.press(key)
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        base = await per_press("f12")  # bound by nothing: Pilot's own cost
        out["pilot"] = base
        for key in keys:
            out[key] = max(0.0, await per_press(key) - base)
        view = app.view
        t = time.perf_counter()
        n = 20
        for _ in range(n):
            (view.refresh_sheet if kind == "dialogue" else view.fill)()
        out["redraw"] = (time.perf_counter() - t) / n
        if kind == "dialogue":
            t = time.perf_counter()
            for i in range(n):
                view.service.add_note("dialoog", f"extra {i}", group=view.group.id, question="d1")
                view.refresh_sheet()
            out["save+redraw"] = (time.perf_counter() - t) / n
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    rows = []
    for one_sheet in (False, True):
        with tempfile.TemporaryDirectory() as d:
            svc = build(Path(d), args.notes, 4, one_sheet)
            layout = "all on one sheet" if one_sheet else "4 groups x 5 questions"
            dlg = asyncio.run(measure(svc, "dialogue", ["down", "pagedown", "ctrl+down", "ctrl+g"],
                                      "#dlg-notes", args.repeat))
            rows.append(("dialogue", layout, dlg))
            pl = asyncio.run(measure(svc, "plenary", ["down", "pagedown", "right", "ctrl+down"],
                                     None, args.repeat))
            rows.append(("plenary", layout, pl))
            svc.close()
    print(f"{args.notes} notes, 120x40, median of {args.repeat} presses; per-key = press minus Pilot's own cost")
    print(f"{'view':<9} {'notes layout':<24} {'open':>8} {'pilot':>7}  per key (ms) / direct (ms)")
    for view, layout, r in rows:
        keys = "  ".join(f"{k}={v * 1000:.1f}" for k, v in r.items() if k not in ("open", "pilot"))
        print(f"{view:<9} {layout:<24} {r['open'] * 1000:>6.0f}ms {r['pilot'] * 1000:>5.0f}ms  {keys}")


if __name__ == "__main__":
    main()
