"""Read-only snapshots of a follow-up (exports, the non-terminal CLI): read without locking or writing."""

from __future__ import annotations

from typing import Iterable

from facilitator.core.errors import FileFormatError
from facilitator.core.followup import Snapshot
from facilitator.core.model import Session
from facilitator.services import content
from facilitator.services.followup.links import find_followups, locate, missing_message, split_refs
from facilitator.services.library import Library
from facilitator.storage.sessionfile import load_session


def load_snapshot(library: Library, refs: Iterable[str], lang: str = "nl") -> Snapshot:
    """A follow-up session (or the sessions to review) as a read-only snapshot."""
    ids, fu = split_refs(library, refs, lang)
    if fu is None:
        existing = find_followups(library, ids)
        fu = load_session(existing[0]) if existing else None
    return snapshot_of(library, fu, ids, lang)


def snapshot_of(library: Library, fu: Session | None, ids: Iterable[str] | None = None, lang: str = "nl") -> Snapshot:
    """A snapshot of follow-up `fu` (reviewing `ids`, default its `follows`), read-only."""
    reviewed, messages = [], []
    for sid in (ids if ids is not None else (fu.follows if fu else [])):
        path = locate(library, sid)
        if path is None:
            messages.append(missing_message(sid, library, lang))
            continue
        try:
            reviewed.append(load_session(path))
        except FileFormatError as exc:
            messages.append(missing_message(sid, library, lang, why=exc.what_said(lang)))
    return Snapshot(fu, reviewed, messages, lang, factors=content.success_factors())
