"""Every export prints dates as its reader says them: "10 februari 2027" / "10 February 2027", never ISO."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

import pytest

from facilitator.cli.main import main
from facilitator.core.dates import format_date, parse_date
from facilitator.export.calendar import to_ics
from facilitator.services.exports import session_markdown, write_pdf
from tests.export.data import pdftotext, rich_session
from tests.export.test_followup_export import pdftotext as pdftotext_layout, reviewed  # noqa: F401

pytestmark = pytest.mark.usefixtures("utc")
ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    svc.add_action_point("Agenda mailen", owner="team", due=date(2027, 2, 10))
    yield svc
    svc.close()


def test_one_style_per_language():
    assert format_date(date(2027, 2, 10), "nl") == "10 februari 2027"
    assert format_date(date(2027, 2, 10), "en") == "10 February 2027"
    assert format_date(None, "nl", "-") == "-"


@pytest.mark.parametrize("typed", ["10-02-2027", "10-2-2027", "10/02/2027", "2027-02-10", " 2027-2-10 "])
def test_typed_dates_the_dutch_way_or_iso(typed):
    assert parse_date(typed) == date(2027, 2, 10)


@pytest.mark.parametrize("typed", ["31-02-2027", "2027-13-01", "10 feb", "", "10-02-27"])
def test_what_is_not_a_date_is_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


@pytest.mark.parametrize("lang,due", [("nl", "10 februari 2027"), ("en", "10 February 2027")])
def test_session_pdf_and_markdown(rich, tmp_path, clock, lang, due):
    day = format_date(rich.session.date, lang)
    text = re.sub(r"\s+", " ", pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", lang=lang, now=clock)))
    md = session_markdown(rich.session, lang=lang)
    for out in (text, md):
        assert day in out and due in out
        assert format_date(date(2026, 12, 10), lang) in out  # the next round of talks
        assert not ISO.search(out), ISO.search(out).group()


def test_followup_exports(reviewed, tmp_path, capsys):  # noqa: F811
    fu_id, _ = reviewed
    out = tmp_path / "vervolg.pdf"
    assert main(["followup", "export", fu_id, "-o", str(out)]) == 0
    text = pdftotext_layout(out)
    assert "1 oktober 2026" in text and not ISO.search(text)
    capsys.readouterr()
    assert main(["--lang", "en", "followup", "export", fu_id, "-o", "-"]) == 0
    md = capsys.readouterr().out
    ids_left_out = re.sub(r"`[^`]*`", "", md)  # session ids start with their date; they are ids, not dates
    assert "1 October 2026" in md and not ISO.search(ids_left_out)


def test_calendar_descriptions(rich):
    ics = to_ics(rich.session, "nl", datetime(2026, 11, 23, 12, tzinfo=timezone.utc)).decode()
    unfolded = ics.replace("\r\n ", "")
    assert "10 februari 2027" in unfolded
