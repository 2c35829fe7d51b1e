"""The home list shows each session's date in the reader's language, as the exports do (issue #12)."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.tui.screens.home import HomeScreen
from tests.tui.helpers import make_app, screen_text, settle, sync, wait_until


@pytest.mark.parametrize("lang, size, shown", [
    ("nl", (120, 30), "10 februari 2027"),
    ("en", (120, 30), "10 February 2027"),
    ("nl", (80, 24), "10 feb 2027"),  # the short form where the column is narrow
])
@sync
async def test_the_home_list_says_the_date_in_the_readers_language(isolated_dirs, clock, library, lang, size, shown):
    library.create("Intervisie februari", on=date(2027, 2, 10)).close()
    app = make_app(isolated_dirs, clock, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, what="the list")
        # The list paints first; the dates turn to words once Babel is loaded (after that paint).
        await wait_until(pilot, lambda: shown in screen_text(app), what=shown)
        assert "2027-02-10" not in screen_text(app) and "10-02-2027" not in screen_text(app)
