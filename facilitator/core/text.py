"""Localised text: every string the app shows exists in Dutch and English."""

from __future__ import annotations

import re
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


def pick(lang: str, nl: str, en: str) -> str:
    """The Dutch or English variant of a string written inline (Dutch is the default)."""
    return en if lang == "en" else nl


#: Control characters in caret notation, as `cat -v` shows them: C0 (but line feed and tab)
#: as ^@..^_ (ESC as ^[, BEL as ^G), DEL as ^?, and C1 (0x80-0x9f, which some terminals obey
#: too, e.g. 0x9b as CSI) as M-^@..M-^_. Plain ASCII renders in every font, the PDF's too
#: (the bundled DejaVu Sans has no Unicode control pictures).
_PICTURES: dict[int, str] = {c: "^" + chr(c + 0x40) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES[0x7F] = "^?"
_PICTURES.update({c: "M-^" + chr(c - 0x80 + 0x40) for c in range(0x80, 0xA0)})
_HAS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """User text with every control character shown as a visible symbol, never executed.

    A pasted escape sequence (`ESC ] 0 ; title BEL`) must not rename the terminal, recolour
    the projector or move the cursor; in a Markdown or PDF export it must not hide text either.
    Line feeds and tabs stay (use `one_line` where a single line is wanted).
    Cheap when the text has no control characters (the usual case).
    """
    return text.translate(_PICTURES) if _HAS_CONTROL.search(text) else text


def one_line(text: str) -> str:
    """User text for a single-line cell: control characters visible, newlines as ⏎."""
    return visible(text.replace("\r\n", "\n")).replace("\n", " ⏎ ").replace("\t", " ")


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
    return exc.text(lang, name) if isinstance(exc, LocalizedError) else str(exc)
