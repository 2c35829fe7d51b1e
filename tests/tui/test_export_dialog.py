"""Exporting from the app: the dialog collects options, a worker writes the file."""

from __future__ import annotations

import subprocess

from textual.widgets import Checkbox, RadioButton, RadioSet

from facilitator.tui.dialogs.export import ExportDialog
from tests.tui.helpers import make_app, screen_text, sync, wait_until, workers_done
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


def marked(app) -> list[str]:
    """The options the export dialog shows with a mark, by their words (what the screen says)."""
    from textual.widgets._toggle_button import ToggleButton

    lines = [toggle.render().plain for toggle in app.screen.query(ToggleButton)]
    return [line.split("▌", 1)[1].strip() for line in lines if "✓" in line.split("▌", 1)[0]]


@sync
async def test_what_is_chosen_in_the_export_dialog_reads_without_colour(isolated_dirs, clock, library):
    """A washed-out projector shows no colour: a chosen option carries a ✓ (as the success factors do)."""
    library.create("Keuzes zonder kleur").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        run = await open_first(app, pilot)
        run.action_export_pdf()
        await wait_until(pilot, lambda: isinstance(app.screen, ExportDialog) and "Markdown" in screen_text(app),
                         what="the export dialog")
        assert marked(app) == ["PDF (om te printen)", "Nederlands"]  # the defaults; names and pocket card off
        assert "✓" in screen_text(app)
        app.screen.query_one("#anonymous", Checkbox).focus()
        await pilot.press("space")  # on
        await wait_until(pilot, lambda: len(marked(app)) == 3, what="the mark after space")
        assert marked(app) == ["PDF (om te printen)", "Nederlands", "Zonder namen (initialen in plaats van namen)"]
        await pilot.press("space")  # off again: the mark goes
        await wait_until(pilot, lambda: len(marked(app)) == 2, what="the mark gone")
        app.screen.query_one("#fmt", RadioSet).focus()
        await pilot.press("down", "space")  # the other format: the mark moves with the choice
        await wait_until(pilot, lambda: "Markdown (voor mail of schoolsysteem)" in marked(app), what="the format's mark")
        assert marked(app) == ["Markdown (voor mail of schoolsysteem)", "Nederlands"]
