"""`facilitator serve` as a user runs it: URLs, code, QR code, clean stop, clear errors."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from facilitator.cli import main as cli
from facilitator.cli.serve import printable
from facilitator.web.server import lan_address
from tests.e2e.cdp import Served
from tests.web.fixtures import practice_session

ROOT = Path(__file__).resolve().parents[2]


def test_serve_announces_and_stops_on_ctrl_c(service):
    practice_session(service)
    service.close()
    srv = Served(service.session.id, ROOT)  # by id, as a user would
    try:
        text = "".join(srv.lines)
        assert srv.url.startswith("http://127.0.0.1:")
        assert f"{srv.room_url}#{srv.code}" in text
        assert f"Iedereen beoordeelt:      {srv.url}rate\n" in text  # the quickscan and dots page, named
        assert len(srv.code) == 6 and srv.code.isdigit()
        assert "Ctrl+C" in text or "127.0.0.1" in text
        # The QR code of the observer URL follows the URLs.
        rest = srv.proc.stdout.readline()
        while "█" not in rest and "▀" not in rest:
            rest = srv.proc.stdout.readline()
            assert rest, "no QR code printed"
        srv.proc.send_signal(signal.SIGINT)
        assert srv.proc.wait(10) == 0
        assert "Gestopt" in srv.proc.stderr.read()
    finally:
        srv.stop()


def test_a_restart_keeps_the_code_and_new_code_draws_another(service):
    """Phones keep their cookie across a restart of serve for the same meeting; --new-code ends that."""
    service.close()
    codes = []
    for extra in ((), (), ("--new-code",)):
        srv = Served(str(service.path), ROOT, *extra)
        codes.append(srv.code)
        assert srv.stop() == 0
    assert codes[0] == codes[1] and codes[2] != codes[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "facilitator", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=30, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_errors_are_one_clear_line(service):
    service.close()
    r = run_cli("serve", "no-such-session")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "geen sessie" in r.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run_cli("serve", str(service.path), "--host", "127.0.0.1", "--port", str(port))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"kan niet luisteren op 127.0.0.1:{port}: dat adres met deze poort is al in gebruik" in r.stderr
    r = run_cli("serve", str(service.path), "--port", "99999")
    assert r.returncode == 2 and "geen poortnummer" in r.stderr


def test_serve_is_a_command_and_helpers():
    assert "serve" in cli.COMMAND_MODULES
    assert printable("Anna\x1b[31m\n") == "Anna\\x1b[31m\\n"
    ip = lan_address()
    assert ip == "127.0.0.1" or not ip.startswith("127.")


def test_qr_code_encodes_the_observer_url():
    from facilitator.web.qr import qr_text

    art = qr_text("http://192.168.1.20:8737/")
    rows = art.splitlines()
    assert len(rows) >= 12 and len({len(r) for r in rows}) == 1  # a square block of text
    assert set("".join(rows)) <= set(" █▀▄")
    assert qr_text("http://192.168.1.20:8738/") != art


def test_serve_prints_who_joined_as_whom_with_names_escaped(service):
    """The join code cannot prove who holds a phone: the facilitator's terminal shows each join."""
    import asyncio

    import aiohttp

    s = practice_session(service)
    odd = service.add_participant("Eva\x1b[31m [bold]x[/]")
    service.update_practice_group(s["g2"].id, members=[*s["g2"].members, odd.id])
    service.close()
    srv = Served(str(service.path), ROOT)

    async def join(group: str, participant: str) -> None:
        async with aiohttp.ClientSession(base_url=srv.url, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            assert (await http.post("/api/login", json={"code": srv.code})).status == 200
            r = await http.post("/api/profile", json={"group": group, "participant": participant})
            assert r.status == 200, await r.text()

    def next_line(words: str) -> str:
        line = srv.proc.stdout.readline()
        while line and words not in line:
            line = srv.proc.stdout.readline()
        assert line, f"no line with {words!r}"
        return line

    try:
        asyncio.run(join(s["g2"].id, odd.id))
        line = next_line("heeft zich aangemeld")
        assert "Eva\\x1b[31m [bold]x[/] (Groep 2) heeft zich aangemeld" in line
        assert "\x1b" not in line
        asyncio.run(join(s["g1"].id, s["ids"]["Cem"]))
        asyncio.run(join(s["g1"].id, s["ids"]["Cem"]))  # a second phone claims Cem too
        assert "Cem (Groep 1) heeft zich aangemeld" in next_line("heeft zich aangemeld")
        line = next_line("heeft zich aangemeld")
        assert "Cem (Groep 1)" in line and "op 2 toestellen" in line
    finally:
        assert srv.stop() == 0
