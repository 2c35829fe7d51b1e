"""A file a user wrote or edited by hand is refused in the reader's language: one line naming the file, the
line and the field where the text shows them, and a reason with no word of the other language.

Our own checks (a duplicate card id, a set without a mentor card, a phase key used twice...) used to raise
``ValueError("duplicate card id 'p1'")``: a Dutch user read "Value error, duplicate card id 'p1'" inside a
Dutch sentence. Each check now refuses by catalog key (core/invalid.py); tomllib's and the OS's common
reasons are said from the catalog too. Every case runs through the command line in Dutch and in English.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from facilitator.cli import main as cli
from facilitator.core.catalog import t
from facilitator.core.errors import TOML_REASONS, os_reason, say_reason, toml_reason
from facilitator.services.library import Library

OTHER = {"nl": "en", "en": "nl"}
WORD = {"nl": ("fout", "regel", "veld"), "en": ("error", "line", "field")}

DECK = """schema = 1
name = "mini"
title = { nl = "Mini", en = "Mini" }

[[sets]]
number = 1
title = { nl = "Set", en = "Set" }

[[cards]]
id = "m1"
role = "mentor"
set = 1
title = { nl = "M", en = "M" }
text = { nl = "Mentor", en = "Mentor" }

[[cards]]
id = "p1"
role = "parent"
set = 1
title = { nl = "P", en = "P" }
text = { nl = "Ouder", en = "Parent" }

[[cards]]
id = "p2"
role = "parent"
set = 1
title = { nl = "Q", en = "Q" }
text = { nl = "Ouder 2", en = "Parent 2" }
"""

AGENDA = """schema = 1
name = "mijn"
title = { nl = "Mijn agenda", en = "My agenda" }
description = { nl = "Kort", en = "Short" }

[[phases]]
key = "start"
kind = "intro"
title = { nl = "Start", en = "Start" }
minutes = 5
goal = { nl = "Beginnen", en = "Begin" }
help = { nl = "Zo", en = "Like so" }

[[phases.prompts]]
id = "q1"
text = { nl = "Vraag een", en = "Question one" }

[[phases]]
key = "dialoog"
kind = "dialogue"
title = { nl = "Dialoog", en = "Dialogue" }
minutes = 20
goal = { nl = "Praten", en = "Talk" }
help = { nl = "Zo", en = "Like so" }

