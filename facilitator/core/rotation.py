"""Practice groups and the role rotation over the talks of the practice phase.

Pure: no screens, no files. The random source is injected so a proposal can
be replayed (tests, or a facilitator who wants yesterday's groups back).

A group stays together for the whole phase (people stay at their table), so
fairness is per group: within a group the mentor role goes round, everyone
plays mentor once before anyone plays it twice, and each talk every member
moves one step along observer -> (pupil ->) parent -> mentor -> observer.
Playing the parent just before the mentor is deliberate: you have just felt
what the other side of the table is like.

When the count does not divide evenly, extra people become extra observers
(a group may have two), or, when a group would be one short, the facilitator
fills that group's smallest role (the parent in a pair, the pupil in a trio).
The facilitator is represented by the id ``FACILITATOR``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterable, Literal, Sequence

from facilitator.core.text import LocalizedError, catalog_text

Mode = Literal["pair", "trio"]
FACILITATOR = "facilitator"
ROLES: dict[str, tuple[str, ...]] = {
    "pair": ("mentor", "parent"),
    "trio": ("mentor", "parent", "pupil"),
}
#: The role the facilitator takes when filling in: the one that needs least practice.
FILL_ROLE = {"pair": "parent", "trio": "pupil"}
MAX_TALKS = 20


class RuleError(LocalizedError, ValueError):
    """A rotation rule broken (Dutch and English; the people it names are ids)."""


def _err(key: str, people: Sequence[str] = (), **fields: object) -> RuleError:
    return RuleError(catalog_text(key, **fields), people)


@dataclass(frozen=True)
class Assignment:
    """Who does what in one talk of one group."""

    mentor: str
    parent: str
    pupil: str | None = None
    observers: tuple[str, ...] = ()

    @property
    def players(self) -> list[str]:
        return [p for p in (self.mentor, self.parent, self.pupil) if p is not None]

    def role_of(self, pid: str) -> str | None:
        for role in ("mentor", "parent", "pupil"):
            if getattr(self, role) == pid:
                return role
        return "observer" if pid in self.observers else None


@dataclass(frozen=True)
class GroupPlan:
    """A proposed practice group and its rotation, one Assignment per talk."""

    members: tuple[str, ...]
    mode: Mode
    talks: tuple[Assignment, ...] = field(default=())

    @property
    def facilitator_plays(self) -> bool:
        return FACILITATOR in self.members


def talk_count(phase_minutes: int, talk_minutes: int | None) -> int:
    """How many talks fit in the phase (15 // 5 = 3); at least one."""
    per = talk_minutes or 5
    return max(1, min(MAX_TALKS, phase_minutes // per))


def group_sizes(n: int, mode: Mode, facilitator_fills: bool = True) -> tuple[list[int], bool]:
    """Sizes of the groups for `n` people, and whether the last one needs the facilitator.

    A full group is its players plus one observer (3 for pairs, 4 for trios).
    """
    if n < 1:
        raise _err("core.rotation.no_participants_to_form_practice_groups")
    full = len(ROLES[mode]) + 1
    k, r = divmod(n, full)
    if k == 0:
        # Too few for one full group: everyone in one group; the facilitator
        # fills in if there are not even enough players.
        return [n], n < len(ROLES[mode])
    if r == 0:
        return [full] * k, False
    if r <= k:
        return [full + 1] * r + [full] * (k - r), False
    if r == full - 1 and facilitator_fills:
        return [full] * k + [r], True
    # Spread the rest as extra observers over the groups.
    sizes = [full] * k
    for i in range(r):
        sizes[i % k] += 1
    return sizes, False


def rotate(members: Sequence[str], mode: Mode, talks: int) -> list[Assignment]:
    """The assignment for each talk of one group.

    Member i holds slot (i - t) mod s in talk t: slot 0 is the mentor, then
    parent, pupil, and the remaining slots observe. The facilitator, if in
    the group, keeps the fill role throughout.
    """
    if talks < 1:
        raise _err("core.rotation.a_practice_phase_has_at_least")
    roles = list(ROLES[mode])
    people = [m for m in members if m != FACILITATOR]
    fixed: dict[str, str] = {}
    if FACILITATOR in members:
        fixed[FILL_ROLE[mode]] = FACILITATOR
        roles.remove(FILL_ROLE[mode])
    if len(set(people)) != len(people):
        raise _err("core.rotation.appears_twice_in_one_group", sorted({p for p in people if people.count(p) > 1}))
    if len(people) < len(roles):
        raise _err(f"core.rotation.{mode}_needs_at_least_players", n_roles=len(roles), n_people=len(people))
    s = len(people)
    out = []
    for t in range(talks):
        slots: dict[str, str] = dict(fixed)
        observers = []
        for offset in range(s):
            who = people[(t + offset) % s]
            if offset < len(roles):
                slots[roles[offset]] = who
            else:
                observers.append(who)
        out.append(Assignment(
            mentor=slots["mentor"], parent=slots["parent"], pupil=slots.get("pupil"),
            observers=tuple(observers),
        ))
    return out


def propose(
    participants: Iterable[str], mode: Mode, talks: int, rng: random.Random,
    facilitator_fills: bool = True,
) -> list[GroupPlan]:
    """Shuffle the participants into practice groups, each with its rotation."""
    ids = list(dict.fromkeys(participants))
    if FACILITATOR in ids:
        raise _err("core.rotation.is_reserved_for_the_facilitator", id=FACILITATOR)
    if len(ids) < 2:
        raise _err("core.rotation.practice_talks_need_at_least_two")
    sizes, fill = group_sizes(len(ids), mode, facilitator_fills)
    rng.shuffle(ids)
    groups: list[GroupPlan] = []
    start = 0
    for i, size in enumerate(sizes):
        members = ids[start:start + size]
        start += size
        if fill and i == len(sizes) - 1:
            members.append(FACILITATOR)
        groups.append(GroupPlan(tuple(members), mode, tuple(rotate(members, mode, talks))))
    return groups


def check(assignment: Assignment, members: Iterable[str], mode: Mode) -> list[str]:
    """Problems with a (possibly hand-edited) assignment, in English with ids; empty when fine."""
    return [str(p) for p in problems(assignment, members, mode)]


def problems(assignment: Assignment, members: Iterable[str], mode: Mode) -> list[RuleError]:
    """Problems with a (possibly hand-edited) assignment, in both languages; empty when fine."""
    found = []
    allowed = set(members) | {FACILITATOR}
    players = assignment.players
    everyone = players + list(assignment.observers)
    if mode == "trio" and assignment.pupil is None:
        found.append(_err("core.rotation.a_trio_needs_a_pupil"))
    if mode == "pair" and assignment.pupil is not None:
        found.append(_err("core.rotation.a_pair_has_no_pupil"))
    seen: set[str] = set()
    for who in everyone:
        if who in seen:
            found.append(_err("core.rotation.has_two_roles_in_one_talk", [who]))
        seen.add(who)
    strangers = [w for w in everyone if w not in allowed]
    if strangers:
        found.append(_err("core.rotation.not_in_this_group", strangers))
    return found
