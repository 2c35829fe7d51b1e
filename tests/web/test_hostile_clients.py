"""`facilitator serve` under hostile clients: slow senders, floods, guessers, garbage.

Everything on loopback (127.0.0.x); every loop bounded in count and time; no
timing asserts (the server's limits are made short, the waits are generous).
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import aiohttp
import pytest
import yarl
from aiohttp.test_utils import TestClient, TestServer

from facilitator.storage.sessionfile import load_session
from facilitator.web import server as web_server
from facilitator.web.app import create_app
from facilitator.web.auth import Tokens
from facilitator.web.state import WebState
from tests.e2e.cdp import Served
from tests.web.fixtures import practice_session, start_talk

ROOT = Path(__file__).resolve().parents[2]
CODE = "424242"


@pytest.fixture(autouse=True)
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("FACILITATOR_LOG_DIR", str(folder))
    return folder


def http_from(ip: str) -> aiohttp.ClientSession:
    """A client whose connections come from loopback address `ip`."""
    conn = aiohttp.TCPConnector(local_addr=(ip, 0), force_close=False)
    return aiohttp.ClientSession(connector=conn, cookie_jar=aiohttp.CookieJar(unsafe=True),
                                 timeout=aiohttp.ClientTimeout(total=10))


async def joined(url: str, s: dict, ip: str = "127.0.0.1") -> aiohttp.ClientSession:
    http = http_from(ip)
    r = await http.post(url + "api/login", json={"code": CODE})
    assert r.status == 200, await r.text()
    r = await http.post(url + "api/profile", json={"group": s["g1"].id, "participant": s["ids"]["Cem"]})
    assert r.status == 200, await r.text()
    return http


async def save(http, url: str, s: dict, text: str) -> int:
    r = await http.post(url + "api/feedback", json={"round": s["r1"].id, "category": "free", "text": text})
    return r.status


async def closed_by_server(reader: asyncio.StreamReader, within: float = 5.0) -> bool:
    """True when the server hangs up (EOF or reset) within `within` seconds."""
    try:
        async with asyncio.timeout(within):
            while await reader.read(65536):
                pass
        return True
    except TimeoutError:  # (a subclass of OSError: caught first)
        return False
    except (ConnectionError, OSError):
        return True


def test_slow_bodies_and_headers_are_cut_while_an_observer_saves(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE, now=clock,
                                        guard_options={"header_timeout": 0.5, "body_timeout": 0.5})
        try:
            http = await joined(handle.url, s)
            stalls = []
            for payload in (
                b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Content-Length: 500\r\n\r\n{\"co",  # half a body, then silence
                b"GET /room HTTP/1.1\r\nHost: 127.0",  # half the headers
            ):
                reader, writer = await asyncio.open_connection("127.0.0.1", handle.port)
                writer.write(payload)
                await writer.drain()
                stalls.append((reader, writer))
            # A slow-loris trickle: one header byte every 0.2 s (bounded: 25 bytes, 5 s at most).
            reader, writer = await asyncio.open_connection("127.0.0.1", handle.port)
            trickle_cut = False
            for ch in b"GET / HTTP/1.1\r\nX-Slow: " + b"a" * 10:
                try:
                    writer.write(bytes([ch]))
                    await writer.drain()
                    async with asyncio.timeout(0.2):
                        trickle_cut = await reader.read(100) == b""
                except TimeoutError:  # a subclass of OSError: caught first
                    pass
                except (ConnectionError, OSError):
                    trickle_cut = True
                if trickle_cut:
                    break
            writer.close()
            assert trickle_cut, "a slow-loris must be closed by the server"
            # Meanwhile the joined observer saves.
            assert await save(http, handle.url, s, "tijdens slow-loris") == 201
            for r, w in stalls:
                assert await closed_by_server(r, 2.0), "a stalled request must be closed by the server"
                w.close()
            assert await save(http, handle.url, s, "daarna") == 201
            await http.close()
        finally:
            await handle.stop()

    asyncio.run(go())
    texts = [o.text for o in load_session(service.path).rounds[0].observations]
    assert texts == ["tijdens slow-loris", "daarna"]


def test_a_connection_flood_is_refused_clearly_and_the_observer_still_saves(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE, now=clock,
                                        guard_options={"max_connections": 20, "per_address": 6})
        held = []
        try:
            http = await joined(handle.url, s)
            # One address opens more than its share: the extra ones hear a short 503 and are closed.
            refusals = []
            for _ in range(10):
                reader, writer = await asyncio.open_connection("127.0.0.1", handle.port,
                                                               local_addr=("127.0.0.2", 0))
                held.append(writer)
                try:
                    async with asyncio.timeout(0.3):
                        refusals.append(await reader.read(1000))
                except TimeoutError:
                    pass
            assert len(refusals) == 4
            for text in refusals:
                assert text.startswith(b"HTTP/1.1 503 ") and b"too many connections" in text
                assert b"/" not in text.split(b"\r\n\r\n", 1)[1]  # no paths, no traceback
            # Many addresses together fill the whole server (30 idle connections > 20).
            for i in range(30):
                _, writer = await asyncio.open_connection("127.0.0.1", handle.port,
                                                          local_addr=(f"127.0.0.{10 + i % 5}", 0))
                held.append(writer)
            # The joined observer, on a fresh connection too, still saves.
            assert await save(http, handle.url, s, "tijdens de vloed") == 201
            async with http_from("127.0.0.1") as fresh:
                fresh.cookie_jar.update_cookies({"fac_token": http.cookie_jar.filter_cookies(
                    yarl.URL(handle.url))["fac_token"].value})
                assert await save(fresh, handle.url, s, "nieuwe verbinding") == 201
            assert len(handle.state.guard.open) <= 20
            await http.close()
        finally:
            for w in held:
                w.close()
            await handle.stop()

    asyncio.run(go())
    texts = [o.text for o in load_session(service.path).rounds[0].observations]
    assert texts == ["tijdens de vloed", "nieuwe verbinding"]


async def guess_from_many(url: str, addresses: int = 50, each: int = 2) -> list[int]:
    statuses = []
    for round_ in range(each):
        for i in range(addresses):
            async with http_from(f"127.0.0.{2 + i}") as http:
                r = await http.post(url + "api/login", json={"code": f"{(i * 7 + round_) % 1000000:06d}"})
                statuses.append(r.status)
                if r.status == 429:
                    assert int(r.headers["Retry-After"]) >= 1
    return statuses


def test_guessing_from_fifty_addresses_hits_the_server_wide_limit_and_the_tui_hears(service, clock):
    """The TUI's own server (tui/serve.py): the facilitator gets a notification."""
    from facilitator.tui.observers import ObserverServer

    practice_session(service)
    notes = []
    app = SimpleNamespace(service=service, lang="en", screen_stack=[],
                          notify=lambda text, **kw: notes.append((text, kw.get("severity"))))
    observers = ObserverServer(app)
    observers.host, observers.port = "127.0.0.1", 0

    async def go():
        handle = await observers.start()
        handle.state.code = CODE
        try:
            statuses = await guess_from_many(handle.url)
            async with http_from("127.0.0.1") as http:
                # Even the right code waits now, from a fresh address: no guesser learns which try was right.
                r = await http.post(handle.url + "api/login", json={"code": CODE})
                right = r.status
        finally:
            await observers.stop()
        return statuses, right

    statuses, right = asyncio.run(go())
    assert statuses.count(403) <= 30 and statuses.count(429) >= 70  # never more than 5 from one address
    assert right == 429
    assert len(notes) == 1 and "guessing" in notes[0][0] and notes[0][1] == "warning"


