"""Quitting the review while the disk refuses asks first; once the disk is back it saves and quits."""

from __future__ import annotations

import asyncio
import errno

from facilitator.storage import store as store_mod
from facilitator.storage.sessionfile import load_session
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.review_app import ReviewApp
from facilitator.tui.screens.review import ReviewScreen


def review_on_a_full_disk(library, monkeypatch, title, steps):
    """Open a review of one training session, fill the disk, then run `steps(app, pilot)`."""
    svc = library.create(title)
    svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc.close()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    async def run():
        app = ReviewApp(library=library, refs=[svc.session.id])
        async with app.run_test(size=(100, 30)) as pilot:
            monkeypatch.setattr(store_mod.os, "write", full)
            await steps(app, pilot)

    asyncio.run(run())
    return svc.path


def test_ctrl_q_asks_while_unsaved_and_quits_after_the_disk_recovers(library, monkeypatch):
    async def steps(app, pilot):
        await pilot.press("2")  # helped: kept in memory only
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "NIET opgeslagen" in str(app.screen.question)
        await pilot.press("n")  # keep going
        assert isinstance(app.screen, ReviewScreen) and app.is_running
        monkeypatch.undo()  # the disk has room again
        await pilot.press("ctrl+q")  # saved on the way out, no question
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)

    path = review_on_a_full_disk(library, monkeypatch, "Team A", steps)
    assert [p.status for p in load_session(path).action_points] == ["helped"]


def test_escape_asks_while_unsaved_and_the_poll_retries(library, monkeypatch):
    async def steps(app, pilot):
        await pilot.press("3")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert "NIET opgeslagen" in str(screen.query_one("#review-saved").render())
        monkeypatch.undo()
        screen.poll()  # what the 2-second interval does
        assert screen.review.saved
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running

    path = review_on_a_full_disk(library, monkeypatch, "Team B", steps)
    assert [p.status for p in load_session(path).action_points] == ["not_helped"]


def test_quit_anyway_leaves_when_told_to(library, monkeypatch):
    async def steps(app, pilot):
        await pilot.press("2", "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running

    review_on_a_full_disk(library, monkeypatch, "Team C", steps)


def test_quitting_the_main_app_from_a_review_asks_while_the_disk_refuses(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui.screens.home import HomeScreen
    from tests.tui.helpers import make_app, settle

    svc = library.create("Training team B")
    svc.add_action_point("Eerst luisteren")
    svc.close()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    async def run():
        app = make_app(isolated_dirs, clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("v")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
            monkeypatch.setattr(store_mod.os, "write", full)
            await pilot.press("2")
            await app.action_quit()
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog) and app.is_running
            await pilot.press("n")
            monkeypatch.undo()
            await app.action_quit()
            await pilot.pause()

    asyncio.run(run())
    assert [p.status for p in load_session(svc.path).action_points] == ["helped"]
