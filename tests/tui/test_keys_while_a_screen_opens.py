"""Issue #13 point 9: a key pressed while a screen is opening never reaches the screen underneath.

Enter on the home list while "Sessies laden…" shows opens the session once the list is read;
a key pressed after that Enter belongs to the session being opened. It used to reach the home
screen: `n` opened the new-session form, `v` the follow-up review, and the run screen then
opened on top of it. The keys are pressed as a fast typist does: all of them in the app's queue
before the first is handled (Pilot's press waits in between, so the test posts them itself).
"""

from __future__ import annotations

import pytest
from textual import events

from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunScreen
from tests.tui.helpers import hold_the_list, make_app, sync, wait_until, workers_done


def typed_fast(app, *keys: str) -> None:
    """Keys typed faster than the app handles them: all queued before the first is handled."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


@pytest.mark.parametrize("key", ["n", "v", "down", "enter"])
@sync
async def test_a_key_after_enter_while_loading_does_not_reach_the_home_screen(key, library, clock, monkeypatch):
    for title in ("Eerste", "Tweede"):
        library.create(title).close()
    release = hold_the_list(monkeypatch)
    app = make_app(library.directory, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        home = app.screen
        assert not home.loaded
        typed_fast(app, "enter", key)
        await pilot.pause()
        await pilot.pause()
        release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, RunScreen), what="the session to open")
        await workers_done(app)
        await pilot.pause()
        # Nothing the home screen would have done: no form, no review, no second open, the row kept.
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen", "RunScreen"]
        assert home.query_one("DataTable").cursor_row == 0
        opened = app.service.session.id
        assert opened == home.rows[0].id
        # ...and the keys work normally again on the screen that opened.
        await pilot.press("h")
        await wait_until(pilot, lambda: app.screen is home, what="back home")


@sync
async def test_enter_while_loading_an_empty_folder_gives_the_keys_back(isolated_dirs, clock, monkeypatch):
    release = hold_the_list(monkeypatch)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        typed_fast(app, "enter")
        await pilot.pause()
        release.set()
        await wait_until(pilot, lambda: app.screen.loaded, what="the (empty) list")
        await pilot.press("n")  # nothing opened: the home screen's keys work again
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NewSessionScreen", what="the form")


@sync
async def test_keys_typed_while_a_dialog_is_pushed_never_move_the_run_screen(isolated_dirs, clock, library):
    """A guard (Textual resolves a key's binding on the screen that is current when it is handled):
    `a` opens the action points; the `n` and `p` typed right after never change the phase."""
    library.create("Snel", participants=["Anna", "Bram"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, what="the list")
        app.open_session(app.library.files()[0])
        await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="the run screen")
        run = app.screen
        await pilot.pause()
        typed_fast(app, "a", "n", "n", "p")
        await wait_until(pilot, lambda: app.screen is not run, what="the action points")
        await pilot.pause()
        assert type(app.screen).__name__ == "ActionPointsScreen" and run.state.current == 0
