"""Pilot tests of the review flow, as the facilitator uses it: keys in, files out."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Static

from facilitator.services.followup import review as followup
from facilitator.storage.sessionfile import load_session
from facilitator.tui.review_app import ReviewApp

HOSTILE = "[bold red]x[/] <b>vet</b> \x1b[31m"


def training(library, title, points):
    svc = library.create(title)
    for text, factors in points:
        svc.add_action_point(text, factors=factors)
    svc.close()
    return svc.session.id


def shown(screen, wid: str) -> str:
    return str(screen.query_one(wid, Static).render())


def test_review_flow_status_outcome_next_step_new_point_and_summary(library):
    async def run():
        a = training(library, "Team A", [("Agenda vooraf sturen", [5]), (HOSTILE, [7])])
        b = training(library, "Team B", [("Leerling aan tafel", [4, 5])])
        app = ReviewApp(library=library, refs=[a, b], new_followup=True)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            assert "Agenda vooraf sturen" in shown(screen, "#point-text")
            assert "1/3" in shown(screen, "#review-head")
            await pilot.press("2")  # helped
            await pilot.press("o", *"goed", "tab", *"Anna", "enter")  # what happened first, then who
            await pilot.press("s", *"Ook digitaal", "enter")
            await pilot.press("plus")
            await pilot.press("right")
            # literally, markup and all; the escape character shown, not sent to the terminal
            assert shown(screen, "#point-text") == HOSTILE.replace("\x1b", "^[")
            await pilot.press("5")  # dropped
            await pilot.press("plus", *"Nieuw", "enter")  # no next step: type a new point
            assert "nieuwe actiepunten 2" in shown(screen, "#review-head")
            await pilot.press("v")
            summary = app.screen
            table = summary.query_one(DataTable)
            # factor groups 4, 5, 7: 3 heading rows + 4 point rows (point b is under 4 and 5),
            # then the new points: a heading and 2 rows
            assert table.row_count == 10
            head = shown(summary, "#summary-head")
            assert "3 actiepunten uit 2 sessies" in head and "hielp 1" in head and "geschrapt 1" in head
            await pilot.press("escape")
            assert app.screen is screen
            review = screen.review
            fu_id = review.followup.session.id
        ta, tb = load_session(library.find_id(a)), load_session(library.find_id(b))
        first, second = ta.action_points
        assert first.status == "helped" and second.status == "dropped"
        assert [(o.author, o.text, o.session) for o in first.outcomes] == [("Anna", "goed", fu_id)]
        assert first.next_step == "Ook digitaal"
        assert tb.action_points[0].status == "open"
        fu = load_session(library.find_id(fu_id))
        assert fu.follows == [a, b]
        assert [(p.text, p.factors) for p in fu.action_points] == [("Ook digitaal", [5]), ("Nieuw", [7])]

    asyncio.run(run())

def test_summary_enter_jumps_to_the_point(library):
    async def run():
        a = training(library, "Team A", [("Eerste", [9]), ("Tweede", [1])])
        app = ReviewApp(library=library, refs=[a])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("v")
            # grouped by factor: factor 1 first, its point on row 1
            await pilot.press("down", "enter")
            assert "Tweede" in shown(app.screen, "#point-text")
            assert "2/2" in shown(app.screen, "#review-head")

    asyncio.run(run())

def test_missing_linked_session_is_named_on_screen(library):
    async def run():
        a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
        b = training(library, "Team B", [("Leerling aan tafel", [4])])
        fu = followup.create_followup(library, [a, b])
        fu.close()
        library.find_id(a).unlink()
        app = ReviewApp(library=library, refs=[fu.session.id], lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            message = shown(app.screen, "#review-messages")
            assert a in message and "missing" in message
            descriptions = {a.binding.action: a.binding.description for a in app.screen.active_bindings.values()}
            assert descriptions["next"] == "Next" and descriptions["outcome"] == "What happened"
            assert "Leerling aan tafel" in shown(app.screen, "#point-text")
            await pilot.press("1")
        assert load_session(library.find_id(b)).action_points[0].status == "not_tried"

    asyncio.run(run())

def test_quickscan_keys_rate_after_and_before(library):
    async def run():
        a = training(library, "Team A", [("x", [1])])
        app = ReviewApp(library=library, refs=[a], new_followup=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("k")
            await pilot.press("4", "2")  # factor 1: -, factor 2: +
            await pilot.press("t", "up", "up", "1")  # before, factor 1: ++
            review = app.screen.review
            cmp = review.comparison()
            table = app.screen.query_one(DataTable)
            assert "▼ -3" in str(table.get_row("f-1")[3])
            await pilot.press("escape")
            fu_id = review.followup.session.id
        after = load_session(library.find_id(fu_id)).quickscan
        assert sorted((q.factor, q.rating, q.by) for q in after) == [(1, "-", None), (2, "+", None)]
        before = load_session(library.find_id(a)).quickscan
        assert [(q.factor, q.rating) for q in before] == [(1, "++")]
        assert cmp.factors[0].delta == -3

    asyncio.run(run())


def test_keys_are_in_the_command_palette(library):
    a = training(library, "Team A", [("x", [1])])

    async def run():
        app = ReviewApp(library=library, refs=[a])
        async with app.run_test(size=(100, 30)):
            titles = {c.title for c in app.get_system_commands(app.screen)}
            assert {"Volgende", "Hielp", "Wat gebeurde er", "Maak actiepunt", "Quickscan"} <= titles

    asyncio.run(run())


def test_a_refused_write_is_shown_and_retried_until_saved(library, monkeypatch):
    from facilitator.core.errors import StorageError
    from facilitator.storage.store import SessionStore

    a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
    real = SessionStore._append_locked

    def full_disk(self, line):
        self.seq -= 1  # as the real one does when the write fails
        raise StorageError(f"{self.paths.journal}: the disk is full")

    async def run():
        app = ReviewApp(library=library, refs=[a])
        async with app.run_test(size=(100, 30)) as pilot:
            monkeypatch.setattr(SessionStore, "_append_locked", full_disk)
            await pilot.press("3")
            line = shown(app.screen, "#review-saved")
            assert "NIET opgeslagen" in line and "disk is full" in line
            assert "hielp niet" in shown(app.screen, "#point-status")  # kept in memory meanwhile
            monkeypatch.setattr(SessionStore, "_append_locked", real)
            app.screen.poll()
            assert "Alles is opgeslagen" in shown(app.screen, "#review-saved")

    asyncio.run(run())
    assert load_session(library.find_id(a)).action_points[0].status == "not_helped"


def test_outcomes_added_elsewhere_appear_on_the_screen(library):
    a = training(library, "Team A", [("Agenda vooraf sturen", [5])])

    async def run():
        app = ReviewApp(library=library, refs=[a])
        async with app.run_test(size=(100, 30)):
            # A colleague on another device adds a remark (a separate writer on the same file).
            other = followup.open_review(library, [a])
            other.add_outcome(other.items()[0].key, "Via de telefoon", author="Eva")
            other.close()
            app.screen.poll()
            text = shown(app.screen, "#point-outcomes")
            assert "Eva: Via de telefoon" in text and "(1)" in text

    asyncio.run(run())


def test_review_keys_keep_working_after_the_quickscan(library):
    """Issue #13 point 6: o, type, Enter, →, 1, k, Esc left the closed entry line focused:
    the key bar dropped to three keys, the arrows and 1-5 did nothing and the next Esc quit."""

    a = training(library, "Team A", [("Agenda vooraf sturen", [5]), ("Twee", [])])

    async def run():
        app = ReviewApp(library=library, refs=[a], new_followup=True)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.screen
            await pilot.press("o", *"goed", "enter", "right", "1", "k")
            assert app.screen is not screen  # the quickscan
            await pilot.press("escape")
            assert app.screen is screen and app.focused is None
            keys = {b.binding.key for b in screen.active_bindings.values()}
            assert {"right", "left", "1", "o", "k", "escape"} <= keys
            await pilot.press("left")
            assert "1/2" in shown(screen, "#review-head")
            await pilot.press("2")  # helped, on the first point
            await pilot.press("escape")  # closes the review only now, on purpose
            await pilot.pause()

    asyncio.run(run())
    assert [p.status for p in load_session(library.find_id(a)).action_points] == ["helped", "not_tried"]


async def the_quickscan(app, pilot):
    """k on the review: the quickscan screen and its table."""
    from facilitator.tui.screens.quickscan import QuickscanScreen

    await pilot.press("k")
    assert isinstance(app.screen, QuickscanScreen)
    return app.screen, app.screen.query_one(DataTable)


def test_quickscan_heading_is_quiet_and_the_cursor_stays_after_factor_ten(library):
    async def run():
        a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
        app = ReviewApp(library=library, refs=[a], new_followup=True)
        async with app.run_test(size=(120, 40)) as pilot:
            scan, table = await the_quickscan(app, pilot)
            table.move_cursor(row=0)  # the CONTACT heading
            await pilot.press("1", "1", "1")
            assert len(app._notifications) == 0
            last = table.row_count - 1
            table.move_cursor(row=last)  # factor 10
            await pilot.press("2")
            assert table.cursor_row == last and app.focused is table
            key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            assert key.value == "f-10"
            # under the table: the statement the team rates, and what the factor means
            from facilitator.services import content

            f10 = content.success_factors().factor(10)
            await pilot.pause()
            about = str(scan.query_one("#qs-about").render())
            assert f10.quickscan.get("nl")[:40] in about and f10.description.get("nl")[:40] in about

    asyncio.run(run())


def test_a_cluster_average_has_one_decimal_in_the_readers_language(library):
    """Issue #13 point 9: the cluster row said "+1" for an average of +1.0 (and a point, not a comma)."""

    async def run():
        a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
        app = ReviewApp(library=library, refs=[a], new_followup=True)
        async with app.run_test(size=(120, 40)) as pilot:
            _scan, table = await the_quickscan(app, pilot)
            await pilot.press("t", "4")  # before: factor 1 "-"
            table.move_cursor(row=1)
            await pilot.press("t", "2")  # after: factor 1 "+"
            await pilot.pause()
            heading = [str(cell) for cell in table.get_row_at(0)]
            assert "-1,0" in heading and "+1,0" in heading, heading
            assert any(cell.endswith("+2,0") for cell in heading), heading  # the change, with its arrow

    asyncio.run(run())
