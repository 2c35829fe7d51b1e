"""Issue #13 point 9: notices do not pile up and do not outlive their screen.

A projector shows every toast to the room: the same notice said again replaces itself, a
notice with a key (the export's progress) replaces its earlier text, and what a screen said
leaves when that screen is closed or covered by another (it does not come back when the cover
closes), and when the run screen turns into the room view.
"""

from __future__ import annotations

import asyncio

from facilitator.tui.review_app import ReviewApp
from tests.tui.helpers import make_app, screen_text, settle, sync, wait_until
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


def test_a_screens_notices_leave_with_it_and_when_it_is_covered(library):
    from facilitator.tui.screens.quickscan import QuickscanScreen

    async def run():
        refs = [training(library, "Team A"), training(library, "Team B")]
        app = ReviewApp(library=library, refs=refs, new_followup=True)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            review = app.screen
            review.notify("Gezegd op het reviewscherm")
            await pilot.pause()
            assert notices(app) == ["Gezegd op het reviewscherm"]
            await pilot.press("k")
            assert isinstance(app.screen, QuickscanScreen)
            assert notices(app) == []  # covered: the review's notice is not shown over the quickscan
            await pilot.press("t", "2")  # "before" needs one reviewed session: the screen says so
            await pilot.pause()
            assert len(notices(app)) == 1 and "één nagelopen sessie" in notices(app)[0], notices(app)
            await pilot.press("escape")  # the quickscan closes: its notice goes with it
            await wait_until(pilot, lambda: app.screen is review, what="back on the review")
            assert notices(app) == []
            assert await shown_toasts(app, pilot) == 0

    asyncio.run(run())


@sync
async def test_the_home_screens_folder_line_leaves_when_a_screen_opens_above_the_list(isolated_dirs, clock, library):
    from facilitator.tui.dialogs.new_session import NewSessionScreen
    from facilitator.tui.screens.run import RunScreen

    library.create("Map").close()
    app = make_app(isolated_dirs, clock)
    app.opener = lambda target: False  # no display: the line says where the folder is
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        home = app.screen
        await pilot.press("f")
        await wait_until(pilot, lambda: any("Sessiemap:" in n for n in notices(app)), what="the folder line")
        await pilot.press("n")  # the new-session form over the list
        await wait_until(pilot, lambda: isinstance(app.screen, NewSessionScreen), what="the form")
        assert notices(app) == [] and await shown_toasts(app, pilot) == 0
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is home, what="the list again")
        await pilot.press("f")
        await wait_until(pilot, lambda: any("Sessiemap:" in n for n in notices(app)), what="the folder line")
        app.open_session(app.library.files()[0])  # a session opens above the list
        await wait_until(pilot, lambda: isinstance(app.screen, RunScreen), what="the run screen")
        assert notices(app) == [] and await shown_toasts(app, pilot) == 0


@sync
async def test_the_room_view_starts_without_the_phases_notices(isolated_dirs, clock, library):
    library.create("Zaal", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        run = await open_at(app, pilot, "practice")
        await pilot.press("2", "d")  # pairs, then the cards for the first talk
        await wait_until(pilot, lambda: any("getrokken" in n for n in notices(app)), what=lambda: notices(app))
        await pilot.press("r")  # the room view, on the projector
        await wait_until(pilot, lambda: run.room, what="the room view")
        assert notices(app) == [] and await shown_toasts(app, pilot) == 0
        assert "getrokken" not in screen_text(app)
        await pilot.press("c")  # asked for a card in the room view: the refusal is said there
        await wait_until(pilot, lambda: len(notices(app)) == 1, what="the refusal")
        assert await shown_toasts(app, pilot) == 1


@sync
async def test_cards_drawn_for_one_group_says_group(isolated_dirs, clock, library):
    library.create("Eén groep", participants=["Anna", "Bram", "Cem"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_at(app, pilot, "practice")
        await pilot.press("2", "d")  # three people: one pair with its observer
        await wait_until(pilot, lambda: any("getrokken" in n for n in notices(app)), what=lambda: notices(app))
        assert "Kaarten getrokken voor 1 groep." in notices(app)
