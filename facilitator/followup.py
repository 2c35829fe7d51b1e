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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from . import content
from .core import followup as core
from .core.model import MAX_TEXT, ActionPoint, Outcome, QuickscanRating, Session, new_id
from pydantic import ValidationError

from .errors import FileFormatError, UserError, describe_validation
from .service import Library, SessionService
from .store import load_session


def t(lang: str, nl: str, en: str) -> str:
    return en if lang == "en" else nl


def _file_id(path: Path) -> str | None:
    """The session id written in a file, read cheaply (it is at the top)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    for line in head.decode("utf-8", "replace").splitlines():
        if line.startswith("id = "):
            try:
                return tomllib.loads(line)["id"]
            except (tomllib.TOMLDecodeError, KeyError):
                return None
    return None


def locate(library: Library, session_id: str) -> Path | None:
    """The file of session `session_id`, wherever it is in the library; None if gone."""
    direct = library.find_id(session_id)
    if direct is not None:
        return direct
    archived = library.directory / "archive" / f"{session_id}.toml"
    if archived.exists():
        return archived
    # A renamed file: the id inside still says who it is.
    candidates = library.files()
    archive = library.directory / "archive"
    if archive.is_dir():
        candidates += sorted(archive.glob("*.toml"))
    return next((p for p in candidates if _file_id(p) == session_id), None)


def missing_message(session_id: str, library: Library, lang: str = "nl", why: str | None = None) -> str:
    if why:
        return t(
            lang,
            f"Gekoppelde sessie {session_id!r} is niet te lezen: {why}. De andere sessies worden wel getoond.",
            f"Linked session {session_id!r} cannot be read: {why}. The other sessions are shown.",
        )
    return t(
        lang,
        f"Gekoppelde sessie {session_id!r} ontbreekt in {library.directory} "
        "(verwijderd, of naar een andere map verplaatst?). De andere sessies worden wel getoond.",
        f"Linked session {session_id!r} is missing from {library.directory} "
        "(deleted, or moved to another folder?). The other sessions are shown.",
    )


def resolve_ids(library: Library, refs: Iterable[str]) -> list[Session]:
    """Sessions named on the command line (id, file, prefix or title), read-only."""
    out = []
    for ref in refs:
        path = library.find(ref)
        out.append(load_session(path))
    return out


def create_followup(
    library: Library, follows: Iterable[str], *, title: str | None = None, on: date | None = None,
    lang: str = "nl", school: str = "", facilitator: str = "",
) -> SessionService:
    """A new follow-up session linked (by id) to the sessions it reviews."""
    ids = list(dict.fromkeys(follows))
    if not ids:
        raise UserError(t(lang, "een vervolgbijeenkomst volgt minstens één sessie",
                          "a follow-up follows at least one session"))
    if title is None:
        first = locate(library, ids[0])
        name = ids[0]
        if first is not None:
            try:
                s = load_session(first)
                name, school = s.title, school or s.school
            except FileFormatError:
                pass
        others = len(ids) - 1
        more = "" if not others else t(
            lang, f" en {others} andere sessie" + ("s" if others > 1 else ""),
            f" and {others} other session" + ("s" if others > 1 else ""),
        )
        title = t(lang, "Vervolg: ", "Follow-up: ") + name + more
    return library.create(
        title[:300], on=on, agenda="followup", kind="followup", follows=ids, lang=lang,
        school=school, facilitator=facilitator,
    )


def find_followups(library: Library, ids: Iterable[str]) -> list[Path]:
    """Follow-up sessions that review exactly these ids, newest first."""
    wanted = set(ids)
    found = []
    for s in library.summaries():
        if s.kind != "followup" or s.error:
            continue
        try:
            sess = load_session(s.path)
        except FileFormatError:
            continue
        if set(sess.follows) == wanted:
            found.append((sess.created, s.path))
    return [p for _, p in sorted(found, reverse=True)]


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
        raise UserError(t(self.lang, f"sessie {session_id!r} is niet geopend", f"session {session_id!r} is not open"))

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
            raise UserError(t(self.lang, f"actiepunt {key[1]!r} bestaat niet meer", f"action point {key[1]!r} no longer exists"))
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
            raise UserError(describe_validation(exc)) from None

    def set_status(self, key: tuple[str, str], status: str) -> None:
        if status not in core.STATUSES:
            raise UserError(f"unknown status {status!r} (one of {', '.join(core.STATUSES)})")
        self.item(key)
        self.service_of(key[0]).update("action_points", key[1], status=status, reviewed=self._now())

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
        svc.add(f"action_points/{key[1]}/outcomes", outcome)
        svc.update("action_points", key[1], reviewed=self._now())
        return outcome

    def set_next_step(self, key: tuple[str, str], text: str) -> None:
        self.item(key)
        svc = self.service_of(key[0])
        self._valid(lambda: svc.update("action_points", key[1], next_step=text.strip(), reviewed=self._now()))

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
            raise UserError(t(self.lang, "er is nog geen volgende stap om actiepunt van te maken",
                              "there is no next step to turn into an action point yet"))
        if len(text) > MAX_TEXT:
            raise UserError(t(self.lang, f"een actiepunt is hooguit {MAX_TEXT} tekens",
                              f"an action point is at most {MAX_TEXT} characters"))
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
        return Snapshot(fu, [s.session for s in self.services()], self.messages, self.lang)

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
        raise UserError(describe_validation(exc)) from None
    service.add("quickscan", item)
    return item


def open_linked(library: Library, session_id: str, lang: str = "nl") -> Linked:
    path = locate(library, session_id)
    if path is None:
        return Linked(session_id, error=missing_message(session_id, library, lang))
    try:
        store_svc = library.open(str(path))
    except FileFormatError as exc:
        return Linked(session_id, error=missing_message(session_id, library, lang, why=exc.what))
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
    refs = list(refs)
    if not refs:
        raise UserError(t(lang, "noem minstens één sessie", "name at least one session"))
    sessions = resolve_ids(library, refs)
    followups = [s for s in sessions if s.kind == "followup"]
    if followups:
        if len(sessions) > 1:
            raise UserError(t(
                lang, "noem één vervolgbijeenkomst, of alleen de sessies die je wilt nalopen",
                "name one follow-up session, or only the sessions to review",
            ))
        followup = library.open(str(library.find(refs[0])))
        ids = list(followup.session.follows)
    else:
        ids = list(dict.fromkeys(s.id for s in sessions))
        if new_followup:
            followup = create_followup(library, ids, lang=lang)
        else:
            existing = find_followups(library, ids)
            if existing:
                followup = library.open(str(existing[0]))
    linked = [open_linked(library, sid, lang) for sid in ids]
    return Review(library, followup, linked, lang)


# -- read-only snapshots (exports, the non-terminal CLI) ------------------------------
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
    refs = list(refs)
    if not refs:
        raise UserError(t(lang, "noem minstens één sessie", "name at least one session"))
    sessions = resolve_ids(library, refs)
    fu = next((s for s in sessions if s.kind == "followup"), None)
    if fu is not None:
        if len(sessions) > 1:
            raise UserError(t(
                lang, "noem één vervolgbijeenkomst, of alleen de sessies die je wilt nalopen",
                "name one follow-up session, or only the sessions to review",
            ))
        ids = list(fu.follows)
    else:
        ids = list(dict.fromkeys(s.id for s in sessions))
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
