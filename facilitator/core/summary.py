"""One row of the sessions list: what the home screen and `facilitator list` show of a session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
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
    error: str | None = None  # in English; error_key and error_fields say it in the reader's language
    damaged: list[int] | None = None  # journal lines skipped as unreadable
    verified: bool = field(default=True, compare=False, repr=False)  # False: a quick read, display only
    error_key: str | None = None  # the catalog key of what is wrong with the file (FileFormatError.what_key)
    error_fields: dict | None = None  # its fields: plain data, cached with the row
    ended: datetime | None = None  # when Afronden ended the meeting (UTC); None while it is open

    def error_text(self, lang: str) -> str | None:
        """What is wrong with the file, in ``lang`` (English when the error has no catalog key)."""
        if self.error_key is None:
            return self.error
        from facilitator.core.errors import said

        try:
            return said(self.error_key, lang, self.error_fields or {})
        except (KeyError, IndexError, TypeError, ValueError):  # a key or field the catalog no longer has
            return self.error
