"""Pilot tests of the terminal app shell: home, new session, run screen, timer keys."""

from __future__ import annotations

import tomllib
from datetime import timezone

import pytest
from textual.widgets import DataTable, Input, TextArea

from facilitator.core.errors import StorageError
from facilitator.storage.sessionfile import load_session
from facilitator.storage.store import SessionStore
from facilitator.tui.dialogs.confirm import ConfirmDialog, HelpScreen
from facilitator.tui.dialogs.new_session import NewSessionScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunScreen
from tests.tui.helpers import events, make_app, screen_text, settle, sync, wait_until


async def open_first(app, pilot):
    app.open_session(app.library.files()[0])
    await pilot.pause()
    assert isinstance(app.screen, RunScreen)
    return app.screen


@sync
async def test_home_new_session_form_to_run_screen(isolated_dirs, clock):
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await settle(app, pilot)
        assert "Nog geen sessies" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionScreen)
        form = app.screen
        form.query_one("#title", Input).value = "Mentoren 2A"
        form.query_one("#next", Input).value = "10-02-2027"
        form.query_one("#participants", TextArea).text = "Anna\nBram\nCem\nDewi\nEva\nFenna\nGijs"
        await pilot.pause()
        # proposed automatically, then edited by hand before saving
        assert form.query_one("#groups", TextArea).text == "Anna, Cem, Eva, Gijs\nBram, Dewi, Fenna"
        form.query_one("#groups", TextArea).text = "Anna, Bram, Cem\nDewi, Eva, Fenna, Gijs"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RunScreen)
        text = screen_text(app)
        assert "Introductie" in text and "Nu:" in text
    path = app.library.files()[0]
    session = load_session(path)
    assert session.title == "Mentoren 2A"
    assert str(session.next_talks) == "2027-02-10"
    names = {p.id: p.name for p in session.participants}
    assert [[names[m] for m in g.members] for g in session.groups] == [
        ["Anna", "Bram", "Cem"], ["Dewi", "Eva", "Fenna", "Gijs"]
    ]


@sync
@pytest.mark.parametrize("lang, shown, hint", [("nl", "%d-%m-%Y", "bijv. 10-02-2027"), ("en", "%Y-%m-%d", "e.g. 2027-02-10")])
async def test_the_form_shows_dates_the_way_its_reader_writes_them(isolated_dirs, clock, lang, shown, hint):
    """Issue #12: one date style per language; the day filled in is the one saved."""
    app = make_app(isolated_dirs, clock, lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        today = clock().astimezone(timezone.utc).date()
        assert form.query_one("#date", Input).value == today.strftime(shown)
        assert form.query_one("#next", Input).placeholder == hint
        form.query_one("#title", Input).value = "Datumproef"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, RunScreen), what="run screen")
    assert load_session(app.library.files()[0]).date == today


@sync
async def test_form_shows_plain_errors_inline(isolated_dirs, clock):
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "ctrl+s")
        assert isinstance(app.screen, NewSessionScreen)
        assert "Geef de sessie een titel." in screen_text(app)
        form = app.screen
        form.query_one("#title", Input).value = "X"
        form.query_one("#date", Input).value = "31-02-2026"
        await pilot.press("ctrl+s")
        assert "De datum is geen geldige datum" in screen_text(app)
        form.query_one("#date", Input).value = "2026-11-23"
        form.query_one("#participants", TextArea).text = "Anna\nBram"
        form.query_one("#groups", TextArea).text = "Anna, [bold red]Zoë[/]"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "'[bold red]Zoë[/]' staat niet in de deelnemerslijst" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert app.library.files() == []


@sync
async def test_timer_keys_start_pause_adjust_next_with_confirmation(isolated_dirs, clock, library):
    library.create("Timer").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        await pilot.press("space")
        clock.advance(seconds=61)
        run.tick()
        assert str(run.query_one("#timer").value) == "03:59"
        await pilot.press("plus", "plus", "minus")
        run.tick()
        assert str(run.query_one("#timer").value) == "04:59"
        await pilot.press("space")  # pause: time stands still
        clock.advance(minutes=10)
        run.tick()
        assert str(run.query_one("#timer").value) == "04:59"
        await pilot.press("space", "n")  # running again: next asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: stay
        assert run.state.current == 0
        await pilot.press("n", "y")
        assert run.state.current == 1
        assert "Filmpje" in screen_text(app)
        await pilot.press("p", "y")
        assert run.state.current == 0
    assert events(app) == [
        ("start", None, None), ("adjust", "introductie", 1), ("adjust", "introductie", 1),
        ("adjust", "introductie", -1), ("pause", None, None), ("resume", None, None),
        ("next", None, None), ("prev", None, None),
    ]


