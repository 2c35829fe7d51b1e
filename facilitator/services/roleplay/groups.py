"""Practice groups and the rounds of each talk: proposing, overriding roles, moving people."""

from __future__ import annotations

import random
from typing import Literal

from facilitator.core import catalog, rotation
from facilitator.core.errors import UserError
from facilitator.core.model import PracticeGroup, RolePlayRound, Session, new_id
from facilitator.core.talk import CATEGORIES, talks_in_session
from facilitator.core.text import LocalizedError, LText, catalog_text
from facilitator.services.session import SessionService


class RoleplayError(LocalizedError, UserError):
    """A role-play step refused, in Dutch and English; people are named by id until shown."""


def _err(key: str, people: list[str] | tuple[str, ...] = (), **fields: object) -> RoleplayError:
    return RoleplayError(catalog_text(key, **fields), people)


SetChoice = Literal["1", "2", "alternate", "random"]
SET_CHOICES: tuple[str, ...] = ("alternate", "1", "2", "random")
def role_labels(lang: str) -> dict[str, str]:
    """Mentor, Ouder, Leerling, Observator: the roles' names in ``lang``."""
    return {role: catalog.t(f"role.{role}", lang) for role in ("mentor", "parent", "pupil", "observer")}


def category_labels(lang: str) -> dict[str, str]:
    """The feedback categories' names in ``lang`` (docs/glossary.md)."""
    return {c: catalog.t(f"category.{c}", lang) for c in CATEGORIES}

def facilitator_name(session: Session, lang: str) -> str:
    return session.facilitator or catalog.t("services.roleplay.groups.facilitator", lang)


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


def started(session: Session) -> bool:
    return any(r.started is not None or r.observations for r in session.rounds)


def setup_groups(
    service: SessionService, mode: rotation.Mode, talks: int, *, rng: random.Random | None = None,
    facilitator_fills: bool = True, lang: str = "nl",
) -> list[PracticeGroup]:
    """Propose practice groups with their rotation and store them (replacing an unstarted plan)."""
    session = service.session
    if started(session):
        raise UserError(key="error.talks_started")
    if not session.participants:
        raise UserError(key="error.add_participants_first")
    plans = rotation.propose(
        [p.id for p in session.participants if not p.absent], mode, talks, rng or service.rng, facilitator_fills
    )
    for r in list(session.rounds):
        service.delete_round(r.id)
    for g in list(session.practice_groups):
        service.delete_practice_group(g.id)
    groups = []
    for i, plan in enumerate(plans, 1):
        group = PracticeGroup(id=new_id("pg"), name=catalog.t("services.people.group", lang, n=i), members=list(plan.members), mode=mode)
        service.add_practice_group(group)
        groups.append(group)
        for t, a in enumerate(plan.talks, 1):
            service.add_round(RolePlayRound(
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
        raise _err("services.roleplay.groups.no_role_play_talk_with_id", round_id=round_id)
    return rnd


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
        raise _err("services.roleplay.groups.this_talk_s_practice_group_is")
    if observers is None:
        taken = {mentor, parent, pupil}
        observers = [m for m in group.members if m not in taken]
    new = rotation.Assignment(mentor, parent, pupil, tuple(observers))
    problems = rotation.problems(new, group.members, group.mode)
    if problems:
        raise RuleProblems(problems)
    service.update_round(round_id, mentor=mentor, parent=parent, pupil=pupil, observers=list(observers))


def move_member(service: SessionService, pid: str, to_group: str, from_talk: int = 1) -> None:
    """Move a person to another group and redo both groups' rotation from `from_talk` on.

    Rounds already started keep what was played: history is never rewritten.
    """
    session = service.session
    target = group_of(session, to_group)
    if target is None:
        raise _err("services.roleplay.groups.no_practice_group", to_group=to_group)
    source = next((g for g in session.practice_groups if pid in g.members), None)
    if source is None or source.id == to_group:
        return
    service.update_practice_group(source.id, members=[m for m in source.members if m != pid])
    service.update_practice_group(target.id, members=[*target.members, pid])
    for gid in (source.id, to_group):
        rerotate(service, gid, from_talk)


def rerotate(service: SessionService, group_id: str, from_talk: int = 1) -> None:
    session = service.session
    group = group_of(session, group_id)
    if group is None:
        return
    total = max(talks_in_session(session), from_talk)
    away = {p.id for p in session.participants if p.absent}
    try:
        # Absent people stay members (they may come back) but play no talk still to come.
        plan = rotation.rotate([m for m in group.members if m not in away], group.mode, total)
    except rotation.RuleError as exc:
        raise RoleplayError(exc.message, exc.people) from None
    for rnd in [r for r in session.rounds if r.group == group_id]:
        if rnd.talk < from_talk or rnd.started is not None:
            continue
        a = plan[rnd.talk - 1]
        service.update_round(rnd.id, mentor=a.mentor, parent=a.parent, pupil=a.pupil, observers=list(a.observers))


def set_mode(service: SessionService, group_id: str, mode: rotation.Mode) -> None:
    """Switch one group between pair and trio (a trio needs three players)."""
    service.update_practice_group(group_id, mode=mode)
    try:
        rerotate(service, group_id)
    except UserError:
        service.update_practice_group(group_id, mode="pair" if mode == "trio" else "trio")
        raise
