"""A broken session or content file is named in the reader's language: file, where (line or field), what.

pydantic's own messages are English ("Extra inputs are not permitted"); the common kinds are said from the
catalog (issue #12), in `facilitator list`, `facilitator export` and the home list's cache alike.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from facilitator.cli import main as cli
from facilitator.core.errors import describe_validation, said, validation_problem
from facilitator.services.library import Library
from facilitator.storage import summaries as summ


@pytest.fixture
def broken(isolated_dirs):
    """A sessions folder with a good session, one with an unknown key (line 3) and one without its title."""
    library = Library(isolated_dirs)
    good = library.create("Goede sessie", on=date(2026, 11, 2))
    good.close()
    text = good.path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    title_at = next(i for i, line in enumerate(lines) if line.startswith("title = "))
    unknown = lines[:title_at] + ["titel_typo = 1\n"] + lines[title_at:]
    (isolated_dirs / "onbekend.toml").write_text("".join(unknown).replace(good.session.id, "u-1"), encoding="utf-8")
    missing = [line for line in lines if not line.startswith("title = ")]
    (isolated_dirs / "zonder-titel.toml").write_text("".join(missing).replace(good.session.id, "m-1"), encoding="utf-8")
    return isolated_dirs, 1 + title_at


SAID = {
    "nl": ("veld 'titel_typo': onbekende sleutel", "veld 'title': dit verplichte veld ontbreekt", "regel"),
    "en": ("field 'titel_typo': unknown key", "field 'title': required field is missing", "line"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_list_says_each_broken_file_in_the_readers_language(broken, capsys, lang):
    folder, line = broken
    assert cli.main(["--lang", lang, "--sessions-dir", str(folder), "list"]) == 1
    out = capsys.readouterr().out
    unknown, missing, word = SAID[lang]
    assert f"onbekend.toml: {word} {line}: {unknown}" in out
    assert f"zonder-titel.toml: {missing}" in out
    other = SAID["en" if lang == "nl" else "nl"]
    assert other[0] not in out and other[1] not in out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_export_of_a_broken_file_is_one_line_with_file_line_and_field(broken, capsys, tmp_path, lang):
    folder, line = broken
    unknown, missing, word = SAID[lang]
    target = folder / "onbekend.toml"
    assert cli.main(["--lang", lang, "--sessions-dir", str(folder), "export", str(target),
                     "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(target) in err
    assert f", {word} {line}: {unknown}" in err
    target = folder / "zonder-titel.toml"
    assert cli.main(["--lang", lang, "--sessions-dir", str(folder), "export", str(target),
                     "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"{target}: {missing}" in err


def test_the_cache_keeps_the_key_so_a_cached_row_is_said_in_either_language(broken):
    folder, line = broken
    rows = {r.path.name: r for r in summ.summaries(folder)}
    cached = json.loads((folder / summ.CACHE_NAME).read_text(encoding="utf-8"))
    assert cached["version"] == 2
    assert cached["rows"]["onbekend.toml"]["row"]["error_key"] == "error.file.at_line"
    again = {r.path.name: r for r in summ.cached_summaries(folder)}
    assert again == rows
    for lang, (unknown, missing, word) in SAID.items():
        assert again["onbekend.toml"].error_text(lang) == f"{word} {line}: {unknown}"
        assert again["zonder-titel.toml"].error_text(lang) == missing


def test_a_cache_of_the_version_before_is_read_anew(broken):
    folder, _ = broken
    summ.summaries(folder)
    path = folder / summ.CACHE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["version"] = 1
    for entry in data["rows"].values():
        for name in ("error_key", "error_fields"):
            entry["row"].pop(name, None)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert summ.cached_summaries(folder) is None  # a version-1 row holds English only: not used
    rows = {r.path.name: r for r in summ.summaries(folder)}
    assert rows["zonder-titel.toml"].error_text("nl") == SAID["nl"][1]


def test_a_cached_row_with_a_key_the_catalog_lacks_is_a_miss(broken):
    folder, _ = broken
    summ.summaries(folder)
    path = folder / summ.CACHE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["rows"]["zonder-titel.toml"]["row"]["error_key"] = "error.no_such_key"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert summ.cached_summaries(folder) is None


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field("x", min_length=1, max_length=3)
    items: list[int] = Field(default_factory=list, max_length=2)
    count: int = Field(0, ge=0, le=5)
    flag: bool = True
    kind: str = "a"
    day: date | None = None


def _problem(data: dict) -> ValidationError:
    try:
        Model.model_validate(data)
    except ValidationError as exc:
        return exc
    raise AssertionError(f"{data} was accepted")


@pytest.mark.parametrize("data, nl, en", [
    ({"zz": 1}, "veld 'zz': onbekende sleutel", "field 'zz': unknown key"),
    ({"title": 3}, "veld 'title': moet tekst zijn", "field 'title': must be text"),
    ({"title": "abcd"}, "veld 'title': mag hooguit 3 tekens lang zijn", "field 'title': may be at most 3 characters long"),
    ({"title": ""}, "veld 'title': moet minstens 1 teken lang zijn", "field 'title': must be at least 1 character long"),
    ({"items": [1, 2, 3]}, "veld 'items': mag hooguit 2 items bevatten", "field 'items': may hold at most 2 items"),
    ({"items": 1}, "veld 'items': moet een lijst zijn", "field 'items': must be a list"),
    ({"items": ["x"]}, "veld 'items.0': moet een heel getal zijn", "field 'items.0': must be a whole number"),
    ({"count": 9}, "veld 'count': mag hooguit 5 zijn", "field 'count': may be at most 5"),
    ({"flag": "maybe"}, "veld 'flag': moet true of false zijn", "field 'flag': must be true or false"),
    ({"day": "2027-13-01"}, "veld 'day': is geen geldige datum", "field 'day': is not a valid date"),
    ({"zz": 1, "yy": 2}, "veld 'zz': onbekende sleutel (en nog 1 probleem)", "field 'zz': unknown key (and 1 more problem)"),
])
def test_the_common_kinds_are_said_from_the_catalog(data, nl, en):
    exc = _problem(data)
    assert describe_validation(exc, "nl").startswith(nl)
    assert describe_validation(exc, "en").startswith(en)
    key, fields = validation_problem(exc)
    assert json.loads(json.dumps(fields)) == fields  # plain data: a cache can hold it
    assert said(key, "nl", fields) == describe_validation(exc, "nl")


def test_a_choice_names_the_choices_and_a_rare_kind_falls_back_to_pydantics_words():
    from typing import Literal

    class Choice(BaseModel):
        kind: Literal["training", "followup"]

    try:
        Choice.model_validate({"kind": "x"})
    except ValidationError as exc:
        assert describe_validation(exc, "nl") == "veld 'kind': moet een van deze zijn: training, followup"
        assert describe_validation(exc, "en") == "field 'kind': must be one of: training, followup"

    class Url(BaseModel):
        n: float = Field(multiple_of=2)

    try:
        Url.model_validate({"n": 3})
    except ValidationError as exc:
        assert describe_validation(exc, "nl") == f"veld 'n': {exc.errors()[0]['msg']}"
