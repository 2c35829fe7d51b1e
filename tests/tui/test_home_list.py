"""The home screen with the summary cache: same list, shown at once, Enter while loading not lost."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable

from facilitator.storage import summaries as summ
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.run import RunScreen
from tests.tui.helpers import hold_the_list, make_app, screen_text, settle, sync, wait_until, workers_done


def _folder(library):
    older = library.create("Oudere sessie", on=date(2026, 10, 1))
    older.add_note("dialoog", "een")
    older.close()
    newest = library.create("Nieuwste sessie", on=date(2026, 11, 23))
    newest.add_note("dialoog", "twee")
    newest.add_action_point("agenda vooraf")
    newest.store.close(checkpoint=False)  # journal lines only: the quick read applies them
    library.directory.joinpath("kapot.toml").write_text("title = [\n")
    return newest


@sync
async def test_enter_while_loading_opens_the_selected_row_once_loaded(library, clock, monkeypatch):
    newest = _folder(library)
    release = hold_the_list(monkeypatch)
    app = make_app(library.directory, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        home = app.screen
        assert not home.loaded and "Sessies laden" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and home.open_when_loaded
        release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, RunScreen), what="the session to open")
        assert app.service.session.id == newest.session.id  # the first row: newest first
        assert len(app.service.session.notes) == 1
        await workers_done(app)


@sync
async def test_enter_while_loading_an_empty_folder_does_nothing(isolated_dirs, clock, monkeypatch):
    release = hold_the_list(monkeypatch)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        await pilot.press("enter")
        release.set()
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and app.screen.loaded
        assert "Nog geen sessies" in screen_text(app)


async def _shown(app, pilot) -> str:
    await settle(app, pilot)
    return screen_text(app)


@sync
async def test_with_a_warm_cache_the_first_paint_shows_the_same_list(library, clock, monkeypatch):
    _folder(library)
    app = make_app(library.directory, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        cold = await _shown(app, pilot)
    assert "Nieuwste sessie" in cold and "kapot.toml" in cold
    assert summ.cached_summaries(library.directory) is not None  # the home screen left it verified

    def no_thread(*args, **kwargs):
        raise AssertionError("the list was read again although the cache holds every row")

    monkeypatch.setattr(summ, "summaries", no_thread)
    app = make_app(library.directory, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), what="the home screen")
        assert app.screen.loaded and app.screen.query_one(DataTable).row_count == 3  # no worker ran
        warm = await _shown(app, pilot)
    assert warm == cold


@sync
async def test_a_quick_row_the_model_refuses_turns_into_its_error(library, clock):
    svc = library.create("Ongeldige notitie", on=date(2026, 11, 1))
    svc.close()
    with open(svc.path, "a") as fh:
        fh.write('\n[[notes]]\nid = "n-bad"\nphase = "dialoog"\ntext = "x"\nunknown_key = 1\n')
    app = make_app(library.directory, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await wait_until(pilot, lambda: app.screen.rows and app.screen.rows[0].verified, what="verification")
        row = app.screen.rows[0]
        assert row.error and row == summ.full_summary(svc.path, clock)
        # The row's title cell says the error. (The painted screen was read here before; once in a
        # loaded CI run the table had not drawn it within 30 s, cause not found: see the closing note.)
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: "fout" in str(table.get_cell(str(svc.path), "title")),
                         what=lambda: f"the error in the row: {table.get_cell(str(svc.path), 'title')!r}")


@sync
async def test_an_error_row_is_said_in_the_readers_language(library, clock):
    """The row for a file the model refuses says field and problem in the app's language, not pydantic's;
    the second run reads the row from the cache the first one left."""
    svc = library.create("Goede sessie", on=date(2026, 11, 1))
    svc.close()
    lines = svc.path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "titel_typo = 1\n")
    library.directory.joinpath("onbekend.toml").write_text("".join(lines).replace(svc.session.id, "u-1"),
                                                           encoding="utf-8")
    for lang, said, english in (
        ("nl", "regel 3: veld 'titel_typo': onbekende sleutel", "unknown key"),
        ("en", "line 3: field 'titel_typo': unknown key", "onbekende sleutel"),
        ("nl", "regel 3: veld 'titel_typo': onbekende sleutel", "unknown key"),
    ):
        app = make_app(library.directory, clock, lang)
        async with app.run_test(size=(160, 30)) as pilot:
            await settle(app, pilot)
            # The row's title cell, not the painted screen: under load Textual's screen sometimes
            # stays unpainted though the table holds the row (seen with its size computed and only
            # the header on screen; cause not found, see the closing note of 2026-12-02).
            table = app.screen.query_one(DataTable)
            bad = str(library.directory / "onbekend.toml")
            title = lambda: str(table.get_cell(bad, "title")) if bad in table.rows else ""  # noqa: E731
            await wait_until(pilot, lambda: said in title(), what=lambda: f"the error row in {lang}: {title()!r}")
            assert english not in title()
            assert "Extra inputs" not in title()
