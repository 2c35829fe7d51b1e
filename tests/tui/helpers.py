"""Shared helpers for the TUI tests (not a test module)."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

from facilitator.tui.app import FacilitatorApp


def make_app(sessions: Path, clock, lang: str | None = None) -> FacilitatorApp:
    return FacilitatorApp(Path(sessions), lang=lang, now=clock, tz=timezone.utc)


def screen_text(app) -> str:
    """Everything visible on screen, as plain text (the SVG export, unescaped)."""
    import html
    import re

    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape(" ".join(texts)).replace("\xa0", " ")


def events(app) -> list[tuple]:
    return [(e.action, e.phase, e.minutes) for e in app.service.session.clock]


def sync(fn):
    """Run an async test with asyncio.run (the venv has no pytest async plugin)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return wrapper


async def workers_done(app) -> None:
    """Wait until every worker of the app has ended, and any it started meanwhile.

    A cancelled worker has ended too: the home list's exclusive fills replace one another and the
    read-ahead stands aside for an open, on purpose. Textual's ``wait_for_complete`` raises
    WorkerCancelled for those (a flaky failure on a busy machine); a worker that *failed* still
    fails the test here.
    """
    from textual.worker import WorkerCancelled

    while pending := [w for w in app.workers if not w.is_finished]:
        for worker in pending:
            try:
                await worker.wait()
            except WorkerCancelled:
                pass


async def settle(app, pilot) -> None:
    """Let the home screen's background list load finish and paint."""
    await pilot.pause()
    await workers_done(app)
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 30.0, what: str = "") -> None:
    """Let the app run until `condition()` holds: a wait for a state, never a fixed sleep.

    The timeout only bounds a hang; a loaded machine just takes more rounds.
    """
    import time

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            said = what() if callable(what) else what  # a function may describe the state it ended in
            raise AssertionError(f"timed out waiting for {said or condition}")
        await pilot.pause(0.02)
    await pilot.pause()


async def open_first_session(app, pilot):
    """Open the folder's first session from the home list and wait for its run screen."""
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None, what="run screen")
    return app.screen


def hold_the_list(monkeypatch):
    """The home list's folder read waits until the test sets the returned event ("Sessies laden…")."""
    import threading

    from facilitator.storage import summaries as summ

    release = threading.Event()
    real = summ.summaries

    def held(*args, **kwargs):
        assert release.wait(30), "the test never released the list"
        return real(*args, **kwargs)

    monkeypatch.setattr(summ, "summaries", held)
    return release