def test_guessing_is_one_line_in_serves_terminal(service, clock, log_dir):
    practice_session(service)
    service.close()
    srv = Served(str(service.path), ROOT)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(srv.proc.stdout), daemon=True)
    reader.start()
    try:
        statuses = asyncio.run(guess_from_many(srv.url, addresses=40, each=1))
        deadline = time.monotonic() + 5
        while not any("guessing" in ln or "raden" in ln for ln in lines) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        srv.proc.send_signal(signal.SIGTERM)
        _, err = srv.proc.communicate(timeout=10)
    assert statuses.count(429) >= 10
    assert sum("raden" in ln or "guessing" in ln for ln in lines) == 1
    assert "Traceback" not in err


def test_a_code_holder_logging_in_again_and_again_never_ends_another_phone(service, clock):
    s = practice_session(service)

    async def go():
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE, now=clock)
        handle.state.tokens = Tokens(max_tokens=40, per_source=5)
        try:
            other = await joined(handle.url, s, "127.0.0.3")
            async with http_from("127.0.0.2") as holder:
                for _ in range(60):
                    holder.cookie_jar.clear()  # a new browser each time: a new token each time
                    r = await holder.post(handle.url + "api/login", json={"code": CODE})
                    assert r.status == 200
            r = await other.get(handle.url + "api/talk")
            assert r.status == 200, "another phone's token must survive"
            assert len(handle.state.tokens) == 6
            await other.close()
        finally:
            await handle.stop()

    asyncio.run(go())


