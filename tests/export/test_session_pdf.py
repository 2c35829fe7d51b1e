"""The session PDF, read back the way a user reads it: pdftotext and pdfinfo."""

from __future__ import annotations

import re

import pytest

from facilitator.core.errors import UserError
from facilitator.export.pdf import session as pdf_mod
from facilitator.services.exports import write_pdf
from tests.export.data import (
    NAMES,
    NOTE_DONE_WELL,
    big_session,
    content_streams,
    page_count,
    pdftotext,
    rich_session,
)

pytestmark = pytest.mark.usefixtures("utc")  # times print in local time: pin it


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    yield svc
    svc.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def nospace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_content_in_reading_order(rich, tmp_path, clock):
    out = write_pdf(rich.session, tmp_path / "r.pdf", now=clock)
    text = squash(pdftotext(out, layout=True))  # layout mode keeps table rows in visual order
    order = [
        "Intervisie 2B", "Verslag van de intervisiebijeenkomst", "Het Maasland College", "Marieke Jansen",
        "Groep Noord", "Tweetal A (tweetal)",
        "Agenda: gepland en werkelijk", "Begonnen om 13:00", "Introductie",
        "Het onderzoek in cijfers", "De thuissituatie kennen", "31%",
        "Dialoog: de flappen", "Wat helpt en wat hindert", "Groep Noord", NOTE_DONE_WELL,
        "Welke tips", "TIP Stuur vooraf een agenda naar ouders", "samengevoegd: Agenda vooraf mailen",
        "Tips uit de plenaire ronde", "Stuur vooraf een agenda naar ouders",
        "Notities: Plenair", "Leerling opent het gesprek",
        "Oefengesprekken", "Gesprek 1 · Tweetal A", "Set 1: De thuissituatie leren kennen",
        "Mentor: Zicht op de thuissituatie", "01:15 Open vraag over thuis werkte goed",
        "03:45 Te snel naar een oplossing", "Gesprek 1 · Drietal B", "Leerling",
        "01:35 Mentor verplaatste zich",
        "Evaluatie", "Hulpvragen voor wie mentor was", "Waar viel het je zwaar",
        "Lastig bij de ouder die alles wegwuifde", "Hulpvragen voor wie ouder was",
        "Actiepunten voor de volgende tienminutengesprekken", "Geprobeerd?", "Wat gebeurde er?",
        "Volgende stap", "Agenda vooraf naar ouders sturen", "Actiepunten per succesfactor",
        "Samenwerking (4–7)",
    ]
    pos = 0
    for needle in order:
        found = text.find(needle, pos)
        assert found >= 0, f"{needle!r} missing or out of order after position {pos}"
        pos = found
    # Success-factor names from success_factors.toml, the merged duplicate folded under its tip.
    assert "5 Gesprek in twee richtingen" in text
    assert text.count("Agenda vooraf mailen") == 2  # under the note, and under the same tip in the tips list