@sync
async def test_last_minute_warns_overrun_rings_once_and_cuts_are_accepted(
    isolated_dirs, clock, library, monkeypatch
):
    library.create("Overrun").close()
    app = make_app(isolated_dirs, clock)
    bells = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_first(app, pilot)
        await pilot.press("space")
        clock.advance(minutes=4, seconds=30)
        run.tick()
        timer = run.query_one("#timer")
        assert timer.has_class("warning") and not timer.has_class("overrun")
        clock.advance(seconds=30)
        run.tick()
        clock.advance(minutes=3)
        run.tick()
        assert timer.has_class("overrun") and str(timer.value) == "-03:00"
        assert bells == [1]  # once, at zero, not every second after
        strip = run.query_one("#strip").render().plain
        assert "3 min later" in strip and "inkorten:" in strip
        await pilot.press("k")
        run.tick()
        cuts = [e for e in events(app) if e[0] == "adjust"]
        assert sum(-m for _, _, m in cuts) == 3 and all(m < 0 for _, _, m in cuts)
        assert all(key != "introductie" for _, key, _ in cuts)
        assert run.state.delay.total_seconds() <= 0
        assert "later" not in run.query_one("#strip").render().plain


@sync
async def test_muted_bell_stays_quiet_and_is_remembered(isolated_dirs, clock, library, monkeypatch):
    library.create("Stil").close()
    app = make_app(isolated_dirs, clock)
    bells = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        await pilot.press("b", "space")
        clock.advance(minutes=4, seconds=59)
        run.tick()
        clock.advance(seconds=2)
        run.tick()
    assert bells == []
    assert make_app(isolated_dirs, clock).settings.bell is False


@sync
async def test_reopening_resumes_phase_and_time(isolated_dirs, clock, library):
    library.create("Hervat").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        await pilot.press("n", "space")  # not running yet: no confirmation needed
        clock.advance(minutes=1, seconds=15)
        await pilot.press("q")
    clock.advance(minutes=2)  # the laptop was closed; the clock log keeps counting
    app2 = make_app(isolated_dirs, clock)
    async with app2.run_test(size=(80, 24)) as pilot:
        run = await open_first(app2, pilot)
        assert run.state.current == 1 and run.state.running
        assert str(run.query_one("#timer").value) == "00:45"


@sync
async def test_language_switch_relabels_and_is_remembered(isolated_dirs, clock, library):
    library.create("Taal").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_first(app, pilot)
        assert "Start/pauze" in screen_text(app)
        app.action_switch_lang()
        await pilot.pause()
        text = screen_text(app)
        assert "Introduction" in text and "Start/pause" in text and "Now:" in text
        await pilot.press("h")
        assert isinstance(app.screen, HomeScreen)
        await settle(app, pilot)
        assert "Title" in screen_text(app)
    settings = tomllib.loads((isolated_dirs.parent / "userdata" / "settings.toml").read_text())
    assert settings["lang"] == "en"
    assert make_app(isolated_dirs, clock).lang == "en"
    assert make_app(isolated_dirs, clock, lang="nl").lang == "nl"  # --lang wins for one run


@sync
async def test_room_view_shows_only_clock_title_and_question(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui.phases.generic import GenericPhase
    from facilitator.tui.screens import run as run_module

    class Secretive(GenericPhase):  # a body that shows what was typed about people
        def compose(self):
            from textual.widgets import Static
            yield Static("\n".join(n.text for n in self.service.session.notes))

        def room_prompt(self):
            return "Welke vraag nu?"

    monkeypatch.setattr(run_module, "view_class", lambda kind: Secretive)
    svc = library.create("Zaal")
    svc.add_note("introductie", "GEHEIM-thuissituatie-Bram")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(app, pilot)
        assert "GEHEIM-thuissituatie-Bram" in screen_text(app)
        await pilot.press("r")
        text = screen_text(app)
        assert "GEHEIM" not in text and "Onderwijsondersteunend" not in text
        assert "Introductie" in text and "Welke vraag nu?" in text
        await pilot.press("escape")
        assert "GEHEIM-thuissituatie-Bram" in screen_text(app)


@sync
async def test_help_modal_shows_phase_help_and_keys(isolated_dirs, clock, library):
    library.create("Hulp").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Houd het kort en concreet" in text and "Start/pauze" in text
        await pilot.press("escape")
        assert isinstance(app.screen, RunScreen)


@sync
async def test_markup_in_titles_and_names_is_shown_literally(isolated_dirs, clock, library):
    library.create("[bold red]x[/] [link=http://x]y[/link]").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "[bold red]x[/] [link=http://x]y[/link]" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ConfirmDialog)
        assert "'[bold red]x[/] [link=http://x]y[/link]'" in screen_text(app)
        await pilot.press("n")


