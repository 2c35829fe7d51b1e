"""One row of the sessions list: what the home screen and `facilitator list` show of a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class SessionSummary:
    path: Path
    id: str
    title: str = ""
    date: date | None = None
    kind: str = "training"
    phase: str = ""
    notes: int = 0
    action_points: int = 0
    error: str | None = None
    damaged: list[int] | None = None  # journal lines skipped as unreadable
    verified: bool = field(default=True, compare=False, repr=False)  # False: a quick read, display only
