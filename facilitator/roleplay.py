"""Role-play in a session: practice groups, rounds, card draws, the talk timer, feedback.

Functions here take a SessionService and change the session only through it
(``add``/``update``/``delete``/``add_observation``), so every step is journalled
before the screen shows it. No file I/O of its own.

Layout in the session file: ``practice_groups`` holds the groups (members in
rotation order; the facilitator appears as ``"facilitator"`` when filling a
role) and ``rounds`` holds one RolePlayRound per group and talk, created up
front with the rotation's assignment and no cards. Drawing fills in set,
cards and situation; a redraw replaces them. The talk timer lives on the
rounds of one talk (all groups talk at the same time).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from . import content
from .core import cards as core_cards
from .core import rotation
from .core.model import Observation, PracticeGroup, RolePlayRound, Session, new_id
from .core.text import LocalizedError, LText
from .errors import UserError
from .service import SessionService, talk_offset

class RoleplayError(LocalizedError, UserError):
    """A role-play step refused, in Dutch and English; people are named by id until shown."""


def _err(nl: str, en: str, people: list[str] | tuple[str, ...] = ()) -> RoleplayError:
    return RoleplayError(LText(nl=nl, en=en), people)


SetChoice = Literal["1", "2", "alternate", "random"]
SET_CHOICES: tuple[str, ...] = ("alternate", "1", "2", "random")
CATEGORIES = ("perspective", "helpful", "hindering", "differently", "free")
ROLE_LABELS = {
    "nl": {"mentor": "Mentor", "parent": "Ouder", "pupil": "Leerling", "observer": "Observator"},
    "en": {"mentor": "Mentor", "parent": "Parent", "pupil": "Pupil", "observer": "Observer"},
}
CATEGORY_LABELS = {
    "nl": {
        "perspective": "Perspectief van de ouder ingenomen",
        "helpful": "Helpende vraag",
        "hindering": "Belemmerende vraag",
        "differently": "Volgende keer anders",
        "free": "Vrije notitie",
    },
    "en": {
        "perspective": "Took the parent's perspective",
        "helpful": "Helpful question",
        "hindering": "Hindering question",
        "differently": "Try differently next time",
        "free": "Free note",
    },
}


def fmt_mmss(seconds: float) -> str:
    s = max(0, int(seconds))
    return f"{s // 60:02d}:{s % 60:02d}"


def facilitator_name(session: Session, lang: str) -> str:
    return session.facilitator or ("begeleider" if lang == "nl" else "facilitator")


def name_of(session: Session, pid: str | None, lang: str = "nl") -> str:
    if pid == rotation.FACILITATOR:
        return facilitator_name(session, lang)
    return session.participant_name(pid)


# -- groups and rounds -----------------------------------------------------------
def talks_planned(session: Session, phase_key: str | None = None) -> int:
    plan = next(
        (p for p in session.phases if (p.key == phase_key if phase_key else p.kind == "practice")), None
    )
    if plan is None:
        return 3
    return rotation.talk_count(plan.minutes, plan.talk_minutes)


def talk_minutes(session: Session, phase_key: str | None = None) -> int:
    plan = next(
        (p for p in session.phases if (p.key == phase_key if phase_key else p.kind == "practice")), None
    )
    return (plan.talk_minutes if plan else None) or 5


def talks_in_session(session: Session) -> int:
    return max((r.talk for r in session.rounds), default=0)


def started(session: Session) -> bool:
    return any(r.started is not None or r.observations for r in session.rounds)


def setup_groups(
    service: SessionService, mode: rotation.Mode, talks: int, *, rng: random.Random | None = None,
    facilitator_fills: bool = True, lang: str = "nl",
) -> list[PracticeGroup]:
    """Propose practice groups with their rotation and store them (replacing an unstarted plan)."""
    session = service.session
    if started(session):
        raise UserError(
            "de oefengesprekken zijn al begonnen; pas de rollen per gesprek aan"
            if lang == "nl" else "the practice talks have started; adjust roles per talk instead"
        )
    if not session.participants:
        raise UserError("voeg eerst deelnemers toe" if lang == "nl" else "add participants first")
    plans = rotation.propose(
        [p.id for p in session.participants], mode, talks, rng or service.rng, facilitator_fills
    )
    for r in list(session.rounds):
        service.delete("rounds", r.id)
    for g in list(session.practice_groups):
        service.delete("practice_groups", g.id)
    word = "Groep" if lang == "nl" else "Group"
    groups = []
    for i, plan in enumerate(plans, 1):
        group = PracticeGroup(id=new_id("pg"), name=f"{word} {i}", members=list(plan.members), mode=mode)
        service.add("practice_groups", group)
        groups.append(group)
        for t, a in enumerate(plan.talks, 1):
            service.add("rounds", RolePlayRound(
                id=new_id("r"), group=group.id, talk=t, mentor=a.mentor, parent=a.parent,
                pupil=a.pupil, observers=list(a.observers),
            ))
    return groups


class RuleProblems(RoleplayError):
    """Several broken rotation rules at once; each names its own people."""

    def __init__(self, parts: list[rotation.RuleError]) -> None:
        self.parts = list(parts)
        super().__init__(LText(nl="", en=""))

    def text(self, lang: str, name=lambda pid: pid) -> str:
        return "; ".join(p.text(lang, name) for p in self.parts)


def group_of(session: Session, group_id: str) -> PracticeGroup | None:
    return next((g for g in session.practice_groups if g.id == group_id), None)


def round_of(session: Session, round_id: str) -> RolePlayRound:
    rnd = next((r for r in session.rounds if r.id == round_id), None)
    if rnd is None:
        raise _err(f"geen oefengesprek met id {round_id!r}", f"no role-play talk with id {round_id!r}")
    return rnd


def rounds_for_talk(session: Session, talk: int) -> list[RolePlayRound]:
    """The rounds of talk `talk`, in the order of the practice groups."""
    order = {g.id: i for i, g in enumerate(session.practice_groups)}
    rounds = [r for r in session.rounds if r.talk == talk]
    return sorted(rounds, key=lambda r: order.get(r.group, len(order)))


def assignment(rnd: RolePlayRound) -> rotation.Assignment:
    return rotation.Assignment(rnd.mentor or "", rnd.parent or "", rnd.pupil, tuple(rnd.observers))


def assign(
    service: SessionService, round_id: str, *, mentor: str, parent: str, pupil: str | None = None,
    observers: list[str] | None = None,
) -> None:
    """Override who plays what in one talk. Refuses one person in two roles."""
    session = service.session
    rnd = round_of(session, round_id)
    group = group_of(session, rnd.group)
    if group is None:
        raise _err("het oefengroepje van dit gesprek bestaat niet meer", "this talk's practice group is gone")
    if observers is None:
        taken = {mentor, parent, pupil}
        observers = [m for m in group.members if m not in taken]
    new = rotation.Assignment(mentor, parent, pupil, tuple(observers))
    problems = rotation.problems(new, group.members, group.mode)
    if problems:
        raise RuleProblems(problems)
    service.update("rounds", round_id, mentor=mentor, parent=parent, pupil=pupil, observers=list(observers))


def move_member(service: SessionService, pid: str, to_group: str, from_talk: int = 1) -> None:
    """Move a person to another group and redo both groups' rotation from `from_talk` on.

    Rounds already started keep what was played: history is never rewritten.
    """
    session = service.session
    target = group_of(session, to_group)
    if target is None:
        raise _err("dat oefengroepje bestaat niet (meer)", f"no practice group {to_group!r}")
    source = next((g for g in session.practice_groups if pid in g.members), None)
    if source is None or source.id == to_group:
        return
    service.update("practice_groups", source.id, members=[m for m in source.members if m != pid])
    service.update("practice_groups", target.id, members=[*target.members, pid])
    for gid in (source.id, to_group):
        rerotate(service, gid, from_talk)


def rerotate(service: SessionService, group_id: str, from_talk: int = 1) -> None:
    session = service.session
    group = group_of(session, group_id)
    if group is None:
        return
    total = max(talks_in_session(session), from_talk)
    try:
        plan = rotation.rotate(group.members, group.mode, total)
    except rotation.RuleError as exc:
        raise RoleplayError(exc.message, exc.people) from None
    for rnd in [r for r in session.rounds if r.group == group_id]:
        if rnd.talk < from_talk or rnd.started is not None:
            continue
        a = plan[rnd.talk - 1]
        service.update(
            "rounds", rnd.id, mentor=a.mentor, parent=a.parent, pupil=a.pupil, observers=list(a.observers)
        )


def set_mode(service: SessionService, group_id: str, mode: rotation.Mode) -> None:
    """Switch one group between pair and trio (a trio needs three players)."""
    service.update("practice_groups", group_id, mode=mode)
    try:
        rerotate(service, group_id)
    except UserError:
        service.update("practice_groups", group_id, mode="pair" if mode == "trio" else "trio")
        raise


# -- cards -----------------------------------------------------------------------
def deck_of(rnd: RolePlayRound) -> core_cards.Deck:
    if rnd.deck == "default":
        return content.default_deck()
    return content.load_decks().get(rnd.deck)


def choose_set(choice: str, talk: int, group_index: int, deck: core_cards.Deck, rng: random.Random) -> int:
    """The set for one group's talk. Alternating shifts per talk and per group, so
    neighbouring tables play different sets and a group gets both in turn."""
    numbers = [s.number for s in deck.sets]
    if choice == "random":
        return rng.choice(numbers)
    if choice == "alternate":
        return numbers[(talk - 1 + group_index) % len(numbers)]
    try:
        number = int(choice)
    except ValueError:
        raise _err(f"onbekende setkeuze {choice!r}", f"unknown set choice {choice!r}") from None
    if number not in numbers:
        raise _err(f"stapel {deck.name!r} heeft geen set {number}", f"deck {deck.name!r} has no set {number}")
    return number


def draw(
    service: SessionService, round_id: str, set_number: int, *, situation: str | None = None,
    deck: core_cards.Deck | None = None,
) -> RolePlayRound:
    """Draw (or redraw) the cards of one round and record them.

    Every card handed out so far in the session counts as used (see
    `used_cards`), so no parent card comes back before its set is used up,
    and a redraw brings a different parent card.
    """
    session = service.session
    rnd = round_of(session, round_id)
    deck = deck or content.default_deck()
    used = used_cards(session)
    # Counting this round's cards once more makes a redraw bring different cards
    # whenever the set has any left at the same (lowest) use count.
    drawn = core_cards.draw(
        deck, set_number, service.rng, used + rnd.cards,
        pupil=rnd.pupil is not None, situation=situation, lang=session.language,
    )
    fields: dict = {"set": set_number, "deck": deck.name, "cards": drawn.card_ids, "situation": drawn.situation}
    if rnd.cards:
        fields["discarded"] = [*rnd.discarded, *rnd.cards]
    service.update("rounds", round_id, **fields)
    return round_of(session, round_id)


def used_cards(session: Session) -> list[str]:
    """Every card handed out in the session so far, including those a redraw replaced.

    A replaced card has been seen by its player, so it counts as used: it comes
    back only when the rest of its set has had a turn.
    """
    return [c for r in session.rounds for c in (*r.cards, *r.discarded)]


def draw_talk(
    service: SessionService, talk: int, choice: str = "alternate", *, deck: core_cards.Deck | None = None,
    redraw: bool = False,
) -> list[RolePlayRound]:
    """Draw for every group of one talk (only those without cards, unless `redraw`)."""
    deck = deck or content.default_deck()
    out = []
    for i, rnd in enumerate(rounds_for_talk(service.session, talk)):
        if rnd.cards and not redraw:
            continue
        number = choose_set(choice, talk, i, deck, service.rng)
        out.append(draw(service, rnd.id, number, deck=deck))
    return out


def set_situation(service: SessionService, round_id: str, situation: str) -> None:
    service.update("rounds", round_id, situation=situation[:500])


def situations(rnd: RolePlayRound, lang: str) -> list[str]:
    """The situations the round's pupil card offers (empty if none)."""
    card = card_for(rnd, "pupil")
    return [s.get(lang) for s in card.situations] if card else []


