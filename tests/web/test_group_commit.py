"""Group commit in the web server: 40 phones at once, one fsync per group, no lie.

The worker runs every call queued while it was busy in one ``service.batch()``
and answers only after the group's fsync. These tests hold the worker busy
with a call that waits on an Event (no sleeps, no timing), queue posts behind
it, and then let it go.
"""

from __future__ import annotations

import asyncio
import errno
import os
import threading

import aiohttp
from aiohttp.test_utils import TestServer

from facilitator.storage.sessionfile import load_session
from facilitator.web.app import create_app
from facilitator.web.state import WebState
from tests.web.fixtures import practice_session, start_talk

CODE = "424242"
PHONES = 40


async def phone(server: TestServer, group: str, participant: str) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(base_url=str(server.make_url("/")), cookie_jar=aiohttp.CookieJar(unsafe=True))
    r = await http.post("/api/login", json={"code": CODE})
    assert r.status == 200, await r.text()
    r = await http.post("/api/profile", json={"group": group, "participant": participant})
    assert r.status == 200, await r.text()
    return http


async def queued(state: WebState, count: int) -> None:
    """Yield to the loop until `count` calls wait in the worker's queue."""
    while state._pool is None or state._pool.qsize() < count:
        await asyncio.sleep(0)


async def hold_worker(state: WebState) -> threading.Event:
    """Occupy the worker thread until the returned event is set."""
    busy, release = threading.Event(), threading.Event()

    def block() -> None:
        busy.set()
        release.wait()

    task = asyncio.ensure_future(state.call(block))
    while not busy.is_set():
        await asyncio.sleep(0)
    release.task = task  # type: ignore[attr-defined]
    return release


def observations(service, rnd) -> list[str]:
    return [o.text for r in load_session(service.path).rounds if r.id == rnd for o in r.observations]


def test_forty_phones_posting_at_once_lose_nothing_and_save_each_once(service, monkeypatch):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    rnd, posts = s["r1"].id, 5
    fsyncs = {"n": 0}
    real = os.fsync

    def counting(fd):
        fsyncs["n"] += 1
        return real(fd)

    async def go():
        state = WebState(service=service, code=CODE, auto_refresh=False)
        async with TestServer(create_app(state)) as server:
            phones = [await phone(server, s["g1"].id, s["ids"]["Cem"]) for _ in range(PHONES)]
            try:
                monkeypatch.setattr(os, "fsync", counting)
                release = await hold_worker(state)

                async def post(n: int, i: int) -> int:
                    r = await phones[n].post("/api/feedback", json={
                        "round": rnd, "category": "free", "text": f"phone {n} entry {i}", "key": f"{n}-{i}"})
                    await r.read()
                    return r.status

                # The first entry of every phone queues up behind the busy worker: one group.
                first = [asyncio.ensure_future(post(n, 0)) for n in range(PHONES)]
                await queued(state, PHONES)
                release.set()
                assert await asyncio.gather(*first) == [201] * PHONES
                assert fsyncs["n"] == 1  # forty saves, one fsync
                # Then all of them as fast as they can, each phone in turn.
                async def rest(n: int) -> list[int]:
                    return [await post(n, i) for i in range(1, posts)]
                statuses = await asyncio.gather(*(rest(n) for n in range(PHONES)))
                assert all(st == 201 for row in statuses for st in row)
            finally:
                for http in phones:
                    await http.close()

    asyncio.run(go())
    expected = sorted(f"phone {n} entry {i}" for n in range(PHONES) for i in range(posts))
    on_disk = observations(service, rnd)
    assert sorted(on_disk) == expected  # nothing lost, nothing twice
    assert service.saved


def test_a_group_whose_fsync_fails_answers_none_saved_and_the_resends_land_once(service, monkeypatch):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    rnd, count = s["r1"].id, 8
    failures = {"left": 1}
    real = os.fsync

    def failing(fd):
        if failures["left"]:
            failures["left"] -= 1
            raise OSError(errno.EIO, "injected EIO in fsync")
        return real(fd)

    async def go():
        state = WebState(service=service, code=CODE, auto_refresh=False)
        async with TestServer(create_app(state)) as server:
            phones = [await phone(server, s["g1"].id, s["ids"]["Cem"]) for _ in range(count)]
            try:
                async def post(n: int) -> int:
                    r = await phones[n].post("/api/feedback", json={
                        "round": rnd, "category": "free", "text": f"entry {n}", "key": f"k{n}"})
                    await r.read()
                    return r.status

                release = await hold_worker(state)
                monkeypatch.setattr(os, "fsync", failing)
                tasks = [asyncio.ensure_future(post(n)) for n in range(count)]
                await queued(state, count)
                release.set()
                # The group's one fsync failed: not one of them may hear "saved".
                assert await asyncio.gather(*tasks) == [503] * count
                assert observations(service, rnd) == []
                assert len(service.pending) == count
                # Each phone resends (same key): saved once, answered 200 (already had it).
                assert [await post(n) for n in range(count)] == [200] * count
            finally:
                for http in phones:
                    await http.close()

    asyncio.run(go())
    assert sorted(observations(service, rnd)) == sorted(f"entry {n}" for n in range(count))
    assert service.saved
