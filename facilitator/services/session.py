"""The session service: the one way screens, the CLI and the web server change a session.

Data flows one way: caller -> service -> store. Each method builds one
operation, and the store applies and journals it before the method returns.
If the disk refuses (full, read-only), the change stays in memory, is queued,
and ``flush`` retries it; ``saved`` tells the screen whether to say so.
"""

from __future__ import annotations

import random
import re
import secrets
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pydantic import BaseModel

from facilitator.core import cards as core_cards, clock as core_clock
from facilitator.core.errors import FileFormatError, StorageError, UserError
from facilitator.core.model import (
    ActionPoint,
    ClockEvent,
    EvaluationAnswer,
    Group,
    Note,
    Observation,
    Participant,
    RolePlayRound,
    Session,
    new_id,
)
from facilitator.core.summary import SessionSummary
from facilitator.storage import content
from facilitator.storage.fsutil import ensure_dir
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionStore
from facilitator.storage.summaries import summaries as list_summaries

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def slugify(text: str, limit: int = 40) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-") or "sessie"


def dump(item: BaseModel) -> dict[str, Any]:
    return item.model_dump(mode="json", exclude_none=True)


class SessionService:
    def __init__(self, store: SessionStore, now: Now = utc_now, rng: random.Random | None = None):
        self.store = store
        self.now = now
        self.rng = rng or random.Random()
        self.last_error: str | None = None

    # -- plumbing ----------------------------------------------------------------
    @property
    def session(self) -> Session:
        return self.store.session

    @property
    def path(self) -> Path:
        return self.store.paths.toml

    @property
    def saved(self) -> bool:
        """True when every change made through this service is on disk (exactly once)."""
        return self.store.saved

    @property
    def pending(self) -> list[dict[str, Any]]:
        """Changes applied in memory but not yet on disk, oldest first (owned by the store)."""
        return [p.op for p in self.store.pending]

    def commit(self, op: dict[str, Any]) -> bool:
        """Apply and persist `op`. False: applied in memory, queued for retry.

        Safe to call from two threads: the store serializes every call.
        """
        try:
            ok = self.store.commit(op)
        except StorageError as exc:
            # The store reports refusals by returning False; if one escapes
            # anyway, "saved" must not lie: keep the change queued.
            self.store.adopt(op)
            self.last_error = str(exc)
            return False
        if not ok:
            self.last_error = self.store.last_write_error
            return False
        self.last_error = None
        self.store.maybe_checkpoint()
        return True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group commit for this thread: commits inside are applied and queued,
        then written together with ONE fsync when the batch ends.

        Nothing made inside may be reported saved before the batch has ended:
        check ``saved`` afterwards (all or nothing: a failed fsync leaves every
        one pending, and ``flush`` retries each exactly once).
        """
        try:
            with self.store.batch():
                yield
        finally:
            ok = self.store.saved
            self.last_error = None if ok else self.store.last_write_error
            if ok:
                self.store.maybe_checkpoint()

    def flush(self) -> bool:
        """Retry queued writes, oldest first. True when nothing is pending."""
        try:
            ok = self.store.flush()
        except StorageError as exc:
            self.last_error = str(exc)
            return False
        self.last_error = None if ok else self.store.last_write_error
        return ok

    def refresh(self) -> list[dict[str, Any]]:
        """Changes other processes (observers' phones) made since the last call."""
        try:
            return self.store.refresh()
        except (OSError, FileFormatError) as exc:
            self.last_error = str(exc)
            return []

    def close(self) -> None:
        self.flush()
        self.store.close(checkpoint=self.saved)

    # -- generic operations ----------------------------------------------------
    def add(self, coll: str, item: BaseModel, index: int | None = None) -> BaseModel:
        op: dict[str, Any] = {"op": "add", "coll": coll, "item": dump(item)}
        if index is not None:
            op["index"] = index
        self.commit(op)
        return item

    def update(self, coll: str, item_id: str, **fields: Any) -> None:
        clean = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in fields.items()}
        self.commit({"op": "update", "coll": coll, "id": item_id, "fields": clean})

    def delete(self, coll: str, item_id: str) -> None:
        self.commit({"op": "delete", "coll": coll, "id": item_id})

    def move(self, coll: str, item_id: str, index: int) -> None:
        self.commit({"op": "move", "coll": coll, "id": item_id, "index": index})

    def set(self, **fields: Any) -> None:
        clean = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in fields.items()}
        self.commit({"op": "set", "fields": clean})

    # -- notes -------------------------------------------------------------------
    def add_note(
        self, phase: str, text: str, *, group: str | None = None, question: str | None = None,
        author: str | None = None, factors: Iterable[int] = (), tip: bool = False,
    ) -> Note:
        note = Note(
            id=new_id("n"), phase=phase, group=group, question=question, text=text,
            author=author, created=self.now(), factors=list(factors), tip=tip,
        )
        self.add("notes", note)
        return note

    def edit_note(self, note_id: str, **fields: Any) -> None:
        self.update("notes", note_id, edited=self.now(), **fields)

    # -- action points -----------------------------------------------------------
    def add_action_point(
        self, text: str, *, owner: str = "team", due: date | None = None,
        factors: Iterable[int] = (), source_note: str | None = None,
    ) -> ActionPoint:
        point = ActionPoint(
            id=new_id("a"), text=text, owner=owner or "team", due=due or self.session.next_talks,
            factors=list(factors), source_note=source_note, created=self.now(),
        )
        self.add("action_points", point)
        return point

    # -- evaluation --------------------------------------------------------------
    def add_answer(self, question: str, role: str, text: str, author: str | None = None) -> EvaluationAnswer:
        answer = EvaluationAnswer(
            id=new_id("e"), question=question, role=role, text=text, author=author, created=self.now()
        )
        self.add("evaluation", answer)
        return answer

    # -- agenda clock ------------------------------------------------------------
    def clock_event(self, action: str, phase: str | None = None, minutes: int | None = None) -> ClockEvent:
        event = ClockEvent(id=new_id("c"), at=self.now(), action=action, phase=phase, minutes=minutes)
        self.add("clock", event)
        return event

    def agenda(self) -> core_clock.AgendaState:
        return core_clock.replay(self.session.phases, self.session.clock, self.now())

    # -- participants and groups ------------------------------------------------
    def add_participant(self, name: str, role: str | None = None) -> Participant:
        person = Participant(id=new_id("p"), name=name.strip(), role=role)
        self.add("participants", person)
        return person

    def add_group(self, name: str, members: Iterable[str] = ()) -> Group:
        group = Group(id=new_id("g"), name=name, members=list(members))
        self.add("groups", group)
        return group

    # -- role-play ---------------------------------------------------------------
    def drawn_cards(self) -> list[str]:
        return [c for r in self.session.rounds for c in r.cards]

    def draw_round(
        self, group: str, talk: int, set_number: int, *, pupil: bool = False,
        situation: str | None = None, deck: core_cards.Deck | None = None, **roles: Any,
    ) -> RolePlayRound:
        deck = deck or content.default_deck()
        drawn = core_cards.draw(
            deck, set_number, self.rng, self.drawn_cards(), pupil=pupil, situation=situation,
            lang=self.session.language,
        )
        rnd = RolePlayRound(
            id=new_id("r"), group=group, talk=talk, set=set_number, deck=deck.name,
            cards=drawn.card_ids, situation=drawn.situation, **roles,
        )
        self.add("rounds", rnd)
        return rnd

    def add_observation(
        self, round_id: str, observer: str, category: str, text: str, offset: int | None = None
    ) -> Observation:
        rnd = next((r for r in self.session.rounds if r.id == round_id), None)
        if rnd is None:
            raise UserError(f"no role-play talk with id {round_id!r}")
        if offset is None:
            offset = talk_offset(rnd, self.now())
        obs = Observation(
            id=new_id("o"), observer=observer, category=category, text=text,
            offset=offset, created=self.now(),
        )
        self.add(f"rounds/{round_id}/observations", obs)
        return obs


