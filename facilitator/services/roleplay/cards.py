"""Drawing role cards for the rounds, and what each player may read of them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from facilitator.core import cards as core_cards
from facilitator.core.model import RolePlayRound, Session
from facilitator.core.talk import rounds_for_talk
from facilitator.services import content
from facilitator.services.roleplay.groups import _err, name_of, round_of
from facilitator.services.session import SessionService


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
        raise _err("services.roleplay.cards.unknown_set_choice", choice=choice) from None
    if number not in numbers:
        raise _err("error.deck.no_set", name=deck.name, number=number)
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
    service.update_round(round_id, **fields)
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
    service.update_round(round_id, situation=situation[:500])


def situations(rnd: RolePlayRound, lang: str) -> list[str]:
    """The situations the round's pupil card offers (empty if none)."""
    card = card_for(rnd, "pupil")
    return [s.get(lang) for s in card.situations] if card else []


def own_situation(rnd: RolePlayRound, lang: str) -> str | None:
    """The label of the free-text choice the pupil card offers beside its situations, if any.

    The facilitator may type a situation of their own that fits the talk
    (`set_situation` stores any text); this is the words to offer it with.
    """
    card = card_for(rnd, "pupil")
    return card.own_situation.get(lang) if card is not None and card.own_situation is not None else None


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
