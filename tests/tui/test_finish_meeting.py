"""Issue #13 point 4: Afronden ends the meeting.

`n` on the last phase offers it; it stops the clock (the report then says when the
meeting ended, not "klok liep nog"), shows the action points with who and by when,
writes the PDF and a calendar file with the next talks and the follow-up meeting.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from icalendar import Calendar

from facilitator.services.exports import report as build_report, session_markdown as to_markdown
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
    assert "klok liep nog" not in md and "Afgesloten om" in md

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
