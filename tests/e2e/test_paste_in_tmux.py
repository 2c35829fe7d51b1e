"""A bracketed paste with escape sequences in a real terminal (issue #13, point 2).

tmux `paste-buffer -p` wraps the buffer in ESC[200~ … ESC[201~ exactly as a terminal
does when the facilitator pastes. The text must arrive in order with its control
characters in caret notation, the BEL inside it must not act as ctrl+g (next group),
and the note must be stored under the group and question on screen.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from facilitator.services.library import Library
from facilitator.storage.sessionfile import load_session
from tests.e2e.test_whole_meeting_in_tmux import Term

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
PASTE = "AAA \x1b[31mBBB\x07\x1b[0m CCC"
SHOWN = "AAA ^[[31mBBB^G^[[0m CCC"


@pytest.fixture
def term(tmp_path: Path):
    sessions, data = tmp_path / "sessions", tmp_path / "data"
    sessions.mkdir()
    t = Term(f"e2e-{uuid.uuid4().hex[:8]}", sessions, data)
    yield t
    t.kill()


def test_a_bracketed_paste_is_stored_as_text_on_the_sheet_on_screen(term):
    svc = Library(term.sessions).create("Plakken", participants=["Anna", "Bram", "Cem", "Dewi"])
    groups = [svc.add_group("Groep 1"), svc.add_group("Groep 2")]
    svc.clock_event("goto", phase="dialoog")
    svc.close()

    term.start()
    term.wait_for("Plakken")
    term.keys("Enter")
    term.wait_for("Dialoog", "Typ een notitie", " toetsen ")
    term.keys("C-g")  # the second group's sheet
    term.wait_for("Groep 2")
    term.keys("i")
    term.wait_for(" typen ")
    term.tmux("set-buffer", "-b", "plak", PASTE, check=True)
    term.tmux("paste-buffer", "-p", "-b", "plak", "-t", "app", check=True)
    screen = term.wait_for(SHOWN)
    assert "CCCAAA" not in screen
    term.keys("Enter")
    term.wait_for(f"• {SHOWN}")
    term.keys("Escape")
    term.wait_for(" toetsen ")
    term.keys("q")
    term.wait_exit()

    notes = load_session(next(term.sessions.glob("*.toml"))).notes
    assert [(n.text, n.group, n.question) for n in notes] == [(SHOWN, groups[1].id, "d1")]
