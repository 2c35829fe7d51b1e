"""The catalog: every language has every key, fields match, plurals follow CLDR."""

from __future__ import annotations

import string

import pytest

from facilitator.core.catalog import DEFAULT, language_from_env, languages, plural, strings, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_dutch_and_english_are_there_dutch_first():
    assert languages()[0] == DEFAULT == "nl" and "en" in languages()


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != DEFAULT])
def test_no_key_is_missing_in_any_language(lang):
    base, other = set(strings(DEFAULT)), set(strings(lang))
    assert base - other == set(), f"missing in {lang}.py"
    assert other - base == set(), f"only in {lang}.py, not in {DEFAULT}.py"


@pytest.mark.parametrize("lang", languages())
def test_every_text_has_the_same_fields_and_plural_forms(lang):
    for key, value in strings(DEFAULT).items():
        theirs = strings(lang)[key]
        assert isinstance(theirs, str) == isinstance(value, str), key
        if isinstance(value, str):
            assert fields(theirs) == fields(value), key
        else:
            assert "other" in theirs, key
            assert {f for form in theirs.values() for f in fields(form)} == \
                {f for form in value.values() for f in fields(form)}, key
        assert all(str(v).strip() for v in ([theirs] if isinstance(theirs, str) else theirs.values())), key


def test_a_missing_key_is_found_by_the_test(monkeypatch):
    """The check above really fails when a language lacks a key."""
    import facilitator.core.catalog.en as en

    monkeypatch.setattr(en, "STRINGS", {k: v for k, v in en.STRINGS.items() if k != "cli.new.help"})
    strings.cache_clear()
    try:
        with pytest.raises(AssertionError):
            test_no_key_is_missing_in_any_language("en")
    finally:
        strings.cache_clear()


def test_fields_and_plurals():
    assert t("cli.cards.no_file", "en", path="x.toml") == "x.toml: no such file"
    assert plural("cli.list.unreadable", "nl", 1).startswith("1 sessiebestand is")
    assert plural("cli.list.unreadable", "nl", 3).startswith("3 sessiebestanden zijn")
    assert plural("cli.list.unreadable", "en", 0).startswith("0 session files")


def test_language_from_the_locale():
    assert language_from_env({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_env({"LANG": "nl_BE.UTF-8"}) == "nl"
    assert language_from_env({"LANG": "C.UTF-8"}) == "nl"
    assert language_from_env({"LC_ALL": "en_GB", "LANG": "nl_NL"}) == "en"
