"""The whole meeting in a real terminal: tmux runs `python -m facilitator`, we type.

A fresh sessions folder and a shortened agenda (a user template with every
phase at one minute). Through the keyboard only: create a session with six
participants, walk every phase (notes in the dialogue, one of them hostile
markup; a tip promoted in the plenary; pairs, cards, a talk and an observer's
feedback in the practice; an answer in the evaluation), add an action point,
pause and quit. Then the session file holds all of it, and reopening resumes
on the same phase with the same paused clock.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

from facilitator.core.clock import replay
from facilitator.services import content
from facilitator.storage.sessionfile import load_session

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
NAMES = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]
MARKUP = "[bold red]x[/]"


class Term:
    """One app in tmux on a private server (-L): no other tmux user's options leak in."""

    def __init__(self, name: str, sessions: Path, data: Path, size=(120, 40)):
        self.name, self.sessions, self.data, self.size = name, sessions, data, size

    def tmux(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.name, *args], **kwargs)

    def start(self) -> None:
        cmd = " ".join([
            "env", "-u", "COLUMNS", "-u", "LINES", f"PYTHONPATH={shlex.quote(str(ROOT))}",
            f"FACILITATOR_DATA_DIR={shlex.quote(str(self.data))}", "TERM=xterm-256color",
            shlex.quote(sys.executable), "-m", "facilitator", "--sessions-dir", shlex.quote(str(self.sessions)),
        ])
        # -c: `python -m` puts the working directory first on sys.path; ours holds the code under test.
        self.tmux("new-session", "-d", "-s", "app", "-c", str(ROOT), "-x", str(self.size[0]),
                  "-y", str(self.size[1]), cmd, check=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app", capture_output=True, text=True).stdout

    def wait_for(self, *texts: str, timeout: float = 30, gone: str | None = None) -> str:
        """The screen once it shows every text (and not `gone`); the timeout only bounds a hang."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if all(t in screen for t in texts) and (gone is None or gone not in screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{texts!r} (without {gone!r}) did not appear; screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "app", key, check=True)
            # A lone ESC followed quickly by a letter reads as alt+letter: let it stand alone.
            time.sleep(0.6 if key == "Escape" else 0.08)  # generous: CI may be busy

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "app", "-l", text, check=True)
        time.sleep(0.1)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "app", capture_output=True).returncode == 0

    def wait_exit(self, timeout: float = 10) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.alive():
            time.sleep(0.05)
        assert not self.alive(), f"the app did not quit; screen:\n{self.screen()}"

    def kill(self) -> None:
        self.tmux("kill-server", capture_output=True)


def short_template(data: Path) -> None:
    """The default agenda with every phase (and each practice talk) at one minute."""
    src = (ROOT / "facilitator" / "data" / "agendas" / "default.toml").read_text(encoding="utf-8")
    src = re.sub(r'(?m)^name = ".*"$', 'name = "kort"', src, count=1)
    src = re.sub(r"(?m)^title = \{.*\}$", 'title = { nl = "Korte oefenagenda", en = "Short practice agenda" }',
                 src, count=1)
    src = re.sub(r"(?m)^(talk_)?minutes = \d+$", lambda m: f"{m.group(1) or ''}minutes = 1", src)
    folder = data / "templates"
    folder.mkdir(parents=True)
    (folder / "kort.toml").write_text(src, encoding="utf-8")


def clock_region(screen: str) -> list[str]:
    """The big timer: the right-hand end of the first three rows."""
    return [line.rstrip()[-30:] for line in screen.splitlines()[:3]]


def next_phase(term: Term, number: int, title: str) -> str:
    term.keys("n")
    term.wait_for("De klok loopt nog")  # the clock runs: moving on asks first
    term.keys("j")
    return term.wait_for(f"{number}/6 · {title}")


@pytest.fixture
def term(tmp_path):
    sessions, data = tmp_path / "sessions", tmp_path / "data"
    sessions.mkdir()
    short_template(data)
    t = Term(f"e2e-{uuid.uuid4().hex[:8]}", sessions, data)
    yield t
    t.kill()


def test_a_whole_meeting_typed_in_a_real_terminal(term):
    term.start()
    term.wait_for("Nog geen sessies")

    # -- a new session: title, the short agenda, six participants ---------------------------
    term.keys("n")
    term.wait_for("Nieuwe sessie", "Titel", " typen ")  # typing mode: the title field has the keys
    term.type("Intervisie mentoren")
    term.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Enter")  # to the agenda, open the list
    term.wait_for("Korte oefenagenda · 6 min")
    term.keys("Down", "Down", "Down", "Enter")  # built-ins first, then the user's templates
    term.keys("Tab")
    for name in NAMES:
        term.type(name)
        term.keys("Enter")
    term.wait_for("Anna, Cem, Eva")  # groups proposed as we type
    term.keys("C-s")
    term.wait_for("1/6 · Introductie", "niet gestart")

    # -- introduction and research: start the clock and move on --------------------------------
    term.keys("space")
    term.wait_for("loopt")
    next_phase(term, 2, "Filmpje / onderzoek")
    term.wait_for("128 mentoren")  # the survey figures, not the previous phase's body

    # -- dialogue: two notes, one of them markup that must show literally ------------------------
    next_phase(term, 3, "Dialoog")
    term.wait_for("Typ een notitie", " toetsen ")  # arriving never focuses the field
    term.keys("i")  # the facilitator chooses to type
    term.wait_for(" typen ")
    term.type("Agenda vooraf naar ouders sturen")
    term.keys("Enter")
    term.type(MARKUP)
    term.keys("Enter")
    screen = term.wait_for("• Agenda vooraf naar ouders sturen", f"• {MARKUP}")
    # Typing went into the field: the timer keys (space, n, p) did nothing meanwhile.
    assert "3/6 · Dialoog" in screen and "loopt" in screen
    term.keys("Escape")  # out of the field: the timer keys work again
    term.wait_for(" toetsen ")

    # The room view (projector): the clock and the question, never a note.
    term.keys("r")
    room = term.wait_for("Wat helpt en wat hindert", gone="Typ een notitie")
    assert "Agenda vooraf" not in room and MARKUP not in room and "x[/]" not in room
    term.keys("r")
    term.wait_for("Typ een notitie")

    # -- plenary: mark the first note as a tip and promote it to an action point ----------------
    next_phase(term, 4, "Plenair")
    term.wait_for("★ 0 tips", "Agenda vooraf naar ouders sturen")
    term.keys("t")
    term.wait_for("★ 1 tip")
    term.keys("Enter")
    term.wait_for("actiepunt gemaakt")

    # -- practice: pairs, cards, one talk, an observer's feedback --------------------------------
    next_phase(term, 5, "Oefenen")
    term.wait_for("Kies 2 voor tweetallen")
    term.keys("2")
    term.wait_for("Groep 1")
    term.keys("d")
    term.wait_for("getrokken")
    term.wait_for("klaar om te starten")
    term.keys("t")
    term.wait_for("Gesprek 1 van", gone="klaar om te starten")
    drawn = load_session(next(term.sessions.glob("*.toml")))
    deck = content.default_deck()
    secrets = [deck.card(c).render("nl", r.situation) for r in drawn.rounds for c in r.cards]
    assert secrets and not any(s[:40] in term.screen() for s in secrets)  # the console shows no card text
    term.keys("r")
    room = term.wait_for("Oefenen", gone="Groep 1")
    assert not any(s[:30] in room for s in secrets) and "Anna" not in room
    term.keys("r")
    term.wait_for("Groep 1")
    term.keys("e")
    term.wait_for("het gesprek duurde")
    term.keys("f")
    term.wait_for("Wat zag of hoorde je?")
    term.type("Goede open vraag over thuis")
    term.keys("Enter")
    term.wait_for("Opgeslagen")
    term.keys("Escape")
    term.wait_for("5/6 · Oefenen", gone="Wat zag of hoorde je?")

    # -- evaluation: one answer ---------------------------------------------------------------------
    next_phase(term, 6, "Evaluatie")
    term.wait_for("perspectief")
    term.keys("i")
    term.wait_for(" typen ")
    term.type("Het perspectief van de ouder bleef lastig")
    term.keys("Enter")
    term.wait_for("• Het perspectief van de ouder bleef lastig")
    term.keys("Escape")
    term.wait_for(" toetsen ")  # read as a lone Esc (a letter right behind it would make alt+letter)

    # -- an action point from the action-points screen ----------------------------------------------
    term.keys("a")
    term.wait_for("Wanneer", "Agenda vooraf naar ouders sturen")  # the list's own column head
    term.keys("a")
    term.wait_for("Wat gaan we doen?", " typen ")
    term.type("Elk gesprek beginnen met een agenda")
    term.keys("C-s")
    term.wait_for("Elk gesprek beginnen met een agenda", gone="Wat gaan we doen?")
    term.keys("Escape")
    term.wait_for("6/6 · Evaluatie")

    # -- pause the clock and quit ----------------------------------------------------------------------
    term.keys("space")
    before = term.wait_for("gepauzeerd")
    term.keys("q")
    term.wait_exit()

    session = load_session(next(term.sessions.glob("*.toml")))
    assert session.title == "Intervisie mentoren" and session.agenda == "kort"
    assert [p.name for p in session.participants] == NAMES
    notes = {n.text: n for n in session.notes}
    assert set(notes) == {"Agenda vooraf naar ouders sturen", MARKUP}
    assert notes["Agenda vooraf naar ouders sturen"].tip
    points = [p.text for p in session.action_points]
    assert points == ["Agenda vooraf naar ouders sturen", "Elk gesprek beginnen met een agenda"]
    assert len(session.practice_groups) == 2 and all(len(g.members) == 3 for g in session.practice_groups)
    talk = next(r for r in session.rounds if r.observations)
    assert talk.cards and talk.started and talk.ended
    assert [o.text for o in talk.observations] == ["Goede open vraag over thuis"]
    assert [a.text for a in session.evaluation] == ["Het perspectief van de ouder bleef lastig"]
    state = replay(session.phases, session.clock, datetime.now(timezone.utc))
    assert state.current == 5 and not state.running and state.phase.elapsed.total_seconds() > 0

    # -- reopen: the same phase, the same paused clock ----------------------------------------------
    term.start()
    term.wait_for("Intervisie mentoren", "Evaluatie")
    term.keys("Enter")
    # Reopening lands in keys mode (q quits, it is not typed): wait for the key bar to say so too.
    after = term.wait_for("6/6 · Evaluatie", "gepauzeerd", "Het perspectief van de ouder bleef lastig", " toetsen ")
    assert clock_region(after) == clock_region(before)
    term.keys("q")
    term.wait_exit()
