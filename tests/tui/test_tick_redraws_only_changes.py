"""The run screen's 1 s tick redraws only what changed (issue #13, point 10).

Behaviour, not timing: with an injected clock, count how often the agenda strip
is rendered, the cut suggestions computed and the clock log replayed across
ticks that change nothing, and check that a change (a clock event, another
process's journal line, a new minute) still shows on the very next tick.
"""

from __future__ import annotations

from facilitator.tui.screens import run as run_module
from facilitator.tui.widgets import agenda_strip
from facilitator.tui.widgets.agenda_strip import AgendaStrip
from facilitator.tui.widgets.timer import PhaseTimer
from tests.tui.helpers import make_app, screen_text, sync


class Counter:
    def __init__(self, monkeypatch, module, name):
        self.calls = 0
        real = getattr(module, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


async def running(app, pilot, library, title="Tik"):
    """Open the first session and start its clock at 13:00:00."""
    app.open_session(library.files()[0])
    await pilot.pause()
    await pilot.press("space")
    await pilot.pause()
    return app.screen


def strip_updates(screen, monkeypatch) -> Counter:
    return Counter(monkeypatch, screen.query_one("#strip", AgendaStrip), "update")


@sync
async def test_ticks_within_a_minute_do_not_redraw_the_strip_or_recompute_cuts(
        isolated_dirs, clock, library, monkeypatch):
    library.create("Tik").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await running(app, pilot, library)
        renders = Counter(monkeypatch, agenda_strip, "render_strip")
        cuts = Counter(monkeypatch, run_module, "suggest_cuts")
        updates = strip_updates(run, monkeypatch)
        timer = run.query_one("#timer", PhaseTimer)
        shown = []
        for _ in range(5):  # 13:00:01 .. 13:00:05: the strip reads "0/5" throughout
            clock.advance(seconds=1)
            run.tick()
            await pilot.pause()
            shown.append(timer._shown[0])
        assert (renders.calls, cuts.calls, updates.calls) == (0, 0, 0)
        assert shown == ["04:59", "04:58", "04:57", "04:56", "04:55"]  # the clock itself does move
        clock.advance(seconds=60)  # a minute later the strip's minutes move: redrawn on this tick
        run.tick()
        await pilot.pause()
        assert renders.calls == 1 and updates.calls == 1 and cuts.calls == 1
        assert "Introductie 1/5" in screen_text(app)


@sync
async def test_same_second_replays_the_clock_log_once(isolated_dirs, clock, library):
    library.create("Tik").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await running(app, pilot, library)
        clock.advance(seconds=1)
        before = run._agenda_cache.replays
        for _ in range(4):
            run.tick()
        assert run._agenda_cache.replays == before + 1
        clock.advance(seconds=1)
        run.tick()
        assert run._agenda_cache.replays == before + 2


@sync
async def test_room_view_tick_leaves_the_hidden_run_view_alone(isolated_dirs, clock, library, monkeypatch):
    library.create("Tik").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await running(app, pilot, library)
        await pilot.press("r")
        await pilot.pause()
        phase_timer = Counter(monkeypatch, run.query_one("#timer", PhaseTimer), "refresh")
        renders = Counter(monkeypatch, agenda_strip, "render_strip")
        for _ in range(3):
            clock.advance(seconds=61)
            run.tick()
            await pilot.pause()
        assert (phase_timer.calls, renders.calls) == (0, 0)
        assert run.query_one("#room-timer")._shown[0] == "01:57"
        await pilot.press("escape")  # back in the run view: its clock and strip are current at once
        await pilot.pause()
        assert run.query_one("#timer", PhaseTimer)._shown[0] == "01:57"
        assert "Introductie 3/5" in screen_text(app)


@sync
async def test_a_clock_event_from_another_process_shows_on_the_next_tick(isolated_dirs, clock, library):
    library.create("Tik").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await running(app, pilot, library)
        clock.advance(seconds=5)
        run.tick()
        await pilot.pause()
        assert "loopt" in screen_text(app)
        other = library.open(str(app.service.path))  # e.g. a second laptop on the same folder
        other.clock_event("pause")
        other.close()
        run.tick()  # same second, same log length on our side until the journal is read
        await pilot.pause()
        assert "gepauzeerd" in screen_text(app)
        assert run.state is not None and not run.state.running


@sync
async def test_a_note_from_another_process_shows_on_the_next_tick(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui.phases.generic import GenericPhase

    class Notes(GenericPhase):  # a body that lists the notes, re-read on session_changed
        def compose(self):
            from textual.widgets import Static
            yield Static(id="notes")

        def on_mount(self):
            self.session_changed()

        def session_changed(self):
            self.query_one("#notes").update("\n".join(n.text for n in self.service.session.notes))

    monkeypatch.setattr(run_module, "view_class", lambda kind: Notes)
    library.create("Tik").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await running(app, pilot, library)
        other = library.open(str(app.service.path))
        other.add_note("introductie", "Van-de-telefoon")
        other.close()
        run.tick()  # the clock did not move at all
        await pilot.pause()
        assert "Van-de-telefoon" in screen_text(app)
