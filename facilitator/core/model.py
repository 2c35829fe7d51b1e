"""The session model: everything a meeting produces, as strict pydantic models.

A session is one TOML file (plus its journal, see ``facilitator.storage.store``). Lists
hold items with a stable ``id`` so that changes can be journalled as small
operations (``facilitator.core.ops``) and merged across processes.
"""

from __future__ import annotations

import datetime as dt
import secrets
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from facilitator.core.invalid import invalid
from facilitator.core.text import Lang, LText

SCHEMA_VERSION = 1

#: Quickscan scale of seeds/001, best to worst, then "don't know".
QUICKSCAN_SCALE = ("++", "+", "+-", "-", "--", "?")

PhaseKind = Literal[
    "intro", "research", "dialogue", "plenary", "practice", "evaluation",
    "closing", "generic", "experiences", "review", "new_actions", "quickscan",
]
ActionStatus = Literal["open", "not_tried", "helped", "not_helped", "adjusted", "dropped"]
ObservationCategory = Literal["perspective", "helpful", "hindering", "differently", "free"]
#: "end" is Afronden: the meeting is over and the clock stays stopped until a "reopen".
ClockAction = Literal["start", "pause", "resume", "next", "prev", "goto", "adjust", "end", "reopen"]

MAX_TEXT = 20_000  # one note; generous, but stops a pasted novel from bloating the file


def new_id(prefix: str) -> str:
    """A short random id; prefixes make hand-edited files readable."""
    return f"{prefix}-{secrets.token_hex(5)}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


def _factor_list(v: list[int]) -> list[int]:
    for i, f in enumerate(v):
        if not 1 <= f <= 10:
            raise invalid("error.session.factor", at=(i,), factor=f)
    return sorted(set(v))


class Participant(Strict):
    id: str = Field(description="Stable id, referenced by groups and role-play rounds.")
    name: str = Field(min_length=1, max_length=200, description="Name as the room knows it.")
    role: str | None = Field(None, max_length=200, description="Optional role, e.g. 'mentor 2A'.")
    notes: str | None = Field(None, max_length=MAX_TEXT, description="Optional private remark.")
    absent: bool = Field(
        False, description="Left early or not there: out of new groups and rotations, never deleted."
    )


class Group(Strict):
    id: str = Field(description="Stable id.")
    name: str = Field(min_length=1, max_length=200, description="Shown name, e.g. 'Groep 1'.")
    members: list[str] = Field(default_factory=list, description="Participant ids.")


class PracticeGroup(Group):
    mode: Literal["pair", "trio"] = Field("pair", description="Pair (mentor+parent) or trio (+pupil).")


class PhasePlan(Strict):
    key: str = Field(description="Phase key from the agenda template, unique in the session.")
    kind: PhaseKind = Field(description="Which screen runs this phase.")
    title: LText = Field(description="Phase title in both languages.")
    minutes: int = Field(ge=0, le=600, description="Planned minutes (the template's, as adjusted).")
    talk_minutes: int | None = Field(None, ge=1, le=60, description="Practice phases: minutes per talk.")


class ClockEvent(Strict):
    id: str = Field(description="Stable id.")
    at: datetime = Field(description="When the facilitator pressed the key (UTC).")
    action: ClockAction = Field(description="What happened to the agenda clock.")
    phase: str | None = Field(None, description="goto: target phase; adjust: phase adjusted.")
    minutes: int | None = Field(None, ge=-600, le=600, description="adjust: minutes added (negative removes).")


class Note(Strict):
    id: str = Field(description="Stable id.")
    phase: str = Field(description="Phase key the note was taken in.")
    group: str | None = Field(None, description="Group id (a flip-over belongs to a group).")
    question: str | None = Field(None, description="Prompt id of the question it answers.")
    text: str = Field(max_length=MAX_TEXT, description="The note as typed; never interpreted as markup.")
    author: str | None = Field(None, max_length=200, description="Who wrote it, if known.")
    created: datetime = Field(description="When it was first saved (UTC).")
    edited: datetime | None = Field(None, description="Last edit (UTC).")
    factors: list[int] = Field(default_factory=list, description="Success factors 1-10 it relates to.")
    tip: bool = Field(False, description="Marked as a tip (collected in the plenary).")
    merged_into: str | None = Field(None, description="Id of the note this duplicate was merged into.")
    key: str | None = Field(
        None, max_length=64,
        description="A group scribe's phone's idempotency key: a resend (second tab, offline queue) is saved once.",
    )

    _factors = field_validator("factors")(_factor_list)


