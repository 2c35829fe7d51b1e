"""Small moments of a real meeting: the overrun line's arithmetic, the room view's key bar, the film link."""

from __future__ import annotations

import re
from datetime import timezone

import pytest

from facilitator.tui.widgets.agenda_strip import render_strip
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, sync
from tests.tui.test_keys_and_palette import open_at


@pytest.mark.parametrize("seconds", range(5 * 60 + 5, 8 * 60, 17))
def test_the_overrun_line_counts_the_minutes_between_the_times_it_shows(service, clock, seconds):
    clock.advance(seconds=40)  # a meeting starts at 13:00:40: the planned end is not on a whole minute
    service.clock_event("start", service.session.phases[0].key)
    clock.advance(seconds=seconds)  # the first phase (5 min) runs over by a few minutes and seconds
    state = service.agenda()
    text = render_strip(state, service.session.phases, "nl", timezone.utc).plain
    planned, projected = re.search(r"Gepland einde (\d\d:\d\d) · verwacht (\d\d:\d\d)", text).groups()
    minutes = lambda hhmm: int(hhmm[:2]) * 60 + int(hhmm[3:])  # noqa: E731
    late = re.search(r"\((\d+) min later\)", text)
    said = int(late.group(1)) if late else 0  # no "(… min later)" when the two times are the same minute
    assert said == minutes(projected) - minutes(planned), text


@sync
async def test_the_room_view_key_bar_offers_only_what_works_there(isolated_dirs, clock, library):
    library.create("Zaal", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "dialogue")
        assert "±1 min" in str(run.query_one(KeyBar).render())
        await pilot.press("escape", "r")
        await pilot.pause()
        assert run.room
        bar = str(run.query_one(KeyBar).render())
        assert "±1 min" not in bar and "Actiepunten" not in bar and "Deelnemers" not in bar
        for action in ("actions", "people", "adjust", "home"):
            assert run.check_action(action, ()) is False
        await pilot.press("a")  # not offered, so it does nothing: the room view stays up
        await pilot.pause()
        assert run.room and app.screen is run


@sync
async def test_opening_the_film_without_a_browser_says_so_and_shows_the_link(
        isolated_dirs, clock, library, monkeypatch):
    import webbrowser

    def no_browser(*_args, **_kwargs):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    library.create("Film").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "research")
        assert run.view.film is not None and run.view.film.url
        await pilot.press("escape", "o")
        await pilot.pause()
        notices = [str(n.message) for n in app._notifications]
        assert any("Geen browser gevonden" in n and run.view.film.url in n for n in notices), notices
