"""Who joined on a phone: the join code and the phones' tokens, kept next to the session.

`facilitator serve` (and the in-app server) remember the code and every
token it handed out in a small owner-only file beside the session file
(``.<id>.phones.json``, mode 0600, written atomically with fsync). A restart
of serve or of the app for the same meeting reads it back, so phones and the
room display carry on with the cookie they have; nobody re-enters the code.
It is kept out of the session file on purpose: tokens are secrets that must
never end up in an export, a copy of the session mailed to a colleague, or the
follow-up meeting weeks later. A new code (``serve --new-code``) replaces the
file and so ends every token.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from facilitator.core.errors import FileFormatError
from facilitator.storage.fsutil import atomic_write, read_regular

LIMIT = 1024 * 1024  # 2,000 tokens of ~200 bytes fit easily


def path_for(session_path: Path | str) -> Path:
    session_path = Path(session_path)
    return session_path.with_name(f".{session_path.stem}.phones.json")


def load(session_path: Path | str) -> dict[str, Any] | None:
    """The remembered code and tokens, or None (absent, unreadable or not ours: start fresh)."""
    path = path_for(session_path)
    try:
        raw = read_regular(path, LIMIT, follow=False, what="phones file")
        data = json.loads(raw)
    except (OSError, FileFormatError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("code"), str):
        return None
    if not isinstance(data.get("tokens"), list):
        data["tokens"] = []
    return data


def save(session_path: Path | str, data: dict[str, Any]) -> None:
    """All of it or none of it, owner-only (0600) whatever the umask."""
    path = path_for(session_path)
    atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass


def forget(session_path: Path | str) -> None:
    try:
        path_for(session_path).unlink()
    except FileNotFoundError:
        pass
