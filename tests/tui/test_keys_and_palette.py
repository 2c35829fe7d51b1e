"""Keys across the integrated app: text fields get letters, the timer keys work otherwise,
the key bar tells the truth, and the follow-up review opens from the home screen."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunScreen
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, screen_text, settle, sync


def bar(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def open_at(app, pilot, kind: str) -> RunScreen:
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await pilot.pause()
    run = app.screen
    key = next(p.key for p in app.service.session.phases if p.kind == kind)
    run.goto(key)
    await pilot.pause(0.3)
    return run


@sync
async def test_dialogue_field_types_letters_then_esc_gives_the_timer_keys_back(isolated_dirs, clock, library):
    library.create("Toetsen", participants=["Anna", "Bram"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "dialogue")
        assert app.focused is run.view  # arriving never focuses the field
        await pilot.press("i")  # the facilitator chooses to type
        await pilot.pause()
        assert isinstance(app.focused, Input)
        assert "±1 min" not in bar(app) and "Start/pauze" not in bar(app) and "esc Veld verlaten" in bar(app)
        await pilot.press("space", "n", "p", "r", "plus", "q")
        assert app.focused.value == " npr+q"
        assert not run.state.running and not run.room and app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is run.view  # the view keeps focus: its own keys and ours both work
        assert "Start/pauze" in bar(app) and "±1 min" in bar(app)
        await pilot.press("space")
        await pilot.pause()
        assert run.state.running


@sync
async def test_practice_keys_work_after_esc_and_its_commands_are_in_the_palette(isolated_dirs, clock, library):
    library.create("Oefenen", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "practice")
        titles = [title for title, _help, _cb in run.palette_commands()]
        assert "Oefenen: kaarten trekken" in titles  # the phase's own, through the screen's provider
        from facilitator.tui.palette.observers import serve_commands

        assert "Observatoren via telefoon (serve)" in [title for title, _h, _c in serve_commands(app)]
        await pilot.press("escape", "2")  # Esc first: focus on the view, not dropped
        await pilot.pause()
        assert len(app.service.session.practice_groups) == 2
        await pilot.press("d")
        await pilot.pause()
        first = [r for r in app.service.session.rounds if r.talk == 1]
        assert first and all(r.cards for r in first)


@sync
async def test_follow_up_review_from_home(isolated_dirs, clock, library):
    svc = library.create("Training team A")
    svc.add_action_point("Agenda vooraf sturen")
    svc.close()
    (isolated_dirs / "kapot.toml").write_text("dit is geen sessie", encoding="utf-8")
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        home = app.screen
        rows = [r.title or r.path.name for r in home.rows]
        home.query_one("DataTable").move_cursor(row=rows.index("Training team A"))
        await pilot.press("v")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        broken = next(i for i, r in enumerate(home.rows) if r.error)
        home.query_one("DataTable").move_cursor(row=broken)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any(n.severity == "error" for n in app._notifications)


@sync
async def test_a_follow_up_session_runs_in_the_run_screen_on_its_service(isolated_dirs, clock, library):
    from facilitator.services.followup import review as followup
    from facilitator.storage.sessionfile import load_session

    svc = library.create("Training team B")
    svc.add_action_point("Ouders bellen")
    svc.close()
    followup.create_followup(library, [svc.session.id]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        home = app.screen
        home.query_one("DataTable").move_cursor(row=[r.kind for r in home.rows].index("followup"))
        await pilot.press("enter")
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen) and app.service.session.kind == "followup"
        run.goto(next(p.key for p in app.service.session.phases if p.kind == "review"))
        await pilot.pause(0.3)
        assert type(run.view).__name__ == "ReviewPhase" and run.view.service is app.service
        await pilot.press("o")  # r stays the room view
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        await pilot.press("2", "escape")
        await pilot.pause()
        assert app.screen is run and not run.room
    assert load_session(library.find_id(svc.session.id)).action_points[0].status == "helped"


@sync
async def test_the_talk_timer_bell_follows_the_apps_bell_setting(isolated_dirs, clock, library):
    library.create("Bel", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"]).close()
    app = make_app(isolated_dirs, clock)
    rings = []
    app.bell = lambda: rings.append(1)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "practice")
        await pilot.press("2", "d", "t")  # pairs, cards, start talk 1
        await pilot.pause()
        for title, _help, callback in app.palette_commands():
            if title == "Bel aan/uit":
                callback()  # muted from the palette
        assert app.settings.bell is False
        clock.advance(minutes=6)
        run.view.tick()
        assert rings == []  # over time, but muted
        await pilot.press("e", "full_stop", "t")  # end it, next talk, start it
        await pilot.pause()
        app.action_toggle_bell()
        clock.advance(minutes=6)
        run.view.tick()
        assert rings == [1]


@sync
async def test_help_lists_the_phase_keys_and_i_brings_the_typing_line_back(isolated_dirs, clock, library):
    from textual.widgets import Input

    from facilitator.tui.dialogs.confirm import HelpScreen

    svc = library.create("Hulp bij de flap")
    svc.clock_event("goto", phase="dialoog")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # leave the typing line: timer keys
        await pilot.pause()
        assert not isinstance(app.focused, Input)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Volgende groep" in text and "Typen" in text and "Start/pauze" in text
        # keys by their display names, not Textual's internal ones
        keys = str(app.screen.query_one("#help-keys").render())
        for internal in ("pagedown", "pageup", "full_stop", "right_square_bracket", "question_mark", "escape"):
            assert internal not in keys, internal
        assert "PgDn" in keys and "]" in keys
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "dlg-input"
        await pilot.press(*"abc")
        assert app.focused.value == "abc"


@sync
async def test_the_palette_has_one_provider_per_concern_and_finds_each(isolated_dirs, clock, library):
    """App commands, the screen's own and the phones' server come from three providers, all searchable."""
    from textual.command import CommandPalette

    from facilitator.tui.palette.app import AppCommands
    from facilitator.tui.palette.observers import ObserverCommands
    from facilitator.tui.palette.screen import ScreenCommands

    library.create("Palet", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock)
    assert app.COMMANDS == {AppCommands, ScreenCommands, ObserverCommands}
    async with app.run_test(size=(120, 40)) as pilot:
        await open_at(app, pilot, "dialogue")
        found = {}
        for provider_class, query in [(AppCommands, "Thema"), (ScreenCommands, "Ga naar fase"),
                                      (ObserverCommands, "Observatoren")]:
            provider = provider_class(app.screen)
            found[provider_class.__name__] = [hit.text async for hit in provider.search(query)]
        assert any("Thema" in t for t in found["AppCommands"])
        assert any("Ga naar fase: Plenair" in t for t in found["ScreenCommands"])
        assert any("Observatoren" in t for t in found["ObserverCommands"])
        app.action_command_palette()
        await pilot.pause()
        assert CommandPalette.is_open(app)
