"""Snapshots of the dialogue and research views at 80x24 and 120x40, in Dutch and English.

Everything on screen is fixed: texts below, the FakeClock; ids are random but
never shown. Update with `pytest tests/test_phases_snapshots.py --snapshot-update`
after checking the new pictures by eye.
"""

from __future__ import annotations

import pytest

from tests.tui.phases.harness import PhaseApp

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


def test_plenary_snapshot_80x24(snap_compare, service):
    g1, g2 = service.add_group("Groep 1"), service.add_group("Groep 2")
    keep = service.add_note("dialoog", "Werk met een gespreksagenda", group=g1.id, question="d1", tip=True)
    dup = service.add_note("dialoog", "Agenda vooraf sturen", group=g2.id, question="d1")
    service.merge_note(dup.id, keep.id)
    service.add_note("dialoog", "Ouders eerst laten vertellen", group=g2.id, question="d1", factors=[5])
    service.add_action_point("Werk met een gespreksagenda", source_note=keep.id)
    assert snap_compare(PhaseApp(service, "plenary"), terminal_size=(80, 24))


def test_evaluation_snapshot_80x24(snap_compare, service):
    from facilitator.core.model import PracticeGroup

    service.add_practice_group(PracticeGroup(id="pg-1", name="Trio A", mode="trio"))
    rnd = service.draw_round("pg-1", 1, 1)
    service.add_observation(rnd.id, "Bram", "perspective", "Vroeg naar de thuissituatie", offset=75)
    service.add_answer("em1", "mentor", "Lastig toen de ouder dichtklapte")
    assert snap_compare(PhaseApp(service, "evaluation", lang="en"), terminal_size=(80, 24))
