"""A dialog dismissed before it refreshed must not take the app's after-refresh work with it.

Textual hands an after-refresh callback to the screen on top; a dialog removed before its next
refresh drops it. On a loaded CI machine this left the key bar drawing the Dialoog keys on
Evaluatie for good (its "draw pending" flag never cleared) and `i` seemed dead. The dialogs here
drop what they are handed, as Textual does when it removes them in that window, and the work
must still be done (facilitator/tui/later.py).
"""

from __future__ import annotations

from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.later import after_refresh
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, sync, wait_until
from tests.tui.test_keys_do_what_the_bar_says import open_at


def dropping(monkeypatch, dialog_class) -> list:
    """Every after-refresh callback handed to a `dialog_class` screen is dropped (and counted)."""
    dropped: list = []
    monkeypatch.setattr(dialog_class, "_invoke_later", lambda self, callback, sender: dropped.append(callback),
                        raising=True)
    return dropped


class Dialog(ModalScreen[None]):
    def compose(self):
        yield Static("dialog")


class Base(App):
    def compose(self):
        yield Static("main", id="main")


@sync
async def test_work_asked_for_under_a_dialog_runs_though_the_dialog_dropped_it(monkeypatch):
    dropped = dropping(monkeypatch, Dialog)
    ran: list[str] = []
    app = Base()
    async with app.run_test() as pilot:
        await app.push_screen(Dialog())
        main = app.screen_stack[0].query_one("#main")
        after_refresh(main, ran.append, "done")
        await wait_until(pilot, lambda: dropped, what="the dialog to be handed the callback")
        app.pop_screen()
        await wait_until(pilot, lambda: ran, what="the callback the dialog dropped")
        await pilot.pause(0.4)  # past the fallback too: it ran once, not twice
        assert ran == ["done"]


@sync
async def test_an_async_callback_the_dialog_dropped_runs_to_its_end(monkeypatch):
    import asyncio

    dropped = dropping(monkeypatch, Dialog)
    ran: list[str] = []

    async def two_steps() -> None:
        ran.append("begun")
        await asyncio.sleep(0.01)  # the fallback's own timer must not cancel this
        ran.append("ended")

    app = Base()
    async with app.run_test() as pilot:
        await app.push_screen(Dialog())
        after_refresh(app.screen_stack[0].query_one("#main"), two_steps)
        await wait_until(pilot, lambda: dropped, what="the dialog to be handed the callback")
        app.pop_screen()
        await wait_until(pilot, lambda: "ended" in ran, what=lambda: f"the callback to end; it did {ran}")
        assert ran == ["begun", "ended"]


@sync
async def test_the_key_bar_follows_the_phase_after_a_confirmation_that_dropped_its_redraw(
        isolated_dirs, clock, library, monkeypatch):
    dropped = dropping(monkeypatch, ConfirmDialog)
    library.create("Bevestigen", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock, lang="nl")
    async with app.run_test(size=(140, 40)) as pilot:
        run = await open_at(app, pilot, "practice")
        await pilot.press("space")  # the clock runs: moving on asks first
        await wait_until(pilot, lambda: app.service.session.clock, what="the clock to start")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the confirmation")
        run.refresh_bindings()  # what a tick does when the cut suggestions change
        await wait_until(pilot, lambda: dropped, what="the confirmation to be handed the bar's redraw")
        await pilot.press("j")
        await wait_until(pilot, lambda: type(run.view).__name__ == "EvaluationPhase", what="Evaluatie")
        bar = run.query_one(KeyBar)
        await wait_until(pilot, lambda: "Feedback" in str(bar.render()),
                         what=lambda: f"Evaluatie's keys in the bar; it says {bar.render()}")
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen.focused, Input) and "typen" in str(bar.render()),
                         what=lambda: f"typing mode; focus {app.screen.focused}, bar {bar.render()}")


def test_the_app_asks_for_after_refresh_work_only_through_later():
    from pathlib import Path

    import facilitator

    root = Path(facilitator.__file__).parent
    direct = [str(path.relative_to(root)) for path in root.rglob("*.py")
              if path.name != "later.py" and "call_after_refresh" in path.read_text(encoding="utf-8")]
    assert direct == [], f"call_after_refresh can be dropped with a dialog; use tui.later.after_refresh: {direct}"
