"""Every test runs against a private sessions folder and user data folder."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from facilitator.services.library import Library


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    sessions = tmp_path / "sessions"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(sessions))
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("FACILITATOR_LOG_DIR", str(tmp_path / "logs"))  # never the user's real log folder
    return sessions


@pytest.fixture
def utc(monkeypatch):
    """Pin local time to UTC: exports print start/end times in local time."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class FakeClock:
    """An injectable clock: starts at a fixed moment and moves only when told."""

    def __init__(self, start: datetime | None = None):
        self.t = start or datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.t

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        self.t += timedelta(seconds=seconds, minutes=minutes)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def library(isolated_dirs, clock) -> Library:
    return Library(Path(isolated_dirs), now=clock)


@pytest.fixture
def service(library):
    svc = library.create("Intervisie mentoren", participants=["Anna", "Bram", "Cem", "Dewi"])
    svc.rng = random.Random(7)
    yield svc
    svc.close()
