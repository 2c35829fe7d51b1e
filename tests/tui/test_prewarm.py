"""The home list's head start: the code to open a session is loaded while the list sits idle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from facilitator.tui.app import FacilitatorApp
from tests.tui.helpers import make_app, settle, sync

ROOT = Path(__file__).resolve().parents[2]


def test_prewarm_loads_the_run_screen_and_every_phase_view_but_no_pdf_or_web_code():
    code = (
        "import sys; from facilitator.tui.prewarm import prewarm, MODULES; done = prewarm();"
        "from facilitator.tui.phases import VIEWS;"
        "missing = [m for m in MODULES if m not in sys.modules]"
        " + [v for v in VIEWS.values() if 'facilitator.tui.phases.' + v.split(':')[0] not in sys.modules];"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('reportlab', 'aiohttp')"
        " or m.startswith('facilitator.web')];"
        "print(missing, bad); sys.exit(1 if missing or bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@sync
async def test_the_home_list_starts_the_head_start_once_it_shows_a_session(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui import prewarm

    started = []
    monkeypatch.setattr(prewarm, "prewarm", lambda: started.append(True) or [])
    library.create("Vooraf").close()
    app: FacilitatorApp = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        assert started == [True]
