"""Snapshot tests of the key screens at 80x24 and 120x40, in Dutch and English.

Deterministic: a fake clock, UTC, fixed titles and dates, and the generic
phase body (so the other phase modules can change without touching these).
Update with `pytest tests/test_tui_snapshots.py --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.tui.phases.generic import GenericPhase
from facilitator.tui.screens import run as run_module
from tests.tui.helpers import make_app, settle, wait_until

SIZES = [(80, 24), (120, 40)]
LANGS = ["nl", "en"]


@pytest.fixture
def sessions(library, clock):
    first = library.create("Intervisie mentoren 2A", on=date(2026, 11, 23), school="Het Lyceum",
                           participants=["Anna", "Bram", "Cem"])
    first.add_note("dialoog", "Agenda vooraf mailen", tip=True)
    first.add_action_point("Elk gesprek met een agenda beginnen")
    first.close()
    library.create("Terugkomdag [bold]januari[/]", on=date(2027, 1, 18)).close()
    (library.directory / "kapot.toml").write_text("title = [\n")
    return library


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, sessions, clock, lang, size):
    app = make_app(sessions.directory, clock, lang=lang)

    async def run_before(pilot):
        await settle(app, pilot)
        # the dates in words come just after the list's first paint (Babel loads in a thread)
        await wait_until(pilot, lambda: getattr(app.screen, "dates_ready", False), what="the dates")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_run_overrun(snap_compare, sessions, clock, lang, size, monkeypatch):
    monkeypatch.setattr(run_module, "view_class", lambda kind: GenericPhase)
    app = make_app(sessions.directory, clock, lang=lang)

    async def run_before(pilot):
        path = next(p for p in sessions.files() if "mentoren" in p.name)
        app.open_session(path)
        await wait_until(pilot, lambda: isinstance(app.screen, run_module.RunScreen) and app.screen.is_mounted,
                         what="the run screen")
        await pilot.press("space")
        await wait_until(pilot, lambda: any(e.action == "start" for e in app.service.session.clock),
                         what="the clock to start")
        clock.advance(minutes=7, seconds=5)  # two minutes over the five planned
        app.screen.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
