"""Issue #12: adding a third language means adding one catalog file (core/catalog/<code>.py).

The tests really add one (tests/third_language.py: a file ``xx.py`` on the catalog package's
path, its texts the English ones marked with a prefix, nothing else changed); then the places
that let a user choose a language offer it and what the app says comes out in it
(the TUI: tests/tui/test_a_third_language_in_the_tui.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.core import catalog
from facilitator.core.content import AgendaTemplate
from facilitator.core.dates import format_date, input_date, parse_date
from facilitator.core.text import LText
from tests.third_language import xx  # noqa: F401 - the fixture


def test_the_file_alone_makes_a_language(xx):
    assert catalog.languages() == ("nl", "en", "xx")
    assert catalog.t("tui.keybar.keys", xx) == "XX keys"
    assert catalog.next_language("en") == xx and catalog.next_language(xx) == "nl"
    assert catalog.known_language(xx) == xx
    # Dates: the locale and the field's form come from the language's own file.
    assert format_date(date(2027, 2, 10), xx) == "10 February 2027"
    assert input_date(date(2027, 2, 10), xx) == "10-02-2027"
    assert parse_date(input_date(date(2027, 2, 10), xx)) == date(2027, 2, 10)


def test_content_may_carry_the_language_and_falls_back_to_dutch(xx):
    assert LText(nl="Welkom", en="Welcome", xx="Xwelkom").get(xx) == "Xwelkom"
    assert LText(nl="Welkom", en="Welcome").get(xx) == "Welkom"
    with pytest.raises(ValueError):
        LText(nl="a", en="b", **{"Not a language": "c"})
    with pytest.raises(ValueError):
        LText(nl="a", en="b", xx=3)
    text = {"nl": "x", "en": "x"}
    tpl = AgendaTemplate.model_validate({
        "name": "t", "title": {"nl": "T", "en": "T", "xx": "Tx"}, "description": text,
        "phases": [{"key": "k", "kind": "generic", "minutes": 5, "goal": text, "help": text,
                    "title": {"nl": "Fase", "en": "Phase", "xx": "Xfase"}}],
    })
    assert tpl.phases[0].title.get(xx) == "Xfase"


def test_the_cli_offers_it_and_speaks_it(xx, capsys):
    from facilitator.cli import main as cli

    with pytest.raises(SystemExit) as done:
        cli.main(["--lang", xx, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "XX " in out and "{nl,en,xx}" in out


def test_a_session_in_it_is_kept_and_shown(xx, library):
    svc = library.create("Derde taal", participants=["Anna", "Bram"], lang=xx)
    assert svc.session.language == xx
    svc.close()
    from facilitator.storage.sessionfile import load_session

    assert load_session(svc.path).language == xx


def test_a_language_code_must_look_like_one(library):
    from pydantic import ValidationError

    from facilitator.core.model import Session

    data = library.create("Taalcode").session.model_dump()
    Session.model_validate({**data, "language": "de"})  # not installed here: kept, shown in Dutch
    with pytest.raises(ValidationError, match="language"):
        Session.model_validate({**data, "language": "../../etc"})



def test_the_phones_switch_goes_round_all_three(xx):
    from facilitator.web.i18n import page_strings

    assert [page_strings(lang)["lang_switch_lang"] for lang in ("nl", "en", xx)] == ["en", xx, "nl"]
    assert page_strings("en")["lang_switch_label"] == "Xxish" and page_strings("en")["lang_switch"] == "XX"
    assert page_strings(xx)["save"].startswith("XX ")
