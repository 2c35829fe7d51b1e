"""Paper a team would hand out: the room's questions, one way of leaving names out, a fair follow-up."""

from __future__ import annotations

import re
from datetime import date

import pytest

from facilitator.cli.main import main
from facilitator.export.pdf.followup import NEUTRAL_STUB, _drawn
from facilitator.services.exports import session_markdown, write_pdf
from facilitator.services.followup import review as followup
from tests.export.data import pdftotext, rich_session
from tests.export.test_followup_export import pdftotext as pdftotext_layout, reviewed  # noqa: F401

QUESTION_ID = re.compile(r"\b(?:d|em|ep|q)\d+\.")
PEOPLE = ["Anna Vos", "Bram Şahin", "Ceyda Yılmaz"]


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    yield svc
    svc.close()


@pytest.mark.usefixtures("utc")
def test_questions_are_printed_as_the_room_read_them(rich, tmp_path, clock):
    text = pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", now=clock))
    md = session_markdown(rich.session)
    for out in (text, md):
        assert "Wat helpt en wat hindert" in re.sub(r"\s+", " ", out)
        assert not QUESTION_ID.search(out), QUESTION_ID.search(out).group()


def test_one_scheme_for_a_session_and_its_followup(library, capsys):
    svc = library.create("Team 3", on=date(2026, 10, 1), facilitator="Marieke Jansen", participants=PEOPLE)
    svc.add_action_point("Agenda vooraf sturen", owner="Bram Şahin", factors=[5])
    svc.close()
    review = followup.open_review(library, [svc.session.id], new_followup=True)
    (item,) = review.items()
    review.set_status(item.key, "helped")
    review.add_outcome(item.key, "Ouders kwamen voorbereid", author="Bram Şahin")
    review.add_outcome(item.key, "Ook bij mij", author="Anna Vos")
    fu_id = review.followup.session.id
    review.close()

    session_md = session_markdown(library.read(svc.session.id), anonymous=True)
    assert main(["followup", "export", fu_id, "-o", "-", "--no-names"]) == 0
    followup_md = capsys.readouterr().out
    for out in (session_md, followup_md):
        assert "Zonder namen" in out  # the scheme is stated up front
        for name in PEOPLE + ["Marieke Jansen"]:
            for word in name.split():
                assert word not in out, word
        assert not re.search(r"\b[A-ZŞ]\.[A-ZŞ]\.", out)  # no initials anywhere
    # Bram is participant 2 in the list: the same number in the session's report and in the follow-up.
    assert "deelnemer 2" in session_md and "deelnemer 2: Ouders kwamen voorbereid" in followup_md
    assert "deelnemer 1: Ook bij mij" in followup_md
    assert "begeleider" in session_md


def test_a_neutral_rating_gets_a_bar_and_an_unrated_one_none():
    assert _drawn(0) == NEUTRAL_STUB > 0  # "+-": just visible, so it does not look unrated
    assert _drawn(None) is None  # "?": no bar
    assert _drawn(-2) == -2 and _drawn(1) == 1


def test_an_action_point_with_two_factors_is_printed_once(reviewed, tmp_path):  # noqa: F811
    fu_id, _ = reviewed
    out = tmp_path / "vervolg.pdf"
    assert main(["followup", "export", fu_id, "-o", str(out)]) == 0
    text = pdftotext_layout(out)
    assert text.count("Zoë en Ștefan bellen als het goed gaat") == 1
