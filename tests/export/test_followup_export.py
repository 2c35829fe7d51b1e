"""Follow-up exports and CLI, as a user runs them: exit codes, pdftotext, Markdown."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from facilitator.cli.main import main
from facilitator.services.followup import review as followup

HOSTILE = "Begin positief <b>echt</b> [bold red]x[/] &amp; <img src=x> \x1b[2J"


@pytest.fixture
def reviewed(library):
    ids = []
    for title, points in [("Team Onderbouw", [("Agenda vooraf sturen", [5]), (HOSTILE, [7])]),
                          ("Team Bovenbouw", [("Zoë en Ștefan bellen als het goed gaat", [7, 1])])]:
        svc = library.create(title, on=date(2026, 10, 1))
        for text, factors in points:
            svc.add_action_point(text, factors=factors)
        followup.rate(svc, 1, "-")
        followup.rate(svc, 7, "+-")
        svc.close()
        ids.append(svc.session.id)
    review = followup.open_review(library, ids, new_followup=True)
    first, second, third = review.items()
    review.set_status(first.key, "helped")
    review.add_outcome(first.key, "Ouders kwamen voorbereid", author="Anna")
    review.set_status(second.key, "adjusted")
    review.set_next_step(second.key, "Eén positieve zin als opening")
    review.promote(second.key)
    review.set_status(third.key, "dropped")
    review.rate(1, "+")
    review.rate(7, "++")
    fu_id = review.followup.session.id
    review.close()
    return fu_id, ids


def pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_has_statuses_outcomes_quickscan_and_new_points(reviewed, tmp_path, capsys):
    fu_id, _ = reviewed
    out = tmp_path / "vervolg.pdf"
    assert main(["followup", "export", fu_id, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF") and oct(out.stat().st_mode & 0o777) == "0o600"
    text = pdftotext(out)
    for expected in ["Vervolg: Team Onderbouw en 1 andere sessie", "Overzicht", "Team Bovenbouw",
                     "geprobeerd, het hielp", "aangepast", "geschrapt", "Ouders kwamen voorbereid",
                     "Anna:", "Eén positieve zin als opening", HOSTILE.replace("\x1b", "^["), "Zoë en Ștefan",
                     "Quickscan: voor en na", "voor (training)", "Nieuwe actiepunten", "+2"]:
        assert expected in text, expected
    anonymous = tmp_path / "anoniem.pdf"
    assert main(["--lang", "en", "followup", "export", fu_id, "-o", str(anonymous), "--no-names"]) == 0
    text = pdftotext(anonymous)
    assert "Anna" not in text and "participant 1" in text and "Quickscan: before and after" in text
    assert "Without names" in text


def test_markdown_export_is_literal(reviewed, capsys):
    fu_id, ids = reviewed
    # The reviewed sessions find the follow-up that reviews exactly them.
    assert main(["followup", "export", *ids, "-o", "-"]) == 0
    md = capsys.readouterr().out
    assert "\\<b\\>echt\\</b\\> \\[bold red\\]x\\[/\\]" in md
    assert "| 1. Ouders voelen zich welkom | - | + | +2 |" in md
    assert "## Nieuwe actiepunten" in md and "Eén positieve zin als opening" in md
    assert "Anna: Ouders kwamen voorbereid" in md
    assert main(["followup", "export", *ids, "-o", "-", "--no-names"]) == 0
    md = capsys.readouterr().out
    assert "Anna" not in md and "deelnemer 1: Ouders kwamen voorbereid" in md


def test_review_without_terminal_prints_open_points(library, capsys):
    svc = library.create("Team A")
    svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc.close()
    assert main(["review", "Team A"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "terminal" in out[0]
    assert "Agenda vooraf sturen" in out[1]


def test_cli_errors_are_one_line_exit_1(reviewed, library, capsys, tmp_path):
    fu_id, ids = reviewed
    assert main(["review", "bestaat-niet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bestaat-niet" in err
    assert main(["followup", "export", fu_id, "-o", "-", "--format", "pdf"]) == 1
    assert main(["--lang", "en", "followup", "export", fu_id, "-o", str(tmp_path)]) == 1
    assert "folder" in capsys.readouterr().err
    assert main(["review", fu_id, ids[0]]) == 1


def test_missing_session_warns_and_exports_the_rest(reviewed, library, capsys):
    fu_id, ids = reviewed
    library.find_id(ids[1]).unlink()
    assert main(["followup", "export", fu_id, "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert ids[1] in captured.err and "ontbreekt" in captured.err
    assert "Agenda vooraf sturen" in captured.out and "Zoë" not in captured.out


def test_review_needs_a_session_argument():
    with pytest.raises(SystemExit) as exc:
        main(["review"])
    assert exc.value.code == 2


def test_session_language_is_the_default(library, capsys):
    svc = library.create("Team EN", lang="en")
    svc.add_action_point("Send an agenda")
    svc.close()
    assert main(["review", "Team EN"]) == 0
    assert capsys.readouterr().out.startswith("The review needs a terminal")


def test_followup_new_creates_a_linked_session(library, capsys):
    a = library.create("Team A")
    a.close()
    assert main(["followup", "new", "Team A", "--date", "2027-01-10"]) == 0
    path = capsys.readouterr().out.strip()
    from facilitator.storage.sessionfile import load_session

    fu = load_session(__import__("pathlib").Path(path))
    assert fu.kind == "followup" and fu.follows == [a.session.id] and str(fu.date) == "2027-01-10"
    assert fu.title == "Vervolg: Team A"
    assert main(["followup", "new", fu.id]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["followup", "new", "Team A", "--date", "gisteren"])
    assert exc.value.code == 2
