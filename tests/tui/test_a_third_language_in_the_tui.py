"""Issue #12: a third language (one catalog file) is reached by the TUI's switch and offered by the export."""

from __future__ import annotations

import asyncio

from facilitator.tui.dialogs.export import ExportDialog
from tests.third_language import xx  # noqa: F401 - the fixture
from tests.tui.helpers import make_app, screen_text, settle


def test_the_tui_switches_round_all_three_and_exports_in_it(xx, isolated_dirs, clock):
    async def run() -> None:
        app = make_app(isolated_dirs, clock, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            app.action_switch_lang()
            await pilot.pause()
            assert app.lang == xx and "XX keys" in screen_text(app)
            app.push_screen(ExportDialog(app.lang, xx))
            await pilot.pause()
            assert "Xxish" in screen_text(app) and "Nederlands" in screen_text(app)
            await pilot.press("escape")
            app.action_switch_lang()
            await pilot.pause()
            assert app.lang == "nl"

    asyncio.run(run())
