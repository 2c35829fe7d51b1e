"""One of each: the nl/en picker, the factor headings, the timer repaint, the note meta line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

import facilitator
from facilitator.export import builder as model
from facilitator.services import exports
from facilitator.services.content import success_factors
from facilitator.tui.widgets.timer import BigTimer, PhaseTimer

SOURCE = Path(facilitator.__file__).parent


def test_only_core_plain_picks_between_dutch_and_english():
    found = [
        f"{p.relative_to(SOURCE)}:{n}"
        for p in SOURCE.rglob("*.py") if p.name != "plain.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"\ben if (self\.)?lang == \"en\" else nl\b", line)
    ]
    assert found == []


def definitions(name: str) -> list[str]:
    return [
        f"{p.relative_to(SOURCE)}:{n}"
        for p in SOURCE.rglob("*.py")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.match(rf"\s*(def|class) {name}\b", line)
    ]


@pytest.mark.parametrize("name", ["factor_label", "cluster_label", "note_meta", "merged_by", "talk_offset"])
def test_each_concept_is_defined_once(name):
    assert len(definitions(name)) == 1, definitions(name)


def test_factor_headings():
    assert success_factors().factor_label(None, "en") == "No success factor"
    assert success_factors().factor_label(5, "nl").startswith("5. ")


def test_both_clocks_share_one_repaint():
    assert PhaseTimer.show is BigTimer.show


def test_note_meta_is_built_once_for_markdown_and_pdf(library):
    svc = library.create("Team", on=date(2026, 10, 1))
    r = exports.report(svc.session, lang="en")
    svc.close()
    note = SimpleNamespace(group="Groep 1", author="Anna", factors=["5. agenda"])
    assert model.note_meta(note, r, show_group=True) == "Groep 1 · by Anna · Success factors: 5. agenda"
    assert model.note_meta(note, r) == "by Anna · Success factors: 5. agenda"
    assert model.merged_by(SimpleNamespace(group=None, author=None), r) == ""
