"""Clients that vanish leave nothing behind; ten observers at once lose nothing."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from pathlib import Path

import aiohttp
import pytest

from facilitator.storage.sessionfile import load_session
from facilitator.web import server as web_server
from tests.e2e.cdp import Served
from tests.web.fixtures import practice_session, start_talk

ROOT = Path(__file__).resolve().parents[2]
CODE = "135790"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[str]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += (task / "children").read_text().split()
    return out


def open_sockets(pid: int) -> int:
    n = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            n += os.readlink(fd).startswith("socket:")
        except OSError:
            pass
    return n


def vanish(port: int, payload: bytes) -> None:
    """Connect, send `payload` (maybe a partial request), and drop the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
        if payload:
            s.sendall(payload)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST


PAYLOADS = [
    b"",
    b"GET /api/ta",
    b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",  # full page request, gone before the answer
    b"POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"co",
    b"GET /static/style.css HTTP/1.1\r\nHost: x\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS hello to a plain HTTP port
]


def test_vanishing_clients_leave_nothing_running(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.close()
    srv = Served(str(service.path), ROOT)
    pid = srv.proc.pid
    try:
        port = int(srv.url.rsplit(":", 1)[1].strip("/"))
        base_sockets = open_sockets(pid)
        for i in range(20):
            for payload in PAYLOADS:
                vanish(port, payload)

        async def aborted_requests():
            timeout = aiohttp.ClientTimeout(total=0.001)
            async with aiohttp.ClientSession(timeout=timeout) as http:
                for _ in range(20):
                    try:
                        await http.get(srv.url)
                    except (asyncio.TimeoutError, aiohttp.ClientError):
                        pass

        asyncio.run(aborted_requests())

        # Every dropped connection is closed again (the listening socket stays).
        deadline = time.monotonic() + 10
        while open_sockets(pid) > base_sockets and time.monotonic() < deadline:
            time.sleep(0.1)
        assert open_sockets(pid) <= base_sockets
        assert children(pid) == [], "serve must never start a process"
        # And nothing spins: an idle server uses (almost) no CPU.
        before = cpu_seconds(pid)
        time.sleep(1.0)
        assert cpu_seconds(pid) - before < 0.1

        async def still_answers():
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as http:
                r = await http.post(srv.url + "api/login", json={"code": srv.code})
                assert r.status == 200

        asyncio.run(still_answers())
    finally:
        rc = srv.stop()
    assert rc == 0


def test_in_process_start_stop_leaves_no_task(service):
    """What the TUI does: start in its loop, clients come and go, stop."""
    practice_session(service)

    async def go():
        baseline = {t for t in asyncio.all_tasks()}
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE)
        for _ in range(10):
            reader, writer = await asyncio.open_connection("127.0.0.1", handle.port)
            writer.write(b"GET /api/room HTTP/1.1\r\nHost: x\r\n")
            await writer.drain()
            writer.close()
        async with aiohttp.ClientSession() as http:
            for _ in range(5):
                try:
                    await http.get(handle.url, timeout=aiohttp.ClientTimeout(total=0.0005))
                except (asyncio.TimeoutError, aiohttp.ClientError):
                    pass
            # A keep-alive client that is still connected when we stop.
            r = await http.get(handle.url + "room")
            assert r.status == 200
            started = time.monotonic()
            await handle.stop()
            assert time.monotonic() - started < 3
        await asyncio.sleep(0.05)
        left = {t for t in asyncio.all_tasks() if not t.done()} - baseline - {asyncio.current_task()}
        assert left == set()
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", handle.port), timeout=1).close()

    asyncio.run(go())
    # The caller's service was not closed by stop(): the TUI keeps using it.
    service.add_note("dialoog", "still writable")


def test_ten_observers_at_once_lose_nothing(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    start_talk(service, s["r2"].id)
    service.close()
    clients, entries = 10, 20

    async def observer(url: str, n: int) -> int:
        group = s["g1"] if n % 2 == 0 else s["g2"]
        rnd = s["r1"] if n % 2 == 0 else s["r2"]
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(base_url=url, cookie_jar=jar) as http:
            assert (await http.post("/api/login", json={"code": CODE})).status == 200
            # Five phones per group join as its observer (the honour system allows it; serve flags it).
            who = s["ids"]["Cem"] if n % 2 == 0 else s["ids"]["Femke"]
            r = await http.post("/api/profile", json={"participant": who, "group": group.id})
            assert r.status == 200
            saved = 0
            for i in range(entries):
                r = await http.post("/api/feedback", json={
                    "round": rnd.id, "category": "free", "text": f"o{n}-e{i}", "key": f"{n}-{i}"})
                assert r.status == 201, await r.text()
                saved += 1
                if i % 5 == 0:
                    assert (await http.get("/api/talk")).status == 200
            return saved

    async def go():
        handle = await web_server.start(service.path, "127.0.0.1", 0, code=CODE, now=clock)
        try:
            async with asyncio.timeout(60):
                counts = await asyncio.gather(*(observer(handle.url, n) for n in range(clients)))
        finally:
            await handle.stop()
        return counts

    started = time.monotonic()
    assert asyncio.run(go()) == [entries] * clients
    assert time.monotonic() - started < 60
    session = load_session(service.path)
    texts = sorted(o.text for r in session.rounds for o in r.observations)
    assert len(texts) == clients * entries
    assert texts == sorted(f"o{n}-e{i}" for n in range(clients) for i in range(entries))


def test_a_phone_that_goes_silent_mid_request_is_dropped(service, monkeypatch):
    """No FIN, no RST (the phone left the Wi-Fi): the keep-alive timeout closes it."""
    monkeypatch.setattr(web_server, "KEEPALIVE", 0.5)

    async def go():
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE)
        try:
            silent = []
            for payload in (b"GET / HTTP/1.1\r\nHost: x\r\n", b"GET /room HTTP/1.1\r\nHost: x\r\n\r\n", b""):
                reader, writer = await asyncio.open_connection("127.0.0.1", handle.port)
                writer.write(payload)
                await writer.drain()
                silent.append((reader, writer))
            started = time.monotonic()
            for reader, writer in silent:
                async with asyncio.timeout(5):
                    while await reader.read(65536):
                        pass  # the answer (if any), then EOF: the server hung up
                writer.close()
            assert time.monotonic() - started < 3
        finally:
            await handle.stop()

    asyncio.run(go())
