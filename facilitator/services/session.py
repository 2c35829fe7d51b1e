"""The session service: the one way screens, the CLI and the web server change a session.

Data flows one way: caller -> service -> store. Each method builds one
operation, and the store applies and journals it before the method returns.
If the disk refuses (full, read-only), the change stays in memory, is queued,
and ``flush`` retries it; ``saved`` tells the screen whether to say so.

Why this module is long (~430 lines): it is the one list of named operations
on a session (a few lines each); split over files, "what can change a session"
would no longer be answered by reading one file.
"""

from __future__ import annotations

import random
import re
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from facilitator.core import cards as core_cards, clock as core_clock
from facilitator.core.errors import FileFormatError, StorageError, UserError
from facilitator.core.model import (
    ActionPoint,
    ClockEvent,
    DotVote,
    EvaluationAnswer,
    Group,
    Note,
    Observation,
    Outcome,
    Participant,
    PhoneRating,
    PracticeGroup,
    QuickscanRating,
    RolePlayRound,
    Session,
    new_id,
)
from facilitator.core.now import Now, utc_now
from facilitator.core.talk import talk_offset
from facilitator.services import content
from facilitator.storage.fsutil import os_problem
from facilitator.storage.store import SessionStore


#: Clock events that would carry an ended meeting on (moving between phases does not: notes stay editable).
RESTARTS = ("start", "resume", "adjust")


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
        #: Why the last change is not on disk yet (None once saved): the refusal itself, so a screen
        #: says it in its reader's language; ``last_error`` is its English text.
        self.last_problem: UserError | None = None

    # -- plumbing ----------------------------------------------------------------
    @property
    def last_error(self) -> str | None:
        return None if self.last_problem is None else str(self.last_problem)

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
            self.last_problem = exc
            return False
        if not ok:
            self.last_problem = self.store.last_write_problem
            return False
        self.last_problem = None
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
            self.last_problem = None if ok else self.store.last_write_problem
            if ok:
                self.store.maybe_checkpoint()

    def flush(self) -> bool:
        """Retry queued writes, oldest first. True when nothing is pending."""
        try:
            ok = self.store.flush()
        except StorageError as exc:
            self.last_problem = exc
            return False
        self.last_problem = None if ok else self.store.last_write_problem
        return ok

    def refresh(self) -> list[dict[str, Any]]:
        """Changes other processes (observers' phones) made since the last call."""
        try:
            return self.store.refresh()
        except FileFormatError as exc:
            self.last_problem = exc
            return []
        except OSError as exc:
            self.last_problem = StorageError(**os_problem(self.path, exc))
            return []

    # -- the phones that joined (code and tokens kept beside the session, never in it) ------
    def remembered_phones(self) -> dict[str, Any] | None:
        """The join code and phones' tokens of this meeting's last server, or None (start fresh)."""
        from facilitator.storage import phones

        return phones.load(self.path)

    def remember_phones(self, data: dict[str, Any]) -> None:
        """Keep the join code and tokens (owner-only, atomic) so a restart logs nobody out."""
        from facilitator.storage import phones

        phones.save(self.path, data)

    def close(self) -> None:
        self.flush()
        self.store.close(checkpoint=self.saved)

    # -- the generic changes: private, the named operations below are the way in ---------
    def _add(self, coll: str, item: BaseModel, index: int | None = None) -> BaseModel:
        op: dict[str, Any] = {"op": "add", "coll": coll, "item": dump(item)}
        if index is not None:
            op["index"] = index
        self.commit(op)
        return item

    def _update(self, coll: str, item_id: str, **fields: Any) -> None:
        clean = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in fields.items()}
        self.commit({"op": "update", "coll": coll, "id": item_id, "fields": clean})

    def _delete(self, coll: str, item_id: str) -> None:
        self.commit({"op": "delete", "coll": coll, "id": item_id})

    def _move(self, coll: str, item_id: str, index: int) -> None:
        self.commit({"op": "move", "coll": coll, "id": item_id, "index": index})

    # -- the session's own details -------------------------------------------------------
    def set_details(self, **fields: Any) -> None:
        """Title, date, school, facilitator, language, next_talks, agenda, follows, kind."""
        clean = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v) for k, v in fields.items()}
        self.commit({"op": "set", "fields": clean})

    def finish_meeting(self, *, next_talks: date | None, followup_date: date | None) -> None:
        """Afronden: the dates that go into the teachers' agendas, and the meeting ended now.

        The end is an "end" event in the clock log: the clock stops, and the screens,
        the report and the home list say the meeting ended at this moment until it is
        reopened. Afronden again (a date corrected) keeps the first end.
        """
        with self.batch():
            self.set_details(next_talks=next_talks, followup_date=followup_date)
            if self.ended() is None:
                self.clock_event("end")

    def ended(self) -> datetime | None:
        """When Afronden ended the meeting; None while it is open."""
        return core_clock.ended_at(self.session.clock)

    def reopen_meeting(self) -> None:
        """Undo the end (the facilitator said yes to reopening): the clock waits, stopped, for a start."""
        if self.ended() is not None:
            self.clock_event("reopen")

    # -- notes -------------------------------------------------------------------
    def add_note(
        self, phase: str, text: str, *, group: str | None = None, question: str | None = None,
        author: str | None = None, factors: Iterable[int] = (), tip: bool = False, key: str | None = None,
    ) -> Note:
        note = Note(
            id=new_id("n"), phase=phase, group=group, question=question, text=text,
            author=author, created=self.now(), factors=list(factors), tip=tip, key=key or None,
        )
        self._add("notes", note)
        return note

    def scribe_note(
        self, phase: str, group: str, question: str | None, text: str, *, author: str, key: str | None = None,
    ) -> tuple[Note, bool]:
        """A group scribe's flip-over note from a phone: (the note, True if new).

        Each note is its own entry, so two scribes of one group never overwrite
        each other; a resend with the same key (second tab, offline queue, lost
        answer) returns the note already saved instead of saving it twice.
        """
        if not any(g.id == group for g in self.session.groups):
            raise UserError(key="error.no_dialogue_group", group=group)
        if key:
            same = next((n for n in self.session.notes if n.key == key and n.author == author), None)
            if same is not None:
                return same, False
        note = self.add_note(phase, text, group=group, question=question, author=author, key=key)
        if key and not any(n.id == note.id for n in self.session.notes):
            # Another server or tab saved this key between our look and our write: the model kept theirs.
            return next(n for n in self.session.notes if n.key == key and n.author == author), False
        return note, True

    def edit_note(self, note_id: str, text: str) -> None:
        self._update("notes", note_id, text=text, edited=self.now())

    def delete_note(self, note_id: str) -> None:
        self._delete("notes", note_id)

    def mark_tip(self, note_id: str, tip: bool) -> None:
        self._update("notes", note_id, tip=tip)

    def tag_note(self, note_id: str, factors: Iterable[int]) -> None:
        """The success factors a note is about (replaces the earlier choice)."""
        self._update("notes", note_id, factors=list(factors))

    def merge_note(self, note_id: str, into: str | None) -> None:
        """File a note under another one (a duplicate across groups); None takes it out again."""
        self._update("notes", note_id, merged_into=into)

    # -- action points -----------------------------------------------------------
    def add_action_point(
        self, text: str, *, owner: str = "team", due: date | None = None,
        factors: Iterable[int] = (), source_note: str | None = None,
    ) -> ActionPoint:
        point = ActionPoint(
            id=new_id("a"), text=text, owner=owner or "team", due=due or self.session.next_talks,
            factors=list(factors), source_note=source_note, created=self.now(),
        )
        self._add("action_points", point)
        return point

    def edit_action_point(self, point_id: str, **fields: Any) -> None:
        """What, who, by when, success factors: only the fields given change."""
        allowed = {"text", "owner", "due", "factors"}
        if set(fields) - allowed:
            raise UserError(key="error.action_point_field", field=sorted(set(fields) - allowed)[0])
        self._update("action_points", point_id, **fields)

    def delete_action_point(self, point_id: str) -> None:
        self._delete("action_points", point_id)

    def move_action_point(self, point_id: str, index: int) -> None:
        self._move("action_points", point_id, index)

    def review_action_point(self, point_id: str, **fields: Any) -> None:
        """The follow-up's verdict: status and next step (only those given), stamped as reviewed now."""
        allowed = {"status", "next_step"}
        if set(fields) - allowed:
            raise UserError(key="error.review_field", field=sorted(set(fields) - allowed)[0])
        self._update("action_points", point_id, **fields, reviewed=self.now())

    def add_outcome(self, point_id: str, outcome: Outcome) -> Outcome:
        """What happened when the team tried an action point (the follow-up)."""
        self._add(f"action_points/{point_id}/outcomes", outcome)
        self._update("action_points", point_id, reviewed=self.now())
        return outcome

    def rate_factor(self, rating: QuickscanRating) -> QuickscanRating:
        """One quickscan rating of a success factor."""
        self._add("quickscan", rating)
        return rating

    # -- everyone rates on a phone: anonymous, one rating per phone and factor, one dot set per phone --
    def rate_from_phone(self, rater: str, factor: int, rating: str) -> PhoneRating:
        """A phone's anonymous quickscan rating (`rater`: an opaque key, never a name).

        Kept apart from the facilitator's `quickscan`; the same phone rating the
        same factor again replaces its rating, it never adds a second one.
        """
        item_id = f"pr-{rater[:24]}-{factor}"
        old = next((r for r in self.session.phone_ratings if r.id == item_id), None)
        if old is None:
            rated = PhoneRating(id=item_id, rater=rater, factor=factor, rating=rating, created=self.now())
            self._add("phone_ratings", rated)
            return rated
        if old.rating != rating:
            PhoneRating(id=item_id, rater=rater, factor=factor, rating=rating, created=self.now())  # validate
            self._update("phone_ratings", item_id, rating=rating, created=self.now())
        return next(r for r in self.session.phone_ratings if r.id == item_id)

    def phone_quickscan(self) -> dict[int, Any]:
        """The phones' ratings as a distribution per factor 1-10 (counts per symbol, no names)."""
        from facilitator.core.followup import phone_distribution

        return phone_distribution(self.session.phone_ratings)

    def tips(self) -> list[Note]:
        """The notes marked as tip (not folded under another), in the order they were written."""
        notes = self.session.notes
        ids = {n.id for n in notes}
        return [n for n in notes if n.tip and not (n.merged_into and n.merged_into in ids)]

    def cast_dots(self, voter: str, note_ids: Iterable[str]) -> DotVote:
        """A phone's dots on the tips (replaces its earlier set); refused once the vote is closed."""
        chosen = list(note_ids)
        if self.session.voting_closed:
            raise UserError(key="error.vote_closed")
        if len(chosen) > self.session.dots:
            raise UserError(key="error.at_most_dots", n=self.session.dots)
        tips = {n.id for n in self.tips()}
        if any(n not in tips for n in chosen):
            raise UserError(key="error.dot_not_tip")
        item_id = f"dv-{voter[:24]}"
        if any(v.id == item_id for v in self.session.dot_votes):
            self._update("dot_votes", item_id, notes=chosen, created=self.now())
        else:
            self._add("dot_votes", DotVote(id=item_id, voter=voter, notes=chosen, created=self.now()))
        return next(v for v in self.session.dot_votes if v.id == item_id)

    def dot_counts(self) -> dict[str, int]:
        """Dots per tip (note id), zeros included, in the tips' order."""
        from facilitator.core.followup import dot_counts

        return dot_counts(self.session.dot_votes, [n.id for n in self.tips()])

    def set_voting(self, *, closed: bool | None = None, dots: int | None = None) -> None:
        """Close (or reopen) the dot vote; the number of dots per phone."""
        fields: dict[str, Any] = {}
        if closed is not None:
            fields["voting_closed"] = closed
        if dots is not None:
            # Fewer dots than a phone already spent would leave its set over the limit and the
            # counts unfair: the facilitator raises it freely, lowers it only that far.
            spent = max((len(v.notes) for v in self.session.dot_votes), default=0)
            if dots < spent:
                raise UserError(key="error.dots_below_spent", dots=dots, spent=spent)
            fields["dots"] = dots
        if fields:
            self.set_details(**fields)

    # -- evaluation --------------------------------------------------------------
    def add_answer(
        self, question: str, role: str, text: str, author: str | None = None, key: str | None = None,
    ) -> EvaluationAnswer:
        """An answer to an evaluation helper question; with a `key`, saved once per key and author.

        A resend with the same key (second tab, a lost answer) returns the answer
        already stored instead of saving it twice; the model refuses a second
        entry with that key and author even when another process wrote it first.
        """
        if key:
            same = next((a for a in self.session.evaluation if a.key == key and a.author == author), None)
            if same is not None:
                return same
        answer = EvaluationAnswer(
            id=new_id("e"), question=question, role=role, text=text, author=author, created=self.now(),
            key=key or None,
        )
        self._add("evaluation", answer)
        if key and not any(a.id == answer.id for a in self.session.evaluation):
            return next(a for a in self.session.evaluation if a.key == key and a.author == author)
        return answer

    def edit_answer(self, answer_id: str, text: str) -> None:
        self._update("evaluation", answer_id, text=text)

    def delete_answer(self, answer_id: str) -> None:
        self._delete("evaluation", answer_id)

    # -- agenda clock ------------------------------------------------------------
    def clock_event(self, action: str, phase: str | None = None, minutes: int | None = None) -> ClockEvent:
        """One event in the agenda clock's log. An ended meeting is reopened first (reopen_meeting):
        starting its clock or changing its minutes here would silently undo Afronden."""
        if action in RESTARTS and self.ended() is not None:
            raise UserError(key="error.meeting_ended")
        event = ClockEvent(id=new_id("c"), at=self.now(), action=action, phase=phase, minutes=minutes)
        self._add("clock", event)
        return event

    def agenda(self) -> core_clock.AgendaState:
        return core_clock.replay(self.session.phases, self.session.clock, self.now())

    # -- participants and groups ------------------------------------------------
    def add_participant(self, name: str, role: str | None = None) -> Participant:
        person = Participant(id=new_id("p"), name=name.strip(), role=role)
        self._add("participants", person)
        return person

    def add_group(self, name: str, members: Iterable[str] = ()) -> Group:
        group = Group(id=new_id("g"), name=name, members=list(members))
        self._add("groups", group)
        return group

    def rename_participant(self, pid: str, name: str) -> None:
        self._update("participants", pid, name=name.strip())

    def mark_absent(self, pid: str, absent: bool = True) -> None:
        """Absent (left early, not there) or back: never deleted, their notes and feedback stay."""
        self._update("participants", pid, absent=absent)

    def rename_group(self, group_id: str, name: str) -> None:
        self._update("groups", group_id, name=name.strip())

    def set_group_members(self, group_id: str, members: Iterable[str]) -> None:
        """Who sits in a dialogue group (services/people moves people with it)."""
        self._update("groups", group_id, members=list(members))

    def delete_group(self, group_id: str) -> None:
        """Only for a dialogue group without notes (services/people checks)."""
        self._delete("groups", group_id)

    def set_card_delivery(self, how: str | None) -> None:
        """How the role cards reach the players: 'phones', 'slips' or 'laptop'."""
        self.set_details(card_delivery=how)

    def remember_place(self, phase_key: str, place: str) -> None:
        """Where the facilitator was in a phase (group, question): reopening returns there."""
        if self.session.places.get(phase_key) == place:
            return
        self.set_details(places={**self.session.places, phase_key: place})

    def remembered_place(self, phase_key: str) -> str:
        """What remember_place stored for a phase ('' when nothing yet)."""
        return self.session.places.get(phase_key, "")

    def restore_note(self, note: Note, index: int | None = None) -> Note:
        """Undo a delete: the very same note (id, time, tags) back in its place."""
        self._add("notes", note, index=index)
        return note

    # -- role-play: practice groups and their talks (services/roleplay builds on these) ------
    def add_practice_group(self, group: PracticeGroup) -> PracticeGroup:
        self._add("practice_groups", group)
        return group

    def update_practice_group(self, group_id: str, **fields: Any) -> None:
        self._update("practice_groups", group_id, **fields)

    def delete_practice_group(self, group_id: str) -> None:
        self._delete("practice_groups", group_id)

    def add_round(self, rnd: RolePlayRound) -> RolePlayRound:
        self._add("rounds", rnd)
        return rnd

    def update_round(self, round_id: str, **fields: Any) -> None:
        """Roles, cards, the talk's timer fields: validated by the model like every change."""
        self._update("rounds", round_id, **fields)

    def delete_round(self, round_id: str) -> None:
        self._delete("rounds", round_id)

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
        self._add("rounds", rnd)
        return rnd

    def add_observation(
        self, round_id: str, observer: str, category: str, text: str, offset: int | None = None,
        key: str | None = None,
    ) -> Observation:
        rnd = next((r for r in self.session.rounds if r.id == round_id), None)
        if rnd is None:
            raise UserError(key="error.no_talk", id=round_id)
        if offset is None:
            offset = talk_offset(rnd, self.now())
        obs = Observation(
            id=new_id("o"), observer=observer, category=category, text=text,
            offset=offset, created=self.now(), key=key or None,
        )
        self._add(f"rounds/{round_id}/observations", obs)
        return obs

    def record_observation(
        self, round_id: str, observer: str, category: str, text: str, offset: int | None, key: str | None,
    ) -> tuple[Observation, bool]:
        """An observer's entry, saved once per key: (the entry as stored, whether this call added it).

        The key travels with the entry into the journal and the model refuses a
        second entry with the same key in a talk, so two tabs, two servers or a
        retry after a lost answer all end with exactly one.
        """
        obs = self.add_observation(round_id, observer, category, text, offset=offset, key=key)
        rnd = next(r for r in self.session.rounds if r.id == round_id)
        stored = next((o for o in rnd.observations if o.id == obs.id), None)
        if stored is not None or not key:
            return obs, True
        return next(o for o in rnd.observations if o.key == key and o.observer == observer), False

    def edit_observation(self, round_id: str, observation_id: str, *, text: str, category: str) -> None:
        """An observer rewords or re-files their own entry (its stamp stays: what they saw, when)."""
        self._update(f"rounds/{round_id}/observations", observation_id,
                     text=text, category=category, edited=self.now())

    def delete_observation(self, round_id: str, observation_id: str) -> None:
        """An observer takes back their own entry."""
        self._delete(f"rounds/{round_id}/observations", observation_id)


