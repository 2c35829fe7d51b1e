"""Plenary: groups side by side, merge duplicates, promote a tip to an action point."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.storage.sessionfile import load_session
from tests.tui.phases.harness import PhaseApp, screen_text, sync


@pytest.fixture
def sheet(service):
    service.set_details(next_talks=date(2027, 1, 15))
    g1, g2 = service.add_group("Groep 1"), service.add_group("Groep 2")
    a = service.add_note("dialoog", "Werk met een agenda", group=g1.id, question="d1", tip=True, factors=[9])
    b = service.add_note("dialoog", "Gespreksagenda gebruiken", group=g2.id, question="d1")
    c = service.add_note("dialoog", "Ouders laten beginnen", group=g2.id, question="d2")
    return service, (g1, g2), (a, b, c)


@sync
async def test_groups_side_by_side_per_question(sheet):
    service, (g1, g2), (a, b, c) = sheet
    app = PhaseApp(service, "plenary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        cols = app.view.columns
        assert [col.group.name for col in cols] == ["Groep 1", "Groep 2"]
        assert [o.id for o in cols[0].options] == [a.id]
        assert [o.id for o in cols[1].options] == [b.id]
        assert "★ Werk met een agenda" in str(cols[0].options[0].prompt)
        assert app.view.room_prompt().startswith("Wat helpt")
        await pilot.press("ctrl+down")  # page to question 2
        assert [o.id for o in cols[1].options] == [c.id]
        assert cols[0].options[0].disabled  # "(leeg)"
        assert "Vraag 2/5" in screen_text(app)


@sync
async def test_merge_folds_the_second_note_under_the_first(sheet):
    service, _, (a, b, _c) = sheet
    app = PhaseApp(service, "plenary", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m", "escape")  # Esc cancels a merge in progress
        assert app.view.merge_source is None
        await pilot.press("escape")  # and without one it passes Esc on (no error)
        await pilot.press("m")  # keep the highlighted note of group 1
        assert "merging" in str(app.view.columns[0].options[0].prompt)
        await pilot.press("right", "m")  # its duplicate in group 2
        stored = {n.id: n for n in load_session(service.path).notes}
        assert stored[b.id].merged_into == a.id
        assert stored[a.id].merged_into is None
        cols = app.view.columns
        assert "≡ Gespreksagenda gebruiken (Groep 2)" in str(cols[0].options[0].prompt)
        assert cols[1].options[0].disabled  # group 2's sheet now only shows "(empty)"
        # Unfold it again.
        await pilot.press("left", "u")
        assert load_session(service.path).notes[1].merged_into is None
        assert [o.id for o in app.view.columns[1].options] == [b.id]


@sync
async def test_promote_tip_to_action_point_with_one_key(sheet):
    service, _, (a, _b, _c) = sheet
    app = PhaseApp(service, "plenary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        points = load_session(service.path).action_points
        assert len(points) == 1
        ap = points[0]
        assert (ap.text, ap.source_note, ap.factors, ap.due) == (
            "Werk met een agenda", a.id, [9], date(2027, 1, 15))
        assert "→ actiepunt" in str(app.view.columns[0].options[0].prompt)
        await pilot.press("enter")  # a second press does not duplicate it
        assert len(load_session(service.path).action_points) == 1
        assert "al een actiepunt" in screen_text(app)
        # Tip off and on again from the plenary.
        await pilot.press("t")
        assert load_session(service.path).notes[0].tip is False


@sync
async def test_dots_from_the_phones_beside_each_tip_sorted_and_the_vote_closed(sheet):
    service, (g1, _g2), (a, _b, _c) = sheet
    d = service.add_note("dialoog", "Eerst de ouder laten praten", group=g1.id, question="d1", tip=True)
    service.cast_dots("phone-1", [d.id, d.id])
    service.cast_dots("phone-2", [d.id, a.id])
    app = PhaseApp(service, "plenary", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        col = app.view.columns[0]
        assert [o.id for o in col.options] == [a.id, d.id]  # the order written
        assert "● 1 ★ Werk met een agenda" in str(col.options[0].prompt)
        assert "● 3 ★ Eerst de ouder" in str(col.options[1].prompt)
        assert "4 dots from 2 phones" in screen_text(app) and "vote open" in screen_text(app)
        await pilot.press("v")  # most dots first
        assert [o.id for o in app.view.columns[0].options] == [d.id, a.id]
        await pilot.press("s")  # the facilitator closes the vote
        assert load_session(service.path).voting_closed
        assert "vote closed" in screen_text(app)
        # A phone changing its mind now is refused; the counts stay.
        with pytest.raises(Exception):
            service.cast_dots("phone-1", [a.id])
        assert service.dot_counts() == {a.id: 1, d.id: 3}


@sync
async def test_d_sets_the_dots_per_phone_and_never_below_what_a_phone_spent(sheet):
    service, (g1, _g2), (a, _b, _c) = sheet
    app = PhaseApp(service, "plenary", lang="nl")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert service.session.dots == 3
        await pilot.press("d")
        assert load_session(service.path).dots == 4
        assert "elke telefoon zet 4 stippen" in screen_text(app)
        await pilot.press("d", "d")  # 5, then round to 1
        assert load_session(service.path).dots == 1
        assert "elke telefoon zet 1 stip " in screen_text(app)
        service.cast_dots("phone-1", [a.id])
        await pilot.press("d", "d", "d", "d")  # up to 5 again, with one dot spent
        assert service.session.dots == 5
        service.cast_dots("phone-2", [a.id, a.id, a.id])
        await pilot.press("d")  # round to 1 would leave phone-2 three dots over: refused, said
        assert load_session(service.path).dots == 5
        assert "niet minder dan 3 stippen" in screen_text(app)


@sync
async def test_a_key_in_one_column_leaves_the_other_columns_cursor_where_it_was(service):
    """A tip marked in group 1 kept group 2's cursor only when it stood on its first note."""
    g1, g2 = service.add_group("Groep 1"), service.add_group("Groep 2")
    for g in (g1, g2):
        service.add_note("dialoog", f"{g.name} een", group=g.id, question="d1")
        service.add_note("dialoog", f"{g.name} twee", group=g.id, question="d1")
    app = PhaseApp(service, "plenary")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        first, second = app.view.columns
        await pilot.press("right", "down")
        assert second.highlighted_option.id == second.options[1].id
        await pilot.press("left", "t")  # a tip in group 1 (the page is filled again)
        await pilot.pause()
        assert "★" in str(first.options[0].prompt)
        assert str(second.highlighted_option.prompt).endswith("Groep 2 twee")