def test_agenda_planned_against_actual(rich, tmp_path, clock):
    text = squash(pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", now=clock), layout=True))
    # Introduction: 5 planned, 6:00 actual, one minute over.
    assert re.search(r"Introductie 5 min 5 min 06:00 \+01:00", text)
    assert re.search(r"Dialoog 20 min 20 min 20:00 00:00", text)
    assert "Begonnen om 13:00" in text and "Afgesloten om 14:09" in text


def test_footer_has_page_numbers_and_title(rich, tmp_path, clock):
    out = write_pdf(rich.session, tmp_path / "r.pdf", now=clock)
    n = page_count(out)
    assert 6 <= n <= 14
    for page in (1, n):
        text = pdftotext(out, page, page)
        assert f"pagina {page} van {n}" in text
        assert "Intervisie 2B" in text


def test_english_labels(rich, tmp_path, clock):
    text = squash(pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", lang="en", now=clock)))
    for needle in ["Report of the peer consultation meeting", "Agenda: planned and actual", "Practice talks",
                   "Tried?", "What happened", "Next step", "Set 1: Getting to know the home situation",
                   "What helps and what hinders you", "page 1 of"]:
        assert needle in text
    assert "Oefengesprekken" not in text and "Geprobeerd" not in text


HOSTILE = [
    "<b>vet</b>", "Tom & Jerry", "a < b alone", '<img src="/etc/passwd"/>',
    '<a href="file:///etc/passwd">klik</a>', '<font color="red" size="30">groot</font>',
    "&lt;entity&gt; &amp;", "[bold red]x[/]", "<para>", "<br/>",
]


def test_markup_in_user_text_is_shown_literally(service, tmp_path, clock):
    g = service.add_group("<i>Groep</i> & co")
    for i, text in enumerate(HOSTILE):
        service.add_note("dialoog", text, group=g.id, question="d1", author="<b>auteur</b>", tip=i == 0)
    service.add_action_point("<a href='https://e.nl'>ap</a>", owner="<font>")
    service.add_answer("em1", "mentor", "<img src='x.png'/>")
    service.set_details(title="Titel <b>&</b>", school="<u>School</u>")
    out = write_pdf(service.session, tmp_path / "h.pdf", now=clock)
    text = squash(pdftotext(out, layout=True))
    for needle in HOSTILE + ["<i>Groep</i> & co", "<b>auteur</b>", "Titel <b>&</b>", "<u>School</u>",
                             "<a href='https://e.nl'>ap</a>", "<img src='x.png'/>"]:
        assert nospace(needle) in nospace(text), needle  # narrow table cells wrap long words
    raw = out.read_bytes()
    assert b"/URI" not in raw  # no external link from user text
    assert b"/Subtype /Image" not in raw  # no embedded image at all
    drawn = set(re.findall(rb"/(\S+) Do", b"".join(content_streams(raw))))
    assert all(name.startswith(b"FormXob.") for name in drawn)  # only our own page-number forms
    assert b"/Launch" not in raw and b"/GoToR" not in raw


SCRIPTS = {
    "Dutch": "Ĳsbrand van 't Hoff, één café, ruïne",
    "Turkish": "Çağla Işıkgöz: ğüşöçİı",
    "Polish": "Zażółć gęślą jaźń, Łódź",
    "Romanian": "Ștefan și Țara: ș ț Ș Ț",
    "Vietnamese": "Nguyễn Thị Dương: tiếng Việt có dấu ở đây",
    "Greek": "Ελένη: Καλημέρα κόσμε",
    "Cyrillic": "Дмитрий: Съешь же ещё этих мягких булок",
}


def test_unicode_scripts_render_with_glyphs(service, tmp_path, clock):
    from reportlab.pdfbase.ttfonts import TTFont

    from facilitator.storage.paths import DATA_DIR

    for label, text in SCRIPTS.items():
        service.add_participant(text.split(":")[0])
        service.add_note("dialoog", text, question="d1", author=label)
    out = write_pdf(service.session, tmp_path / "u.pdf", now=clock)
    got = pdftotext(out)
    for text in SCRIPTS.values():
        assert text in got
    # pdftotext reads the text layer; check the glyphs themselves exist in both shipped fonts.
    for file in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        cmap = TTFont("probe", str(DATA_DIR / "fonts" / file)).face.charToGlyph
        missing = {ch for text in SCRIPTS.values() for ch in text if ord(ch) not in cmap and not ch.isspace()}
        assert not missing, (file, missing)
    raw = out.read_bytes()
    blocks = re.findall(rb"BT(.*?)ET", b"".join(content_streams(raw)), re.S)
    # Fonts of text blocks that show text (tables and drawings also emit empty default-font blocks).
    used = {f for b in blocks if b"Tj" in b for f in re.findall(rb"/(F\d+)(?:\+\d+)? [\d.]+ Tf", b)}
    names = {n: base for base, n in re.findall(rb"/BaseFont /(\S+) [^\n]*?/Name /(F\d+)", raw)}
    assert used and all(b"DejaVuSans" in names[n] for n in used)  # never a built-in font


def test_anonymous_hides_every_participant_name(rich, tmp_path, clock):
    rich.set_details(facilitator=NAMES[0])
    out = write_pdf(rich.session, tmp_path / "a.pdf", anonymous=True, now=clock)
    text = pdftotext(out)
    words = {w for name in NAMES for w in name.split() if len(w) > 2}
    leaked = sorted(w for w in words if w in text)
    assert not leaked
    assert "deelnemer 1" in text and "deelnemer 7" in text  # numbers stand in for names
    assert "A.V." not in text and "Д.П." not in text  # initials are easy to trace back in a small team
    assert "Begeleider\n\nbegeleider" in text  # the facilitator is a role
    assert NOTE_DONE_WELL in text  # notes stay as written
    assert "Zonder namen" in text  # the cover says how names were replaced


def test_anonymous_people_with_the_same_initials_stay_distinct(service, tmp_path, clock):
    service.add_participant("Anna Vos")
    service.add_participant("Arie Visser")
    out = write_pdf(service.session, tmp_path / "a.pdf", anonymous=True, now=clock)
    text = pdftotext(out)
    assert "deelnemer 1, deelnemer 2" in text and "A.V" not in text


def test_long_content_splits_with_repeated_headers(rich, tmp_path, clock):
    long_name = "Ŀ" + "a" * 199
    rich.add_participant(long_name)
    rich.set_details(title="Een heel lange titel " * 14 + "!")  # 295 characters: wraps on the cover, cut in the footer
    rich.add_note("dialoog", ("Een hele lange notitie. " * 220)[:5000], question="d2")
    rich.add_note("dialoog", "x" * 5000, question="d2")  # one 5,000-letter word
    rich.add_action_point("Heel lang actiepunt " * 1000, owner=long_name[:200])
    session = big_session(rich.session, notes=2000, actions=100, rounds=10)
    out = write_pdf(session, tmp_path / "big.pdf", now=clock)
    n = page_count(out)
    assert 60 < n < 250
    pages = pdftotext(out).split("\f")[:n]  # pdftotext ends every page with a form feed
    text = "".join(pages)
    assert "1999: " in text and "Actie 99:" in text
    assert "Ŀ" + "a" * 199 in nospace(text)  # the 200-character name, wrapped but whole
    # The action table spans several landscape pages, each with the column headers.
    with_rows = [p for p in pages if "Actie " in p]
    assert len(with_rows) >= 3
    assert all("Geprobeerd?" in p for p in with_rows)


def test_contents_lists_sections_with_their_pages(rich, tmp_path, clock):
    session = big_session(rich.session, notes=200, actions=10, rounds=4)
    out = write_pdf(session, tmp_path / "toc.pdf", now=clock)
    first = pdftotext(out, 1, 1, layout=True)
    assert "Inhoud" in first
    for title in ("Oefengesprekken", "Evaluatie", "Actiepunten voor de volgende tienminutengesprekken"):
        m = re.search(re.escape(title) + r"[ .]*?(\d+)\s*$", first, re.M)
        assert m, title
        assert title in pdftotext(out, int(m.group(1)), int(m.group(1)))
    raw = out.read_bytes()
    assert raw.count(b"/Subtype /Link") == 8 and b"/URI" not in raw  # clickable entries, internal only


def test_short_session_has_no_contents(rich, tmp_path, clock):
    assert "Inhoud" not in pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", now=clock), 1, 1)


def test_empty_session_exports_a_sensible_pdf(library, tmp_path, clock):
    svc = library.create("Lege sessie")
    out = write_pdf(svc.session, tmp_path / "e.pdf", now=clock)
    svc.close()
    assert page_count(out) <= 6
    text = squash(pdftotext(out))
    assert "Lege sessie" in text
    assert "De agendaklok is niet gestart" in text
    assert text.count("Hier is (nog) niets over vastgelegd.") == 5  # flip-overs, tips, talks, evaluation, actions
    assert "Actiepunten per succesfactor" not in text  # no chart of nothing


def test_missing_template_falls_back_to_codes(service, tmp_path, clock):
    service.add_note("dialoog", "Een notitie", question="d1")
    service.set_details(agenda="verdwenen-sjabloon")
    text = squash(pdftotext(write_pdf(service.session, tmp_path / "m.pdf", now=clock)))
    assert "verdwenen-sjabloon" in text and "Een notitie" in text and "d1" in text


def test_pocket_card_is_the_mentors_own_with_the_team_on_its_back(rich, tmp_path, clock):
    for i in range(40):
        rich.add_note("plenair", f"Tip nummer {i} " + "met veel woorden " * 12, tip=True)
    out = write_pdf(rich.session, tmp_path / "p.pdf", pocket=True, now=clock)
    n = page_count(out)
    front, back = squash(pdftotext(out, n - 1, n - 1)), squash(pdftotext(out, n, n))
    assert "Mijn zakkaart voor het tienminutengesprek" in front
    assert "Agenda voor het gesprek" in front and "42%" in front and "Deze kant mag op tafel" in front
    assert "Hoe ik begin" in front and "Wat ik wil vragen" in front
    # What the team agreed and its tips are for the mentor, not for the parents across the table.
    assert "Agenda vooraf naar ouders sturen" not in front and "Tip nummer" not in front
    assert "Achterkant: voor mezelf" in back and "Wat we als team gaan proberen" in back
    assert "Agenda vooraf naar ouders sturen" in back and "Stuur vooraf een agenda naar ouders" in back
    assert "en nog" in back  # more tips than fit: the card says so instead of overflowing
    assert "zakkaart" not in pdftotext(out, n - 2, n - 2).lower()
    assert n == page_count(write_pdf(rich.session, tmp_path / "np.pdf", now=clock)) + 2


def test_progress_reaches_total(rich, tmp_path, clock):
    seen = []
    write_pdf(rich.session, tmp_path / "r.pdf", progress=lambda d, t: seen.append((d, t)), now=clock)
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))


