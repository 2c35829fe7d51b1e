"""The follow-up meeting: review earlier sessions' action points, through their services.

A follow-up is a session of kind "followup" whose ``follows`` lists the ids of
the sessions it reviews. Links are ids, never paths: ``locate`` finds a session
by id wherever it is in the sessions folder (renamed file, archive/), so moving
or renaming the folder keeps every link working.

What is written where (see docs/followup.md):
- a point's status, outcomes, next step and ``reviewed`` time are written to
  the ORIGINAL session, through that session's own SessionService; nothing
  else in it changes. The action point lives there, so its history stays with
  it and the next follow-up (or the original's own PDF) sees it;
- each outcome records the follow-up session id it was said in;
- new action points (a next step turned into a point) and the follow-up's own
  quickscan go to the follow-up session.

Finding sessions by id lives in ``followup_links``, read-only snapshots in
``followup_snapshot``; both are importable from here too.
"""

from __future__ import annotations

from facilitator.core import catalog

from dataclasses import dataclass
from typing import Iterable

from pydantic import ValidationError

from facilitator.core import followup as core
from facilitator.core.errors import FileFormatError, UserError, validation_problem
from facilitator.core.followup import Snapshot
from facilitator.core.model import MAX_TEXT, ActionPoint, Outcome, QuickscanRating, new_id
from facilitator.services import content
from facilitator.services.followup.links import (
    create_followup,
    find_followups,
    locate,
    missing_message,
    split_refs,
)
from facilitator.services.library import Library
from facilitator.services.session import SessionService



@dataclass
class Linked:
    """One reviewed session: open, or missing with the reason."""

    id: str
    service: SessionService | None = None
    error: str | None = None  # a message naming the id, in the review's language


class Review:
    """A follow-up meeting in progress: the follow-up session plus the sessions it reviews.

    Every change goes through a SessionService. Open it with ``open_review``;
    call ``close()`` when done (it checkpoints every session it opened).
    """

    def __init__(
        self, library: Library, followup: SessionService | None, linked: list[Linked], lang: str = "nl",
        *, owns_followup: bool = True,
    ):
        self.library = library
        self.followup = followup
        self.linked = linked
        self.lang = lang
        # A follow-up service handed in by the caller (the run screen's) stays open on close().
        self.owns_followup = owns_followup

    # -- reading -----------------------------------------------------------------
    @property
    def messages(self) -> list[str]:
        return [x.error for x in self.linked if x.error]

    @property
    def missing(self) -> list[str]:
        return [x.id for x in self.linked if x.service is None]

    def services(self) -> list[SessionService]:
        return [x.service for x in self.linked if x.service is not None]

    def service_of(self, session_id: str) -> SessionService:
        for x in self.linked:
            if x.id == session_id and x.service is not None:
                return x.service
        raise UserError(catalog.t("services.followup.review.session_is_not_open", self.lang, session_id=session_id))

    def items(self) -> list[core.ReviewItem]:
        """Every action point of the reviewed sessions, session by session."""
        return [
            core.ReviewItem(svc.session.id, svc.session.title, p, svc.session.date)
            for svc in self.services() for p in svc.session.action_points
        ]

    def open_items(self) -> list[core.ReviewItem]:
        return [i for i in self.items() if i.point.status == "open"]

    def item(self, key: tuple[str, str]) -> core.ReviewItem:
        svc = self.service_of(key[0])
        point = next((p for p in svc.session.action_points if p.id == key[1]), None)
        if point is None:
            raise UserError(catalog.t("services.followup.review.action_point_no_longer_exists", self.lang, key=key[1]))
        return core.ReviewItem(svc.session.id, svc.session.title, point, svc.session.date)

    def new_points(self) -> list[ActionPoint]:
        return list(self.followup.session.action_points) if self.followup else []

    @property
    def saved(self) -> bool:
        return all(s.saved for s in self._all_services())

    def _all_services(self) -> list[SessionService]:
        return self.services() + ([self.followup] if self.followup else [])

    # -- recording against the original action point ------------------------------
    def _now(self):
        return self.library.now()

    @staticmethod
    def _valid(make):
        """Run `make`; a value the model refuses (too long, bad factor) is a UserError."""
        try:
            return make()
        except ValidationError as exc:
            key, fields = validation_problem(exc)
            raise UserError(key=key, **fields) from None

    def set_status(self, key: tuple[str, str], status: str) -> None:
        if status not in core.STATUSES:
            raise UserError(key="error.unknown_status", status=status, choices=", ".join(core.STATUSES))
        self.item(key)
        self.service_of(key[0]).review_action_point(key[1], status=status)

    def add_outcome(self, key: tuple[str, str], text: str, author: str | None = None) -> Outcome | None:
        """Add what happened; several people each add their own. Blank text adds nothing."""
        text = text.strip()
        if not text:
            return None
        self.item(key)
        outcome = self._valid(lambda: Outcome(
            id=new_id("u"), text=text, author=(author or "").strip() or None, created=self._now(),
            session=self.followup.session.id if self.followup else None,
        ))
        svc = self.service_of(key[0])
        svc.add_outcome(key[1], outcome)
        return outcome

    def set_next_step(self, key: tuple[str, str], text: str) -> None:
        self.item(key)
        svc = self.service_of(key[0])
        self._valid(lambda: svc.review_action_point(key[1], next_step=text.strip()))

    def ensure_followup(self) -> SessionService:
        """The follow-up session, created (linked to every reviewed id) if there is none yet."""
        if self.followup is None:
            self.followup = create_followup(self.library, [x.id for x in self.linked], lang=self.lang)
        return self.followup

    def promote(self, key: tuple[str, str], text: str | None = None, owner: str | None = None) -> ActionPoint:
        """Turn a point's next step into a new action point of the follow-up session."""
        item = self.item(key)
        text = (text if text is not None else item.point.next_step).strip()
        if not text:
            raise UserError(catalog.t("services.followup.review.there_is_no_next_step_to", self.lang))
        if len(text) > MAX_TEXT:
            raise UserError(catalog.t("services.followup.review.an_action_point_is_at_most", self.lang, limit=MAX_TEXT))
        fu = self.ensure_followup()
        return fu.add_action_point(text, owner=owner or item.point.owner, factors=item.point.factors)

    # -- quickscan -------------------------------------------------------------------
    def rate(self, factor: int, rating: str, by: str | None = None, session_id: str | None = None) -> QuickscanRating:
        """A quickscan rating in the follow-up (default) or in a reviewed session (`session_id`)."""
        svc = self.service_of(session_id) if session_id else self.ensure_followup()
        return rate(svc, factor, rating, by)

    def comparison(self) -> core.Comparison:
        return self.snapshot().comparison()

    def snapshot(self) -> "Snapshot":
        fu = self.followup.session if self.followup else None
        return Snapshot(fu, [s.session for s in self.services()], self.messages, self.lang,
                        factors=content.success_factors())

    # -- life cycle ------------------------------------------------------------------
    def refresh(self) -> bool:
        """Pick up other processes' changes; True if anything changed."""
        changed = False
        for svc in self._all_services():
            changed = bool(svc.refresh()) or changed
        return changed

    def flush(self) -> bool:
        return all([svc.flush() for svc in self._all_services()])

    def close(self) -> None:
        for svc in self.services():
            svc.close()
        if self.followup is not None and self.owns_followup:
            self.followup.close()


