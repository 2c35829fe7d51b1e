"""The terminal app says a broken file and a refused write in its reader's language.

A broken agenda of the user's own used to be left out of the new-session form without a word; a full
disk was reported as "the disk is full" on a Dutch screen.
"""

from __future__ import annotations

import errno

import pytest
from textual.widgets import Static

from facilitator.core.catalog import t
from facilitator.core.errors import StorageError
from facilitator.storage.fsutil import os_problem
from facilitator.storage.store import SessionStore
from facilitator.tui.dialogs.new_session import NewSessionScreen
from facilitator.tui.phases.shared import save_status
from tests.tui.helpers import make_app, settle, sync

BROKEN = """schema = 1
name = "mijn"
title = { nl = "Mijn agenda", en = "My agenda" }
description = { nl = "Kort", en = "Short" }

[[phases]]
key = "start"
kind = "intro"
title = { nl = "Start", en = "Start" }
minutes = 5
goal = { nl = "Beginnen", en = "Begin" }
help = { nl = "Zo", en = "Like so" }

[[phases]]
key = "start"
kind = "dialogue"
title = { nl = "Dialoog", en = "Dialogue" }
minutes = 20
goal = { nl = "Praten", en = "Talk" }
help = { nl = "Zo", en = "Like so" }
"""


@pytest.mark.parametrize("lang, line", [("nl", "regel 15: veld 'phases.1.key': "), ("en", "line 15: field 'phases.1.key': ")])
@sync
async def test_the_new_session_form_says_why_an_agenda_of_ones_own_is_not_in_the_list(
        isolated_dirs, tmp_path, clock, lang, line):
    templates = tmp_path / "userdata" / "templates"
    templates.mkdir(parents=True)
    (templates / "mijn.toml").write_text(BROKEN, encoding="utf-8")
    app = make_app(isolated_dirs, clock, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        note = str(app.screen.query_one("#agenda-skipped", Static).render())
        assert "mijn.toml" in note and line in note
        assert t("error.agenda.duplicate_phase", lang, phase="start") in note
        other = "en" if lang == "nl" else "nl"
        assert t("error.agenda.duplicate_phase", other, phase="start") not in note
        assert app.screen.query_one("#agenda-skipped").display


@sync
async def test_the_form_shows_no_such_line_when_every_agenda_is_fine(isolated_dirs, clock):
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query_one("#agenda-skipped").display


def test_a_refused_write_is_said_in_the_readers_language(library, monkeypatch):
    service = library.create("Disk")

    def full(self, line):  # what the store raises when the OS says ENOSPC
        raise StorageError(**os_problem(self.paths.journal, OSError(errno.ENOSPC, "No space left on device")))

    monkeypatch.setattr(SessionStore, "_append_locked", full)
    service.add_note("introductie", "wat de groep zei")
    assert not service.saved
    dutch, english = save_status(service, "nl").plain, save_status(service, "en").plain
    assert "de schijf is vol" in dutch and "disk is full" not in dutch and "NIET opgeslagen" in dutch
    assert "the disk is full" in english and "de schijf" not in english
    assert "the disk is full" in service.last_error  # logs and the web server's warnings stay in English
    monkeypatch.undo()
    assert service.flush() and service.last_problem is None
    service.close()