@sync
async def test_broken_file_listed_with_its_error_and_archive_confirms(isolated_dirs, clock, library):
    library.create("Goed").close()
    (isolated_dirs / "kapot.toml").write_text("title = [unclosed\n")
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
        assert "kapot.toml: fout: regel 1: TOML-syntaxfout" in text and "Goed" in text  # in Dutch, as the app
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=[r.title for r in app.screen.rows].index("Goed"))
        await pilot.press("a", "y")
        await settle(app, pilot)
        assert "Goed" not in screen_text(app)
    assert [p.name for p in (isolated_dirs / "archive").glob("*.toml")]


@sync
async def test_disk_refuses_then_recovers_nothing_lost(isolated_dirs, clock, library, monkeypatch):
    library.create("Schijf").close()
    app = make_app(isolated_dirs, clock)
    real = SessionStore._append_locked

    def full(self, line):
        raise StorageError(f"{self.paths.journal}: the disk is full")

    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        monkeypatch.setattr(SessionStore, "_append_locked", full)
        await pilot.press("space")
        svc = app.service
        svc.add_note("introductie", "wat de groep zei")  # as a phase view would
        run.tick()
        assert not svc.saved
        assert "NIET opgeslagen" in screen_text(app)
        assert run.state.running  # the app carries on in memory
        run.tick()
        run.tick()  # retries fail quietly while the disk still refuses
        assert "NIET opgeslagen" in screen_text(app)
        await pilot.press("q")  # quitting now would lose work: it asks first
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert app.is_running and isinstance(app.screen, RunScreen)
        monkeypatch.setattr(SessionStore, "_append_locked", real)
        run.tick()
        run.tick()
        assert svc.saved
        await pilot.pause()
        assert "NIET opgeslagen" not in screen_text(app)
        assert "Alles is weer opgeslagen." in [n.message for n in app._notifications]
        on_disk = load_session(svc.path)
        assert [n.text for n in on_disk.notes] == ["wat de groep zei"]
        assert [e.action for e in on_disk.clock] == ["start"]


@sync
async def test_palette_goes_to_a_phase(isolated_dirs, clock, library):
    library.create("Palet").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_first(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert "CommandPalette" in type(app.screen).__name__
        await pilot.press(*"Plenair")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert run.state.current == 3


@sync
async def test_theme_is_remembered(isolated_dirs, clock):
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "facilitator-dark"
        app.action_switch_theme()
        await pilot.pause()
        assert app.theme == "facilitator-light"
    assert make_app(isolated_dirs, clock).theme == "facilitator-light"


@sync
async def test_add_note_focuses_the_phase_input_and_action_points_open(
    isolated_dirs, clock, library, monkeypatch
):
    from textual.widgets import Static

    from facilitator.tui.phases.generic import GenericPhase
    from facilitator.tui.screens import run as run_module

    class WithInput(GenericPhase):
        def compose(self):
            yield Static("flip-over")
            yield Input(id="note")

    monkeypatch.setattr(run_module, "view_class", lambda kind: WithInput)
    library.create("Notitie").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        # The view holds focus (its own keys work), not a text field: timer keys work straight away.
        assert app.focused is run.view
        await pilot.press("space")
        await pilot.pause()
        assert run.state.running
        await pilot.press("space")
        run.action_add_note()
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "note"
        await pilot.press("space", "n")  # typed into the field, not the clock
        await pilot.pause()
        assert app.focused.value == " n" and not run.state.running and run.state.current == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is run.view
        await pilot.press("a")
        await pilot.pause()
        try:
            from facilitator.tui.screens.actions import ActionPointsScreen
        except ImportError:  # that screen is built elsewhere; until it lands, say so plainly
            assert "Actiepunten zijn nog niet beschikbaar." in [n.message for n in app._notifications]
        else:
            assert isinstance(app.screen, ActionPointsScreen)


@sync
async def test_changes_from_another_process_reach_the_view_and_clock(isolated_dirs, clock, library, monkeypatch):
    from facilitator.tui.phases.generic import GenericPhase
    from facilitator.tui.screens import run as run_module

    seen = []

    class Watching(GenericPhase):
        def session_changed(self):
            seen.append([n.text for n in self.service.session.notes])

    monkeypatch.setattr(run_module, "view_class", lambda kind: Watching)
    library.create("Samen").close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        run = await open_first(app, pilot)
        phone = library.open(str(app.service.path))  # an observer's device, its own store
        phone.add_note("introductie", "van de telefoon")
        phone.clock_event("start")
        phone.close()
        run.tick()  # what the 1 s interval does
        assert seen == [["van de telefoon"]]
        assert run.state.running and "loopt" in screen_text(app)