def test_failed_build_leaves_old_file_and_no_temp(rich, tmp_path, clock, monkeypatch):
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old")

    def boom(*a, **k):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(pdf_mod.sec, "roleplay", boom)
    with pytest.raises(RuntimeError):
        write_pdf(rich.session, target, now=clock)
    assert target.read_bytes() == b"old"
    assert not list(tmp_path.glob(".*.tmp"))


def test_unwritable_target_is_a_user_error(rich, tmp_path, clock):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    for bad in (tmp_path / "nope" / "x.pdf", a_file / "x.pdf", tmp_path, "/proc/facilitator-test.pdf"):
        with pytest.raises(UserError):
            write_pdf(rich.session, bad, now=clock)
    assert not list(tmp_path.glob(".*.tmp"))


def test_followup_session_reports_outcomes(library, tmp_path, clock):
    svc = library.create("Vervolg 2B", agenda="followup")
    svc.add_note("ervaringen", "Agenda vooraf werkte goed bij drie gezinnen", question="x1")
    ap = svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc._update("action_points", ap.id, status="helped", next_step="Ook bij klas 3 doen",
               outcomes=[{"id": "u-1", "text": "Ouders kwamen beter voorbereid", "created": clock().isoformat()}])
    out = write_pdf(svc.session, tmp_path / "f.pdf", now=clock)
    svc.close()
    text = squash(pdftotext(out, layout=True))
    assert "Verslag van de vervolgbijeenkomst" in text
    assert "Notities: Ervaringen" in text and "Agenda vooraf werkte goed" in text
    assert re.search(r"Agenda vooraf sturen .*geprobeerd, .*Ouders kwamen beter .*Ook bij klas 3", text)
    assert "hielp" in text


