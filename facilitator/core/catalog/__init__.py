"""One catalog of the words the app says, one module per language.

``t("cli.new.help", "nl")`` gives the Dutch text, ``t(key, "en", name=...)``
fills ``{name}`` fields, and ``plural(key, lang, n)`` picks the form for a
count with CLDR's plural rules (Babel), so a language with more than two forms
needs no code. Each language is a module in this package (``nl.py``,
``en.py``) holding one dict, ``STRINGS``; a plural entry is a dict of CLDR
categories (``{"one": ..., "other": ...}``). Adding a third language is adding
one file: the package lists its modules itself, and a test fails when any
language lacks a key another one has.

Dutch is the default and the fallback: a key missing from a language (which
the test prevents) shows the Dutch text rather than a blank.

Every front end speaks from here: the CLI, the terminal app (``tui/i18n.py``
for key bindings), the phones' pages (``web/i18n.py`` serves the ``web.*`` keys
as ``/strings.js``) and the exports (``export/labels.py``, the card sheets'
``export.card_sheet.*``). One text, one key: a role (``role.*``), a feedback
category (``category.*``), a clock's state (``clock.*``) and an action (its key
binding's ``keys.*`` label) each have one key, wherever they are shown.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from typing import Mapping, Union

Entry = Union[str, Mapping[str, str]]

DEFAULT = "nl"

#: A language code as the catalog names its files: two or three lower-case letters. Session and content
#: files are checked against this shape only, so one written where a further language was installed opens
#: everywhere. Here (not in core.text) so the home list can check a summary without loading pydantic.
LANG_PATTERN = r"^[a-z]{2,3}$"


@lru_cache(maxsize=None)
def languages() -> tuple[str, ...]:
    """Every language with a module in this package, the default first."""
    found = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(sorted(found, key=lambda code: code != DEFAULT))


def next_language(lang: str) -> str:
    """The language after ``lang`` in ``languages()``, round again: what a language switch goes to."""
    known = languages()
    return known[(known.index(lang) + 1) % len(known)] if lang in known else DEFAULT


def known_language(lang: str | None) -> str | None:
    """``lang`` if a catalog file speaks it, else None (for settings, cookies and options read back)."""
    return lang if isinstance(lang, str) and lang in languages() else None


@lru_cache(maxsize=None)
def strings(lang: str) -> Mapping[str, Entry]:
    if lang not in languages():
        lang = DEFAULT
    return importlib.import_module(f"{__name__}.{lang}").STRINGS


def entry(key: str, lang: str) -> Entry:
    table = strings(lang)
    if key in table:
        return table[key]
    return strings(DEFAULT)[key]  # a KeyError here is a bug: the key exists nowhere


def t(key: str, lang: str = DEFAULT, **fields: object) -> str:
    """The text for ``key`` in ``lang``, with ``{field}`` placeholders filled in."""
    found = entry(key, lang)
    if not isinstance(found, str):
        raise TypeError(f"{key} has plural forms: use plural()")
    return found.format(**fields) if fields else found


def plural_category(lang: str, n: int) -> str:
    """CLDR's plural category ('one', 'other', ...) of ``n`` in ``lang``."""
    from babel import Locale  # the CLDR data; imported only when a count is printed

    return Locale.parse(lang).plural_form(abs(n))


def plural(key: str, lang: str, n: int, **fields: object) -> str:
    """The form of ``key`` for the count ``n``: ``{n}`` and other fields filled in."""
    found = entry(key, lang)
    if isinstance(found, str):
        raise TypeError(f"{key} has no plural forms: use t()")
    form = found.get(plural_category(lang, n)) or found["other"]
    return form.format(n=n, **fields)


def language_from_env(environ: Mapping[str, str]) -> str:
    """The user's language from the POSIX locale variables (LC_ALL > LC_MESSAGES > LANG).

    ``en_US.UTF-8`` -> ``en``; ``C``, ``POSIX``, unset or a language the catalog
    lacks -> the default (Dutch: the users are Dutch teachers).
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in languages() else DEFAULT
    return DEFAULT
