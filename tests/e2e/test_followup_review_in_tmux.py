"""The review in a real terminal (tmux, 80x24): keys in, screen and file out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.storage.sessionfile import load_session

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")]


def wait_for(name: str, text: str, timeout: float = 30) -> str:
    end = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < end:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True,
                                text=True).stdout
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not on screen:\n{screen}")


def test_review_in_tmux(library, isolated_dirs, tmp_path):
    svc = library.create("Team A")
    svc.add_action_point("Stuur een agenda [b]vooraf[/b]", factors=[5])
    svc.close()
    name = f"fu-test-{os.getpid()}"
    env = f"FACILITATOR_SESSIONS_DIR={shlex.quote(str(isolated_dirs))} PYTHONPATH={shlex.quote(str(ROOT))}"
    cmd = f"{env} {shlex.quote(sys.executable)} -m facilitator review 'Team A'; echo EXIT=$?; sleep 5"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", "-c", str(tmp_path), cmd],
                   check=True)
    try:
        wait_for(name, "Stuur een agenda [b]vooraf[/b]")
        subprocess.run(["tmux", "send-keys", "-t", name, "2"], check=True)
        wait_for(name, "geprobeerd, het hielp")
        subprocess.run(["tmux", "send-keys", "-t", name, "Escape"], check=True)
        wait_for(name, "EXIT=0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    assert load_session(library.find_id(svc.session.id)).action_points[0].status == "helped"
