"""Reading a session ahead of its opening (issue #13 point 10): the work is skipped, never the file.

``prefetch_session`` parses and validates the session under the home list's
cursor in a background thread; the open reads the file again and takes that
work only for the very same bytes, once. Counted, not timed.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from facilitator.core.errors import FileFormatError
from facilitator.storage import sessionfile
from facilitator.storage.sessionfile import prefetch_session, read_toml_session


@pytest.fixture(autouse=True)
def nothing_ahead(monkeypatch):
    monkeypatch.setattr(sessionfile, "_ahead", None)
    monkeypatch.setattr(sessionfile, "_opened_at", -1.0)


@pytest.fixture
def parses(monkeypatch) -> list[Path]:
    """Every parse-and-validate of a session file, by path."""
    seen: list[Path] = []
    real = sessionfile._session_from

    def counted(path, raw):
        seen.append(Path(path))
        return real(path, raw)

    monkeypatch.setattr(sessionfile, "_session_from", counted)
    return seen


@pytest.fixture
def session_file(service) -> Path:
    service.add_note("dialoog", "eerste notitie")
    service.close()
    return service.path


def test_an_open_takes_the_session_read_ahead_of_it_once(session_file, parses):
    assert prefetch_session(session_file)
    session, seq = read_toml_session(session_file, ahead=True)
    assert [n.text for n in session.notes] == ["eerste notitie"]
    assert parses == [session_file]  # parsed and validated once, ahead
    again, _ = read_toml_session(session_file, ahead=True)  # handed over once: never shared
    assert again is not session and again == session
    assert parses == [session_file, session_file]


def test_only_an_open_takes_it(session_file, parses):
    prefetch_session(session_file)
    read_toml_session(session_file)  # an export, the home list's check: their own parse
    assert len(parses) == 2
    read_toml_session(session_file, ahead=True)
    assert len(parses) == 2


def test_a_file_changed_since_is_read_as_it_is_now(session_file, parses):
    prefetch_session(session_file)
    text = session_file.read_text()
    session_file.write_text(text.replace("Intervisie mentoren", "Intervisie mentorex"))  # same size
    session, _ = read_toml_session(session_file, ahead=True)
    assert session.title == "Intervisie mentorex"
    assert len(parses) == 2


def test_another_file_with_the_same_bytes_is_not_handed_the_session(session_file, tmp_path, parses):
    copy = tmp_path / session_file.name
    copy.write_bytes(session_file.read_bytes())
    prefetch_session(session_file)
    read_toml_session(copy, ahead=True)
    assert parses == [session_file, copy]


def test_a_broken_file_is_left_for_the_open_to_report(session_file, parses):
    session_file.write_text(session_file.read_text().replace('title = "Intervisie mentoren"', "title = 12"))
    assert not prefetch_session(session_file)
    with pytest.raises(FileFormatError, match="title"):
        read_toml_session(session_file, ahead=True)


def test_a_large_file_is_not_read_ahead(session_file, parses, monkeypatch):
    monkeypatch.setattr(sessionfile, "AHEAD_MAX_BYTES", 100)
    assert not prefetch_session(session_file)
    assert parses == []


def test_reading_ahead_again_an_unchanged_file_parses_nothing(session_file, parses):
    assert prefetch_session(session_file) and prefetch_session(session_file)
    assert parses == [session_file]


def test_no_read_ahead_once_an_open_has_begun(session_file, parses):
    asked = time.monotonic()
    read_toml_session(session_file, ahead=True)  # the user was quicker than the head start
    assert not prefetch_session(session_file, since=asked)
    assert parses == [session_file]


def test_an_open_waits_for_a_read_ahead_of_the_same_file_instead_of_parsing_it_twice(
        session_file, parses, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = sessionfile._session_from

    def slow(path, raw):
        started.set()
        release.wait(10)
        return real(path, raw)

    monkeypatch.setattr(sessionfile, "_session_from", slow)
    ahead = threading.Thread(target=prefetch_session, args=(session_file,))
    ahead.start()
    assert started.wait(10)
    got: list = []
    opener = threading.Thread(target=lambda: got.append(read_toml_session(session_file, ahead=True)))
    opener.start()
    opener.join(0.2)
    assert opener.is_alive()  # waiting for the read under way
    monkeypatch.setattr(sessionfile, "_session_from", lambda path, raw: pytest.fail("parsed twice"))
    release.set()
    ahead.join(10)
    opener.join(10)
    assert [n.text for n in got[0][0].notes] == ["eerste notitie"]


def test_the_journal_written_after_the_read_ahead_is_applied_on_open(library, session_file, parses):
    other = library.open(str(session_file))  # e.g. the observers' server of another process
    prefetch_session(session_file)
    other.add_note("dialoog", "tweede notitie")  # acknowledged after the read ahead...
    other.store.close(checkpoint=False)  # ...and only in the journal
    opened = library.open(str(session_file))
    assert [n.text for n in opened.session.notes] == ["eerste notitie", "tweede notitie"]
    assert parses == [session_file, session_file]  # the other's open and the read ahead: taken as is
    opened.close()


def test_a_checkpoint_after_the_read_ahead_is_read_as_it_is_now(library, session_file, parses):
    other = library.open(str(session_file))
    prefetch_session(session_file)
    other.add_note("dialoog", "tweede notitie")
    other.close()  # folds the journal into a new TOML: other bytes
    opened = library.open(str(session_file))
    assert [n.text for n in opened.session.notes] == ["eerste notitie", "tweede notitie"]
    assert len(parses) == 3  # the read ahead was not taken
    opened.close()
