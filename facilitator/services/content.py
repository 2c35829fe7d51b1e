"""The method's content as the front ends use it: agenda templates, decks, survey, success factors, help.

storage/content.py reads the files; here they are chosen (a session's own
template, a deck by name), cached for the process, and bundled for an export.
"""

from __future__ import annotations

from functools import lru_cache

from facilitator.core.cards import Deck
from facilitator.core.content import AgendaTemplate, ContentSet, Method, MethodSection, Prompt, SuccessFactors, Survey
from facilitator.core.errors import UserError
from facilitator.core.model import Session
from facilitator.storage import content as files
from facilitator.storage.content import DeckCatalog


def load_decks() -> DeckCatalog:
    """Every deck (built-in and the user's); broken ones are listed as skipped, never fatal."""
    return files.load_decks()


@lru_cache(maxsize=1)
def default_deck() -> Deck:
    return files.load_decks().get("default")


def load_templates() -> tuple[dict[str, AgendaTemplate], list]:
    return files.load_templates(method().names)


def template(name: str) -> AgendaTemplate:
    found, skipped = load_templates()
    if name not in found:
        # A template the user wrote but broke: say what is wrong with it, not "unknown".
        for err in skipped:
            if err.path.stem == name:
                raise err
        known = ", ".join(sorted(found)) or "-"
        if skipped:
            raise UserError(key="error.no_agenda_broken", name=name, known=known,
                            broken=", ".join(e.path.name for e in skipped))
        raise UserError(key="error.no_agenda", name=name, known=known)
    return found[name]


def template_or_none(name: str) -> AgendaTemplate | None:
    """A session's template, or None when it was removed or broke since: titles come from the session."""
    try:
        return template(name)
    except UserError:
        return None


@lru_cache(maxsize=1)
def survey() -> Survey:
    return files.load_survey()


@lru_cache(maxsize=1)
def success_factors() -> SuccessFactors:
    return files.load_success_factors()


@lru_cache(maxsize=1)
def method() -> Method:
    """The method's help (method.toml): the sections an agenda's questions name."""
    return files.load_method()


def help_for(prompt: Prompt | None) -> list[MethodSection]:
    """The help sections a question names (its agenda's `help`), in its order; none without."""
    return method().help_for(prompt) if prompt is not None and prompt.help else []


def content_for(session: Session, *, decks: bool = True) -> ContentSet:
    """Everything an export of `session` may print besides the session itself."""

    def quietly(load):
        try:
            return load()
        except UserError:
            return None

    return ContentSet(
        template=template_or_none(session.agenda),
        factors=quietly(success_factors),
        survey=quietly(survey),
        method=quietly(method),
        decks=dict(files.load_decks().decks) if decks and session.rounds else {},
    )


def read_deck(path) -> Deck:
    """One deck file, checked (`facilitator cards check`): any problem is one FileFormatError."""
    return files.load_toml_model(path, Deck)
