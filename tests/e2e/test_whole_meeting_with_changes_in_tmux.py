"""Issue #13 in one meeting, in a real terminal: tmux runs `python -m facilitator`, we type.

The short agenda (every phase one minute), six participants, and the things that
happen in a real room, all through the keyboard:

- Dialoog: Gijs arrives late (g, a) and joins a dialogue group; a bracketed paste
  with escape sequences and a BEL (tmux `paste-buffer -p`), pasted in keys mode on
  the second group's sheet, is stored there in caret notation;
- Plenair: a tip becomes an action point;
- Oefenen: pairs and cards; `c` in the room view is refused and nothing of a card
  reaches the pane; talk 1 is held, then Anna leaves (g, x) and the talks to come
  go on without her while talk 1 keeps who played it;
- Evaluatie: an answer, a second action point;
- Afronden: the dates, ctrl+s: the meeting ends (the clock says when, space asks before
  reopening), the PDF (read with pdftotext) and the .ics (read back with icalendar) are written;
- the follow-up from the home screen (v): the quickscan rated, then the statuses set;
  the follow-up session opened, notes in Ervaringen on two questions.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid
from datetime import date, datetime, timezone

import pytest
from icalendar import Calendar

from facilitator.core.clock import replay
from facilitator.services import content
from facilitator.storage.sessionfile import load_session
from tests.e2e.test_whole_meeting_in_tmux import Term, next_phase, short_template

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed"),
]
NAMES = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]
PASTE = "Ouders \x1b[31mvooraf\x07\x1b[0m bellen"
SHOWN = "Ouders ^[[31mvooraf^G^[[0m bellen"


@pytest.fixture
def term(tmp_path):
    sessions, data = tmp_path / "sessions", tmp_path / "data"
    sessions.mkdir()
    short_template(data)
    t = Term(f"e2e-{uuid.uuid4().hex[:8]}", sessions, data)
    yield t
    t.kill()


def wait_file(term: Term, path, timeout: float = 30) -> None:
    """A file written in the background (the PDF): wait until it is there, whole."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists() and path.stat().st_size > 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not written; screen:\n{term.screen()}")


def wait_rating(term: Term, factor: str, rating: str, timeout: float = 10) -> None:
    """The quickscan table's row of one factor shows no rating before (·) and this one after.

    (Not the "follow-up created" notice: earlier notices, still up, can push it off the pane.)
    """
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        rows = [line.split(factor, 1)[1].split() for line in term.screen().splitlines() if factor in line]
        if rows and rows[0][:2] == ["·", rating]:
            return
        time.sleep(0.05)
    raise AssertionError(f"{factor} not rated {rating}; screen:\n{term.screen()}")


