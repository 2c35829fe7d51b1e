"""End to end in a real terminal: tmux runs `python -m facilitator`, we type.

Creates a session through the form, starts the clock, moves to the next
phase (confirming, since the clock runs), quits; then the session file holds
the session and the clock log, and reopening shows the same phase.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from facilitator.storage.sessionfile import load_session

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Term:
    """One tmux session on a private tmux server (-L), so other tmux users' options
    (window sizes) cannot leak in and killing it touches nothing else."""

    def __init__(self, name: str):
        self.name = name

    def tmux(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.name, *args], **kwargs)

    def start(self, sessions: Path, data: Path) -> None:
        cmd = " ".join([
            "env", "-u", "COLUMNS", "-u", "LINES", f"PYTHONPATH={shlex.quote(str(ROOT))}", f"FACILITATOR_DATA_DIR={shlex.quote(str(data))}",
            "TERM=xterm-256color", shlex.quote(sys.executable), "-m", "facilitator",
            "--sessions-dir", shlex.quote(str(sessions)),
        ])
        self.tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", cmd, check=True)

    def screen(self) -> str:
        out = self.tmux("capture-pane", "-p", "-t", self.name, capture_output=True, text=True)
        return out.stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name, capture_output=True).returncode == 0

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; screen:\n{self.screen()}")

    def keys(self, *keys: str, pause: float = 0.15) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key, check=True)
            time.sleep(pause)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text, check=True)
        time.sleep(0.2)

    def wait_exit(self, timeout: float = 10) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.alive():
            time.sleep(0.1)
        assert not self.alive(), f"the app did not quit; screen:\n{self.screen()}"

    def kill(self) -> None:
        self.tmux("kill-server", capture_output=True)


def test_create_run_quit_reopen_in_tmux(tmp_path):
    sessions, data = tmp_path / "s", tmp_path / "data"
    term = Term(f"facilitator-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        term.start(sessions, data)
        term.wait_for("Nog geen sessies")
        term.keys("n")
        term.wait_for("Deelnemers (één naam per regel)")
        term.type("E2E [bold red]sessie[/]")
        term.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")  # date, next, school, facilitator, agenda, names
        for name in ("Anna", "Bram", "Cem", "Dewi", "Eva", "Fenna"):
            term.type(name)
            term.keys("Enter", pause=0.05)
        term.wait_for("Anna, Cem, Eva")  # groups proposed while typing
        term.keys("C-s")
        term.wait_for("1/6 · Introductie")
        term.keys("Space")
        term.wait_for("loopt")
        term.keys("n")
        term.wait_for("Doorgaan naar Filmpje")
        term.keys("y")
        term.wait_for("2/6 · Filmpje")
        term.keys("q")
        term.wait_exit()

        files = sorted(sessions.glob("*.toml"))
        assert len(files) == 1
        session = load_session(files[0])
        assert session.title == "E2E [bold red]sessie[/]"
        assert [p.name for p in session.participants] == ["Anna", "Bram", "Cem", "Dewi", "Eva", "Fenna"]
        assert len(session.groups) == 2
        assert [e.action for e in session.clock] == ["start", "next"]

        term.start(sessions, data)
        screen = term.wait_for("E2E [bold red]sessie[/]")
        assert "Filmpje / onderzoek" in screen  # phase reached, on the home screen
        term.keys("Enter")
        screen = term.wait_for("2/6 · Filmpje")
        assert "loopt" in screen
        term.keys("C-q")
        term.wait_exit()
    finally:
        term.kill()
