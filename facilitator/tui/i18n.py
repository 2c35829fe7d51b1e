"""The terminal app in the user's language: key labels and key names from the catalog.

Every text comes from the catalog (``core/catalog``): ``catalog.t(key, lang)``. A key binding
(``Binding``) declares its description as a catalog key (``"keys.next_question"``), or a key and
one value for its ``{n}`` (``"keys.factor:3"``). Textual has no public way to change a binding's
description, but what its Footer, KeyPanel, the palette and our help read is the screen's
``active_bindings``: the app's ``Screen`` and ``ModalScreen`` below (every screen and dialog
derives from one of them) return that map with each description in the app's language. A
language switch then only needs ``refresh_bindings()``. A ``key_display`` may be a catalog key
too (``key.yes``), for a binding whose keys include one per language (y and j: Yes, Ja).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from textual import screen
from textual.binding import ActiveBinding, Binding
from textual.keys import format_key

from facilitator.core import catalog

ResultType = TypeVar("ResultType")

#: Descriptions of the bindings Textual itself adds (the palette key, focus, copy) -> catalog key.
TEXTUAL_KEYS = {
    "palette": "keys.textual.palette",
    "Quit": "keys.quit",
    "Focus Next": "keys.textual.focus_next",
    "Focus Previous": "keys.textual.focus_previous",
    "Copy selected text": "keys.textual.copy",
}


def describe(description: str, lang: str) -> str:
    """A binding's description in ``lang``: ``keys.x`` or ``keys.x:value`` from the catalog."""
    key, _, value = TEXTUAL_KEYS.get(description, description).partition(":")
    if key not in catalog.strings(catalog.DEFAULT):
        return description  # not ours (none of facilitator's: a test checks every Binding)
    return catalog.t(key, lang, n=value) if value else catalog.t(key, lang)


def shown_key(key_display: str | None, lang: str) -> str | None:
    """A binding's ``key_display`` in ``lang``: a catalog key (``key.yes``: j in Dutch, y in English)
    when one key of several is the language's own, else the text as declared (``+/-``, ``]``)."""
    if key_display and key_display.startswith("key.") and key_display in catalog.strings(catalog.DEFAULT):
        return catalog.t(key_display, lang)
    return key_display


def translated(bindings: dict[str, ActiveBinding], lang: str) -> dict[str, ActiveBinding]:
    """``active_bindings`` with every description (and a key shown by language) said in ``lang``."""
    out = {}
    for key, active in bindings.items():
        binding: Binding = active.binding
        said = describe(binding.description, lang) if binding.description else ""
        display = shown_key(binding.key_display, lang)
        if said != binding.description or display != binding.key_display:
            active = active._replace(binding=replace(binding, description=said, key_display=display))
        out[key] = active
    return out


def declared_bindings(cls: type) -> list[Binding]:
    """Every binding a widget class declares (its BINDINGS and its bases'), one per key, bases first."""
    declared = [b for klass in reversed(cls.__mro__) for b in klass.__dict__.get("BINDINGS", [])]
    return list(Binding.make_bindings(declared))


class _InLanguage:
    """Mixin for screens: the active bindings (footer, key panel, palette, help) in the app's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings, getattr(self.app, "lang", catalog.DEFAULT))  # type: ignore[misc]


class Screen(_InLanguage, screen.Screen[ResultType]):
    """Every full screen of the app."""


class ModalScreen(_InLanguage, screen.ModalScreen[ResultType]):
    """Every dialog of the app."""

    def on_mount(self) -> None:
        # The key bar says what works now. A dialog covers the screen's own bar only where it is
        # drawn, so without a bar of its own the screen's keys showed under it (a confirmation's
        # bar offered "n Volgende", "del Verwijderen"): each dialog gets one, with its own keys.
        from facilitator.tui.widgets.keybar import KeyBar

        if not self.query(KeyBar):
            self.mount(KeyBar())


#: Keys whose name the catalog gives (key.<textual name>); every other key is shown as Textual
#: formats it (full_stop -> ".", right_square_bracket -> "]"), never by its internal name.
def key_name(key: str, lang: str) -> str:
    """How the help shows one key: ``pagedown`` -> ``PgDn``, ``ctrl+full_stop`` -> ``ctrl+.``."""
    *mods, name = key.strip().split("+") if key.strip() != "+" else ["+"]
    table = catalog.strings(lang)
    shown = catalog.t(f"key.{name}", lang) if f"key.{name}" in table else format_key(name)
    return "+".join([*mods, shown])


def key_names(keys: str, lang: str) -> str:
    """A help line's keys (``"pagedown right_square_bracket"``) by their display names."""
    return " ".join(key_name(k, lang) for k in keys.split())
