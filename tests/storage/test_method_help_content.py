"""The method's help is content: one file (data/method.toml), named per question by an agenda."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilitator.core.errors import FileFormatError
from facilitator.services import content
from facilitator.storage import content as files

AGENDA = '''schema = 1
name = "{name}"
title = {{ nl = "Eigen", en = "Own" }}
description = {{ nl = "Eigen agenda.", en = "Own agenda." }}

[[phases]]
key = "gesprek"
kind = "dialogue"
title = {{ nl = "Gesprek", en = "Talk" }}
minutes = 20
goal = {{ nl = "Praat.", en = "Talk." }}
help = {{ nl = "Vragen langs.", en = "Go through." }}

[[phases.prompts]]
id = "v1"
text = {{ nl = "Wat valt op?", en = "What strikes you?" }}
help = [{help}]
'''


def write_agenda(tmp_path, name: str, help: str):
    folder = tmp_path / "userdata" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(AGENDA.format(name=name, help=help), encoding="utf-8")
    return path


def test_the_built_in_agendas_name_the_help_of_dialogue_questions_1_to_3():
    for name in ("default", "agenda-60", "agenda-90"):
        tpl = content.template(name)
        assert [s.id for s in content.help_for(tpl.prompt("d1"))] == ["causes", "voices"]
        assert [s.id for s in content.help_for(tpl.prompt("d2"))] == ["causes", "voices"]
        assert [s.id for s in content.help_for(tpl.prompt("d3"))] == ["tips", "intro_talk"]
        assert content.help_for(tpl.prompt("d4")) == []


def test_the_method_has_denessens_eight_tips_each_shortened_for_the_pocket_card():
    method = content.method()
    tips = method.section("tips")
    assert len(tips.items) == 8 and tips.pocket
    assert [s.id for s in method.pocket_sections()] == ["tips"]
    for item in tips.items:
        for lang in ("nl", "en"):
            assert item.short.get(lang) and len(item.short.get(lang)) < len(item.text.get(lang)) + 1
    assert len(method.section("intro_talk").items) >= 4


def test_an_unknown_section_is_one_line_naming_the_file_and_line(tmp_path):
    path = write_agenda(tmp_path, "kapot", '"tips", "oorzaken"')
    with pytest.raises(FileFormatError) as caught:
        content.template("kapot")
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message and "line 17" in message
    assert "'v1'" in message and "'oorzaken'" in message and "causes" in message  # what exists
    # The other agendas still load; the broken one is listed as skipped.
    found, skipped = content.load_templates()
    assert "default" in found and "kapot" not in found
    assert [e.path.name for e in skipped] == ["kapot.toml"]


def test_a_section_name_on_its_own_line_is_found_too(tmp_path):
    path = write_agenda(tmp_path, "lang", '\n  "tips",\n  "stemmen",\n')
    with pytest.raises(FileFormatError) as caught:
        files.load_template(path, content.method().names)
    assert caught.value.line == 19


def test_a_known_section_loads_and_no_help_field_means_no_help(tmp_path):
    write_agenda(tmp_path, "goed", '"voices"')
    tpl = content.template("goed")
    assert [s.id for s in content.help_for(tpl.prompt("v1"))] == ["voices"]
    assert content.help_for(content.template("default").prompt("p1")) == []
    assert content.help_for(None) == []


def test_a_broken_method_file_names_its_file(tmp_path, monkeypatch):
    broken = tmp_path / "data"
    broken.mkdir()
    (broken / "method.toml").write_text(
        'schema = 1\n[[sections]]\nid = "tips"\ntitle = { nl = "Tips", en = "Tips" }\npocket = true\n'
        '[[sections.items]]\ntext = { nl = "Vraag.", en = "Ask." }\n', encoding="utf-8")
    monkeypatch.setattr(files.paths, "DATA_DIR", broken)
    with pytest.raises(FileFormatError) as caught:
        files.load_method()
    assert "method.toml" in str(caught.value) and "short text" in str(caught.value)


SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not on this machine")
def test_the_methods_texts_are_our_own_words():
    def ngrams(text: str, n: int = 5) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}

    seeds: set[tuple[str, ...]] = set()
    for path in SEEDS.glob("*.txt"):
        seeds |= ngrams(path.read_text(encoding="utf-8", errors="replace"))
    for section in content.method().sections:
        for text in [section.title] + [t for item in section.items for t in (item.text, item.short) if t]:
            shared = ngrams(text.nl) & seeds  # five words in a row: more than a common phrase
            assert not shared, (text.nl, shared)