[[phases.prompts]]
id = "q2"
text = { nl = "Vraag twee", en = "Question two" }
"""


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth line of ``text`` that is exactly ``needle``."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if line == needle]
    return found[nth - 1]


def run(capsys, lang: str, *args: str) -> tuple[int, str]:
    code = cli.main(["--lang", lang, *args])
    out = capsys.readouterr()
    return code, out.err


def said_in(lang: str, err: str, path: Path, line: int | None, loc: str | None, key: str, fields: dict) -> None:
    """One line on stderr: 'facilitator: fout: <file>, regel N: veld '<loc>': <reason>', nothing of the other language."""
    error, line_word, field_word = WORD[lang]
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"facilitator: {error}: {path}"), err
    if line is not None:
        assert f"{path}, {line_word} {line}: " in err, err
    if loc is not None:
        assert f"{field_word} '{loc}': " in err, err
    assert t(key, lang, **fields) in err, err
    assert t(key, OTHER[lang], **fields) not in err
    assert "Value error" not in err and "Traceback" not in err


# -- decks: `facilitator cards check` -------------------------------------------------------------------------
DECK_CASES = [
    pytest.param(lambda d: d.replace('id = "p2"', 'id = "p1"'), ("cards", 3, 'id = "p1"', 2), "cards.2.id",
                 "error.deck.duplicate_card", {"card": "p1"}, id="duplicate card id"),
    pytest.param(lambda d: d.replace("[[cards]]", '[[sets]]\nnumber = 1\ntitle = { nl = "B", en = "B" }\n\n[[cards]]', 1),
                 ("sets", 1, "number = 1", 2), "sets.1.number", "error.deck.duplicate_set", {"number": 1},
                 id="duplicate set number"),
    pytest.param(lambda d: d.replace('role = "parent"\nset = 1\n', 'role = "parent"\n', 1), ("cards", 1, "[[cards]]", 2),
                 "cards.1.set", "error.deck.card_needs_set", {"card": "p1"}, id="parent card without set"),
    pytest.param(lambda d: d.replace('role = "parent"\nset = 1\n', 'role = "parent"\nset = 3\n', 1),
                 ("cards", 1, "set = 3", 1), "cards.1.set", "error.deck.unknown_set", {"card": "p1", "number": 3},
                 id="card in a set that is not there"),
    pytest.param(lambda d: d.replace("[[cards]]", '[[sets]]\nnumber = 2\ntitle = { nl = "B", en = "B" }\n\n[[cards]]', 1),
                 ("sets", 1, "[[sets]]", 2), "sets.1", "error.deck.empty_set", {"number": 2}, id="empty set"),
    pytest.param(lambda d: d.replace('role = "mentor"', 'role = "parent"'), ("sets", 0, "[[sets]]", 1), "sets.0",
                 "error.deck.no_mentor", {"number": 1}, id="set without a mentor card"),
    pytest.param(lambda d: d.replace('role = "parent"', 'role = "mentor"', 1), ("sets", 0, "[[sets]]", 1), "sets.0",
                 "error.deck.mentors", {"number": 1, "n": 2}, id="set with two mentor cards"),
    pytest.param(lambda d: d.replace('role = "parent"', 'role = "pupil"'), ("sets", 0, "[[sets]]", 1), "sets.0",
                 "error.deck.no_parents", {"number": 1}, id="set without a parent card"),
    pytest.param(lambda d: d.replace('title = { nl = "Q", en = "Q" }', 'title = { nl = "Q", en = "Q", "Frans!" = "Q" }'),
                 ("cards", 2, 'title = { nl = "Q", en = "Q", "Frans!" = "Q" }', 1), "cards.2.title.Frans!",
                 "error.text.not_a_language", {"code": "Frans!"}, id="text in a language that is no language code"),
    pytest.param(lambda d: d.replace('id = "p2"', 'id = "p 2"'), ("cards", 2, 'id = "p 2"', 1), "cards.2.id",
                 "error.validation.pattern", {"pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"}, id="card id with a space"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mutate, where, loc, key, fields", DECK_CASES)
def test_a_broken_deck_is_refused_in_the_readers_language(tmp_path, capsys, lang, mutate, where, loc, key, fields):
    text = mutate(DECK)
    assert text != DECK
    path = tmp_path / "mijn-kaarten.toml"
    path.write_text(text, encoding="utf-8")
    code, err = run(capsys, lang, "cards", "check", str(path))
    assert code == 1
    said_in(lang, err, path, line_of(text, where[2], where[3]), loc, key, fields)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_broken_user_deck_is_skipped_with_its_reason_in_the_readers_language(tmp_path, capsys, lang):
    """`cards draw` goes on with the other decks; the warning about the broken one is said in the reader's language."""
    decks = tmp_path / "userdata" / "cards"
    decks.mkdir(parents=True)
    (decks / "kapot.toml").write_text(DECK.replace('id = "p2"', 'id = "p1"'), encoding="utf-8")
    code = cli.main(["--lang", lang, "cards", "draw", "--seed", "1"])
    err = capsys.readouterr().err
    assert code == 0
    assert "kapot.toml" in err and t("error.deck.duplicate_card", lang, card="p1") in err
    assert t("error.deck.duplicate_card", OTHER[lang], card="p1") not in err
    code, err = run(capsys, lang, "cards", "draw", "--deck", "mini")  # the broken one's name: which file is broken
    assert code == 1 and err.endswith(t("error.no_deck_broken", lang, name="mini", known="default", broken="kapot.toml") + "\n")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_pupil_card_from_a_deck_without_pupil_cards_is_one_line(tmp_path, capsys, lang):
    """It used to end in a traceback (a ValueError from the core)."""
    decks = tmp_path / "userdata" / "cards"
    decks.mkdir(parents=True)
    (decks / "mini.toml").write_text(DECK, encoding="utf-8")
    code, err = run(capsys, lang, "cards", "draw", "--deck", "mini", "--pupil")
    assert code == 1 and err == f"facilitator: {WORD[lang][0]}: {t('error.deck.no_pupils', lang, name='mini')}\n"


