"""Read-only snapshots of a follow-up (exports, the non-terminal CLI), and its headings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from facilitator.core import followup as core
from facilitator.core.errors import FileFormatError
from facilitator.core.model import ActionPoint, Session
from facilitator.core.plain import pick as t
from facilitator.services.followup.links import find_followups, locate, missing_message, split_refs
from facilitator.services.library import Library
from facilitator.storage import content
from facilitator.storage.sessionfile import load_session


@dataclass
class Snapshot:
    """What a follow-up looks like now, read without locking or writing anything."""

    followup: Session | None
    sessions: list[Session]
    messages: list[str]
    lang: str = "nl"

    def items(self) -> list[core.ReviewItem]:
        return [core.ReviewItem(s.id, s.title, p, s.date) for s in self.sessions for p in s.action_points]

    def open_items(self) -> list[core.ReviewItem]:
        return [i for i in self.items() if i.point.status == "open"]

    def new_points(self) -> list[ActionPoint]:
        return list(self.followup.action_points) if self.followup else []

    def comparison(self) -> core.Comparison:
        before = core.combine({s.id: s.quickscan for s in self.sessions})
        after = list(self.followup.quickscan) if self.followup else []
        return core.compare(before, after, content.success_factors())

    @property
    def title(self) -> str:
        if self.followup is not None:
            return self.followup.title
        return ", ".join(s.title for s in self.sessions)


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
            messages.append(missing_message(sid, library, lang, why=exc.what))
    return Snapshot(fu, reviewed, messages, lang)


def factor_label(n: int | None, lang: str) -> str:
    """'5. <title>' of a success factor, for grouping headings (screens and exports alike)."""
    if n is None:
        return t(lang, "Zonder succesfactor", "No success factor")
    return f"{n}. {content.success_factors().factor(n).title.get(lang)}"


def cluster_label(cid: str | None, lang: str) -> str:
    if cid is None:
        return t(lang, "Zonder succesfactor", "No success factor")
    return next(c.title.get(lang) for c in content.success_factors().clusters if c.id == cid)
