"""Escape sequences in user text are shown, never executed: TUI, Markdown exports, review CLI."""

from __future__ import annotations

import random
from datetime import date

from facilitator.cli.main import main
from facilitator.core.plain import one_line, visible
from facilitator.export.markdown.followup import render as followup_md
from facilitator.export.markdown.session import md_escape
from facilitator.services.exports import session_markdown as to_markdown
from facilitator.services.followup import review as followup
from facilitator.services.followup.snapshot import load_snapshot
from facilitator.tui.dialogs.roleplay_forms import FeedbackForm
from tests.tui.helpers import make_app, screen_text, sync

#: Renames the terminal (OSC 0 ... BEL), clears it (CSI 2J), and a C1 CSI (0x9b).
OSC = "Team \x1b]0;pwned\x07 A"
HOSTILE = OSC + " \x1b[2J \x9b31m \x7f"


def test_visible_shows_every_control_character_and_keeps_line_breaks():
    assert visible("a\x1b]0;x\x07b") == "a^[]0;x^Gb"
    assert visible("c\x9b1m\x7f\r") == "cM-^[1m^?^M"
    assert visible("regel 1\nregel 2\tend") == "regel 1\nregel 2\tend"
    assert one_line("a\r\nb\x1b") == "a ⏎ b^["
    assert not any(ch in visible(HOSTILE) for ch in "\x1b\x07\x9b\x7f")


@sync
async def test_home_list_shows_escape_sequences_literally(isolated_dirs, clock, library):
    library.create(OSC).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "Team ^[]0;pwned^G A" in text


@sync
async def test_practice_table_and_feedback_form_show_escape_sequences_literally(library, clock):
    from tests.tui.phases.test_practice import Harness

    svc = library.create("Oefenen", participants=["Anna", "Bram\x1b]0;pwned\x07", "Cem", "Dewi"])
    svc.rng = random.Random(5)
    app = Harness(svc, "nl")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = screen_text(app)
        assert "Bram^[]0;pwned^G" in text and "\x1b" not in text and "\x07" not in text
        app.push_screen(FeedbackForm("Gesprek \x1b[2J" , [("p1", "Bram\x1b]0;x\x07")],
                                     [("q", "vraag")], lambda *a: "ok", "nl"))
        await pilot.pause()
        text = screen_text(app)
        assert "Gesprek ^[[2J" in text and "\x1b" not in text
    svc.close()


def test_markdown_reports_have_no_raw_control_characters(library):
    assert md_escape("x\x1b]0;y\x07") == "x^\\[\\]0;y^G"
    svc = library.create(HOSTILE, on=date(2026, 10, 1))
    svc.add_note("dialogue", "notitie \x1b[31mrood\x1b[0m")
    svc.add_action_point("Punt \x1b]0;pwned\x07", owner="Eva\x9b")
    md = to_markdown(svc.session)
    assert not any(ch in md for ch in "\x1b\x07\x9b\x7f")
    assert "pwned^G" in md
    followup.rate(svc, 1, "-")
    svc.close()
    snap = load_snapshot(library, [svc.session.id], "nl")
    md = followup_md(snap)
    assert not any(ch in md for ch in "\x1b\x07\x9b\x7f")
    assert "Punt ^\\[\\]0;pwned^G" in md


def test_review_without_terminal_prints_escape_sequences_literally(library, capsys):
    svc = library.create(OSC)
    svc.add_action_point("Agenda \x1b[2J vooraf\x07", owner="Bram\x9b", factors=[5])
    svc.close()
    assert main(["review", svc.session.id]) == 0
    out = capsys.readouterr().out
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert "Agenda ^[[2J vooraf^G" in out and "Bram" in out and "pwned^G" in out


@sync
async def test_reveal_and_confirm_dialogs_show_names_literally(library, clock):
    from facilitator.tui.dialogs.confirm import ConfirmDialog
    from facilitator.tui.dialogs.reveal import RevealScreen, RevealStep
    from tests.tui.phases.test_practice import Harness

    svc = library.create("Oefenen", participants=["Anna", "Bram", "Cem"])
    app = Harness(svc, "nl")
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(RevealScreen([RevealStep("Bram\x1b]0;pwned\x07", [])], "nl", back_to="Eva\x1b[2J"))
        await pilot.pause()
        text = screen_text(app)
        assert "Bram^[]0;pwned^G" in text and "\x1b" not in text
        app.pop_screen()
        app.push_screen(ConfirmDialog("Archiveren: 'Team \x1b]0;x\x07'?", "nl"))
        await pilot.pause()
        text = screen_text(app)
        assert "Team ^[]0;x^G" in text and "\x1b" not in text
    svc.close()


def test_session_pdf_shows_escape_sequences_in_caret_notation(library, tmp_path):
    import subprocess

    from facilitator.services.exports import write_pdf

    svc = library.create("Team \x1b]0;pwned\x07", on=date(2026, 10, 1))
    svc.add_note("dialogue", "notitie \x1b[31mrood")
    svc.close()
    out = tmp_path / "verslag.pdf"
    write_pdf(svc.session, out)
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "Team ^[]0;pwned^G" in text and "notitie ^[[31mrood" in text
    assert "\x1b" not in text
