"""Issue #13 point 9: the export's progress is one notice that changes, not a stack of toasts.

"Verslag maken…", "Verslag: 40%" and "Klaar: …pdf" (or why it failed) share the notice key of
tui/exporting.py, so each replaces the one before on the projector.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from facilitator.core.errors import UserError
from facilitator.tui.dialogs.export import ExportOptions
from tests.tui.helpers import make_app, sync, wait_until
from tests.tui.test_notices import notices, shown_toasts
from tests.tui.test_return_to_where_you_were import the_run_screen


def a_slow_export(monkeypatch, outcome=None):
    """exports.write reports progress four times, 3 s apart on a stubbed clock (no real waiting)."""
    from facilitator.services import exports
    from facilitator.tui import exporting

    ticks = itertools.count(0, 3)  # the module's own clock only: Textual keeps the real one
    monkeypatch.setattr(exporting, "time", SimpleNamespace(monotonic=lambda: next(ticks)))

    def write(session, path, fmt="pdf", progress=None, **_options):
        for done in range(1, 5):
            progress(done, 5)
        if outcome is not None:
            raise outcome
        path.write_bytes(b"%PDF-")
        return path

    monkeypatch.setattr(exports, "write", write)


async def export_and_wait(app, pilot, last_word: str) -> list[str]:
    from facilitator.tui.exporting import run_export

    run = await the_run_screen(app, pilot)
    app.notify("Elders gezegd")
    run_export(run, run.service, "nl", ExportOptions(fmt="pdf", lang="nl"))
    await wait_until(pilot, lambda: any(last_word in n for n in notices(app)), what=last_word)
    await wait_until(pilot, lambda: not [w for w in app.workers if w.group == "export" and w.is_running],
                     what="the export's worker done")
    return notices(app)


@sync
async def test_the_exports_progress_replaces_itself_until_it_is_ready(isolated_dirs, clock, library,
                                                                       monkeypatch):
    library.create("Export", participants=["Anna", "Bram"]).close()
    a_slow_export(monkeypatch)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        said = await export_and_wait(app, pilot, "Klaar")
        assert said[0] == "Elders gezegd"
        assert len(said) == 2 and said[1].startswith("Klaar") and said[1].endswith(".pdf"), said
        assert await shown_toasts(app, pilot) == 2


@sync
async def test_a_failed_export_replaces_its_progress_too(isolated_dirs, clock, library, monkeypatch):
    library.create("Export", participants=["Anna", "Bram"]).close()
    a_slow_export(monkeypatch, outcome=UserError("de schijf is vol"))
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        said = await export_and_wait(app, pilot, "schijf is vol")
        assert len(said) == 2 and "schijf is vol" in said[1], said
        assert await shown_toasts(app, pilot) == 2