# -- agendas: `facilitator new --agenda` ----------------------------------------------------------------------
AGENDA_CASES = [
    pytest.param(lambda a: a.replace('key = "dialoog"', 'key = "start"'), ('key = "start"', 2), "phases.1.key",
                 "error.agenda.duplicate_phase", {"phase": "start"}, id="phase key used twice"),
    pytest.param(lambda a: a.replace('id = "q2"', 'id = "q1"'), ('id = "q1"', 2), "phases.1.prompts.0.id",
                 "error.agenda.duplicate_question", {"id": "q1"}, id="question id used twice"),
    pytest.param(lambda a: a.replace('title = { nl = "Dialoog", en = "Dialogue" }',
                                     'title = { nl = "Dialoog", en = "Dialogue", DE = "Dialog" }'),
                 ('title = { nl = "Dialoog", en = "Dialogue", DE = "Dialog" }', 1), "phases.1.title.DE",
                 "error.text.not_a_language", {"code": "DE"}, id="a language code in capitals"),
    pytest.param(lambda a: a.replace("minutes = 20", "minutes = 601"), ("minutes = 601", 1), "phases.1.minutes",
                 "error.validation.at_most", {"limit": 600}, id="pydantic's own refusal, on its line"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mutate, where, loc, key, fields", AGENDA_CASES)
def test_a_broken_agenda_is_refused_in_the_readers_language(tmp_path, capsys, lang, mutate, where, loc, key, fields):
    templates = tmp_path / "userdata" / "templates"
    templates.mkdir(parents=True)
    path = templates / "mijn.toml"
    path.write_text(AGENDA, encoding="utf-8")
    code, err = run(capsys, lang, "new", "--title", "Goed", "--agenda", "mijn")
    assert code == 0, err  # the agenda as written is fine: each case breaks one thing
    text = mutate(AGENDA)
    assert text != AGENDA
    path.write_text(text, encoding="utf-8")
    code, err = run(capsys, lang, "new", "--title", "Kapot", "--agenda", "mijn")
    assert code == 1
    said_in(lang, err, path, line_of(text, *where), loc, key, fields)


# -- TOML that does not parse ---------------------------------------------------------------------------------
TOML_CASES = [
    pytest.param("name = mini\n", 1, "error.toml.invalid_value", {}, id="a text without quotes"),
    pytest.param('name = "mini"\ntitle\n', 2, "error.toml.expected_equals", {}, id="a key without '='"),
    pytest.param('name = "mini"\nname = "maxi"\nschema = 1\n', 2, "error.toml.overwrite", {}, id="a key set twice"),
    pytest.param('[[sets]]\nnumber = 1\n[sets]\n', 3, "error.toml.declared_twice", {"name": "sets"},
                 id="a table declared twice"),
    pytest.param('schema = 1\nname = "mini\n', 2, "error.toml.unterminated_string", {}, id="a text left open"),
    pytest.param('title = { nl = "a", nl = "b" }\n', 1, "error.toml.inline_key_twice", {"name": "nl"},
                 id="a key twice in an inline table"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("text, line, key, fields", TOML_CASES)
def test_toml_that_does_not_parse_is_said_in_the_readers_language(tmp_path, capsys, lang, text, line, key, fields):
    path = tmp_path / "kaarten.toml"
    path.write_text(text, encoding="utf-8")
    code, err = run(capsys, lang, "cards", "check", str(path))
    assert code == 1
    said_in(lang, err, path, line, None, key, fields)
    assert "TOML" in err  # says what kind of problem it is, in the reader's language: "TOML-syntaxfout"


def test_every_tomllib_reason_the_catalog_says_is_still_worded_so_by_this_python():
    """tomllib's own words are the keys of TOML_REASONS: when a Python words one differently, this fails."""
    samples = ['a = x', 'a', 'a = 1 2', 'a = 1\na = 2', '[t]\n[t]', 'a = "x', "a = '''x", 'a = [1', 'a = {b = 1',
               '[t', '[[t]', '=1', 'a.$ = 1', 'a = "\x01"', '# \x01', 'a = {b = 1, b = 2}', 'a = "\\q"',
               'a = 2027-02-30']
    reasons = set()
    for sample in samples:
        with pytest.raises(tomllib.TOMLDecodeError) as err:
            tomllib.loads(sample)
        reason = str(err.value).rsplit(" (at ", 1)[0]
        said = toml_reason(reason)
        assert isinstance(said, dict), f"{sample!r}: {reason!r} is no longer said from the catalog"
        reasons.add(said["key"])
    assert reasons == {f"error.toml.{name}" for _, name in TOML_REASONS}
    assert toml_reason("Invalid hex value") == "Invalid hex value"  # a rare one stays in tomllib's words


# -- a session file edited by hand: `facilitator export` and `facilitator list` ---------------------------------
@pytest.fixture
def edited(isolated_dirs):
    service = Library(isolated_dirs).create("Met de hand bewerkt", on=date(2026, 11, 2))
    service.close()
    return service.path


SESSION_CASES = [
    pytest.param(lambda s: s + '\n[[notes]]\nid = "n-1"\nphase = "dialoog"\ntext = "x"\n'
                              'created = 2026-11-02T10:00:00Z\nfactors = [3, 11]\n',
                 "factors = [3, 11]", "notes.0.factors.1", "error.session.factor", {"factor": 11}, id="factor 11"),
    pytest.param(lambda s: s.replace("schema = 1", "schema = 0"), "schema = 0", "schema",
                 "error.session.schema_invalid", {"schema": 0}, id="schema 0"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mutate, where, loc, key, fields", SESSION_CASES)
def test_a_session_file_edited_by_hand_is_refused_in_the_readers_language(edited, tmp_path, capsys, lang, mutate,
                                                                          where, loc, key, fields):
    text = mutate(edited.read_text(encoding="utf-8"))
    edited.write_text(text, encoding="utf-8")
    code, err = run(capsys, lang, "export", str(edited), "-o", str(tmp_path / "x.pdf"))
    assert code == 1
    said_in(lang, err, edited, line_of(text, where), loc, key, fields)
    code = cli.main(["--lang", lang, "list"])
    out = capsys.readouterr().out
    assert code == 1 and t(key, lang, **fields) in out and t(key, OTHER[lang], **fields) not in out


# -- the OS's reasons ------------------------------------------------------------------------------------------
def test_the_oss_common_refusals_are_said_in_the_readers_language():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert say_reason(os_reason(full), "nl") == "de schijf is vol"
    assert say_reason(os_reason(full), "en") == "the disk is full"
    assert say_reason(os_reason(IsADirectoryError(errno.EISDIR, "Is a directory")), "nl") == "is een map"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"  # rare: as is


@pytest.mark.parametrize("lang, reason", [("nl", "niet leesbaar: geen toestemming"),
                                          ("en", "not readable: permission denied")])
def test_a_deck_the_os_will_not_open_says_why_in_the_readers_language(tmp_path, capsys, monkeypatch, lang, reason):
    """As a file without read permission (the tests may run as root, who reads anything: the refusal is made)."""
    import os

    path = tmp_path / "geheim.toml"
    path.write_text(DECK, encoding="utf-8")
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, err = run(capsys, lang, "cards", "check", str(path))
    assert code == 1 and err == f"facilitator: {WORD[lang][0]}: {path}: {reason}\n"


def test_one_run_as_a_user_would_a_process_exit_code_and_no_traceback(tmp_path):
    """The in-process runs above, once as a real process: exit 1, one line, Dutch by default."""
    path = tmp_path / "mijn-kaarten.toml"
    path.write_text(DECK.replace('id = "p2"', 'id = "p1"'), encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    result = subprocess.run([sys.executable, "-m", "facilitator", "cards", "check", str(path)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1 and result.stdout == ""
    line = line_of(DECK.replace('id = "p2"', 'id = "p1"'), 'id = "p1"', 2)
    assert result.stderr == (f"facilitator: fout: {path}, regel {line}: veld 'cards.2.id': "
                             f"{t('error.deck.duplicate_card', 'nl', card='p1')}\n")


# -- facilitator serve -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, words", [("nl", "serve: interne fout (kapot); details in "),
                                         ("en", "serve: internal error (kapot); details in ")])
def test_a_bug_while_serving_is_one_line_in_the_terminals_language(capsys, lang, words):
    import logging

    from facilitator.web.server import OneLine

    OneLine(lang).emit(logging.LogRecord("facilitator.web.api", logging.ERROR, __file__, 1, "kapot", None, None))
    err = capsys.readouterr().err
    assert err.startswith(words) and err.count("\n") == 1
