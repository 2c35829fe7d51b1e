"""The Markdown export: same content as the PDF, user text kept literal."""

from __future__ import annotations

import re

import pytest

from facilitator.export.markdown.session import md_escape
from facilitator.services.exports import session_markdown as to_markdown
from tests.export.data import NAMES, NOTE_DONE_WELL, rich_session

pytestmark = pytest.mark.usefixtures("utc")  # times print in local time: pin it


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    yield svc
    svc.close()


def test_sections_in_order_with_content(rich, clock):
    md = to_markdown(rich.session, now=clock)
    order = [
        "# Intervisie 2B", "**Datum:** 23 november 2026", "Groep Noord", "## Agenda: gepland en werkelijk",
        "Begonnen om 13:00", "| Introductie | 5 min | 5 min | 06:00 |", "## Het onderzoek in cijfers",
        "31% mentoren kennen die goed", "## Dialoog: de flappen", "### Wat helpt", "#### Groep Noord",
        f"- {NOTE_DONE_WELL} — *door Anneke Verbeek*", "**TIP** Stuur vooraf een agenda naar ouders",
        "  - *samengevoegd:* Agenda vooraf mailen (Groep Zuid)", "## Tips uit de plenaire ronde",
        "## Notities: Plenair", "## Oefengesprekken", "### Gesprek 1 · Tweetal A (tweetal)",
        "- **Set:** Set 1: De thuissituatie leren kennen", "- `01:15` Open vraag over thuis werkte goed",
        "## Evaluatie", "### Hulpvragen voor wie mentor was", "**Waar viel het je zwaar",
        "## Actiepunten voor de volgende tienminutengesprekken",
        "| # | Wat | Wie | Wanneer | Succesfactoren | Geprobeerd? | Wat gebeurde er? | Volgende stap |",
        "| 1 | Agenda vooraf naar ouders sturen | team | 10 december 2026 |", "### Actiepunten per succesfactor",
    ]
    pos = 0
    for needle in order:
        found = md.find(needle, pos)
        assert found >= 0, f"{needle!r} missing or out of order"
        pos = found
    assert "Zakkaart" not in md


def test_english_and_pocket(rich, clock):
    md = to_markdown(rich.session, lang="en", pocket=True, now=clock)
    assert "## Practice talks" in md and "| Tried? |" in md
    assert "## My pocket card for the ten-minute talk" in md
    assert md.index("### How I open") < md.index("### Back: for my eyes") < md.index("- [ ] Agenda vooraf naar ouders sturen")
    assert "Dialoog" not in md
    assert "(situation: divorced)" in md  # the pupil card's situation, stored in Dutch, shown in English


def test_anonymous_markdown_has_no_names(rich, clock):
    md = to_markdown(rich.session, anonymous=True, now=clock)
    words = {w for name in NAMES + ["Marieke Jansen"] for w in name.split() if len(w) > 2}
    assert not sorted(w for w in words if w in md)
    assert "deelnemer 1" in md and "A.V." not in md and NOTE_DONE_WELL in md


@pytest.mark.parametrize("text, shown", [
    ("**vet**", r"\*\*vet\*\*"),
    ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
    ("[klik](http://x)", r"\[klik\](http://x)"),
    ("# geen kop", r"\# geen kop"),
    ("1. geen lijst", r"1\. geen lijst"),
    ("- geen bullet", r"\- geen bullet"),
    ("a | b", r"a \| b"),
    ("&amp; blijft", r"\&amp; blijft"),
    ("Tom & Jerry", "Tom & Jerry"),
    ("`code`", r"\`code\`"),
    ("regel 1\nregel 2", "regel 1\\\nregel 2"),
])
def test_user_text_is_escaped(text, shown):
    assert md_escape(text) == shown


def test_hostile_text_in_session_stays_literal(service, clock):
    g = service.add_group("Groep | *1*")
    service.add_note("dialoog", "# kop\n> citaat\n<b>vet</b>", group=g.id, question="d1")
    service.add_action_point("a | b\nc", owner="<i>x</i>")
    md = to_markdown(service.session, now=clock)
    assert r"#### Groep \| \*1\*" in md
    assert "- \\# kop\\\n  \\> citaat\\\n  \\<b\\>vet\\</b\\>" in md  # continuation lines stay in the item
    # The action table keeps one row per action point, pipes escaped.
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert r"a \| b<br>c" in row and r"\<i\>x\</i\>" in row
    assert len(re.findall(r"(?<!\\)\|", row)) == 9  # 8 columns: the user's pipe is no column


def test_empty_session(library, clock):
    svc = library.create("Leeg")
    md = to_markdown(svc.session, now=clock)
    svc.close()
    assert md.startswith("# Leeg\n")
    assert "De agendaklok is niet gestart" in md
    assert md.count("Hier is (nog) niets over vastgelegd.") >= 4


def test_agenda_adjustments_and_running_clock(service, clock):
    service.clock_event("start")
    clock.advance(minutes=3)
    service.clock_event("adjust", phase="dialoog", minutes=5)
    clock.advance(minutes=4)
    service.clock_event("next")
    clock.advance(minutes=2)
    service.add_note("filmpje", "laatste notitie")  # the last thing captured ends the meeting
    clock.advance(minutes=180)  # exported three hours later, clock never paused
    md = to_markdown(service.session, now=clock)
    assert "Begonnen om 13:00 · Afgesloten om 13:09 (klok liep nog)" in md
    assert "| Introductie | 5 min | 5 min | 07:00 |" in md
    assert "| Filmpje / onderzoek | 4 min | 4 min | 02:00 |" in md
    assert "| Dialoog | 20 min | 25 min | niet aan toe gekomen |" in md


def test_someone_who_left_is_marked_absent_in_the_report(library):
    svc = library.create("Wie ging weg", participants=["Anna", "Bram"])
    svc.mark_absent(next(p.id for p in svc.session.participants if p.name == "Anna"), True)
    md = to_markdown(svc.session)
    svc.close()
    assert "Anna (afwezig)" in md and "Bram (afwezig)" not in md


def test_afronden_without_ever_starting_the_clock_still_says_when_it_ended(service, clock):
    """A facilitator who kept time on a phone: the plan only, and when Afronden ended the meeting."""
    clock.advance(minutes=90)
    service.finish_meeting(next_talks=None, followup_date=None)
    md = to_markdown(service.session, now=clock)
    assert "De agendaklok is niet gestart" in md and "Afgerond om 14:30" in md
    assert "Begonnen om" not in md


def test_the_markdown_names_the_follow_up_meeting_agreed_at_afronden(service, clock):
    from datetime import date

    service.finish_meeting(next_talks=None, followup_date=date(2027, 2, 12))
    assert "- **Vervolgbijeenkomst:** 12 februari 2027" in to_markdown(service.session, now=clock)
