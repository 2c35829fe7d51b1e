"""Card content for the practice phase: the reveal steps and the role slips PDF.

Kept apart from practice.py because this is the only place in the phase
that touches card text; the view itself only ever shows who plays what.
"""

from __future__ import annotations

from facilitator.core import catalog

from pathlib import Path
from typing import Callable

from facilitator.core.cards import Card
from facilitator.core.model import RolePlayRound
from facilitator.core.talk import rounds_for_talk
from facilitator.services.roleplay.cards import card_for, deck_of, set_situation, situations, slips
from facilitator.services.roleplay.groups import group_of, role_labels, round_of
from facilitator.services.session import SessionService
from facilitator.tui.dialogs.reveal import RevealCard, RevealStep



def _card(card: Card, situation: str | None, lang: str, situations: bool = True) -> RevealCard:
    labels = role_labels(lang)
    options = [s.get(lang) for s in card.situations] if situations else []
    return RevealCard(labels[card.role].upper(), card.title.get(lang), card.render(lang, situation), options)


def _chooser(service: SessionService, round_id: str, lang: str) -> Callable[[int], str]:
    """The pupil picks the situation while reading; it is stored at once."""

    def choose(i: int) -> str:
        rnd = round_of(service.session, round_id)
        options = situations(rnd, lang)
        set_situation(service, round_id, options[i])
        return card_for(rnd, "pupil").render(lang, options[i])

    return choose


def reveal_steps(service: SessionService, rnd: RolePlayRound, lang: str) -> list[RevealStep]:
    """Parent first, then pupil and mentor, each their own card; observers last, all cards."""
    labels = role_labels(lang)
    steps: list[RevealStep] = []
    observers: list[str] = []
    for slip in slips(service.session, rnd, lang):
        if slip.role == "observer":
            observers.append(slip.name)
            continue
        cards = [_card(c, rnd.situation, lang) for c in slip.cards]
        choose = None
        if slip.role == "pupil" and any(c.situations for c in slip.cards):
            choose = _chooser(service, rnd.id, lang)
        steps.append(RevealStep(f"{slip.name} ({labels[slip.role].lower()})", cards, choose))
    if observers:
        word = labels["observer"].lower() if len(observers) == 1 else catalog.t("tui.phases.practice.cards.observers", lang)
        every = [
            _card(c, rnd.situation, lang, situations=False)
            for c in (card_for(rnd, r) for r in ("mentor", "parent", "pupil")) if c
        ]
        steps.append(RevealStep(f"{catalog.t('tui.phases.practice.cards.and', lang).join(observers)} ({word})", every))
    return steps


def write_slips(service: SessionService, talk: int, lang: str) -> Path | None:
    """Role slips for every drawn group of `talk`, saved next to the session file.

    Returns the path, or None when no group has cards yet.
    """
    from facilitator.export.pdf.cards import SlipSpec
    from facilitator.services.exports import write_slips_pdf

    session = service.session
    rounds = [r for r in rounds_for_talk(session, talk) if r.cards]
    if not rounds:
        return None
    specs = []
    for rnd in rounds:
        group = group_of(session, rnd.group)
        for slip in slips(session, rnd, lang):
            specs.append(SlipSpec(slip.name, slip.role, group.name if group else "", rnd.talk,
                                  slip.cards, slip.situation))
    word = catalog.t("tui.phases.practice.cards.role_slips_talk", lang)
    path = Path(service.path).with_name(f"{session.id}-{word}-{talk}.pdf")
    title = catalog.t("tui.phases.practice.cards.role_slips_talk_2", lang, talk=talk)
    return write_slips_pdf(specs, deck_of(rounds[0]), path, lang, f"{session.title} · {title}")
