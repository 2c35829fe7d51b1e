"""Content files (agenda templates, decks, survey) are read every time and parsed once per content."""

from __future__ import annotations

import shutil

import pytest

from facilitator.core.content import AgendaTemplate
from facilitator.core.errors import FileFormatError
from facilitator.storage import content, paths


@pytest.fixture
def template(tmp_path):
    target = tmp_path / "default.toml"
    shutil.copy(paths.DATA_DIR / "agendas" / "default.toml", target)
    return target


def test_unchanged_bytes_give_the_same_model_without_parsing(template, monkeypatch):
    first = content.load_toml_model(template, AgendaTemplate)
    monkeypatch.setattr(content, "parse_toml", lambda *a: pytest.fail("parsed again"))
    assert content.load_toml_model(template, AgendaTemplate) is first


def test_a_changed_file_is_parsed_anew(template):
    first = content.load_toml_model(template, AgendaTemplate)
    text = template.read_text()
    template.write_text(text.replace(first.phases[0].title.nl, "Anders", 1))
    second = content.load_toml_model(template, AgendaTemplate)
    assert second is not first and second.phases[0].title.nl == "Anders"


def test_a_file_broken_since_is_an_error_not_the_old_model(template):
    content.load_toml_model(template, AgendaTemplate)
    template.write_text(template.read_text() + "\n[[nonsense\n")
    with pytest.raises(FileFormatError):
        content.load_toml_model(template, AgendaTemplate)


def test_only_frozen_models_are_kept(template):
    from pydantic import BaseModel, ConfigDict

    class Loose(BaseModel):
        model_config = ConfigDict(extra="allow")

    assert content.load_toml_model(template, Loose) is not content.load_toml_model(template, Loose)
