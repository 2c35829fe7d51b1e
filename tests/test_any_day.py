"""The suite holds on any day: the date-sensitive tests again, with the system clock a year ahead.

Tests inject their clocks, but a forgotten `datetime.now()` in the code under test only shows
once the real date has moved past the fake one (CI went red that way on 2026-11-24). libfaketime
moves the clock of a child pytest; `.ci/run` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Everything that stores or compares dates: the clock, the store, services, the web server, exports.
DATED = [
    "tests/core/test_agenda_clock.py", "tests/web/test_api.py", "tests/web/test_robustness.py",
    "tests/services/test_roleplay.py", "tests/services/test_followup_review.py", "tests/core/test_followup_rules.py",
    "tests/storage/test_session_file_format.py", "tests/tui/test_app.py", "tests/export/test_markdown.py",
]

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("faketime") is None and not os.environ.get("CI"),
                    reason="faketime is not installed (Debian package faketime; .ci/run installs it)")
@pytest.mark.parametrize("shift", ["+365d", "+3650d"])
def test_the_dated_tests_pass_with_the_clock_moved_ahead(shift, tmp_path):
    assert shutil.which("faketime"), "faketime is missing: CI must install it"
    probe = subprocess.run(["faketime", "-f", shift, sys.executable, "-c", "import datetime; print(datetime.date.today().year)"],
                           capture_output=True, text=True, timeout=60)
    import datetime

    assert int(probe.stdout) > datetime.date.today().year, "faketime did not move the clock"
    run = subprocess.run(
        ["faketime", "-f", shift, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         "-o", "addopts=", *DATED],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