def test_decomposed_accents_are_composed(service, tmp_path, clock):
    import unicodedata

    text = "Nguyễn Thị Dương, één"
    service.add_note("dialoog", unicodedata.normalize("NFD", text), question="d1")
    assert text in pdftotext(write_pdf(service.session, tmp_path / "nfd.pdf", now=clock))


def test_a_meeting_ended_with_afronden_says_when_it_ended(service, tmp_path, clock):
    """Afronden with the clock running; a typo fixed and a point added later, exported hours later:
    the report gives the moment Afronden ended it, never "klok liep nog"."""
    service.clock_event("start")
    note = service.add_note("dialoog", "Agnda vooraf")
    clock.advance(minutes=72)
    service.finish_meeting(next_talks=None, followup_date=None)  # 14:12
    clock.advance(minutes=25)
    service.edit_note(note.id, "Agenda vooraf")
    service.add_action_point("Ouders eerst laten vertellen")
    clock.advance(minutes=180)
    text = squash(pdftotext(write_pdf(service.session, tmp_path / "r.pdf", now=clock), layout=True))
    assert "Begonnen om 13:00 · Afgerond om 14:12" in text
    assert "klok liep nog" not in text and "Afgesloten" not in text
    # Reopened (Afronden was too early) and running again: the report says so, as before.
    service.reopen_meeting()
    service.clock_event("resume")
    text = squash(pdftotext(write_pdf(service.session, tmp_path / "r2.pdf", now=clock), layout=True))
    assert "Afgerond om" not in text and "klok liep nog" in text


def test_the_cover_names_the_dates_agreed_at_afronden(service, tmp_path, clock):
    """The next round of talks and the follow-up meeting, both chosen at Afronden, on the cover."""
    from datetime import date

    service.finish_meeting(next_talks=date(2027, 1, 15), followup_date=date(2027, 2, 12))
    text = squash(pdftotext(write_pdf(service.session, tmp_path / "r.pdf", now=clock), 1, 1, layout=True))
    assert "Volgende 15 januari 2027 tienminutengesprekken" in text  # the label wraps in its column
    assert "Vervolgbijeenkomst 12 februari 2027" in text
