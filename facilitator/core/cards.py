"""Role cards: the deck model, its validation, and fair drawing.

Drawing takes an injectable ``random.Random`` so that tests (and a
facilitator who wants to replay a draw) get the same cards from the same seed.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from facilitator.core.errors import UserError
from facilitator.core.invalid import invalid
from facilitator.core.text import LText

Role = Literal["mentor", "parent", "pupil"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CardSet(Strict):
    number: int = Field(ge=1, description="Set number, referenced by cards.")
    title: LText = Field(description="The set's theme.")


class Card(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", description="Unique id in the deck.")
    role: Role = Field(description="Who plays the card.")
    set: int | None = Field(None, description="Set number; pupil cards have none.")
    title: LText = Field(description="Short title (lists, PDFs).")
    text: LText = Field(description="What the player reads; may hold {situation}.")
    situations: list[LText] = Field(default_factory=list, description="Choices for {situation}.")
    own_situation: LText | None = Field(
        None, description="Offered beside the choices: the facilitator types a situation that fits the talk.")

    def render(self, lang: str, situation: str | None = None) -> str:
        text = self.text.get(lang)
        if "{situation}" in text:
            text = text.replace("{situation}", situation or "…")
        return text


class Deck(Strict):
    schema_: int = Field(1, alias="schema")
    name: str = Field(min_length=1)
    title: LText
    description: LText | None = None
    sets: list[CardSet] = Field(min_length=1)
    cards: list[Card] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> "Deck":
        # Each refusal names the card or set at fault (its place in the file: the loader finds the
        # line) by catalog key, so a Dutch user reads Dutch. Linear in the deck's size: a hostile
        # 4 MiB deck must not take minutes to refuse.
        seen: set[str] = set()
        for i, c in enumerate(self.cards):
            if c.id in seen:
                raise invalid("error.deck.duplicate_card", at=("cards", i, "id"), card=c.id)
            seen.add(c.id)
        numbers = [s.number for s in self.sets]
        defined: set[int] = set()
        for i, n in enumerate(numbers):
            if n in defined:
                raise invalid("error.deck.duplicate_set", at=("sets", i, "number"), number=n)
            defined.add(n)
        mentors: dict[int, int] = {}
        parents: dict[int, int] = {}
        for i, c in enumerate(self.cards):
            if c.role != "pupil" and c.set is None:
                raise invalid("error.deck.card_needs_set", at=("cards", i, "set"), card=c.id)
            if c.set is not None and c.set not in defined:
                raise invalid("error.deck.unknown_set", at=("cards", i, "set"), card=c.id, number=c.set)
            if c.role == "mentor":
                mentors[c.set] = mentors.get(c.set, 0) + 1
            elif c.role == "parent":
                parents[c.set] = parents.get(c.set, 0) + 1
        for i, n in enumerate(numbers):
            if not mentors.get(n) and not parents.get(n):
                raise invalid("error.deck.empty_set", at=("sets", i), number=n)
            if not mentors.get(n):
                raise invalid("error.deck.no_mentor", at=("sets", i), number=n)
            if mentors[n] > 1:
                raise invalid("error.deck.mentors", at=("sets", i), number=n, n=mentors[n])
            if not parents.get(n):
                raise invalid("error.deck.no_parents", at=("sets", i), number=n)
        return self

    def card(self, card_id: str) -> Card | None:
        return next((c for c in self.cards if c.id == card_id), None)

    def mentor(self, set_number: int) -> Card:
        return next(c for c in self.cards if c.set == set_number and c.role == "mentor")

    def parents(self, set_number: int) -> list[Card]:
        return [c for c in self.cards if c.set == set_number and c.role == "parent"]

    @property
    def pupils(self) -> list[Card]:
        return [c for c in self.cards if c.role == "pupil"]


@dataclass(frozen=True)
class Draw:
    set: int
    mentor: Card
    parent: Card
    pupil: Card | None = None
    situation: str | None = None

    @property
    def card_ids(self) -> list[str]:
        return [c.id for c in (self.mentor, self.parent, self.pupil) if c is not None]


def _least_used(cards: list[Card], used: Counter[str], rng: random.Random) -> Card:
    """A random card among those drawn least often: no repeat until all are used."""
    low = min(used[c.id] for c in cards)
    return rng.choice([c for c in cards if used[c.id] == low])


def draw(
    deck: Deck,
    set_number: int,
    rng: random.Random,
    already_drawn: Iterable[str] = (),
    pupil: bool = False,
    situation: str | None = None,
    lang: str = "nl",
) -> Draw:
    """Draw the mentor card of `set_number`, a parent card, optionally a pupil card.

    `already_drawn` is every card id drawn earlier in the session: a parent
    (or pupil) card comes back only once all its siblings have been used.
    `situation` fills a pupil card's {situation}; None picks one of its options.
    """
    if set_number not in {s.number for s in deck.sets}:
        raise UserError(key="error.deck.no_set", name=deck.name, number=set_number)
    used = Counter(already_drawn)
    parent = _least_used(deck.parents(set_number), used, rng)
    pupil_card = None
    chosen = None
    if pupil:
        if not deck.pupils:
            raise UserError(key="error.deck.no_pupils", name=deck.name)
        pupil_card = _least_used(deck.pupils, used, rng)
        if pupil_card.situations:
            chosen = situation or rng.choice(pupil_card.situations).get(lang)
    return Draw(set_number, deck.mentor(set_number), parent, pupil_card, chosen)
