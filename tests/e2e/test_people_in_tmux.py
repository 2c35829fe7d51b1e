"""People change mid-meeting in a real terminal (issue #13, point 3).

In Dialoog a late arrival is added from the run screen (g), joins the smallest
dialogue group and the flip-over still works; in Oefenen someone is marked absent
and the talks still to come go on without her while talk 1 keeps who played it.
"""

from __future__ import annotations

import random
import shutil
import uuid
from pathlib import Path

import pytest

from facilitator.core.talk import rounds_for_talk
from facilitator.services import people
from facilitator.services.library import Library
from facilitator.services.roleplay import groups as practice
from facilitator.storage.sessionfile import load_session
from tests.e2e.test_whole_meeting_in_tmux import Term

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def term(tmp_path: Path):
    sessions, data = tmp_path / "sessions", tmp_path / "data"
    sessions.mkdir()
    t = Term(f"e2e-{uuid.uuid4().hex[:8]}", sessions, data)
    yield t
    t.kill()


def test_late_arrival_in_dialogue_and_absentee_in_practice(term):
    svc = Library(term.sessions).create("Wisselingen", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur"])
    svc.rng = random.Random(2)
    people.propose_dialogue_groups(svc)
    practice.setup_groups(svc, "trio", 3, facilitator_fills=False)
    for r in rounds_for_talk(svc.session, 1):
        svc.update_round(r.id, started=svc.now())
    held = {r.id: (r.mentor, r.parent, r.pupil, tuple(r.observers)) for r in svc.session.rounds if r.talk == 1}
    anna = svc.session.participants[0].id
    svc.clock_event("goto", phase="dialoog")
    svc.close()

    term.start()
    term.wait_for("Wisselingen")
    term.keys("Enter")
    term.wait_for("Dialoog", " toetsen ")
    term.keys("g")
    term.wait_for("Deelnemers en groepen", "6 aanwezig van 6")
    term.keys("a")
    term.wait_for("Naam van de laatkomer", " typen ")
    term.type("Gijs")
    term.keys("Enter")
    term.wait_for("Gijs doet mee.", "7 aanwezig van 7")
    term.keys("Escape")
    term.wait_for("Dialoog", "Typ een notitie")
    term.keys("i")
    term.wait_for(" typen ")
    term.type("Gijs is er ook")
    term.keys("Enter")
    term.wait_for("• Gijs is er ook")
    term.keys("Escape")
    term.wait_for(" toetsen ")

    # Now to Oefenen via the palette, and Anna leaves.
    term.keys("C-p")
    term.wait_for("Zoek")  # the palette's search line
    term.type("Ga naar fase: Oefenen")
    term.keys("Enter")
    term.wait_for("Oefenen")
    term.keys("g")
    term.wait_for("Deelnemers en groepen", "Anna")
    term.keys("x")  # the cursor starts on the first person, Anna
    term.wait_for("✗ afwezig", "6 aanwezig van 7")
    term.keys("Escape")
    term.wait_for(" toetsen ")
    term.keys("q")
    term.wait_exit()

    session = load_session(next(term.sessions.glob("*.toml")))
    gijs = next(p for p in session.participants if p.name == "Gijs")
    assert any(gijs.id in g.members for g in session.groups)
    note = next(n for n in session.notes if n.text == "Gijs is er ook")
    assert note.phase == "dialoog"
    assert next(p for p in session.participants if p.id == anna).absent
    for r in session.rounds:
        if r.id in held:
            assert (r.mentor, r.parent, r.pupil, tuple(r.observers)) == held[r.id]
        else:
            assert anna not in (r.mentor, r.parent, r.pupil, *r.observers)
