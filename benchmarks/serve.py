"""Feedback POSTs into `facilitator serve` against a bare aiohttp fsync-append floor.

Starts `facilitator serve` in a subprocess on 127.0.0.1 (a real separate
process, like on the day) on a session that already holds 2,000 notes, lets
40 observers post 2,000 entries in all as fast as they can, and runs the same
load, in the same run, against a bare aiohttp handler that appends each body
to a file and fsyncs it (the floor any durable server pays). Prints a
markdown table: throughput and p99 of both and their ratios (goals: >= 0.8x
the floor's throughput, <= 2x its p99), and checks that nothing was lost.

    PYTHONPATH=. python benchmarks/serve.py [--clients 40] [--posts 50] [--notes 2000]

`--mixed`: the whole room at once: forty phones in ten groups of four; in each
group two scribes write the group's flip-over (POST /api/note, dialogue group)
and two observers post feedback on the group's talk (POST /api/feedback), all
together, against the same floor; every entry must be on disk exactly once.

    PYTHONPATH=. python benchmarks/serve.py --mixed [--posts 50]
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
from facilitator.services.library import Library
from facilitator.storage.sessionfile import load_session

FLOOR = r'''
import os, sys
from aiohttp import web
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
async def post(request):
    body = await request.read()
    os.write(fd, body.replace(b"\\n", b" ") + bytes([10]))
    os.fsync(fd)
    return web.json_response({"ok": True}, status=201)
async def ok(request):
    return web.json_response({"ok": True})
app = web.Application()
app.router.add_post("/api/feedback", post)
app.router.add_post("/api/note", post)
app.router.add_post("/api/login", ok)
app.router.add_post("/api/profile", ok)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[2]), print=lambda *a: print("ready", flush=True),
            access_log=None)
'''


def make_session(folder: Path, notes: int = 0) -> tuple[Path, list[tuple[str, str, str]]]:
    svc = Library(folder).create("Benchmark", participants=[f"P{i}" for i in range(12)])
    for i in range(notes):
        svc.add_note("dialoog", f"note {i} " + "y" * 80)
    ids = [p.id for p in svc.session.participants]
    pairs = []
    for g in range(4):
        group = PracticeGroup(id=new_id("pg"), name=f"Groep {g + 1}", members=ids[3 * g: 3 * g + 3])
        svc.add_practice_group(group)
        observer_id = ids[3 * g + 2]
        rnd = svc.draw_round(group.id, 1, 1 + g % 2, mentor=ids[3 * g], parent=ids[3 * g + 1],
                             observers=[observer_id])
        svc.update_round(rnd.id, started=svc.now())
        pairs.append((group.id, rnd.id, observer_id))
    path = svc.path
    svc.close()
    return path, pairs


def make_room(folder: Path, notes: int = 0, groups: int = 10) -> tuple[Path, list[dict]]:
    """Ten groups of four: a dialogue group and a practice group of the same people, talk 1 running.

    Returns one plan per phone: a scribe (dialogue group, participant) or an observer (group, talk, id)."""
    svc = Library(folder).create("Benchmark zaal", participants=[f"P{i}" for i in range(4 * groups)])
    for i in range(notes):
        svc.add_note("dialoog", f"note {i} " + "y" * 80)
    ids = [p.id for p in svc.session.participants]
    phones = []
    for g in range(groups):
        four = ids[4 * g: 4 * g + 4]
        dgroup = svc.add_group(f"Groep {g + 1}", four)
        pgroup = PracticeGroup(id=new_id("pg"), name=f"Oefengroep {g + 1}", members=four)
        svc.add_practice_group(pgroup)
        rnd = svc.draw_round(pgroup.id, 1, 1 + g % 2, mentor=four[0], parent=four[1], observers=four[2:])
        svc.update_round(rnd.id, started=svc.now())
        phones += [{"role": "scribe", "group": dgroup.id, "participant": pid} for pid in four[:2]]
        phones += [{"role": "practice", "group": pgroup.id, "participant": pid, "round": rnd.id} for pid in four[2:]]
    path = svc.path
    svc.close()
    return path, phones


async def room_phone(url: str, code: str, n: int, plan: dict, posts: int, lat: list[float]) -> None:
    """One phone of the mixed scenario: a scribe's notes or an observer's feedback, each with its key."""
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as http:
        await (await http.post("/api/login", json={"code": code})).read()
        await (await http.post("/api/profile", json={
            "role": plan["role"], "group": plan["group"], "participant": plan["participant"]})).read()
        for i in range(posts):
            if plan["role"] == "scribe":
                path, body = "/api/note", {"question": ("d1", "d2", "d3")[i % 3], "key": f"{n}-{i}",
                                           "text": f"phone {n} note {i} " + "x" * 80}
            else:
                path, body = "/api/feedback", {"round": plan["round"], "category": "free", "key": f"{n}-{i}",
                                               "text": f"phone {n} entry {i} " + "x" * 120}
            t0 = time.perf_counter()
            r = await http.post(path, json=body)
            await r.read()
            lat.append(time.perf_counter() - t0)
            if r.status != 201:
                raise SystemExit(f"POST {path} failed: {r.status}")


async def room_load(url: str, code: str, phones: list[dict], posts: int, deadline: float = 300) -> dict:
    lat: list[float] = []
    t0 = time.perf_counter()
    async with asyncio.timeout(deadline):  # bounded in time as in count
        await asyncio.gather(*(room_phone(url, code, n, plan, posts, lat) for n, plan in enumerate(phones)))
    wall = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {"posts": len(lat), "p50": q[49] * 1000, "p99": q[98] * 1000, "max": max(lat) * 1000,
            "rate": len(lat) / wall}


def mixed(args) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path, phones = make_room(Path(tmp), args.notes)
        floor_proc, floor_url, floor_file = start_floor(Path(tmp))
        try:
            floor = asyncio.run(room_load(floor_url, "000000", phones, args.posts))
        finally:
            floor_proc.send_signal(signal.SIGTERM)
            floor_proc.wait(10)
        proc, url, code = start_server(path)
        try:
            serve = asyncio.run(room_load(url, code, phones, args.posts))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
        session = load_session(path)
        feedback = [o.text for r in session.rounds for o in r.observations]
        notes = [n.text for n in session.notes if n.text.startswith("phone ")]
        floor_lines = len(floor_file.read_bytes().splitlines())
    scribes = sum(1 for p in phones if p["role"] == "scribe")
    expected_notes, expected_fb = scribes * args.posts, (len(phones) - scribes) * args.posts
    expected = expected_notes + expected_fb
    print(f"{len(phones)} phones (10 groups of 4: 2 scribes + 2 observers each), {expected} POSTs on loopback "
          f"({expected_notes} flip-over notes, {expected_fb} feedback entries), session with {args.notes} notes "
          "(floor and serve one after the other in the same run; the machine is shared: compare ratios)\n")
    print("| measurement | floor: bare aiohttp + fsync append | facilitator serve | ratio (goal) |")
    print("|---|---:|---:|---:|")
    print(f"| throughput, posts/s | {floor['rate']:.0f} | {serve['rate']:.0f} | "
          f"{serve['rate'] / floor['rate']:.2f}x |")
    for key in ("p50", "p99", "max"):
        goal = " (<= 2x)" if key == "p99" else ""
        print(f"| save latency {key}, ms | {floor[key]:.1f} | {serve[key]:.1f} | "
              f"{serve[key] / floor[key]:.2f}x{goal} |")
    print(f"| entries on disk (of {expected}) | {floor_lines} | {len(notes) + len(feedback)} | |")
    once = len(set(notes)) == len(notes) == expected_notes and len(set(feedback)) == len(feedback) == expected_fb
    print(f"| each entry exactly once | | {'yes' if once else 'NO'} | |")
    if not once or floor_lines != expected:
        raise SystemExit(f"LOST OR DOUBLED: notes {len(notes)}/{expected_notes}, feedback {len(feedback)}/{expected_fb}")


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


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_floor(folder: Path) -> tuple[subprocess.Popen, str, Path]:
    out = folder / "floor.jsonl"
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", FLOOR, str(out), str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    if proc.stdout.readline().strip() != "ready":
        raise SystemExit("floor server did not start")
    return proc, f"http://127.0.0.1:{port}/", out


async def load(url: str, code: str, pairs, clients: int, posts: int) -> dict:
    lat: list[float] = []
    t0 = time.perf_counter()
    await asyncio.gather(*(observer(url, code, n, pairs, posts, lat, poll=False) for n in range(clients)))
    wall = time.perf_counter() - t0
    q = statistics.quantiles(lat, n=100, method="inclusive")
    return {"posts": len(lat), "p50": q[49] * 1000, "p99": q[98] * 1000, "max": max(lat) * 1000,
            "rate": len(lat) / wall}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=40)
    ap.add_argument("--posts", type=int, default=50, help="entries per client (default 50)")
    ap.add_argument("--notes", type=int, default=2000, help="notes already in the session (default 2000)")
    ap.add_argument("--mixed", action="store_true", help="forty phones: scribes and observers together")
    args = ap.parse_args()
    if args.mixed:
        return mixed(args)
    with tempfile.TemporaryDirectory() as tmp:
        path, pairs = make_session(Path(tmp), args.notes)
        floor_proc, floor_url, floor_file = start_floor(Path(tmp))
        try:
            floor = asyncio.run(load(floor_url, "000000", pairs, args.clients, args.posts))
        finally:
            floor_proc.send_signal(signal.SIGTERM)
            floor_proc.wait(10)
        proc, url, code = start_server(path)
        try:
            serve = asyncio.run(load(url, code, pairs, args.clients, args.posts))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
        total = sum(len(r.observations) for r in load_session(path).rounds)
        floor_lines = len(floor_file.read_bytes().splitlines())
    expected = args.clients * args.posts
    print(f"{args.clients} observers, {expected} feedback POSTs on loopback, session with {args.notes} notes "
          "(floor and serve run one after the other in the same run; the machine is shared: compare ratios)\n")
    print("| measurement | floor: bare aiohttp + fsync append | facilitator serve | ratio (goal) |")
    print("|---|---:|---:|---:|")
    print(f"| throughput, posts/s | {floor['rate']:.0f} | {serve['rate']:.0f} | "
          f"{serve['rate'] / floor['rate']:.2f}x (>= 0.8x) |")
    for key in ("p50", "p99", "max"):
        goal = " (<= 2x)" if key == "p99" else ""
        print(f"| latency {key}, ms | {floor[key]:.1f} | {serve[key]:.1f} | {serve[key] / floor[key]:.2f}x{goal} |")
    print(f"| entries on disk (of {expected}) | {floor_lines} | {total} | |")
    if total != expected or floor_lines != expected:
        raise SystemExit(f"LOST ENTRIES: serve saved {total}, floor {floor_lines}, expected {expected}")


if __name__ == "__main__":
    main()
