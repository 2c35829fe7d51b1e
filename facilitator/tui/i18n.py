"""UI strings in Dutch and English, and footer keys in the current language.

Every text comes from the catalog (``core/catalog``): ``catalog.t(key, lang)``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode
from textual.keys import format_key

from facilitator.core import catalog



#: English binding description -> Dutch.
KEYS_NL: dict[str, str] = {
    "Quit": "Stoppen",
    "Open": "Openen",
    "New session": "Nieuwe sessie",
    "Archive": "Archiveren",
    "Follow-up review": "Vervolg",
    "Folder": "Map",
    "Reload": "Vernieuwen",
    "Start/pause": "Start/pauze",
    "±1 min": "±1 min",
    "-1 min": "-1 min",
    "Next": "Volgende",
    "Finish": "Afronden",
    "Previous": "Vorige",
    "Accept cuts": "Inkorten",
    "Room": "Zaal",
    "Bell on/off": "Bel aan/uit",
    "Help": "Hulp",
    "Action points": "Acties",
    "People": "Deelnemers",
    "Sessions": "Sessies",
    "Leave field / back": "Veld verlaten / terug",
    "Create": "Aanmaken",
    "Cancel": "Annuleren",
    "Export": "Exporteren",
    "Propose groups": "Groepen voorstellen",
    "Yes": "Ja",
    "No": "Nee",
    "Close": "Sluiten",
    "palette": "opdrachten",
}


def localize_bindings(node: DOMNode, lang: str, refresh: bool = True) -> None:
    """Describe `node`'s bindings in `lang`.

    The first call keeps the English originals (including bindings Textual
    adds at run time, such as the palette key) so later switches start clean.
    """
    original = getattr(node, "_facilitator_en_bindings", None)
    if original is None:
        original = node._bindings.copy()
        node._facilitator_en_bindings = original  # type: ignore[attr-defined]
    fresh = original.copy()
    if lang != "en":
        for key, bindings in fresh.key_to_bindings.items():
            fresh.key_to_bindings[key] = [
                replace(b, description=KEYS_NL.get(b.description, b.description)) for b in bindings
            ]
    node._bindings = fresh
    if refresh:  # each refresh recomposes the footer: skip it while mounting
        node.refresh_bindings()


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