class Observation(Strict):
    id: str = Field(description="Stable id.")
    observer: str = Field(max_length=200, description="Observer's name (or participant id).")
    category: ObservationCategory = Field(description="Feedback category, after the evaluation questions.")
    text: str = Field(max_length=MAX_TEXT, description="The feedback as typed.")
    offset: int = Field(0, ge=0, le=24 * 3600, description="Seconds since the talk started (shown mm:ss).")
    created: datetime = Field(description="When it was saved (UTC).")
    edited: datetime | None = Field(None, description="When the observer last changed it (UTC).")
    key: str | None = Field(
        None, max_length=64,
        description="The sending phone's idempotency key: a resend (second tab, offline queue) is saved once.",
    )


class RolePlayRound(Strict):
    id: str = Field(description="Stable id.")
    group: str = Field(description="Practice group id.")
    talk: int = Field(ge=1, description="Talk number within the practice phase (1, 2, 3...).")
    set: int | None = Field(None, description="Card set used (1, 2...).")
    deck: str = Field("default", description="Deck name the cards come from.")
    cards: list[str] = Field(default_factory=list, description="Card ids drawn: mentor, parent, pupil.")
    discarded: list[str] = Field(
        default_factory=list, description="Card ids a redraw replaced; they count as used in later draws."
    )
    situation: str | None = Field(None, max_length=500, description="Pupil card situation, if any.")
    mentor: str | None = Field(None, description="Participant id playing the mentor.")
    parent: str | None = Field(None, description="Participant id playing the parent.")
    pupil: str | None = Field(None, description="Participant id playing the pupil (trios).")
    observers: list[str] = Field(default_factory=list, description="Participant ids observing.")
    started: datetime | None = Field(None, description="Talk timer start (UTC).")
    paused_at: datetime | None = Field(None, description="Set while the talk timer is paused.")
    paused_seconds: float = Field(0, ge=0, description="Total paused time before `paused_at`.")
    ended: datetime | None = Field(None, description="Talk end (UTC).")
    observations: list[Observation] = Field(default_factory=list, description="Observer feedback.")


class EvaluationAnswer(Strict):
    id: str = Field(description="Stable id.")
    question: str = Field(description="Prompt id of the helper question.")
    role: Literal["mentor", "parent"] = Field(description="Whose helper question it is.")
    text: str = Field(max_length=MAX_TEXT, description="The answer as typed.")
    author: str | None = Field(None, max_length=200, description="Who answered, if known.")
    created: datetime = Field(description="When it was saved (UTC).")
    key: str | None = Field(
        None, max_length=64,
        description="A player's phone's idempotency key: a resend (second tab, lost answer) is saved once.",
    )


class Outcome(Strict):
    id: str = Field(description="Stable id.")
    text: str = Field(max_length=MAX_TEXT, description="What happened when the team tried it.")
    author: str | None = Field(None, max_length=200, description="Who said so.")
    created: datetime = Field(description="When it was saved (UTC).")
    session: str | None = Field(None, description="Id of the follow-up session it was recorded in.")


class ActionPoint(Strict):
    id: str = Field(description="Stable id.")
    text: str = Field(min_length=1, max_length=MAX_TEXT, description="What the team will do.")
    owner: str = Field("team", max_length=200, description="Who: a person or 'team'.")
    due: dt.date | None = Field(None, description="By when; defaults to the next round of talks.")
    factors: list[int] = Field(default_factory=list, description="Success factors 1-10.")
    source_note: str | None = Field(None, description="Note id it was promoted from.")
    created: datetime = Field(description="When it was saved (UTC).")
    status: ActionStatus = Field("open", description="Follow-up status; 'open' until reviewed.")
    outcomes: list[Outcome] = Field(default_factory=list, description="What happened (follow-up).")
    next_step: str = Field("", max_length=MAX_TEXT, description="Agreed next step (follow-up).")
    reviewed: datetime | None = Field(None, description="When it was last reviewed (UTC).")

    _factors = field_validator("factors")(_factor_list)


class QuickscanRating(Strict):
    id: str = Field(description="Stable id.")
    factor: int = Field(ge=1, le=10, description="Success factor number.")
    rating: Literal["++", "+", "+-", "-", "--", "?"] = Field(description="Rating on the quickscan scale.")
    by: str | None = Field(None, max_length=200, description="Who rated; None is the team's rating.")
    created: datetime = Field(description="When it was saved (UTC).")