MAX_TALK_OFFSET = 24 * 3600  # the model's bound on an observation's offset


def talk_offset(rnd: RolePlayRound, now: datetime) -> int:
    """Whole seconds of running talk time at `now` (pauses excluded).

    Clamped to the model's bound: a talk left running overnight (or a clock
    that jumped) must never turn an observer's late note into a refused save.
    """
    if rnd.started is None:
        return 0
    end = rnd.ended or rnd.paused_at or now
    seconds = int((end - rnd.started).total_seconds() - rnd.paused_seconds)
    return min(MAX_TALK_OFFSET, max(0, seconds))


class Library:
    """The sessions folder: list, create, find, open, archive."""

    def __init__(self, directory: Path, now: Now = utc_now):
        self.directory = Path(directory)
        self.now = now

    def files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.glob("*.toml") if not p.name.startswith("."))

    def summaries(self, verify: bool = True) -> list[SessionSummary]:
        """The home list's rows, newest first (cached per folder: see facilitator.summaries).

        `verify` (the default): every row equals what the full load of its
        session gives. Without it, rows not in the cache are quick reads, for display.
        """
        return list_summaries(self.directory, self.now, verify=verify)

    def create(
        self, title: str, *, on: date | None = None, agenda: str = "default", lang: str = "nl",
        school: str = "", facilitator: str = "", next_talks: date | None = None,
        participants: Iterable[str] = (), kind: str | None = None, follows: Iterable[str] = (),
    ) -> SessionService:
        title = title.strip()
        if not title:
            raise UserError("a session needs a title")
        tpl = content.template(agenda)
        on = on or self.now().date()
        sid = f"{on.isoformat()}-{slugify(title)}-{secrets.token_hex(2)}"
        session = Session(
            id=sid, kind=kind or tpl.kind, title=title, date=on, school=school,
            facilitator=facilitator, language=lang, next_talks=next_talks, agenda=tpl.name,
            created=self.now(), follows=list(follows), phases=[p.plan() for p in tpl.phases],
            participants=[
                Participant(id=new_id("p"), name=n.strip()) for n in participants if n.strip()
            ],
        )
        ensure_dir(self.directory)
        return SessionService(SessionStore.create(self.directory, session), now=self.now)

    def find(self, ref: str) -> Path:
        """A session by path, id, unique id prefix or unique title."""
        as_path = Path(ref).expanduser()
        if as_path.suffix == ".toml" or as_path.exists():
            if as_path.is_dir():
                raise UserError(f"{as_path}: is a folder, not a session file")
            if not as_path.exists():
                raise UserError(f"{as_path}: no such session file")
            return as_path
        files = self.files()
        exact = [p for p in files if p.stem == ref]
        if exact:
            return exact[0]
        prefix = [p for p in files if p.stem.startswith(ref)]
        if len(prefix) == 1:
            return prefix[0]
        if not prefix:
            titled = []
            for p in files:
                try:
                    if load_session(p).title.lower() == ref.lower():
                        titled.append(p)
                except FileFormatError:
                    continue
            if len(titled) == 1:
                return titled[0]
            prefix = titled
        if not prefix:
            raise UserError(f"no session {ref!r} in {self.directory} (see `facilitator list`)")
        names = ", ".join(p.stem for p in prefix[:5])
        raise UserError(f"{ref!r} matches several sessions: {names}")

    def find_id(self, session_id: str) -> Path | None:
        path = self.directory / f"{session_id}.toml"
        return path if path.exists() else None

    def open(self, ref: str, rng: random.Random | None = None) -> SessionService:
        store = SessionStore(self.find(ref))
        store.open()
        return SessionService(store, now=self.now, rng=rng)

    def archive(self, session_id: str) -> Path:
        path = self.find(session_id)
        target = self.directory / "archive"
        ensure_dir(target)
        for p in (path, path.with_suffix(".journal")):
            if p.exists():
                p.rename(target / p.name)
        return target / path.name
