"""Dates as people read and type them, in their language (Babel's CLDR data).

One style per language everywhere the app prints a date: "10 februari 2027",
"10 February 2027" (CLDR's *long* date format). One parser for every date a
user types: the Dutch way (10-02-2027, also 10/2/2027 or 10.02.2027) and ISO
(2027-02-10). Pure: no clock, no locale of the machine; the caller says the
language.
"""

from __future__ import annotations

import re
from datetime import date, datetime

def locale_of(lang: str) -> str:
    """The CLDR locale a language prints its dates and numbers in: its catalog file says
    (``language.locale``: English as in Britain and Europe, day before month)."""
    from facilitator.core import catalog

    return catalog.t("language.locale", lang)


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> date:
    """``dd-mm-jjjj`` (or with / or .) or ISO ``jjjj-mm-dd``; ValueError for anything else."""
    value = (text or "").strip()
    if m := _DMY.fullmatch(value):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise ValueError(f"not a date: {text!r}")
    return date(year, month, day)  # ValueError for 31-02-2027 too


def parse_optional_date(text: str) -> date | None:
    """A date field that may stay empty: None for '', else as parse_date."""
    return parse_date(text) if (text or "").strip() else None


def input_date(value: date | None, lang: str) -> str:
    """A date as a form field shows it for editing: dd-mm-jjjj in Dutch, ISO in English ('' for none).

    Both are what parse_date reads back, so a field never shows what it would refuse.
    """
    if value is None:
        return ""
    from facilitator.core import catalog

    return value.strftime(catalog.t("language.date_input", lang))


def format_date(value: date | datetime | None, lang: str, empty: str = "", form: str = "long") -> str:
    """``10 februari 2027`` / ``10 February 2027``; ``empty`` for no date.

    ``form="medium"`` is the short form for a narrow column: ``10 feb 2027`` / ``10 Feb 2027``.
    """
    if value is None:
        return empty
    from babel.dates import format_date as babel_format  # CLDR data, loaded at first use

    if isinstance(value, datetime):
        value = value.date()
    return babel_format(value, format=form, locale=locale_of(lang))


def format_weekday_date(value: date | None, lang: str, empty: str = "") -> str:
    """``woensdag 10 februari 2027`` / ``Wednesday 10 February 2027``: for a day to put in an agenda."""
    if value is None:
        return empty
    from babel.dates import format_date as babel_format

    return babel_format(value, format="EEEE d MMMM y", locale=locale_of(lang))


def format_number(value: float | int, lang: str) -> str:
    """A number with the language's decimal sign (``2,5`` / ``2.5``)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale_of(lang))


def format_average(value: float, lang: str, signed: bool = False) -> str:
    """An average (a mean of ratings) always with one decimal, in the language's style.

    ``+1,0`` / ``+1.0`` with ``signed`` (a change, or a score on the -2..+2 scale), never
    ``+1``: a row of averages reads as one column. Zero has no sign (``0,0``).
    """
    from babel.numbers import format_decimal

    value = round(value, 1) or 0.0  # -0.04 is 0,0, not -0,0
    pattern = "+#,##0.0;-#,##0.0" if signed and value else "#,##0.0"
    return format_decimal(value, format=pattern, locale=locale_of(lang))
