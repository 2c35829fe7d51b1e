"""Exporting from the app: the dialog collects options, a worker writes the file."""

from __future__ import annotations

import subprocess

from textual.widgets import Checkbox, RadioButton

from facilitator.tui.dialogs.export import ExportDialog
from tests.tui.helpers import make_app, sync, workers_done
from tests.tui.test_app import open_first


@sync
async def test_export_dialog_writes_an_anonymous_pdf_in_a_worker(isolated_dirs, clock, library):
    svc = library.create("Export vanuit de app", participants=["Zeynep Kaya", "Wouter Dekker"])
    svc.add_note("dialoog", "Werk met een agenda [bold]x[/]", tip=True)
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        run = await open_first(app, pilot)
        run.action_export_pdf()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#anonymous", Checkbox).value = True
        dialog.query_one("#pocket", Checkbox).value = True
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
    out = isolated_dirs / f"{svc.session.id}-anonymous.pdf"
    assert out.exists()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Werk met een agenda [bold]x[/]" in text
    assert "Zeynep" not in text and "Wouter" not in text


@sync
async def test_export_dialog_markdown_in_english_and_cancel(isolated_dirs, clock, library):
    svc = library.create("Markdown export")
    svc.add_action_point("Agenda vooraf sturen")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        run = await open_first(app, pilot)
        run.action_export_pdf()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        run.action_export_pdf()
        await pilot.pause()
        app.screen.query_one("#md", RadioButton).value = True
        app.screen.query_one("#en", RadioButton).value = True
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
    md = (isolated_dirs / f"{svc.session.id}.md").read_text(encoding="utf-8")
    assert "Agenda vooraf sturen" in md and "Action points" in md
    assert not (isolated_dirs / f"{svc.session.id}.pdf").exists()


@sync
async def test_a_bug_in_the_export_is_recorded_in_the_log_and_named_in_one_line(
        isolated_dirs, clock, library, monkeypatch, tmp_path):
    from facilitator.services import exports

    def broken(*args, **kwargs):
        raise RuntimeError("kapotte layout")

    monkeypatch.setattr(exports, "write", broken)
    svc = library.create("Export met een fout")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        run = await open_first(app, pilot)
        run.action_export_pdf()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        notices = [str(n.message) for n in app._notifications]
        assert isinstance(app.screen, type(run))  # the meeting goes on
    log = tmp_path / "logs" / "app.log"
    assert any("Export mislukt" in n and str(log) in n for n in notices), notices
    assert "RuntimeError: kapotte layout" in log.read_text(encoding="utf-8")  # the traceback, not on screen