BAD_BODIES = {
    "login": [
        b'{"code": "\\ud800"}',  # a lone surrogate
        b'{"code": ' + b"[" * 50000 + b"]" * 50000 + b"}",  # deep nesting (well under 32 kB? no: trimmed below)
        b'{"code": NaN}',
        b'{"code"',
        b"\xff\xfe{}",
        b'[1, 2]',
    ],
    "feedback": [
        b'{"round": "R", "category": "free", "text": "x", "age": 1e400}',
        b'{"round": "R", "category": "free", "text": "x", "age": -1e400}',
        b'{"round": "R", "category": "free", "text": "x", "age": Infinity}',
        b'{"round": "R", "category": "free", "text": "x", "age": ' + b"9" * 5000 + b"}",
        b'{"round": "R", "category": "free", "text": "\\udc00 lone"}',
        b'{"round": "R", "category": "free", "text": "x", "extra": ' + b"{\"a\":" * 3000 + b"1" + b"}" * 3000 + b"}",
    ],
}


def test_malformed_json_is_a_plain_400(service, clock, log_dir):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        state = WebState(service=service, code=CODE, auto_refresh=False)
        async with TestClient(TestServer(create_app(state))) as c:
            r = await c.post("/api/login", json={"code": CODE})
            assert r.status == 200
            r = await c.post("/api/profile", json={"group": s["g1"].id, "participant": s["ids"]["Cem"]})
            assert r.status == 200
            for path, bodies in BAD_BODIES.items():
                for body in bodies:
                    body = body.replace(b'"R"', json.dumps(s["r1"].id).encode())[:30000]
                    r = await c.post(f"/api/{path}", data=body, headers={"Content-Type": "application/json"})
                    text = await r.text()
                    assert r.status == 400, (path, body[:60], r.status, text)
                    assert json.loads(text)["error"] == "bad_request"
                    assert "Traceback" not in text and str(Path(service.path).parent) not in text
            # Still working afterwards.
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "ok"})
            assert r.status == 201

    asyncio.run(go())
    assert [o.text for o in load_session(service.path).rounds[0].observations] == ["ok"]


def test_a_wrong_host_is_refused(service, clock):
    practice_session(service)

    async def go():
        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE, now=clock)
        try:
            async def status(host: str) -> int:
                reader, writer = await asyncio.open_connection("127.0.0.1", handle.port)
                writer.write(f"GET /room HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                await writer.drain()
                async with asyncio.timeout(5):
                    head = await reader.readline()
                writer.close()
                return int(head.split()[1])

            return {h: await status(h) for h in (
                f"127.0.0.1:{handle.port}", f"localhost:{handle.port}", "127.0.0.1",
                f"evil.example:{handle.port}", "evil.example", f"127.0.0.1:{handle.port + 1}",
                f"127.0.0.1.nip.io:{handle.port}", "",
            )}
        finally:
            await handle.stop()

    got = asyncio.run(go())
    assert [v for v in got.values()] == [200, 200, 200, 421, 421, 421, 421, 421], got


def test_clients_dropping_mid_body_print_nothing_and_land_in_the_log(service, clock, log_dir):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.close()
    srv = Served(str(service.path), ROOT)
    srv.drain()
    try:
        port = int(srv.url.rsplit(":", 1)[1].strip("/"))

        async def drops():
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as http:
                assert (await http.post(srv.url + "api/login", json={"code": srv.code})).status == 200
                token = jar.filter_cookies(yarl.URL(srv.url))["fac_token"].value
            for i in range(10):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(b"POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                             b"Cookie: fac_token=" + token.encode() + b"\r\nContent-Length: 900\r\n\r\n{\"round\": ")
                await writer.drain()
                await asyncio.sleep(0.05)
                sock = writer.get_extra_info("socket")
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                writer.close()
            await asyncio.sleep(0.3)

        asyncio.run(drops())
    finally:
        srv.proc.send_signal(signal.SIGTERM)
        srv.proc.wait(10)
        err = srv.proc.stderr.read()
        srv.proc.stderr.close()
    assert "Traceback" not in err and "Error" not in err, err
    assert err.strip().splitlines() == ["Gestopt."], err
    logged = (log_dir / "serve.log").read_text(encoding="utf-8")
    assert logged.count("/api/feedback") >= 5 and "Traceback" not in logged