def card_for(rnd: RolePlayRound, role: str) -> core_cards.Card | None:
    deck = deck_of(rnd)
    for cid in rnd.cards:
        card = deck.card(cid)
        if card is not None and card.role == role:
            return card
    return None


@dataclass(frozen=True)
class Slip:
    """One player's role for one talk: what a paper role slip or the reveal shows."""

    pid: str
    name: str
    role: str
    cards: tuple[core_cards.Card, ...]
    situation: str | None


def slips(session: Session, rnd: RolePlayRound, lang: str) -> list[Slip]:
    """One slip per person in the round: players see their card, observers see all."""
    own = {role: card_for(rnd, role) for role in ("mentor", "parent", "pupil")}
    out = []
    for role in ("parent", "pupil", "mentor"):
        pid = getattr(rnd, role)
        if pid is None:
            continue
        card = own[role]
        out.append(Slip(pid, name_of(session, pid, lang), role, (card,) if card else (), rnd.situation))
    all_cards = tuple(c for c in (own["mentor"], own["parent"], own["pupil"]) if c is not None)
    for pid in rnd.observers:
        out.append(Slip(pid, name_of(session, pid, lang), "observer", all_cards, rnd.situation))
    return out


# -- the talk timer --------------------------------------------------------------
def _timer_update(service: SessionService, talk: int, **fields) -> None:
    for rnd in rounds_for_talk(service.session, talk):
        service.update("rounds", rnd.id, **fields)


