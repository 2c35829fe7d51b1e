"""Which language the command line speaks, and argparse's own words in it.

The language is known before the parser is built (``--help`` prints while
parsing): ``--lang xx`` anywhere on the command line, else the locale
(LC_ALL, LC_MESSAGES, LANG), else Dutch.

argparse words its usage lines and errors through ``gettext``; it looks the
functions ``_`` and ``ngettext`` up in its own module at call time. That is
the one place this module reaches into: it points them at the catalog, so
"usage:" and "invalid choice" speak the same language as the rest.
"""

from __future__ import annotations

import argparse
import os
from typing import Mapping, Sequence

from facilitator.core.catalog import entry, language_from_env, languages, plural_category, t

#: argparse's message ids (Python 3.11-3.13) -> catalog key and the %-placeholders argparse fills in.
ARGPARSE: dict[str, tuple[str, dict[str, str]]] = {
    "usage: ": ("argparse.usage", {}),
    "positional arguments": ("argparse.positionals", {}),
    "options": ("argparse.options", {}),
    "show this help message and exit": ("argparse.help", {}),
    "%(prog)s: error: %(message)s\n": ("argparse.error", {"prog": "%(prog)s", "message": "%(message)s"}),
    "argument %(argument_name)s: %(message)s": (
        "argparse.argument", {"argument_name": "%(argument_name)s", "message": "%(message)s"}),
    "the following arguments are required: %s": ("argparse.required", {"names": "%s"}),
    "unrecognized arguments: %s": ("argparse.unrecognized", {"args": "%s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "argparse.invalid_choice", {"value": "%(value)r", "choices": "%(choices)s"}),
    "invalid %(type)s value: %(value)r": ("argparse.invalid_value", {"type": "%(type)s", "value": "%(value)r"}),
    "expected one argument": ("argparse.expected_one", {}),
    "expected at most one argument": ("argparse.expected_at_most_one", {}),
    "expected at least one argument": ("argparse.expected_at_least_one", {}),
    "ambiguous option: %(option)s could match %(matches)s": (
        "argparse.ambiguous", {"option": "%(option)s", "matches": "%(matches)s"}),
    "not allowed with argument %s": ("argparse.not_allowed", {"other": "%s"}),
    "ignored explicit argument %r": ("argparse.ignored", {"value": "%r"}),
    "one of the arguments %s is required": ("argparse.one_of", {"names": "%s"}),
    "unexpected option string: %s": ("argparse.unexpected", {"option": "%s"}),
}
ARGPARSE_PLURAL = {"expected %s argument": "argparse.expected_n"}


def ui_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``--lang xx`` / ``--lang=xx`` on the command line, else the locale, else Dutch."""
    args = list(argv)
    for i, arg in enumerate(args):
        value = None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in languages():
            return value
    return language_from_env(os.environ if environ is None else environ)


def speak_argparse(lang: str) -> None:
    """Make argparse's own words (usage, its errors) come from the catalog in ``lang``."""

    def gettext(message: str) -> str:
        known = ARGPARSE.get(message)
        if known is None:
            return message  # a message for programmers (a broken parser), not for users
        key, fields = known
        return t(key, lang, **fields)

    def ngettext(singular: str, plural_: str, n: int) -> str:
        key = ARGPARSE_PLURAL.get(singular)
        if key is None:
            return singular if n == 1 else plural_
        forms = entry(key, lang)
        form = forms.get(plural_category(lang, n)) or forms["other"]
        return form.replace("{n}", "%s")

    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
