"""Quitting the review while the disk refuses asks first; once the disk is back it saves and quits."""

from __future__ import annotations

import asyncio
import errno

from facilitator import store as store_mod
from facilitator.store import load_session
from facilitator.tui.review_app import ReviewApp
from facilitator.tui.screens.dialogs import ConfirmDialog
from facilitator.tui.screens.review import ReviewScreen


def training(library, title):
    svc = library.create(title)
    svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc.close()
    return svc


def full_disk(monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_mod.os, "write", full)


def test_ctrl_q_asks_while_unsaved_and_quits_after_the_disk_recovers(library, monkeypatch):
    svc = training(library, "Team A")

    async def run():
        app = ReviewApp(library=library, refs=[svc.session.id])
        async with app.run_test(size=(100, 30)) as pilot:
            full_disk(monkeypatch)
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
        return app

    asyncio.run(run())
    assert [p.status for p in load_session(svc.path).action_points] == ["helped"]


def test_escape_asks_while_unsaved_and_the_poll_retries(library, monkeypatch):
    svc = training(library, "Team B")

    async def run():
        app = ReviewApp(library=library, refs=[svc.session.id])
        async with app.run_test(size=(100, 30)) as pilot:
            full_disk(monkeypatch)
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
            assert [p.status for p in load_session(svc.path).action_points] == ["not_helped"]
            await pilot.press("escape")
            await pilot.pause()
            assert not app.is_running

    asyncio.run(run())


def test_quit_anyway_leaves_when_told_to(library, monkeypatch):
    svc = training(library, "Team C")

    async def run():
        app = ReviewApp(library=library, refs=[svc.session.id])
        async with app.run_test(size=(100, 30)) as pilot:
            full_disk(monkeypatch)
            await pilot.press("2", "ctrl+q")
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await pilot.pause()
            assert not app.is_running

    asyncio.run(run())