def test_a_meeting_with_late_arrival_absentee_paste_refused_reveal_afronden_and_followup(term):
    term.start()
    term.wait_for("Nog geen sessies")

    # -- a new session: title, the next round of talks, the short agenda, six participants -------
    term.keys("n")
    term.wait_for("Nieuwe sessie", "Titel", " typen ")  # typing mode: the title field has the keys
    term.type("Intervisie mentoren")
    term.keys("Tab", "C-u")  # the date: a fixed day, not today (the next round must come after it)
    term.type("01-12-2026")
    term.keys("Tab")  # the next round of talks
    term.type("14-01-2027")
    term.keys("Tab", "Tab", "Tab", "Enter")  # school, facilitator, agenda: open the list
    term.wait_for("Korte oefenagenda · 6 min")
    term.keys("Down", "Down", "Down", "Enter")  # built-ins first, then the user's templates
    term.keys("Tab")
    for name in NAMES:
        term.type(name)
        term.keys("Enter")
    term.wait_for("Anna, Cem, Eva")
    term.keys("C-s")
    term.wait_for("1/6 · Introductie", "niet gestart")
    path = next(term.sessions.glob("*.toml"))

    term.keys("space")
    term.wait_for("loopt")
    next_phase(term, 2, "Filmpje / onderzoek")
    next_phase(term, 3, "Dialoog")
    term.wait_for("Typ een notitie", " toetsen ")

    # -- Dialoog: a late arrival ---------------------------------------------------------------
    term.keys("g")
    term.wait_for("Deelnemers en groepen", "6 aanwezig van 6")
    term.keys("a")
    term.wait_for("Naam van de laatkomer", " typen ")
    term.type("Gijs")
    term.keys("Enter")
    term.wait_for("Gijs doet mee.", "7 aanwezig van 7")
    term.keys("Escape")
    term.wait_for("3/6 · Dialoog", "Typ een notitie", " toetsen ")

    # A note on the first group's sheet.
    term.keys("i")
    term.wait_for(" typen ")
    term.type("Agenda vooraf naar ouders sturen")
    term.keys("Enter")
    term.wait_for("• Agenda vooraf naar ouders sturen")
    term.keys("Escape")
    term.wait_for(" toetsen ")

    # The second group's sheet (the first note leaves the screen), then a paste in keys mode:
    # it goes into the typing line; its BEL is text (^G), not ctrl+g (next group).
    term.keys("C-g")
    term.wait_for("3/6 · Dialoog", gone="• Agenda vooraf naar ouders sturen")
    term.tmux("set-buffer", "-b", "plak", PASTE, check=True)
    term.tmux("paste-buffer", "-p", "-b", "plak", "-t", "app", check=True)
    screen = term.wait_for(SHOWN, " typen ")
    assert "bellenOuders" not in screen
    term.keys("Enter")
    term.wait_for(f"• {SHOWN}", gone="• Agenda vooraf naar ouders sturen")  # still the second sheet
    term.keys("Escape")
    term.wait_for(" toetsen ")

    # -- Plenair: the first note a tip, and an action point --------------------------------------
    next_phase(term, 4, "Plenair")
    term.wait_for("★ 0 tips", "Agenda vooraf naar ouders sturen")
    term.keys("t")
    term.wait_for("★ 1 tip")
    term.keys("Enter")
    term.wait_for("actiepunt gemaakt")

    # -- Oefenen: pairs, cards; a reveal in the room view is refused ----------------------------
    next_phase(term, 5, "Oefenen")
    term.wait_for("Kies 2 voor tweetallen")
    term.keys("2")
    term.wait_for("Groep 1")
    term.keys("d")
    term.wait_for("getrokken", "klaar om te starten")
    drawn = load_session(path)
    deck = content.default_deck()
    secrets = [deck.card(c).render("nl", r.situation) for r in drawn.rounds for c in r.cards]
    titles = [deck.card(c).title.get("nl") for r in drawn.rounds for c in r.cards
              if deck.card(c).role != "mentor"]
    assert secrets and titles
    term.keys("r")
    term.wait_for("Oefenen", gone="Groep 1")  # the room view: no groups, no names
    term.keys("c")
    room = term.wait_for("Kaart niet getoond")
    assert "Groep 1" not in room and "Anna" not in room  # the room view stayed up
    assert not any(s[:30] in room for s in secrets) and not any(t in room for t in titles)
    term.keys("r")
    term.wait_for("Groep 1")
    assert load_session(path).card_delivery is None  # refused before anything was asked

    # Talk 1 is held.
    term.keys("t")
    term.wait_for("Gesprek 1 van", gone="klaar om te starten")
    term.keys("e")
    term.wait_for("het gesprek duurde")
    held = {r.id: (r.mentor, r.parent, r.pupil, tuple(r.observers))
            for r in load_session(path).rounds if r.talk == 1}
    assert held

    # Anna leaves: the talks to come are planned again without her.
    term.keys("g")
    term.wait_for("Deelnemers en groepen", "7 aanwezig van 7")
    term.keys("x")  # the cursor starts on the first person, Anna
    term.wait_for("✗ afwezig", "6 aanwezig van 7")
    term.keys("Escape")
    term.wait_for("5/6 · Oefenen", " toetsen ")

    # -- Evaluatie: an answer, and a second action point -----------------------------------------
    next_phase(term, 6, "Evaluatie")
    term.wait_for("Mentor: 1·0", "Typ een antwoord")
    term.keys("i")
    term.wait_for(" typen ")
    term.type("Het perspectief van de ouder bleef lastig")
    term.keys("Enter")
    term.wait_for("• Het perspectief van de ouder bleef lastig")
    term.keys("Escape")
    term.wait_for(" toetsen ")
    term.keys("a")
    # The action-point list's own column head: the point's text may show on the run screen already,
    # and an "a" sent before the list is there would not open the form.
    term.wait_for("Wanneer", "Agenda vooraf naar ouders sturen")
    term.keys("a")
    term.wait_for("Wat gaan we doen?", " typen ")
    term.type("Elk gesprek beginnen met een agenda")
    term.keys("C-s")
    term.wait_for("Elk gesprek beginnen met een agenda", gone="Wat gaan we doen?")
    term.keys("Escape")
    term.wait_for("6/6 · Evaluatie", " toetsen ")

    # -- Afronden: n on the last phase ---------------------------------------------------------------
    term.keys("n")
    term.wait_for("Agenda vooraf naar ouders sturen (wie: team; uiterlijk: 14 januari 2027)",
                  "Elk gesprek beginnen met een agenda", "14-01-2027")
    term.keys("Enter")  # the next talks are filled in already: on to the follow-up's date
    term.type("11-03-2027")
    term.keys("C-s")
    term.wait_for("Afgerond om")
    pdf, ics = path.with_suffix(".pdf"), path.with_suffix(".ics")
    term.wait_for("Klaar:", timeout=30)  # the report is written in the background
    wait_file(term, pdf)
    term.wait_for("afgerond om", gone="verwacht")  # the clock says it ended and predicts no end
    term.keys("Space")  # space would restart it: it asks, and Enter (no) leaves it ended
    term.wait_for("Weer openen?")
    term.keys("Enter")
    term.wait_for("afgerond om", gone="Weer openen?")

    finished = load_session(path)
    state = replay(finished.phases, finished.clock, datetime.now(timezone.utc))
    assert not state.running and state.current == 5 and state.ended is not None
    assert finished.next_talks == date(2027, 1, 14) and finished.followup_date == date(2027, 3, 11)

    # -- the follow-up: from the home screen, quickscan first, then the statuses -------------------
    term.keys("h")
    term.wait_for("Intervisie mentoren", "afgerond om")  # the home list says it ended
    term.keys("v")
    term.wait_for("Actiepunt 1/2", "Agenda vooraf naar ouders sturen")
    term.keys("k")
    term.wait_for("Quickscan: de tien succesfactoren", "Wie scoort:")
    term.keys("2")  # factor 1: +; the first rating makes the follow-up session
    wait_rating(term, "1. Ouders voelen zich welkom", "+")
    term.keys("3")  # the cursor moved on: factor 2, +-
    wait_rating(term, "2. Vroeg kennismaken", "+-")
    term.keys("Escape")
    term.wait_for("Actiepunt 1/2", "Agenda vooraf naar ouders sturen", gone="Wie scoort:")
    term.keys("2")  # helped
    term.wait_for("hielp 1")
    term.keys("Right")
    term.wait_for("Actiepunt 2/2", "Elk gesprek beginnen met een agenda")
    term.keys("3")  # didn't help
    term.wait_for("hielp niet 1")
    term.keys("Escape")
    term.wait_for("Vervolg: Intervisie mentoren")

    # Open the follow-up meeting: notes in Ervaringen on two of its questions.
    home = term.screen().splitlines()
    rows = [line for line in home if "Intervisie mentoren" in line]
    if "Vervolg:" not in rows[0]:
        term.keys("Down")
    term.keys("Enter")
    term.wait_for("Ervaringen", "Hoe verliepen je laatste tienminutengesprekken?", " toetsen ")
    term.keys("i")
    term.wait_for(" typen ")
    term.type("Iedereen had een agenda")
    term.keys("Enter")
    term.wait_for("• Iedereen had een agenda")
    term.keys("PageDown")  # the next question, still typing
    term.wait_for("Wat ging beter dan de vorige keer?", " typen ", gone="• Iedereen had een agenda")
    term.type("Ouders vertelden meer dan ooit")
    term.keys("Enter")
    term.wait_for("• Ouders vertelden meer dan ooit", "1·1   2·1")
    term.keys("Escape")
    term.wait_for(" toetsen ")
    term.keys("q")
    term.wait_exit()

    # -- the files ----------------------------------------------------------------------------------
    session = load_session(path)
    by_name = {p.name: p for p in session.participants}
    assert list(by_name) == [*NAMES, "Gijs"]
    assert any(by_name["Gijs"].id in g.members for g in session.groups)
    notes = {n.text: n for n in session.notes}
    assert set(notes) == {"Agenda vooraf naar ouders sturen", SHOWN}
    first, pasted = notes["Agenda vooraf naar ouders sturen"], notes[SHOWN]
    assert first.tip and first.group == session.groups[0].id
    assert (pasted.phase, pasted.group, pasted.question) == ("dialoog", session.groups[1].id, "d1")

    anna = by_name["Anna"]
    assert anna.absent
    for r in session.rounds:
        if r.id in held:
            assert (r.mentor, r.parent, r.pupil, tuple(r.observers)) == held[r.id]
        else:
            assert anna.id not in (r.mentor, r.parent, r.pupil, *r.observers)
    assert any(anna.id in (m, p, s, *obs) for m, p, s, obs in held.values())  # she played in talk 1
    assert [a.text for a in session.evaluation] == ["Het perspectief van de ouder bleef lastig"]
    points = session.action_points
    assert [(p.text, p.status) for p in points] == [
        ("Agenda vooraf naar ouders sturen", "helped"), ("Elk gesprek beginnen met een agenda", "not_helped")]
    state = replay(session.phases, session.clock, datetime.now(timezone.utc))
    assert not state.running

    cal = Calendar.from_ical(ics.read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 2
    talks = next(e for s, e in events.items() if s.startswith("Tienminutengesprekken"))
    follow = next(e for s, e in events.items() if s.startswith("Vervolgbijeenkomst"))
    assert talks.decoded("dtstart") == date(2027, 1, 14) and follow.decoded("dtstart") == date(2027, 3, 11)
    for event in (talks, follow):
        description = str(event["description"])
        assert "Agenda vooraf naar ouders sturen (wie: team; uiterlijk: 14 januari 2027)" in description
        assert "Elk gesprek beginnen met een agenda" in description

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Deelnemers Anna (afwezig), Bram, Cem, Dewi, Eva, Femke, Gijs" in flat  # who left is marked
    assert f"Groep 2 • {SHOWN}" in flat  # the pasted note, on its group's flip-over
    assert "Afgerond om" in flat and "klok liep nog" not in flat  # the meeting ended at Afronden
    assert "Agenda vooraf naar ouders sturen" in flat and "Elk gesprek beginnen met een" in flat

    followups = [load_session(p) for p in term.sessions.glob("*.toml") if p != path]
    assert len(followups) == 1
    fu = followups[0]
    assert fu.kind == "followup" and fu.follows == [session.id]
    assert sorted((q.factor, q.rating) for q in fu.quickscan) == [(1, "+"), (2, "+-")]
    assert [(n.phase, n.question, n.text, n.author) for n in fu.notes] == [
        ("ervaringen", "x1", "Iedereen had een agenda", None),
        ("ervaringen", "x2", "Ouders vertelden meer dan ooit", None)]
