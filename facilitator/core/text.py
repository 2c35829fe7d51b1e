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
