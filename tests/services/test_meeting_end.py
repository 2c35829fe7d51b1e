"""Afronden ends the meeting in the session itself: an "end" in the clock log, kept on disk,
refusing a silent restart, cleared only by reopening; the notes stay editable."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from facilitator.core.errors import UserError


def test_afronden_records_when_the_meeting_ended_and_it_survives_reopening_the_file(library, clock):
    svc = library.create("Einde", participants=["Anna"])
    svc.clock_event("start")
    clock.advance(minutes=70)
    end = clock()
    svc.finish_meeting(next_talks=date(2027, 1, 14), followup_date=date(2027, 3, 11))
    assert svc.ended() == end and [e.action for e in svc.session.clock][-1] == "end"
    svc.close()
    clock.advance(minutes=30)

    again = library.open(str(svc.path))
    state = again.agenda()
    assert again.ended() == end == state.ended and not state.running
    assert state.phase.elapsed == timedelta(minutes=70)  # stopped at the end, not counting the 30 since
    # Afronden once more (a date corrected): the first end stands, no second one is logged.
    again.finish_meeting(next_talks=date(2027, 1, 21), followup_date=date(2027, 3, 11))
    assert again.ended() == end and [e.action for e in again.session.clock].count("end") == 1
    again.close()


def test_an_ended_meeting_is_reopened_first_and_its_notes_stay_editable(library, clock):
    svc = library.create("Einde")
    note = svc.add_note("dialoog", "tyop")
    svc.clock_event("start")
    svc.finish_meeting(next_talks=None, followup_date=None)
    for action, minutes in (("resume", None), ("start", None), ("adjust", 1)):
        with pytest.raises(UserError) as refused:
            svc.clock_event(action, minutes=minutes)
        assert refused.value.say("nl") == "de bijeenkomst is afgerond: open haar eerst weer"
    # Moving between phases and fixing a note do not carry it on: it stays ended.
    svc.clock_event("goto", phase="dialoog")
    svc.edit_note(note.id, "typo")
    svc.add_action_point("Agenda vooraf sturen")
    assert svc.ended() is not None and svc.session.notes[0].text == "typo" and svc.saved

    svc.reopen_meeting()
    assert svc.ended() is None
    svc.clock_event("resume")
    assert svc.agenda().running
    svc.close()


def test_a_session_file_from_before_afronden_loads_open(library, clock):
    """Old files have no end in their clock log: they load, and the meeting is simply not ended."""
    svc = library.create("Oud")
    svc.clock_event("start")
    svc.clock_event("pause")
    svc.close()
    assert "end" not in svc.path.read_text()
    again = library.open(str(svc.path))
    assert again.ended() is None and again.agenda().ended is None
    again.close()
