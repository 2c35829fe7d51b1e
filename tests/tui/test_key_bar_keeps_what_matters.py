"""The key bar at 100 and 80 columns: whole keys, the ones that matter for the phase first.

On a projector the terminal is often 100 columns wide or less. The bar cut its line at the edge
("e…"), so in Oefenen the role-play's f (feedback) and . (next talk) were only in the palette.
Now it shows whole entries only; what does not fit is left out from the least important, and a
"…" before the palette key says there is more.
"""

from __future__ import annotations

import re

import pytest

from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, screen_text, sync, wait_until
from tests.tui.test_keys_do_what_the_bar_says import open_at

PEOPLE = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur"]
ROLE_PLAY = {
    "nl": ["d Trekken", "c Tonen", "t Timer", "e Beëindigen", "f Feedback", ". Volgend gesprek"],
    "en": ["d Draw cards", "c Show cards", "t Timer", "e End talk", "f Feedback", ". Next talk"],
}


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


def no_cut_words(said: str) -> bool:
    """Every entry is whole: a "…" stands alone before the palette key, never glued to a word."""
    return not re.search(r"\w…", said)


async def in_a_talk(app, pilot):
    run = await open_at(app, pilot, "practice")
    await pilot.press("2", "d", "t")  # pairs, cards drawn, the first talk's timer runs
    await wait_until(pilot, lambda: any(r.started for r in app.service.session.rounds), what="the talk timer")
    await pilot.pause()
    return run


@pytest.mark.parametrize("lang", ["nl", "en"])
@sync
async def test_during_the_role_play_its_keys_are_in_the_bar_at_100_columns(isolated_dirs, clock, library, lang):
    library.create("Oefenen", participants=PEOPLE).close()
    app = make_app(isolated_dirs, clock, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_a_talk(app, pilot)
        said = bar(app)
        for entry in ROLE_PLAY[lang]:
            assert entry in said, said
        assert said.rstrip().endswith("opdrachten" if lang == "nl" else "palette")
        assert no_cut_words(said), said
        shown = re.sub(r"\s+", " ", screen_text(app))  # and so on screen
        assert all(entry in shown for entry in ROLE_PLAY[lang]), shown


@pytest.mark.parametrize("lang", ["nl", "en"])
@sync
async def test_at_80_columns_the_talk_keys_stay_and_the_rest_is_behind_the_dots(isolated_dirs, clock, library, lang):
    library.create("Oefenen", participants=PEOPLE).close()
    app = make_app(isolated_dirs, clock, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await in_a_talk(app, pilot)
        said = bar(app)
        for entry in ROLE_PLAY[lang][:5]:  # draw, show, timer, end, feedback; "." is named on the talk's line
            assert entry in said, said
        assert "…" in said and no_cut_words(said), said


@sync
async def test_before_the_groups_exist_the_bar_offers_pairs_and_trios_first(isolated_dirs, clock, library):
    library.create("Oefenen", participants=PEOPLE).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_at(app, pilot, "practice")
        said = bar(app)
        assert "2 Tweetallen" in said and "3 Drietallen" in said and no_cut_words(said), said


def test_fitting_keeps_whole_entries_kept_ones_first_in_their_order():
    from facilitator.tui.widgets.keybar import fitting

    assert fitting([5, 5, 5], [False, False, False], 15) == [0, 1, 2]  # all fit: no dots needed
    assert fitting([5, 5, 5], [False, False, False], 14) == [0, 1]  # room for a "…" too
    assert fitting([5, 5, 5], [False, False, True], 12) == [0, 2]  # the kept one first, shown in its place
    assert fitting([5, 9, 2], [False, False, False], 14) == [0]  # the first that does not fit ends the line
    assert fitting([5, 5], [False, False], 0) == []
