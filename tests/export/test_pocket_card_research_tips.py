"""The research's tips on the front of the mentor's pocket card, in the reader's language.

The card lies in front of the mentor during a 10-minute talk: the front carries the agenda,
the lines to write on and the research's tips (data/method.toml, shortened); the team's
action points stay on the back.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from facilitator.core.content import ContentSet
from facilitator.export.markdown.session import to_markdown
from facilitator.services import content
from facilitator.services.exports import session_markdown, write_pdf
from tests.export.data import page_count, pdftotext, rich_session

pytestmark = pytest.mark.usefixtures("utc")

A4_HALF = 842 / 2  # points: the card is the top half of the page


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    yield svc
    svc.close()


def tips(lang: str) -> tuple[str, list[str]]:
    section = content.method().section("tips")
    return section.title.get(lang), [item.short.get(lang) for item in section.items]


def words_on(path, page: int) -> list[tuple[str, float, float, float]]:
    """(word, left, height, bottom) of every word on a page, in points from the top left."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w, float(x0), float(y1) - float(y0), float(y1)) for x0, y0, y1, w in
            re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_tips_are_on_the_front_and_the_action_points_are_not(rich, tmp_path, clock, lang):
    out = write_pdf(rich.session, tmp_path / "p.pdf", lang=lang, pocket=True, now=clock)
    n = page_count(out)
    front, back = (" ".join(pdftotext(out, page, page).split()) for page in (n - 1, n))
    title, points = tips(lang)
    assert ("zakkaart" if lang == "nl" else "pocket card") in front
    assert title in front and len(points) == 8
    for point in points:
        assert point in front, point
        assert point not in back
    for action in rich.session.action_points:  # the team's action points: on the back only
        assert action.text[:30] not in front and action.text[:30] in back
    assert ("Wat we als team gaan proberen" if lang == "nl" else "What we as a team will try") not in front


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_front_stays_readable_and_inside_the_card(rich, tmp_path, clock, lang):
    out = write_pdf(rich.session, tmp_path / "p.pdf", lang=lang, pocket=True, now=clock)
    words = words_on(out, page_count(out) - 1)
    assert words
    # Nothing shrunk to fit: the tips (the right-hand column) print at 9 pt (a word box of ~8.8 pt).
    _, points = tips(lang)
    tip_words = {w for p in points for w in p.split()}
    title_bottom = next(bottom for w, left, _, bottom in words if w == "Denessen)")
    sizes = [h for w, left, h, bottom in words if w in tip_words and left > 595 / 2 and title_bottom < bottom < A4_HALF]
    assert len(sizes) >= 20 and min(sizes) >= 8
    assert max(bottom for *_, bottom in words if bottom < 760) < A4_HALF  # the page's footer aside, all on the card


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_markdown_card_has_the_tips_on_its_front(rich, clock, lang):
    md = session_markdown(rich.session, lang=lang, pocket=True, now=clock)
    title, points = tips(lang)
    back = md.index("### " + ("Achterkant: voor mezelf" if lang == "nl" else "Back: for my eyes"))
    assert md.index("### " + title) < back
    for point in points:
        assert md.index(point) < back


def test_without_the_methods_content_the_card_is_as_before(rich, clock):
    md = to_markdown(rich.session, content=ContentSet(template=content.template("default")), pocket=True, now=clock)
    assert "Hoe ik begin" in md and "Denessen" not in md
