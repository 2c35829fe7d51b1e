"""One of each: the nl/en picker, the factor headings, the timer repaint, the note meta line."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import facilitator
from facilitator.export import followup_md, followup_pdf, model
from facilitator.tui.screens import followup_common
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


def test_factor_headings_come_from_one_place():
    assert followup_md.factor_label is followup_common.factor_label is followup_pdf.factor_label
    assert followup_md.cluster_label is followup_common.cluster_label
    assert followup_common.factor_label(None, "en") == "No success factor"
    assert followup_common.factor_label(5, "nl").startswith("5. ")


def test_both_clocks_share_one_repaint():
    assert PhaseTimer.show is BigTimer.show


def test_note_meta_is_built_once_for_markdown_and_pdf(library):
    from facilitator.export import markdown, pdf_sections

    assert markdown.note_meta is pdf_sections.note_meta is model.note_meta
    svc = library.create("Team", on=date(2026, 10, 1))
    r = model.build_report(svc.session, lang="en")
    svc.close()
    note = SimpleNamespace(group="Groep 1", author="Anna", factors=["5. agenda"])
    assert model.note_meta(note, r, show_group=True) == "Groep 1 · by Anna · Success factors: 5. agenda"
    assert model.note_meta(note, r) == "by Anna · Success factors: 5. agenda"
    assert model.merged_by(SimpleNamespace(group=None, author=None), r) == ""
