"""Snapshots of the dialogue and research views at 80x24 and 120x40, in Dutch and English.

Everything on screen is fixed: texts below, the FakeClock; ids are random but
never shown. Update with `pytest tests/test_phases_snapshots.py --snapshot-update`
after checking the new pictures by eye.
"""

from __future__ import annotations

import pytest

from phases_harness import PhaseApp

SIZES = [(80, 24), (120, 40)]
LANGS = ["nl", "en"]


def dialogue_app(service, lang):
    g1 = service.add_group("Groep 1")
    service.add_group("Groep 2")
    service.add_note("dialoog", "Huisbezoek bij nieuwe leerlingen", group=g1.id, question="d1")
    service.add_note("dialoog", "Ouders vooraf laten vertellen wat zij willen bespreken", group=g1.id,
                     question="d1", tip=True, factors=[5, 6])
    service.add_note("dialoog", "Letterlijk: [bold red]x[/]", group=g1.id, question="d1")
    return PhaseApp(service, "dialogue", lang=lang)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_dialogue_snapshot(snap_compare, service, lang, size):
    assert snap_compare(dialogue_app(service, lang), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_research_snapshot(snap_compare, service, lang, size):
    assert snap_compare(PhaseApp(service, "research", lang=lang), terminal_size=size)
