"""Localised text: every string the app shows exists in Dutch and English, and may in more.

A third language is one catalog file (core/catalog/<code>.py); content files may then
carry that language beside ``nl`` and ``en`` (``de = "..."``). A language code is
checked by its shape only, so a session or content file written where a third
language was installed opens everywhere, its texts kept (never dropped on a rewrite).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from facilitator.core.catalog import LANG_PATTERN
from facilitator.core.invalid import invalid

Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


class LText(BaseModel):
    """A text in Dutch and English, and in any further language a content file gives.

    Dutch is the default and the fallback.
    """

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, str] = Field(init=False)  # further languages: text only

    nl: str = Field(description="Dutch text (the default language).")
    en: str = Field(description="English text.")

    @model_validator(mode="after")
    def _further_languages_are_language_codes(self) -> "LText":
        import re

        for code in self.__pydantic_extra__ or {}:
            if not re.fullmatch(LANG_PATTERN, code):
                raise invalid("error.text.not_a_language", at=(code,), code=code)
        return self

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Dutch for a language the text does not have."""
        if lang == "en":
            return self.en
        if lang != "nl" and self.__pydantic_extra__:
            return self.__pydantic_extra__.get(lang, self.nl)
        return self.nl


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
    """What to show for an error: its text in `lang` when the catalog can say it."""
    from pydantic import ValidationError

    from facilitator.core.errors import describe_validation, os_reason, say_reason

    if isinstance(exc, LocalizedError):
        return exc.text(lang, name)
    say = getattr(exc, "say", None)  # a UserError with a catalog key says it in `lang`
    if callable(say):
        return say(lang)
    if isinstance(exc, ValidationError):  # a value the model refused (a note too long): field and reason
        return describe_validation(exc, lang)
    if isinstance(exc, OSError):  # the OS's common refusals in `lang`, after the file it names
        text = say_reason(os_reason(exc), lang)
        return f"{exc.filename}: {text}" if exc.filename else text
    return str(exc)
