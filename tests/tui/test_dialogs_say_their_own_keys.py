"""The key bar says what works now, under a dialog too.

A dialog drawn over the run screen left the run screen's key bar in view: the confirmation
"Deze notitie verwijderen?" sat above "⏎ Bewerken  del Verwijderen  t Tip aan/uit", none of which
worked while it was open. Every dialog now has a key bar of its own, over the screen's, with its keys.
"""

from __future__ import annotations

from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, sync, wait_until
from tests.tui.test_keys_do_what_the_bar_says import open_at


@sync
async def test_a_confirmation_over_the_dialogue_shows_its_own_keys_at_the_bottom(isolated_dirs, clock, library):
    svc = library.create("Dialoog", participants=["Anna", "Bram"])
    group = svc.add_group("Groep 1")
    svc.add_note("dialoog", "Ouders bellen", group=group.id, question="d1")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        run = await open_at(app, pilot, "dialogue")
        await pilot.press("down", "d")  # into the notes, delete: the confirmation
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the confirmation")
        bars = app.screen.query(KeyBar)
        await wait_until(pilot, lambda: bool(bars) and "Nee" in str(bars.first().render()), what="its key bar")
        said = str(bars.first().render())
        assert "Ja" in said and "Nee" in said
        assert "Verwijderen" not in said and "Bewerken" not in said
        # Drawn where the run screen's bar is, so it covers that one.
        assert bars.first().region == run.query_one(KeyBar).region
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")


@sync
async def test_a_confirmation_names_the_yes_key_of_its_language(isolated_dirs, clock):
    """Dutch says Ja with j, English Yes with y; both keys answer yes in either language."""
    from tests.tui.helpers import settle

    for lang, shown, other in (("nl", "j Ja", "y Ja"), ("en", "y Yes", "j Yes")):
        app = make_app(isolated_dirs, clock, lang=lang)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            for key in ("j", "y"):
                answers = []
                app.push_screen(ConfirmDialog("?", lang), answers.append)
                await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and bool(app.screen.query(KeyBar)),
                                 what="the confirmation")
                bar = app.screen.query_one(KeyBar)
                await wait_until(pilot, lambda: shown in str(bar.render()), what=lambda: str(bar.render()))
                assert other not in str(bar.render())
                await pilot.press(key)
                await wait_until(pilot, lambda: answers == [True], what=f"{key} answering yes")
