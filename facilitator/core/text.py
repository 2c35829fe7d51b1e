"""Localised text: every string the app shows exists in Dutch and English."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


class LText(BaseModel):
    """A text in both languages. Dutch is the default and the fallback."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str = Field(description="Dutch text (the default language).")
    en: str = Field(description="English text.")

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Dutch for unknown languages."""
        return self.en if lang == "en" else self.nl


from facilitator.core.plain import one_line, visible  # noqa: E402,F401 - re-exported for callers


def catalog_text(key: str, **fields: object) -> LText:
    """The catalog's text for ``key`` in both languages, ``{who}`` kept for LocalizedError to fill."""
    from facilitator.core import catalog

    return LText(nl=catalog.t(key, "nl", who="{who}", **fields), en=catalog.t(key, "en", who="{who}", **fields))


class LocalizedError(Exception):
    """An error whose message exists in both languages, naming people by id until it is shown.

    `{who}` in the message stands for the people (ids); the screen that shows the error
    passes a `name` function so the room reads "Anna", not "p3f9a". ``str()`` is the
    English text with ids (logs, tests).
    """

    def __init__(self, message: LText, people: tuple[str, ...] | list[str] = ()) -> None:
        self.message = message
        self.people = tuple(people)
        super().__init__(self.text("en"))

    def text(self, lang: str, name=lambda pid: pid) -> str:
        return self.message.get(lang).replace("{who}", ", ".join(name(p) for p in self.people))


def explain(exc: BaseException, lang: str, name=lambda pid: pid) -> str:
    """What to show for an error: its text in `lang` when it has both languages."""
    if isinstance(exc, LocalizedError):
        return exc.text(lang, name)
    say = getattr(exc, "say", None)  # a UserError with a catalog key says it in `lang`
    return say(lang) if callable(say) else str(exc)
