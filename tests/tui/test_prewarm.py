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


RUN_TCSS = ROOT / "facilitator" / "tui" / "screens" / "run.tcss"


@sync
async def test_the_head_start_parses_the_run_screens_stylesheet_so_the_open_does_not(
        isolated_dirs, clock, library, monkeypatch):
    """The run screen's rules left the app's stylesheet (parsed before the first paint); Textual
    parses a screen's own when it is first shown, reparsing every source. The head start does that
    while the list is idle, so opening a session finds it parsed."""
    from textual.css.stylesheet import Stylesheet

    library.create("Vooraf").close()
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.stylesheet.has_source(str(RUN_TCSS), "")
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        assert app.stylesheet.has_source(str(RUN_TCSS), "")
        reparsed = []
        real = Stylesheet.reparse
        monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparsed.append(True) or real(self))
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
        assert reparsed == []
        assert app.screen.query_one("#body").styles.border_top[0] == "solid"  # run.tcss applies


def test_the_apps_stylesheet_styles_only_the_home_list():
    """Parsed before the first paint (and again when the theme is set): nothing for other screens."""
    import re

    css = (ROOT / "facilitator" / "tui" / "app.tcss").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = set(re.findall(r"[#.]?[\w-]+(?=[^{}]*\{)", css))
    assert selectors <= {"Screen", "#home-title", "#sessions", "#home-empty"}, selectors


@sync
async def test_each_dialog_brings_its_own_stylesheet(isolated_dirs, clock):
    from datetime import date

    from facilitator.tui.dialogs.confirm import ConfirmDialog, HelpScreen
    from facilitator.tui.dialogs.export import ExportDialog
    from facilitator.tui.dialogs.new_session import NewSessionScreen

    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(app, pilot)
        for screen, box, width in ((ConfirmDialog("Zeker?", "nl"), "#dialog", 64),
                                   (HelpScreen("Hulp", "tekst", [], "nl"), "#help", 90),
                                   (ExportDialog("nl", "nl"), "#dialog", 64),
                                   (NewSessionScreen("nl", date(2026, 12, 2)), "#form", 100)):
            app.push_screen(screen)
            await pilot.pause()
            assert screen.styles.align_horizontal == "center", type(screen).__name__
            assert screen.query_one(box).styles.width.value == width, type(screen).__name__
            app.pop_screen()
            await pilot.pause()
