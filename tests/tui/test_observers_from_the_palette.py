"""Observers' phones from the running app: start from the palette, feedback arrives, stop.

The server runs inside the app's own event loop and writes through the app's
SessionService; bound to 127.0.0.1 on a free port (tests never touch the LAN).
"""

from __future__ import annotations

import socket
import sys

import aiohttp

from facilitator.storage.sessionfile import load_session
from facilitator.tui.screens.run import RunScreen
from tests.tui.helpers import make_app, screen_text, sync
from tests.web.fixtures import practice_session, start_talk


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    await pilot.press(*words)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause(0.3)


@sync
async def test_serve_from_the_palette_feedback_reaches_the_app_then_stop(isolated_dirs, clock, library):
    svc = library.create("Oefenen met telefoons")
    s = practice_session(svc)
    start_talk(svc, s["r1"].id)
    practice = next(p.key for p in svc.session.phases if p.kind == "practice")
    svc.clock_event("goto", phase=practice)
    svc.close()

    app = make_app(isolated_dirs, clock)
    app.observers.host, app.observers.port = "127.0.0.1", 0
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_session(app.library.files()[0])
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and type(run.view).__name__ == "PracticePhase"
        changed = []
        original = run.view.session_changed
        run.view.session_changed = lambda: (changed.append(1), original())[1]

        await palette(pilot, "telefoon")
        handle = app.observers.handle
        assert handle is not None and handle.host == "127.0.0.1" and listening(handle.port)
        shown = screen_text(app)
        assert handle.url in shown and f"room#{handle.code}" in shown and handle.code in shown
        assert f"{handle.url}rate" in shown  # where everyone rates, beside the room page
        assert "█" in shown  # the QR code, drawn literally
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.observers.running  # closing the info keeps it on

        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(base_url=handle.url, cookie_jar=jar) as http:
            assert (await http.post("/api/login", json={"code": handle.code})).status == 200
            # Cem observes group 1's first talk ("participant": the roster entry; "name" for older servers).
            r = await http.post("/api/profile", json={"group": s["g1"].id, "participant": s["ids"]["Cem"], "name": "Cem"})
            assert r.status == 200
            r = await http.post("/api/feedback", json={
                "round": s["r1"].id, "category": "helpful", "text": "[bold red]open vraag[/]"})
            assert r.status == 201, await r.text()
        await pilot.pause()
        obs = app.service.session.rounds[0].observations
        assert [o.text for o in obs] == ["[bold red]open vraag[/]"]
        assert obs[0].observer in ("Cem", s["ids"]["Cem"])  # a name, or (roster-bound servers) the id
        assert changed, "the phase view was not told about the new feedback"

        await palette(pilot, "telefoon stop")
        assert not app.observers.running and not listening(handle.port)

        # Started again, it stops with the session (back to the sessions list).
        await palette(pilot, "telefoon")
        port = app.observers.handle.port
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause(0.3)
        assert app.service is None and not app.observers.running and not listening(port)

        # And with the app: quitting stops it.
        app.open_session(app.library.files()[0])
        await pilot.pause()
        await palette(pilot, "telefoon")
        port = app.observers.handle.port
        await pilot.press("escape")
        await app.action_quit()
        await pilot.pause()
    assert not listening(port)
    assert [o.text for o in load_session(library.files()[0]).rounds[0].observations] == ["[bold red]open vraag[/]"]


def test_starting_the_app_imports_no_web_server():
    import subprocess

    code = (
        "import sys; from facilitator.tui.app import FacilitatorApp; import facilitator.tui.screens.run, "
        "facilitator.tui.screens.home;"
        "bad=[m for m in sys.modules if m.split('.')[0]=='aiohttp' or m.startswith('facilitator.web')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
