"""People and groups while the meeting runs: a late arrival, an absentee, a move, new groups.

Dialogue groups (``Session.groups``) and practice groups (``Session.practice_groups``)
both change here. Talks already held (started or ended) keep who played what;
only the talks still to come are rotated again (``roleplay.groups.rerotate``).
Absent people are never deleted: their notes and feedback stay, they are only
left out of new proposals and of the rotation of the talks to come.
"""

from __future__ import annotations

from facilitator.core import catalog

from facilitator.core import groups as core_groups
from facilitator.core.errors import UserError
from facilitator.core.model import Group, Participant, Session
from facilitator.core.text import explain
from facilitator.services.roleplay import groups as practice
from facilitator.services.session import SessionService


def present(session: Session) -> list[Participant]:
    return [p for p in session.participants if not p.absent]


def dialogue_group_of(session: Session, pid: str) -> Group | None:
    return next((g for g in session.groups if pid in g.members), None)


def practice_group_of(session: Session, pid: str) -> Group | None:
    return next((g for g in session.practice_groups if pid in g.members), None)


def propose_dialogue_groups(service: SessionService, lang: str = "nl") -> list[Group]:
    """Dialogue groups of three or four from the people present (``core.groups.propose``,
    the same proposal as the new-session form).

    Existing groups keep their id and name (their notes stay on their sheet); a group
    the new proposal does not need is emptied if it has notes, removed if it has none.
    """
    session = service.session
    proposal = core_groups.propose([p.id for p in present(session)])
    existing = list(session.groups)
    with service.batch():
        for i, members in enumerate(proposal):
            if i < len(existing):
                service.set_group_members(existing[i].id, members)
            else:
                service.add_group(catalog.t("services.people.group", lang, n=i + 1), members)
        with_notes = {n.group for n in session.notes if n.group}
        for group in existing[len(proposal):]:
            if group.id in with_notes:
                service.set_group_members(group.id, [])
            else:
                service.delete_group(group.id)
    return list(service.session.groups)


def move_to_dialogue_group(service: SessionService, pid: str, group_id: str) -> None:
    session = service.session
    target = next((g for g in session.groups if g.id == group_id), None)
    if target is None:
        raise UserError(key="error.no_dialogue_group", group=group_id)
    with service.batch():
        for g in session.groups:
            if pid in g.members and g.id != group_id:
                service.set_group_members(g.id, [m for m in g.members if m != pid])
        if pid not in target.members:
            service.set_group_members(group_id, [*target.members, pid])


def _smallest(groups: list[Group], session: Session) -> Group | None:
    away = {p.id for p in session.participants if p.absent}
    return min(groups, key=lambda g: len([m for m in g.members if m not in away]), default=None)


def move_to_practice_group(service: SessionService, pid: str, group_id: str, lang: str = "nl") -> str | None:
    """Move someone (or place a newcomer) in a practice group; both groups' talks to come
    are rotated again. Returns a warning when a group is now too small to rotate."""
    session = service.session
    target = practice.group_of(session, group_id)
    if target is None:
        raise UserError(key="error.no_practice_group", group=group_id)
    source = practice_group_of(session, pid)
    if source is not None and source.id == group_id:
        return None
    with service.batch():
        if source is not None:
            service.update_practice_group(source.id, members=[m for m in source.members if m != pid])
        service.update_practice_group(group_id, members=[*target.members, pid])
        return _rerotate_all(service, [g for g in (source, target) if g is not None], lang)


def _rerotate_all(service: SessionService, groups: list[Group], lang: str = "nl") -> str | None:
    """Rotate the talks to come again; a group too small to play says so (nothing is lost:
    the talks keep their earlier roles until someone is moved in)."""
    problems = []
    for g in groups:
        try:
            practice.rerotate(service, g.id)
        except UserError as exc:
            problems.append(f"{g.name}: {explain(exc, lang, service.session.participant_name)}")
    return "; ".join(problems) or None


def add_late_arrival(service: SessionService, name: str, lang: str = "nl") -> tuple[Participant, str | None]:
    """Someone arrives late: into the smallest dialogue group and the smallest practice
    group (if there are groups), playing in the talks still to come."""
    name = " ".join(name.split())
    if not name:
        raise UserError(catalog.t("services.people.give_a_name", lang))
    session = service.session
    with service.batch():
        person = service.add_participant(name)
        group = _smallest(list(session.groups), session)
        if group is not None:
            service.set_group_members(group.id, [*group.members, person.id])
        warning = None
        pgroup = _smallest(list(session.practice_groups), session)
        if pgroup is not None:
            service.update_practice_group(pgroup.id, members=[*pgroup.members, person.id])
            warning = _rerotate_all(service, [pgroup], lang)
    return person, warning


def set_absent(service: SessionService, pid: str, absent: bool = True, lang: str = "nl") -> str | None:
    """Mark someone absent (or back); the talks still to come of their practice group
    are rotated again without them (or with them). Returns a warning if that fails."""
    session = service.session
    with service.batch():
        service.mark_absent(pid, absent)
        group = practice_group_of(session, pid)
        return _rerotate_all(service, [group], lang) if group is not None else None
