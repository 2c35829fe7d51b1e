"""Issue #13 point 9: notices do not pile up and do not outlive their screen.

A projector shows every toast to the room: the same notice said again replaces itself, a
notice with a key (the export's progress) replaces its earlier text, and what a screen said
leaves when that screen is closed, while the notices of the screens underneath stay.
"""

from __future__ import annotations

import asyncio

from facilitator.tui.review_app import ReviewApp
from tests.tui.helpers import make_app, settle, sync, wait_until
from tests.tui.test_keys_do_what_the_bar_says import open_at


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def shown_toasts(app, pilot) -> int:
    """How many toasts the screen shows, once the toast rack caught up with the notices."""
    from textual.widgets._toast import Toast

    await wait_until(pilot, lambda: len(app.screen.query(Toast)) == len(app._notifications), timeout=5,
                     what="the toast rack")
    return len(app.screen.query(Toast))


@sync
async def test_the_same_notice_said_three_times_shows_once(isolated_dirs, clock, library, monkeypatch):
    import webbrowser

    def no_browser(*_args, **_kwargs):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    library.create("Film").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_at(app, pilot, "research")
        await pilot.press("escape", "o", "o", "o")
        await pilot.pause()
        said = [n for n in notices(app) if "Geen browser gevonden" in n]
        assert len(said) == 1, notices(app)
        assert await shown_toasts(app, pilot) == 1


@sync
async def test_a_notice_with_a_key_replaces_its_earlier_text(isolated_dirs, clock):
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        app.notify("Elders gezegd")
        for pct in (20, 40, 60):
            app.notify(f"Verslag: {pct}%", key="export")
        await pilot.pause()
        assert notices(app) == ["Elders gezegd", "Verslag: 60%"]
        assert await shown_toasts(app, pilot) == 2


def training(library, title):
    svc = library.create(title)
    svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc.close()
    return svc.session.id


def test_a_screens_notices_leave_with_it_the_ones_underneath_stay(library):
    from facilitator.tui.screens.quickscan import QuickscanScreen

    async def run():
        refs = [training(library, "Team A"), training(library, "Team B")]
        app = ReviewApp(library=library, refs=refs, new_followup=True)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            review = app.screen
            review.notify("Gezegd op het reviewscherm")
            await pilot.press("k")
            assert isinstance(app.screen, QuickscanScreen)
            await pilot.press("t", "2")  # "before" needs one reviewed session: the screen says so
            await pilot.pause()
            assert any("één nagelopen sessie" in n for n in notices(app)), notices(app)
            assert len(notices(app)) == 2
            await pilot.press("escape")  # the quickscan closes: its notice goes with it
            await wait_until(pilot, lambda: app.screen is review, what="back on the review")
            assert notices(app) == ["Gezegd op het reviewscherm"]
            assert await shown_toasts(app, pilot) == 1

    asyncio.run(run())
