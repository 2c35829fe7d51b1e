"""The command line speaks Dutch by default and English when asked (--lang en or an English locale)."""

from __future__ import annotations

import argparse
import inspect

import pytest

from facilitator.cli.language import ARGPARSE, ARGPARSE_PLURAL, ui_language
from facilitator.cli.main import build_parser
from tests.cli.test_commands import cli

ENGLISH_LOCALE = {"LANG": "en_US.UTF-8"}


def test_help_is_dutch_by_default():
    out = cli("--help").stdout
    assert out.startswith("gebruik: facilitator")
    assert "toon deze hulp en stop" in out and "opties:" in out
    assert "maak een sessie" in out and "observatoren" in out
    assert "usage:" not in out and "show this help" not in out


@pytest.mark.parametrize("how", [("--lang", "en", "--help"), ("--help",)])
def test_help_in_english_by_flag_or_locale(how):
    out = cli(*how, env=ENGLISH_LOCALE if how == ("--help",) else None).stdout
    assert out.startswith("usage: facilitator")
    assert "show this help message and exit" in out and "create a session" in out
    assert "gebruik:" not in out and "maak een sessie" not in out


def test_lc_all_outranks_lang():
    assert cli("--help", env={"LANG": "nl_NL.UTF-8", "LC_ALL": "en_GB.UTF-8"}).stdout.startswith("usage:")
    assert cli("--help", env={"LANG": "en_GB.UTF-8", "LC_ALL": "nl_NL.UTF-8"}).stdout.startswith("gebruik:")


@pytest.mark.parametrize("command", ["new", "list", "export", "cards", "cards draw", "review",
                                     "followup export", "serve"])
def test_every_commands_help_in_both_languages(command):
    nl = cli(*command.split(), "--help")
    en = cli("--lang", "en", *command.split(), "--help")
    assert nl.returncode == en.returncode == 0
    assert nl.stdout.startswith("gebruik:") and "opties:" in nl.stdout and "toon deze hulp" in nl.stdout
    assert en.stdout.startswith("usage:") and "options:" in en.stdout
    assert nl.stdout != en.stdout.replace("usage:", "gebruik:")  # the descriptions are translated too


#: The placeholders of values in each command's usage line: Dutch by default, English when asked.
METAVARS = [
    ("", "--sessions-dir MAP", "--sessions-dir DIR"),
    ("new", "--title TITEL", "--title TITLE"),
    ("new", "--date DATUM", "--date DATE"),
    ("new", "--participant DEELNEMER", "--participant PARTICIPANT"),
    ("export", "-o BESTAND", "-o FILE"),
    ("export", "SESSIE", "SESSION"),
    ("review", "SESSIE [SESSIE ...]", "SESSION [SESSION ...]"),
    ("followup new", "--date DATUM", "--date DATE"),
    ("followup export", "-o BESTAND", "-o FILE"),
    ("cards draw", "--deck KAARTENSET", "--deck DECK"),
    ("cards check", "PAD", "PATH"),
    ("serve", "--port POORT", "--port PORT"),
]


@pytest.mark.parametrize("command, nl_shown, en_shown", METAVARS)
def test_the_placeholders_of_values_in_both_languages(command, nl_shown, en_shown):
    nl = cli(*command.split(), "--help").stdout
    en = cli(*command.split(), "--help", env=ENGLISH_LOCALE).stdout
    assert nl_shown in nl and en_shown in en
    for english in ("TITLE", "DATE", "SESSION", "FILE", "PATH", "DIR", "DECK", "PORT", "OUTPUT", "SET_NUMBER"):
        assert f" {english}" not in nl and f"[{english}" not in nl, english


def test_a_usage_error_in_both_languages(isolated_dirs):
    nl = cli("new", "--title", "x", "--date", "morgen")
    en = cli("new", "--title", "x", "--date", "morgen", env=ENGLISH_LOCALE)
    assert nl.returncode == en.returncode == 2
    assert nl.stderr.strip() == ("facilitator new: fout: argument --date: 'morgen' is geen datum; "
                                 "schrijf hem als 10-02-2027 of 2027-02-10")
    assert en.stderr.strip() == ("facilitator new: error: argument --date: 'morgen' is not a date; "
                                 "write it as 10-02-2027 or 2027-02-10")
    missing = cli("new")
    assert "fout: deze argumenten ontbreken: --title" in missing.stderr


def test_a_message_of_facilitator_itself_in_both_languages(isolated_dirs):
    nl, en = cli("new", "--title", " "), cli("--lang", "en", "new", "--title", " ")
    assert nl.stderr.strip() == "facilitator: fout: een sessie heeft een titel nodig"
    assert en.stderr.strip() == "facilitator: error: a session needs a title"


def test_dates_typed_the_dutch_way_or_iso(isolated_dirs):
    from pathlib import Path

    from facilitator.storage.sessionfile import load_session

    made = cli("new", "--title", "x", "--date", "10-02-2027", "--next-talks", "2027-03-01")
    assert made.returncode == 0, made.stderr
    session = load_session(Path(made.stdout.strip()))
    assert str(session.date) == "2027-02-10" and str(session.next_talks) == "2027-03-01"
    listed = cli("list").stdout
    assert "10 februari 2027" in listed
    assert "10 February 2027" in cli("--lang", "en", "list").stdout


def test_the_language_is_chosen_before_parsing():
    assert ui_language(["--lang", "en", "list"], {}) == "en"
    assert ui_language(["export", "x", "--lang=en"], {"LANG": "nl_NL.UTF-8"}) == "en"
    assert ui_language(["list"], {"LANG": "en_US.UTF-8"}) == "en"
    assert ui_language(["list"], {"LANG": "fr_FR.UTF-8"}) == "nl"  # no French file: the default
    assert ui_language(["list"], {}) == "nl"


def test_every_argparse_message_we_translate_is_one_argparse_has():
    source = inspect.getsource(argparse)
    for msgid in [*ARGPARSE, *ARGPARSE_PLURAL]:
        assert repr(msgid)[1:-1] in source or msgid.replace("\n", "\\n") in source, msgid


def test_the_parser_builds_in_every_language():
    from facilitator.core.catalog import languages

    for lang in languages():
        assert build_parser(lang).format_help()
    build_parser("nl")  # leave argparse speaking the default
