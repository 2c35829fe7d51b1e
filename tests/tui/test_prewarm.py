"""The home list's head start: the code to open a session is loaded while the list sits idle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from facilitator.tui.app import FacilitatorApp
from tests.tui.helpers import make_app, settle, sync, wait_until, workers_done

ROOT = Path(__file__).resolve().parents[2]


def test_prewarm_loads_the_run_screen_and_every_phase_view_but_no_pdf_or_web_code():
    code = (
        "import sys; from facilitator.tui.prewarm import prewarm, MODULES; done = prewarm();"
        "from facilitator.tui.phases import VIEWS;"
        "missing = [m for m in MODULES if m not in sys.modules]"
        " + [v for v in VIEWS.values() if 'facilitator.tui.phases.' + v.split(':')[0] not in sys.modules];"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'aiohttp')"
        " or m.startswith('facilitator.web')];"
        "print(missing, bad); sys.exit(1 if missing or bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@sync
async def test_the_home_list_starts_the_head_start_once_it_shows_a_session(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui import prewarm

    started = []
    monkeypatch.setattr(prewarm, "prewarm", lambda: started.append(True) or [])
    library.create("Vooraf").close()
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await workers_done(app)
        assert started == [True]


def taken(monkeypatch) -> list[tuple[str, bool]]:
    """Each open's look for a session read ahead: (file name, whether it was taken)."""
    from facilitator.storage import sessionfile

    seen: list[tuple[str, bool]] = []
    real = sessionfile._take_ahead

    def counted(path, raw):
        got = real(path, raw)
        seen.append((path.name, got is not None))
        return got

    monkeypatch.setattr(sessionfile, "_take_ahead", counted)
    return seen


@sync
async def test_the_session_under_the_cursor_is_read_ahead_and_the_open_takes_it(
        isolated_dirs, clock, library, monkeypatch):
    svc = library.create("Vooraf")
    svc.add_note("introductie", "al geschreven")
    svc.close()
    looks = taken(monkeypatch)
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await workers_done(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
        assert looks == [(svc.path.name, True)]
        assert [n.text for n in app.service.session.notes] == ["al geschreven"]


@sync
async def test_the_read_ahead_follows_the_cursor(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui import prewarm

    monkeypatch.setattr(prewarm, "SETTLE", 0.0)
    first, second = library.create("Eerste"), library.create("Tweede")
    first.close()
    second.close()
    looks = taken(monkeypatch)
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await workers_done(app)
        on_top = app.screen.selected().path
        other = second.path if on_top == first.path else first.path
        await pilot.press("down")
        await pilot.pause()
        await workers_done(app)
        assert app.screen.selected().path == other
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
        assert looks == [(other.name, True)]


@sync
async def test_no_head_start_once_a_session_was_opened_first(isolated_dirs, clock, library, monkeypatch):
    """Chosen the moment the list shows: the head start would only compete with painting the session."""
    from facilitator.tui import prewarm

    svc = library.create("Snel")
    svc.close()
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await workers_done(app)
        home = app.screen
        app.open_session(svc.path)
        await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
        started = []
        monkeypatch.setattr(prewarm, "head_start", lambda path=None: started.append(path))
        monkeypatch.setattr(prewarm, "read_ahead", lambda path: started.append(path))
        monkeypatch.setattr(prewarm, "SETTLE", 0.0)
        prewarm.prewarm_in_background(home, svc.path)  # e.g. after the list's paint, run late
        prewarm.read_ahead_in_background(home, svc.path)
        await pilot.pause()
        await workers_done(app)
        assert started == []