def rate(service: SessionService, factor: int, rating: str, by: str | None = None) -> QuickscanRating:
    """Record one quickscan rating in `service`'s session (``by`` None: the team's rating)."""
    try:
        item = QuickscanRating(
            id=new_id("q"), factor=factor, rating=rating, by=(by or "").strip() or None, created=service.now()
        )
    except ValidationError as exc:
        key, fields = validation_problem(exc)
        raise UserError(key=key, **fields) from None
    service.rate_factor(item)
    return item


def open_linked(library: Library, session_id: str, lang: str = "nl") -> Linked:
    path = locate(library, session_id)
    if path is None:
        return Linked(session_id, error=missing_message(session_id, library, lang))
    try:
        store_svc = library.open(str(path))
    except FileFormatError as exc:
        return Linked(session_id, error=missing_message(session_id, library, lang, why=exc.what_said(lang)))
    return Linked(session_id, service=store_svc)


def open_review(
    library: Library, refs: Iterable[str] = (), *, new_followup: bool = False, lang: str = "nl",
    followup: SessionService | None = None,
) -> Review:
    """Open a review of `refs`: one follow-up session, or one or more sessions to review.

    - `followup`: an open follow-up session (e.g. the run screen's); its linked
      sessions are reviewed and it is left open by ``Review.close()``;
    - a follow-up session: review the sessions it follows (missing ones are reported);
    - training sessions: reuse the newest follow-up that reviews exactly these
      (unless `new_followup`); with `new_followup` create one now; otherwise one
      is created when first needed (a new action point or a follow-up rating).
    """
    if followup is not None:
        linked = [open_linked(library, sid, lang) for sid in followup.session.follows]
        return Review(library, followup, linked, lang, owns_followup=False)
    ids, named = split_refs(library, refs, lang)
    if named is not None:
        followup = library.open(str(library.find(named.id)))
        ids = list(followup.session.follows)
    else:
        if new_followup:
            followup = create_followup(library, ids, lang=lang)
        else:
            existing = find_followups(library, ids)
            if existing:
                followup = library.open(str(existing[0]))
    linked = [open_linked(library, sid, lang) for sid in ids]
    return Review(library, followup, linked, lang)
