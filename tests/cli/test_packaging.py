"""A wheel installed outside the checkout carries the deck, agendas, figures and fonts."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_works_outside_the_checkout(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("facilitator-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("facilitator/data/cards/default.toml", "facilitator/data/agendas/default.toml",
                   "facilitator/data/survey.toml", "facilitator/data/success_factors.toml", "facilitator/data/method.toml",
                   "facilitator/data/fonts/DejaVuSans.ttf", "facilitator/data/fonts/LICENSE-DejaVu.txt",
                   "facilitator/tui/app.tcss", "facilitator/tui/screens/run.tcss", "facilitator/tui/dialogs/confirm.tcss",
                   "facilitator/tui/dialogs/new_session.tcss", "facilitator/tui/dialogs/export.tcss",
                   "facilitator/web/static/observer.html"):
        assert needed in names, needed
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "FACILITATOR_SESSIONS_DIR": str(tmp_path / "s"),
           "FACILITATOR_DATA_DIR": str(tmp_path / "u")}
    code = ("import facilitator.storage.paths as p, facilitator.services.content as c;"
            "assert p.checkout_dir() is None, p.checkout_dir();"
            "print(c.load_decks().sources['default']);"
            "print(c.template('default').total_minutes, len(c.survey().topics))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert str(site) in run.stdout and "69 8" in run.stdout