def start_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is None:
            service.update("rounds", rnd.id, started=now, ended=None, paused_at=None, paused_seconds=0)


def pause_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is not None and rnd.paused_at is None and rnd.ended is None:
            service.update("rounds", rnd.id, paused_at=now)


def resume_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.paused_at is not None and rnd.ended is None:
            extra = (now - rnd.paused_at).total_seconds()
            service.update("rounds", rnd.id, paused_at=None, paused_seconds=rnd.paused_seconds + extra)


def end_talk(service: SessionService, talk: int) -> None:
    now = service.now()
    for rnd in rounds_for_talk(service.session, talk):
        if rnd.started is not None and rnd.ended is None:
            fields: dict = {"ended": now}
            if rnd.paused_at is not None:
                # Ending while paused: the pause is not talk time.
                fields["ended"] = rnd.paused_at
            service.update("rounds", rnd.id, **fields)


TalkState = Literal["ready", "running", "paused", "ended"]


@dataclass(frozen=True)
class TalkClock:
    state: TalkState
    elapsed: int
    planned: int
    #: Seconds since the talk ended: the feedback slot.
    since_end: int = 0

    @property
    def remaining(self) -> int:
        return self.planned - self.elapsed


def talk_clock(session: Session, talk: int, now: datetime, minutes: int) -> TalkClock:
    rounds = [r for r in rounds_for_talk(session, talk) if r.started is not None]
    planned = minutes * 60
    if not rounds:
        return TalkClock("ready", 0, planned)
    rnd = min(rounds, key=lambda r: r.started)
    elapsed = talk_offset(rnd, now)
    if rnd.ended is not None:
        return TalkClock("ended", elapsed, planned, max(0, int((now - rnd.ended).total_seconds())))
    return TalkClock("paused" if rnd.paused_at is not None else "running", elapsed, planned)


