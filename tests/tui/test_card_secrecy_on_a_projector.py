"""Issue #13 point 1: a card is never drawn where the room may be looking."""

from __future__ import annotations

from facilitator.services import content
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.reveal import RevealScreen
from tests.tui.helpers import make_app, screen_text, settle, sync, wait_until

PEOPLE = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]


async def practice_with_cards(app, pilot):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None, what="run screen")
    run = app.screen
    run.goto(next(p.key for p in app.service.session.phases if p.kind == "practice"))
    await wait_until(pilot, lambda: run.view is not None and run.view.plan.kind == "practice", what="Oefenen")
    await pilot.press("2", "d")
    await wait_until(pilot, lambda: any(r.cards for r in app.service.session.rounds), what="cards drawn")
    deck = content.default_deck()
    secrets = [deck.card(c).render("nl", r.situation)[:30] for r in app.service.session.rounds for c in r.cards]
    return run, secrets


def refusals(app) -> list[str]:
    return [n.message for n in app._notifications if "Kaart niet getoond" in n.message]


@sync
async def test_c_in_the_room_view_refuses_and_shows_nothing_of_a_card(isolated_dirs, clock, library):
    made = library.create("Geheim", participants=PEOPLE)
    made.set_card_delivery("laptop")  # the laptop goes round: the reveal's own questions apply
    made.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run, secrets = await practice_with_cards(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert run.room
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, RevealScreen) and run.room  # the room view stays up
        assert refusals(app) and "strookjes (l)" in refusals(app)[0]
        shown = screen_text(app)
        assert secrets and not any(s in shown for s in secrets)


@sync
async def test_the_reveal_asks_how_the_room_sees_the_screen_and_refuses_when_mirrored(
        isolated_dirs, clock, library):
    made = library.create("Geheim", participants=PEOPLE)
    made.set_card_delivery("laptop")  # the laptop goes round: the reveal's own questions apply
    made.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run, secrets = await practice_with_cards(app, pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the set-up question")
        assert "gespiegeld" in screen_text(app)
        await pilot.press("j")  # yes: the laptop is mirrored
        await pilot.pause()
        assert app.room_setup == "mirrored" and app.screen is run and refusals(app)
        assert not any(s in screen_text(app) for s in secrets)
        first = [n.identity for n in app._notifications if n.message in refusals(app)]
        await pilot.press("c")  # asked once: refused again at once
        await pilot.pause()
        # ...said afresh, in place of the first (notices replace themselves, tui/notices.py)
        again = [n.identity for n in app._notifications if n.message in refusals(app)]
        assert app.screen is run and len(again) == 1 and again != first
        run.view.set_room_setup("private")  # the palette's "not mirrored"
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")


@sync
async def test_before_the_first_reveal_it_asks_how_cards_reach_the_players_and_remembers(
        isolated_dirs, clock, library):
    from facilitator.tui.dialogs.choice import ChoiceDialog

    library.create("Geheim", participants=PEOPLE).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run, secrets = await practice_with_cards(app, pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), what="how cards reach the players")
        text = screen_text(app)
        assert "telefoon" in text and "strookjes" in text and "laptop" in text
        await pilot.press("down", "enter")  # printed slips
        await wait_until(pilot, lambda: app.screen is run)
        assert app.service.session.card_delivery == "slips"
        assert any("strookjes" in n.message for n in app._notifications)
        assert not isinstance(app.screen, RevealScreen) and not any(s in screen_text(app) for s in secrets)
        await pilot.press("c")  # remembered: not asked again
        await pilot.pause()
        assert app.screen is run
    reopened = library.open(str(library.files()[0]))
    try:
        assert reopened.session.card_delivery == "slips"
    finally:
        reopened.close()