class PhoneRating(Strict):
    """One phone's anonymous quickscan rating of one factor (`facilitator serve`, the rating page).

    Kept apart from the facilitator's `quickscan`: no name, only an opaque key of the
    phone, so a re-rate from the same phone replaces its rating instead of adding one.
    """

    id: str = Field(description="Stable id (one per phone and factor).")
    rater: str = Field(min_length=1, max_length=64, description="An opaque key of the phone, never a name.")
    factor: int = Field(ge=1, le=10, description="Success factor number.")
    rating: Literal["++", "+", "+-", "-", "--", "?"] = Field(description="Rating on the quickscan scale.")
    created: datetime = Field(description="When it was (last) given (UTC).")


class DotVote(Strict):
    """One phone's dots on the tips (Plenair), anonymous: a re-vote replaces the set."""

    id: str = Field(description="Stable id (one per phone).")
    voter: str = Field(min_length=1, max_length=64, description="An opaque key of the phone, never a name.")
    notes: list[str] = Field(default_factory=list, max_length=10, description="Tip note ids, one per dot.")
    created: datetime = Field(description="When it was (last) cast (UTC).")


class Session(Strict):
    """One meeting: a training session or a follow-up meeting."""

    schema_: int = Field(SCHEMA_VERSION, alias="schema", description="File format version.")
    id: str = Field(description="Stable id; links between sessions use it, never the path.")
    kind: Literal["training", "followup"] = Field("training", description="Meeting type.")
    title: str = Field(min_length=1, max_length=300, description="Session title.")
    date: dt.date = Field(description="Date of the meeting.")
    school: str = Field("", max_length=300, description="School or location.")
    facilitator: str = Field("", max_length=200, description="Who leads the meeting.")
    language: Lang = Field("nl", description="Language of screens and exports.")
    next_talks: dt.date | None = Field(None, description="Date of the next round of 10-minute talks.")
    followup_date: dt.date | None = Field(None, description="Date of the follow-up meeting (agreed at Afronden).")
    agenda: str = Field("default", description="Name of the agenda template the phases came from.")
    card_delivery: Literal["phones", "slips", "laptop"] | None = Field(
        None, description="How the role cards reach the players (asked before the practice)."
    )
    places: dict[str, str] = Field(
        default_factory=dict,
        description="Where the facilitator was per phase key (e.g. 'group-id|question-id'), to return there.",
    )
    created: datetime = Field(description="When the session was created (UTC).")
    follows: list[str] = Field(default_factory=list, description="Follow-up: ids of the sessions it reviews.")
    phases: list[PhasePlan] = Field(default_factory=list, description="The agenda as planned.")
    clock: list[ClockEvent] = Field(default_factory=list, description="Agenda clock log (start/pause/...).")
    participants: list[Participant] = Field(default_factory=list, description="Who takes part.")
    groups: list[Group] = Field(default_factory=list, description="Dialogue groups.")
    practice_groups: list[PracticeGroup] = Field(default_factory=list, description="Role-play groups.")
    notes: list[Note] = Field(default_factory=list, description="Flip-over notes and other notes.")
    rounds: list[RolePlayRound] = Field(default_factory=list, description="Role-play talks.")
    evaluation: list[EvaluationAnswer] = Field(default_factory=list, description="Evaluation answers.")
    action_points: list[ActionPoint] = Field(default_factory=list, description="Action points.")
    quickscan: list[QuickscanRating] = Field(default_factory=list, description="Success-factor ratings.")
    phone_ratings: list[PhoneRating] = Field(
        default_factory=list, description="Anonymous quickscan ratings from the phones (one per phone and factor).")
    dot_votes: list[DotVote] = Field(default_factory=list, description="Anonymous dots on the tips, one set per phone.")
    dots: int = Field(3, ge=1, le=10, description="Dots each phone may spend on the tips.")
    voting_closed: bool = Field(False, description="The facilitator closed the dot vote: phones can no longer change it.")

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=True)

    @field_validator("schema_")
    @classmethod
    def _known_schema(cls, v: int) -> int:
        # The loader refuses a newer schema before validating (same key); this guards any other caller.
        if v > SCHEMA_VERSION:
            raise invalid("error.file.schema_upgrade", schema=v)
        if v < 1:
            raise invalid("error.session.schema_invalid", schema=v)
        return v

    # Lookups used everywhere; lists stay small enough that a scan is fine.
    def participant_name(self, pid: str | None) -> str:
        if pid is None:
            return ""
        for p in self.participants:
            if p.id == pid:
                return p.name
        return pid

    def phase(self, key: str) -> PhasePlan | None:
        return next((p for p in self.phases if p.key == key), None)