# -- observer feedback -------------------------------------------------------------
def add_feedback(
    service: SessionService, round_id: str, observer: str, category: str, text: str,
) -> Observation:
    """One observation, stamped with the running talk time (pauses excluded)."""
    if category not in CATEGORIES:
        raise _err(f"onbekende soort feedback {category!r} (kies uit: {', '.join(CATEGORIES)})",
                   f"unknown feedback category {category!r} (use: {', '.join(CATEGORIES)})")
    text = text.strip()
    if not text:
        raise _err("lege feedback", "empty feedback")
    round_of(service.session, round_id)
    return service.add_observation(round_id, observer, category, text)


@dataclass(frozen=True)
class TalkFeedback:
    """Observer feedback of one group's talk, for the Evaluatie phase and the PDF."""

    talk: int
    group: str
    mentor: str
    observations: tuple[Observation, ...]


def feedback_by_talk(session: Session, lang: str = "nl") -> list[TalkFeedback]:
    """Every round with feedback, by talk then group; observations in offset order."""
    out = []
    for talk in range(1, talks_in_session(session) + 1):
        for rnd in rounds_for_talk(session, talk):
            if not rnd.observations:
                continue
            group = group_of(session, rnd.group)
            out.append(TalkFeedback(
                talk, group.name if group else rnd.group, name_of(session, rnd.mentor, lang),
                tuple(sorted(rnd.observations, key=lambda o: (o.offset, o.created))),
            ))
    return out
