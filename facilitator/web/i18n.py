"""The phones' words, from the one catalog (facilitator/core/catalog).

The pages' labels are the catalog's ``web.*`` keys: the server hands them to
the browser as ``/strings.js`` (every language at once, so the phone's language
switch works without asking again), and static/i18n.js only looks them up
(a count's form too: ``L.t("room_dots_count", {n: 2})``). The
messages the server decides on (errors) are ``web.error.*``, so a plain HTTP
client gets a readable answer too.
"""

from __future__ import annotations

import json

from aiohttp import web

from facilitator.core.catalog import languages, next_language, strings, t

#: Catalog keys of the pages' own labels start with this; the server's messages with ERRORS.
PAGES = "web."
ERRORS = "web.error."

#: Words the pages share with the rest of the app, under the short key the JS looks up: a role's
#: and a feedback category's name are one key each (glossary), not a second web.* copy.
SHARED = {
    **{f"role_{role}": f"role.{role}" for role in ("mentor", "parent", "pupil")},
    **{f"cat_{cat}": f"category.{cat}" for cat in ("perspective", "helpful", "hindering", "differently", "free")},
    "room_ended": "clock.meeting_ended",  # the room page says what the laptop's room view says
}


def negotiate(request: web.Request, default: str = "nl") -> str:
    """Cookie `lang` (the page's toggle) first, then Accept-Language, then the default."""
    chosen = request.cookies.get("lang")
    if chosen in languages():
        return chosen
    header = request.headers.get("Accept-Language", "")
    ranked: list[tuple[float, int, str]] = []
    for pos, part in enumerate(header.split(",")):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower()[:2]
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag in languages() and q > 0:
            ranked.append((-q, pos, tag))
    if ranked:
        return sorted(ranked)[0][2]
    return default if default in languages() else languages()[0]


def message(key: str, lang: str, **params: object) -> str:
    """The server's message ``key`` (``web.error.<key>`` in the catalog) in ``lang``."""
    return t(ERRORS + key, lang, **params)


def page_strings(lang: str) -> dict[str, str | dict[str, str]]:
    """The pages' labels in ``lang``, by their short key (``web.save`` -> ``save``).

    A label with plural forms is its table of CLDR categories (``{"one": ..., "other": ...}``);
    i18n.js picks the form with the browser's ``Intl.PluralRules``, CLDR's rules as Babel has them.
    The language switch names the next language in the catalog, by its own name, so a third
    language file is reached from the phones too."""
    table = strings(lang)
    own = {key[len(PAGES):]: value for key, value in table.items()
           if key.startswith(PAGES) and not key.startswith(ERRORS)}
    nxt = next_language(lang)
    switch = {"lang_switch": nxt.upper(), "lang_switch_label": t("language.name", nxt), "lang_switch_lang": nxt}
    return {**own, **{short: table[key] for short, key in SHARED.items()}, **switch}


def strings_script() -> str:
    """``/strings.js``: every language's labels, so the phone's language switch needs no round trip."""
    table = {lang: page_strings(lang) for lang in languages()}
    return ("// Made by the server from the catalog (facilitator/core/catalog); do not edit.\n"
            f"window.I18N = {json.dumps(table, ensure_ascii=False, sort_keys=True)};\n")
