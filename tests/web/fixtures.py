"""A session with two practice groups and drawn talks, for the web tests."""

from __future__ import annotations

from facilitator.core.model import PracticeGroup, new_id
from facilitator.services import content
from facilitator.services.session import SessionService

NAMES = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]


def practice_session(service: SessionService) -> dict:
    """Groups g1 (Anna mentor, Bram parent, Cem observes) and g2 (Dewi, Eva, Femke)."""
    for name in NAMES[len(service.session.participants):]:
        service.add_participant(name)
    ids = {p.name: p.id for p in service.session.participants}
    g1 = PracticeGroup(id=new_id("pg"), name="Groep 1", members=[ids[n] for n in NAMES[:3]])
    g2 = PracticeGroup(id=new_id("pg"), name="Groep 2", mode="trio", members=[ids[n] for n in NAMES[3:]])
    service.add_practice_group(g1)
    service.add_practice_group(g2)
    r1 = service.draw_round(g1.id, 1, 1, mentor=ids["Anna"], parent=ids["Bram"], observers=[ids["Cem"]])
    r2 = service.draw_round(g2.id, 1, 2, pupil=True, mentor=ids["Dewi"], parent=ids["Eva"],
                            observers=[ids["Femke"]])
    deck = content.default_deck()
    return {"g1": g1, "g2": g2, "r1": r1, "r2": r2, "ids": ids,
            "texts": {r.id: [deck.card(c).render("nl", r.situation) for c in r.cards] for r in (r1, r2)}}


def start_talk(service: SessionService, round_id: str) -> None:
    service.update_round(round_id, started=service.now())


def add_observer(service: SessionService, s: dict, name: str, group: str = "g1", rnd: str = "r1") -> str:
    """One more participant in a group's roster, observing one of its talks; returns the id."""
    person = service.add_participant(name)
    g = next(x for x in service.session.practice_groups if x.id == s[group].id)
    r = next(x for x in service.session.rounds if x.id == s[rnd].id)
    service.update_practice_group(g.id, members=[*g.members, person.id])
    service.update_round(r.id, observers=[*r.observers, person.id])
    s["ids"][name] = person.id
    return person.id
