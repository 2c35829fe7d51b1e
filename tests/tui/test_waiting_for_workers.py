"""The tests' wait for background work counts a cancelled worker as ended (it is, on purpose)."""

from __future__ import annotations

import threading

import pytest
from textual import work
from textual.app import App
from textual.worker import WorkerCancelled

from tests.tui.helpers import sync, wait_until, workers_done


class Fills(App):
    """Two exclusive fills, as the home list's: the second cancels the first while it runs."""

    def __init__(self) -> None:
        super().__init__()
        self.first_running, self.release = threading.Event(), threading.Event()
        self.filled: list[int] = []

    @work(thread=True, exclusive=True, group="fill")
    def fill(self, n: int) -> None:
        if n == 1:
            self.first_running.set()
            self.release.wait(10)  # still running when the second fill cancels it
        self.filled.append(n)


@sync
async def test_a_cancelled_worker_ends_the_wait_instead_of_failing_it():
    for wait in ("textual", "ours"):
        app = Fills()
        async with app.run_test() as pilot:
            app.fill(1)
            await wait_until(pilot, app.first_running.is_set, what="the first fill running")
            app.fill(2)
            app.release.set()
            if wait == "textual":
                with pytest.raises(WorkerCancelled):  # what made the home-list tests flaky
                    await app.workers.wait_for_complete()
            else:
                await workers_done(app)
                assert 2 in app.filled and not [w for w in app.workers if not w.is_finished]
            await pilot.pause()
