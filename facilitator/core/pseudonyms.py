"""One way to leave names out, for every export: roles and numbers, never initials.

Initials (Ş.Y.) are easy to trace back in a team of twelve, and "(naam
weggelaten)" loses who said what. Here every person becomes a stable label:

- the participants of the sessions, in the order the first session lists them,
  are "deelnemer 1", "deelnemer 2", ... ("participant 1", ... in English);
- the facilitator is "begeleider" (a role, not a name);
- "team" stays "team";
- any other name typed in a 'who' field (a guest, a colleague) gets the next number.

Built from the same sessions, a session's report and its follow-up give the same
person the same number: a name seen again (in any case or spacing) keeps its label.
"""

from __future__ import annotations

from typing import Iterable

from facilitator.core import catalog
from facilitator.core.catalog import DEFAULT, known_language
from facilitator.core.model import Session

def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Pseudonyms:
    """Maps participant ids and names to their stand-in; ``anonymous=False`` shows names as they are."""

    def __init__(self, sessions: Iterable[Session], lang: str, anonymous: bool = True):
        self.lang = known_language(lang) or DEFAULT
        self.anonymous = anonymous
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.facilitators: set[str] = set()
        self.count = 0
        for session in sessions:
            if session.facilitator:
                self.facilitators.add(_key(session.facilitator))
            for p in session.participants:
                self.by_id[p.id] = self._number(p.name) if anonymous else p.name

    def _number(self, name: str) -> str:
        key = _key(name)
        if key not in self.by_name:
            self.count += 1
            self.by_name[key] = catalog.t("pseudonym.participant", self.lang, n=self.count)
        return self.by_name[key]

    def __call__(self, ref: str | None) -> str:
        """A participant id, a name or free text from a 'who' field, as the export shows it."""
        if not ref:
            return ""
        if ref in self.by_id:
            return self.by_id[ref]
        key = _key(ref)
        if key == "team":
            return catalog.t("pseudonym.team", self.lang)
        if not self.anonymous:
            return ref
        if key in self.by_name:
            return self.by_name[key]
        if key in self.facilitators:
            return catalog.t("pseudonym.facilitator", self.lang)
        return self._number(ref)  # free text in a name field is a name too: hide it

    def facilitator(self, name: str | None) -> str:
        if not name:
            return ""
        return catalog.t("pseudonym.facilitator", self.lang) if self.anonymous else name
