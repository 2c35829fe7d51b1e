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


def _same_text_groups() -> list[list[str]]:
    """Groups of keys whose text is the same in every language."""
    from collections import defaultdict

    tables = [strings(lang) for lang in languages()]
    groups = defaultdict(list)
    for key in tables[0]:
        groups[tuple(repr(table[key]) for table in tables)].append(key)
    return [keys for keys in groups.values() if len(keys) > 1]


#: One text, one key: a role, a feedback category, a clock's state and an action (its binding's
#: label, `keys.*`) each have one key, used on buttons, in the palette and on the phones alike.
#: Identical texts left apart on purpose (same words, another role): the phones' own buttons
#: (web.back, web.cancel_edit, web.save, web.feedback: the phone's words, served by prefix), a
#: dialog's title or a column's header beside the action that opens it (Nieuwe sessie, Nieuw
#: actiepunt, Succesfactoren, Kaarten, Overzicht, Volgende stap, Wat gebeurde er).
LEFT_APART = {
    "keys.back": {"web.back"},
    "keys.cancel": {"web.cancel_edit"},
    "keys.save": {"web.save"},
    "keys.feedback": {"web.feedback", "export.feedback"},
    "keys.new_action_point": {"tui.dialogs.action_form.new_action_point"},
    "keys.new_session": {"tui.dialogs.new_session.new_session"},
    "keys.success_factors": {"tui.dialogs.factors.success_factors", "tui.screens.actions.success_factors",
                             "export.factors", "export.col_factors"},
    "keys.cards": {"tui.phases.practice.view.cards", "export.cards"},
    "keys.overview": {"tui.screens.review_summary.overview", "export.pdf.followup.overview"},
    "keys.next_step": {"tui.screens.review_summary.next_step", "export.followup.next_step", "export.col_next"},
    "keys.what_happened": {"export.followup.what_happened"},
}
ONE_KEY = ("keys.", "key.", "role.", "category.", "clock.")


def test_one_text_one_key_for_roles_categories_clock_states_and_actions():
    """A second key with a role's, category's, clock state's or action's exact text says the same thing
    twice (and drifts): use the one key, or list the pair in LEFT_APART with the reason they differ."""
    found = {}
    for keys in _same_text_groups():
        canonical = [k for k in keys if k.startswith(ONE_KEY)]
        for key in canonical:
            others = set(keys) - {key}
            if others - LEFT_APART.get(key, set()):
                found[key] = sorted(others - LEFT_APART.get(key, set()))
    assert found == {}


def test_the_follow_ups_markdown_and_pdf_share_their_words():
    """The follow-up's Markdown and PDF say one thing once: no identical pair under both prefixes."""
    for keys in _same_text_groups():
        tails = [k.rsplit(".", 1)[1] for k in keys if k.startswith(("export.markdown.followup.", "export.pdf.followup."))]
        assert len(tails) == len(set(tails)), keys
