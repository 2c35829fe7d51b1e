"""Issue #13 point 4: Afronden ends the meeting.

`n` on the last phase offers it; it stops the clock (the report then says when the
meeting ended, not "klok liep nog"), shows the action points with who and by when,
writes the PDF and a calendar file with the next talks and the follow-up meeting.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from icalendar import Calendar

from facilitator.services.exports import report as build_report, session_markdown as to_markdown
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.finish import FinishDialog
from facilitator.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, open_first_session, screen_text, settle, sync, wait_until, workers_done


async def finish_with(app, pilot, followup: str = ""):
    """Open the session, `n` on its last phase, ctrl+s in the Afronden dialog; back on the run screen."""
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "state", None) is not None, what="run screen")
    run = app.screen
    # the last phase's body may hold the focus: Esc gives the keys back first
    await pilot.press("escape", "n")
    await wait_until(pilot, lambda: isinstance(app.screen, FinishDialog), what="the Afronden dialog")
    if followup:
        app.screen.query_one("#finish-followup").value = followup
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")
    await workers_done(app)
    return run


@sync
async def test_n_on_the_last_phase_finishes_the_meeting(isolated_dirs, clock, library):
    svc = library.create("Afronden", participants=["Anna", "Bram"], next_talks=date(2027, 1, 14))
    svc.add_action_point("Agenda vooraf sturen", owner="Anna", due=date(2027, 1, 10))
    svc.add_action_point("Ouders eerst laten vertellen")
    svc.clock_event("start")
    last = svc.session.phases[-1].key
    svc.clock_event("goto", phase=last)
    svc.close()
    clock.advance(minutes=70)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_first_session(app, pilot)
        assert run.state.running and run.state.current == len(run.state.phases) - 1
        assert run.active_bindings["n"].binding.description == "Afronden"
        assert "n Afronden" in str(run.query_one(KeyBar).render())  # kept in a full bar: the last step
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, FinishDialog), what="the Afronden dialog")
        text = screen_text(app)
        assert "Agenda vooraf sturen (wie: Anna; uiterlijk: 10 januari 2027)" in text
        assert "Ouders eerst laten vertellen (wie: team; uiterlijk: 14 januari 2027)" in text
        assert run.state.running  # nothing happens before the facilitator confirms
        app.screen.query_one("#finish-followup").value = "31-02-2027"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FinishDialog) and "Geen geldige datum" in screen_text(app)
        app.screen.query_one("#finish-followup").value = "11-03-2027"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")
        pdf = app.service.path.with_suffix(".pdf")
        await workers_done(app)
        await wait_until(pilot, lambda: pdf.exists(), what="the PDF")
        session = app.service.session
        assert not run.state.running
        assert session.followup_date == date(2027, 3, 11) and session.next_talks == date(2027, 1, 14)
        assert str(app.service.path.parent) in run.finished_line

    # The clock stopped: the report says when the meeting ended.
    ended = datetime(2026, 11, 23, 14, 10, tzinfo=timezone.utc)
    report = build_report(session, lang="nl")
    assert report.running is False and report.ended == ended
    md = to_markdown(session, lang="nl")
    assert "klok liep nog" not in md and "Afgerond om" in md

    # The calendar file, read back with the library.
    cal = Calendar.from_ical(app.service.path.with_suffix(".ics").read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 2
    talks = next(e for s, e in events.items() if s.startswith("Tienminutengesprekken"))
    follow = next(e for s, e in events.items() if s.startswith("Vervolgbijeenkomst"))
    assert talks.decoded("dtstart") == date(2027, 1, 14) and follow.decoded("dtstart") == date(2027, 3, 11)
    for event in (talks, follow):
        description = str(event["description"])
        assert "Agenda vooraf sturen (wie: Anna; uiterlijk: 10 januari 2027)" in description
        assert "Ouders eerst laten vertellen" in description


def shown(run, selector: str) -> str:
    return str(run.query_one(selector).render())


@sync
async def test_after_afronden_the_screen_says_it_ended_and_nothing_restarts_it_silently(isolated_dirs, clock, library):
    svc = library.create("Afronden", participants=["Anna", "Bram"], next_talks=date(2027, 1, 14))
    svc.clock_event("start")
    svc.clock_event("goto", phase=svc.session.phases[-1].key)
    svc.close()
    clock.advance(minutes=70)  # 14:10, a minute past the planned end
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await finish_with(app, pilot, followup="11-03-2027")
        ended = datetime(2026, 11, 23, 14, 10, tzinfo=timezone.utc)
        assert run.state.ended == ended and app.service.ended() == ended
        logged = len(app.service.session.clock)

        # The clock says when it ended; the strip plans nothing more, even minutes later.
        clock.advance(minutes=5)
        run.tick()
        await pilot.pause()
        assert shown(run, "#timer-status") == "afgerond om 14:10"
        assert run.query_one("#timer").value == "14:10"
        strip = shown(run, "#strip")
        assert "Gepland einde 14:09 · afgerond om 14:10" in strip and "verwacht" not in strip and "later" not in strip
        # The room sees it too, with the two dates for their agendas; its clock stands still.
        await pilot.press("r")
        await wait_until(pilot, lambda: run.room and run.query_one("#room-timer").text == "14:10", what="room view")
        assert shown(run, "#room-title") == "De bijeenkomst is afgerond"
        prompt = shown(run, "#room-prompt")
        assert "Volgende tienminutengesprekken: 14 januari 2027" in prompt and "Vervolgbijeenkomst: 11 maart 2027" in prompt
        clock.advance(seconds=30)
        run.tick()
        assert run.query_one("#room-timer").text == "14:10"
        await pilot.press("r")
        await wait_until(pilot, lambda: not run.room, what="back from the room view")

        # Space asks; the default (Enter) is no, and nothing changes.
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the reopen question")
        assert "De bijeenkomst is om 14:10 afgerond. Weer openen?" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is run, what="the question answered")
        # +/- ask the same; n says no.
        await pilot.press("plus")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the reopen question for +")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is run, what="the question answered")
        assert len(app.service.session.clock) == logged and run.state.ended == ended and not run.state.running
        # Afronden again (a date to correct) says the end stays.
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, FinishDialog), what="the Afronden dialog")
        assert "Al afgerond om 14:10. Die eindtijd blijft staan" in screen_text(app)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")

        # Back a phase to fix a note: no question, and the meeting stays ended.
        last = len(run.state.phases) - 1
        await pilot.press("p")
        await wait_until(pilot, lambda: run.state.current == last - 1, what="the previous phase")
        assert not isinstance(app.screen, ConfirmDialog)
        assert run.state.ended == ended and shown(run, "#timer-status") == "afgerond om 14:10"

        # Yes reopens it, and space then does what it says: the clock runs again.
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), what="the reopen question")
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is run and run.state.running, what="the clock running again")
        assert run.state.ended is None and app.service.ended() is None
        assert [e.action for e in app.service.session.clock][-2:] == ["reopen", "resume"]
        assert shown(run, "#timer-status") == "loopt" and "verwacht" in shown(run, "#strip")


@sync
async def test_a_follow_up_ends_with_afronden_too(isolated_dirs, clock, library):
    svc = library.create("Vervolg", agenda="followup", next_talks=date(2027, 6, 1))
    svc.add_action_point("Agenda vooraf sturen", owner="Anna")
    svc.clock_event("start")
    svc.clock_event("goto", phase=svc.session.phases[-1].key)
    svc.close()
    clock.advance(minutes=60)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await finish_with(app, pilot, followup="01-09-2027")
        assert not run.state.running
        assert app.service.session.followup_date == date(2027, 9, 1)
        # Ended the same way as the meeting it follows up: the end time, no prediction.
        assert run.state.ended == datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
        assert shown(run, "#timer-status") == "afgerond om 14:00" and "verwacht" not in shown(run, "#strip")
        # The action points' own clock line says it too.
        await pilot.press("a")
        await wait_until(pilot, lambda: "· afgerond om 14:00" in screen_text(app), what="the small clock")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")
        # The palette reopens it without starting the clock.
        reopen = next(action for title, _, action in run.palette_commands() if title == "Bijeenkomst weer openen")
        reopen()
        await wait_until(pilot, lambda: run.state.ended is None, what="reopened")
        assert not run.state.running and shown(run, "#timer-status") == "overschreden"  # its last phase ran long
        await wait_until(pilot, lambda: app.service.path.with_suffix(".ics").exists(), what="the .ics")


def a_finished_meeting(library, clock):
    svc = library.create("Map", participants=["Anna"])
    svc.clock_event("start")
    svc.clock_event("goto", phase=svc.session.phases[-1].key)
    svc.close()
    clock.advance(minutes=70)


@sync
async def test_afronden_opens_the_folder_with_the_report(isolated_dirs, clock, library):
    a_finished_meeting(library, clock)
    opened: list[str] = []
    app = make_app(isolated_dirs, clock)
    app.opener = lambda target: opened.append(target) or True
    async with app.run_test(size=(120, 40)) as pilot:
        run = await finish_with(app, pilot)
        await wait_until(pilot, lambda: app.service.path.with_suffix(".pdf").exists(), what="the PDF")
        folder = str(app.service.path.parent)
        assert opened == [folder]
        said = [str(n.message) for n in app._notifications]
        assert any(n.startswith(run.finished_line) and "de map gaat open" in n for n in said), said


@sync
async def test_afronden_without_a_display_says_where_the_files_are_in_one_line(isolated_dirs, clock, library):
    a_finished_meeting(library, clock)
    opened: list[str] = []
    app = make_app(isolated_dirs, clock)
    app.opener = lambda target: opened.append(target) and False  # nothing can open it (no display)
    async with app.run_test(size=(120, 40)) as pilot:
        await finish_with(app, pilot)
        await wait_until(pilot, lambda: app.service.path.with_suffix(".pdf").exists(), what="the PDF")
        folder = str(app.service.path.parent)
        assert opened == [folder]
        about_the_folder = [str(n.message) for n in app._notifications if folder in str(n.message)
                            and "Afgerond" in str(n.message)]
        assert len(about_the_folder) == 1 and "gaat open" not in about_the_folder[0]
        assert "\n" not in about_the_folder[0]


def test_the_system_opener_without_a_display_opens_nothing(monkeypatch, tmp_path):
    from facilitator.tui import opener

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(opener.sys, "platform", "linux")
    launched = []
    monkeypatch.setattr(opener.subprocess, "Popen", lambda *a, **k: launched.append(a))
    assert opener.system_open(str(tmp_path)) is False and launched == []


@sync
async def test_the_home_list_says_when_a_meeting_ended(isolated_dirs, clock, library):
    ended = library.create("Afgerond")
    ended.clock_event("start")
    clock.advance(minutes=70)
    ended.finish_meeting(next_talks=None, followup_date=None)
    ended.close()
    running = library.create("Loopt nog")
    running.clock_event("start")
    running.close()
    clock.advance(minutes=30)
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        rows = {row.title: row for row in app.screen.rows}
        assert app.screen.phase_text(rows["Afgerond"]) == "afgerond om 14:10"
        assert app.screen.phase_text(rows["Loopt nog"]) == "Introductie"
        await wait_until(pilot, lambda: "afgerond om 14:10" in screen_text(app), what="the ended row")
