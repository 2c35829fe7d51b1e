"""Latency of an observer's feedback POST, fsync included, with concurrent phones.

Starts `facilitator serve` in a subprocess on 127.0.0.1 (a real separate
process, like on the day), lets N observer clients join and post entries as
fast as they can, and prints p50/p99/max per setting. Every POST is answered
only after the journal line is fsynced, so this is the honest "saved" time.

    PYTHONPATH=. python benchmarks/serve.py [--posts 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facilitator.core.model import PracticeGroup, new_id  # noqa: E402
from facilitator.service import Library  # noqa: E402
from facilitator.store import load_session  # noqa: E402


def make_session(folder: Path) -> tuple[Path, list[tuple[str, str, str]]]:
    svc = Library(folder).create("Benchmark", participants=[f"P{i}" for i in range(12)])
    ids = [p.id for p in svc.session.participants]
    pairs = []
    for g in range(4):
        group = PracticeGroup(id=new_id("pg"), name=f"Groep {g + 1}", members=ids[3 * g: 3 * g + 3])
        svc.add("practice_groups", group)
        observer_id = ids[3 * g + 2]
        rnd = svc.draw_round(group.id, 1, 1 + g % 2, mentor=ids[3 * g], parent=ids[3 * g + 1],
                             observers=[observer_id])
        svc.update("rounds", rnd.id, started=svc.now())
        pairs.append((group.id, rnd.id, observer_id))
    path = svc.path
    svc.close()
    return path, pairs


def start_server(path: Path) -> tuple[subprocess.Popen, str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "serve", str(path), "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"},
    )
    url = code = None
    while code is None:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("serve did not start")
        if m := re.search(r"(http://127\.0\.0\.1:\d+/)\s*$", line):
            url = m.group(1)
        elif m := re.search(r"Code:\s+(\d{6})", line):
            code = m.group(1)
    # serve prints a line per saved entry: keep reading so its pipe never fills.
    threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
    return proc, url, code


async def observer(url: str, code: str, n: int, pairs, posts: int, lat: list[float], poll: bool) -> None:
    group, rnd, observer_id = pairs[n % len(pairs)]
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as http:
        await (await http.post("/api/login", json={"code": code})).read()
        # Identities come from the group's roster; several phones may share one name.
        await (await http.post("/api/profile", json={"group": group, "participant": observer_id})).read()
        for i in range(posts):
            t0 = time.perf_counter()
            r = await http.post("/api/feedback", json={
                "round": rnd, "category": "free", "text": f"client {n} entry {i} " + "x" * 120, "key": f"{n}-{i}"})
            await r.read()
            lat.append(time.perf_counter() - t0)
            if r.status != 201:
                raise SystemExit(f"POST failed: {r.status}")
            if poll:
                await (await http.get("/api/talk")).read()


async def poller(url: str, code: str, stop: asyncio.Event, lat: list[float]) -> None:
    """The room display and idle phones polling once a second meanwhile."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as http:
        await (await http.post("/api/login", json={"code": code})).read()
        await (await http.get("/api/room")).read()  # warm-up: the first call loads the agenda template
        while not stop.is_set():
            t0 = time.perf_counter()
            await (await http.get("/api/room")).read()
            lat.append(time.perf_counter() - t0)
            await asyncio.sleep(0.2)


async def run(url: str, code: str, pairs, clients: int, posts: int) -> dict:
    lat: list[float] = []
    room: list[float] = []
    stop = asyncio.Event()
    room_task = asyncio.create_task(poller(url, code, stop, room))
    t0 = time.perf_counter()
    await asyncio.gather(*(observer(url, code, n, pairs, posts, lat, poll=True) for n in range(clients)))
    wall = time.perf_counter() - t0
    stop.set()
    await room_task
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {
        "clients": clients, "posts": len(lat), "p50": q[49] * 1000, "p99": q[98] * 1000,
        "max": max(lat) * 1000, "rate": len(lat) / wall,
        "room_p50": statistics.median(room) * 1000 if room else float("nan"), "room_n": len(room),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=50, help="entries per client (default 50)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path, pairs = make_session(Path(tmp))
        proc, url, code = start_server(path)
        try:
            rows = [asyncio.run(run(url, code, pairs, c, args.posts)) for c in (1, 10, 20)]
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
        total = sum(len(r.observations) for r in load_session(path).rounds)
    print(f"facilitator serve: feedback POST latency (fsync included), {args.posts} entries per client")
    print(f"{'clients':>7} {'posts':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'posts/s':>8} {'room GET p50 ms (n)':>20}")
    for r in rows:
        print(f"{r['clients']:>7} {r['posts']:>6} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} "
              f"{r['rate']:>8.0f} {r['room_p50']:>14.1f} ({r['room_n']:>3})")
    expected = sum(r["posts"] for r in rows)
    print(f"observations in the session file: {total} (expected {expected})")
    if total != expected:
        raise SystemExit("LOST ENTRIES")


if __name__ == "__main__":
    main()
