"""The home list's rows: the quick read and the folder cache equal the full load.

`full_summary` is the reference (the session validated and replayed, as
opening it does); `quick_summary` reads the raw TOML and counts journal lines;
`summaries` adds the per-folder cache ``.summaries.json``.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date

import pytest

from facilitator.storage import summaries as summ
from facilitator.storage.summaries import CACHE_NAME, full_summary, quick_summary, summaries


def _journal(svc, line: bytes) -> None:
    with open(svc.path.with_suffix(".journal"), "ab") as fh:
        fh.write(line)


def _plain(lib):
    return lib.create("Plain", on=date(2026, 1, 5))


def _notes_in_journal(lib, title="Journal notes"):
    svc = lib.create(title, on=date(2026, 1, 6))
    for i in range(5):
        svc.add_note("dialoog", f"note {i}")
    svc.add_action_point("point")
    return svc


def _notes_deleted(lib):
    svc = lib.create("Deleted", on=date(2026, 1, 7))
    notes = [svc.add_note("dialoog", f"n{i}") for i in range(4)]
    svc.delete_note(notes[1].id)
    svc.delete_note(notes[1].id)  # a second delete of the same id: a no-op
    svc.delete_note("n-gone")
    point = svc.add_action_point("a")
    svc.delete_action_point(point.id)
    svc.edit_note(notes[0].id, "edited")
    svc._move("notes", notes[2].id, 0)  # no screen moves notes; the journal may still hold a move
    return svc


def _checkpointed(lib):
    svc = lib.create("Checkpointed", on=date(2026, 1, 8))
    first = [svc.add_note("dialoog", f"n{i}") for i in range(3)]
    svc.store.checkpoint()
    svc.add_note("dialoog", "after")
    svc.delete_note(first[0].id)
    return svc


def _damaged_line(lib):
    svc = _notes_in_journal(lib, "Damaged")
    svc.store.close(checkpoint=False)
    _journal(svc, b'{"seq": 99, "op": {"op": "add", "coll": "notes", "item": {"id": "x"}}}\n')
    _journal(svc, b"\x00\xff not json\n")
    _journal(svc, b'{"seq": 1e999, "op": {}}\n')
    return svc


def _duplicate_add(lib):
    svc = lib.create("Dup", on=date(2026, 1, 9))
    note = svc.add_note("dialoog", "once")
    svc.store.close(checkpoint=False)
    line = json.dumps({"seq": 50, "op": {"op": "add", "coll": "notes", "item": note.model_dump(mode="json", exclude_none=True)}})
    _journal(svc, line.encode() + b"\n")
    return svc


def _clock(lib, title="Clock"):
    svc = lib.create(title, on=date(2026, 1, 10), lang="en")
    svc.clock_event("start")
    svc.clock_event("next")
    svc.clock_event("pause")
    return svc


def _clock_checkpointed(lib):
    svc = _clock(lib, "Clock checkpointed")
    svc.store.checkpoint()
    svc.clock_event("resume")
    svc.clock_event("goto", phase=svc.session.phases[-1].key)
    svc.clock_event("prev")
    svc.clock_event("adjust", minutes=5)
    return svc


def _ended(lib):
    """Afronden in the journal (dates set, an end event): the row says the meeting ended."""
    svc = _clock(lib, "Ended")
    svc.finish_meeting(next_talks=date(2026, 2, 1), followup_date=None)
    svc.clock_event("prev")  # a typo fixed in an earlier phase: still ended
    return svc


def _reopened(lib):
    svc = _clock(lib, "Reopened")
    svc.finish_meeting(next_talks=None, followup_date=None)
    svc.store.checkpoint()  # the end in the TOML, the reopen in the journal
    svc.reopen_meeting()
    return svc


def _retitled(lib):
    svc = lib.create("Old title", on=date(2026, 1, 11))
    svc.set_details(title="New title", date=date(2026, 2, 1), school="Elsewhere")
    return svc


def _outcomes(lib):
    svc = lib.create("Outcomes", on=date(2026, 1, 12))
    point = svc.add_action_point("try it")
    svc.add_participant("Anna")
    svc.add_group("Groep 1")
    svc.edit_action_point(point.id, text="tried it")
    return svc


def _followup(lib):
    first = lib.create("Reviewed", on=date(2026, 1, 13))
    first.close()
    return lib.create("Follow-up", on=date(2026, 3, 1), agenda="followup", kind="followup",
                      follows=[first.session.id])


def _broken_toml(lib):
    lib.directory.mkdir(parents=True, exist_ok=True)
    (lib.directory / "kapot.toml").write_text("title = [\n")


def _newer_schema(lib):
    svc = lib.create("Newer", on=date(2026, 1, 14))
    svc.close()
    text = svc.path.read_text().replace("schema = 1", "schema = 2", 1)
    svc.path.write_text(text)


def _invalid_note(lib):
    """Valid TOML that the model refuses: the quick read cannot know, the verified row does."""
    svc = lib.create("Invalid note", on=date(2026, 1, 15))
    svc.add_note("dialoog", "fine")
    svc.close()
    with open(svc.path, "a") as fh:
        fh.write('\n[[notes]]\nid = "n-bad"\nphase = "dialoog"\ntext = "x"\nunknown_key = 1\n')


def _empty_file(lib):
    lib.directory.mkdir(parents=True, exist_ok=True)
    (lib.directory / "leeg.toml").write_bytes(b"")


def _symlinked_journal(lib):
    svc = lib.create("Symlinked", on=date(2026, 1, 16))
    svc.close()
    journal = svc.path.with_suffix(".journal")
    journal.unlink()
    target = lib.directory.parent / "elsewhere.journal"
    target.write_text("")
    journal.symlink_to(target)


def _fifo(lib):
    lib.directory.mkdir(parents=True, exist_ok=True)
    os.mkfifo(lib.directory / "pipe.toml")


CASES = [
    _plain, _notes_in_journal, _notes_deleted, _checkpointed, _damaged_line, _duplicate_add, _clock,
    _clock_checkpointed, _ended, _reopened, _retitled, _outcomes, _followup, _broken_toml, _newer_schema, _empty_file,
    _symlinked_journal, _fifo,
]


def _build(lib, case):
    svc = case(lib)
    if svc is not None and svc.store._fd is not None:
        svc.store.close(checkpoint=False)  # leave the journal as it is: the quick read must apply it


def _full(lib, clock):
    return summ.order([full_summary(p, clock) for p in summ.session_files(lib.directory)])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.strip("_"))
def test_quick_read_equals_full_load(library, clock, case):
    _build(library, case)
    for path in summ.session_files(library.directory):
        assert quick_summary(path, clock) == full_summary(path, clock)


def test_cases_cover_what_the_list_shows(library, clock):
    """The fixtures are not trivial: counts move in the journal, a phase is reached, errors show."""
    for case in CASES:
        _build(library, case)
    rows = {r.title or r.path.name: r for r in _full(library, clock)}
    assert rows["Journal notes"].notes == 5 and rows["Journal notes"].action_points == 1
    assert rows["Deleted"].notes == 3 and rows["Deleted"].action_points == 0
    assert rows["Checkpointed"].notes == 3
    assert rows["New title"].date == date(2026, 2, 1)
    assert rows["Clock"].phase and rows["Clock checkpointed"].phase
    assert rows["Clock"].phase != rows["Clock checkpointed"].phase
    assert rows["Plain"].phase == ""
    assert rows["Ended"].ended is not None and rows["Reopened"].ended is None and rows["Clock"].ended is None
    assert rows["Dup"].notes == 1
    assert rows["Journal notes"].damaged is None
    assert rows["Damaged"].damaged == [7, 8, 9] and rows["Damaged"].notes == 5
    assert sum(1 for r in rows.values() if r.error) >= 4  # broken, newer schema, empty, fifo


def test_every_case_together_cold_warm_and_stale(library, clock, monkeypatch):
    for case in CASES + [_invalid_note]:
        _build(library, case)
    expected = _full(library, clock)
    assert summaries(library.directory, clock) == expected  # no cache
    assert summaries(library.directory, clock, verify=False) == expected  # cache, verified
    assert summaries(library.directory, clock) == expected
    assert library.summaries() == expected  # the Library delegates

    def no_reading(path, now=None):
        raise AssertionError(f"{path.name} read although the cache holds it")

    monkeypatch.setattr(summ, "full_summary", no_reading)
    monkeypatch.setattr(summ, "quick_summary", no_reading)
    assert summaries(library.directory, clock) == expected
    monkeypatch.undo()

    # One session changes: only that one is read again.
    svc = library.open("Journal notes")
    svc.add_note("dialoog", "one more")
    svc.close()
    read = []
    real = summ.full_summary
    monkeypatch.setattr(summ, "full_summary", lambda p, now=None: read.append(p.name) or real(p, now))
    rows = summaries(library.directory, clock)
    assert read == [svc.path.name]
    assert rows == _full(library, clock)
    assert next(r for r in rows if r.title == "Journal notes").notes == 6


def test_quick_rows_are_display_only_until_verified(library, clock):
    _build(library, _invalid_note)
    path = summ.session_files(library.directory)[0]
    assert full_summary(path, clock).error  # the model refuses the file
    quick = summaries(library.directory, clock, verify=False)
    assert [r.verified for r in quick] == [False]
    verified = summaries(library.directory, clock)
    assert verified == [full_summary(path, clock)] and verified[0].verified
    assert summaries(library.directory, clock, verify=False) == verified  # the cache now holds the verified row


def test_cache_file_is_owner_only_and_pruned(library, clock):
    _build(library, _plain)
    _build(library, _notes_in_journal)
    summaries(library.directory, clock)
    cache = library.directory / CACHE_NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert len(json.loads(cache.read_text())["rows"]) == 2
    library.archive(library.find("Plain").stem)
    summaries(library.directory, clock)
    assert len(json.loads(cache.read_text())["rows"]) == 1
    assert not list(library.directory.glob(f".{CACHE_NAME}*.tmp"))


CORRUPT = [
    b"", b"not json", b"[]", b'{"version": 1}', b'{"version": 99, "rows": {}}', b'{"version": 1, "rows": []}',
    b"[" * 100_000 + b"]" * 100_000, b'{"version": 1, "rows": {"x.toml": 5}}', b"\xff\xfe",
]


@pytest.mark.parametrize("data", CORRUPT, ids=range(len(CORRUPT)))
def test_a_corrupt_cache_is_ignored_and_rewritten(library, clock, data):
    for case in (_plain, _notes_deleted, _broken_toml):
        _build(library, case)
    cache = library.directory / CACHE_NAME
    cache.write_bytes(data)
    assert summaries(library.directory, clock) == _full(library, clock)
    assert json.loads(cache.read_text())["version"] == summ.CACHE_VERSION


def test_a_lying_entry_with_bad_types_is_a_miss(library, clock):
    _build(library, _notes_in_journal)
    summaries(library.directory, clock)
    cache = library.directory / CACHE_NAME
    data = json.loads(cache.read_text())
    for bad in ({"notes": -1}, {"notes": True}, {"title": 5}, {"date": "never"}, {"damaged": "x"},
                {"verified": "yes"}, {"title": "x" * 100_000}):
        for entry in data["rows"].values():
            entry["row"].update(bad)
        cache.write_text(json.dumps(data))
        assert summaries(library.directory, clock) == _full(library, clock)
        data = json.loads(cache.read_text())


def test_the_cache_is_trusted_for_display_only(library, clock):
    svc = _notes_in_journal(library)
    svc.close()
    summaries(library.directory, clock)
    cache = library.directory / CACHE_NAME
    data = json.loads(cache.read_text())
    entry = next(iter(data["rows"].values()))
    entry["row"].update(notes=999, title="Lies")  # well-formed, matching key: shown as is
    cache.write_text(json.dumps(data))
    assert summaries(library.directory, clock)[0].notes == 999
    opened = library.open(svc.session.id)  # opening reads the files, never the cache
    assert len(opened.session.notes) == 5 and opened.session.title == "Journal notes"
    opened.close()


def test_hostile_cache_files(library, clock, tmp_path):
    _build(library, _notes_in_journal)
    cache = library.directory / CACHE_NAME
    expected = _full(library, clock)

    secret = tmp_path / "secret.json"
    secret.write_text('{"version": 1, "rows": {}}')
    cache.symlink_to(secret)  # never followed, never written through
    assert summaries(library.directory, clock) == expected
    assert secret.read_text() == '{"version": 1, "rows": {}}'
    assert not cache.is_symlink() and stat.S_IMODE(cache.stat().st_mode) == 0o600
    cache.unlink()

    os.mkfifo(cache)  # never blocks
    assert summaries(library.directory, clock) == expected
    assert cache.is_file()
    cache.unlink()

    cache.mkdir()  # cannot be replaced: no cache, still a list
    assert summaries(library.directory, clock) == expected
    assert summ.cached_summaries(library.directory) is None
    cache.rmdir()

    cache.write_bytes(b" " * (summ.MAX_CACHE_BYTES + 1))  # too large: not read
    assert summaries(library.directory, clock) == expected


def test_a_read_only_folder_still_lists(library, clock):
    _build(library, _notes_in_journal)
    os.chmod(library.directory, 0o500)
    try:
        if os.access(library.directory, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        assert summaries(library.directory, clock) == _full(library, clock)
    finally:
        os.chmod(library.directory, 0o700)


def test_cached_summaries_is_all_or_nothing(library, clock):
    _build(library, _plain)
    assert summ.cached_summaries(library.directory) is None  # no cache yet
    summaries(library.directory, clock, verify=False)
    assert summ.cached_summaries(library.directory) is None  # quick rows are not verified
    summaries(library.directory, clock)
    assert summ.cached_summaries(library.directory) == _full(library, clock)
    _build(library, _notes_in_journal)
    assert summ.cached_summaries(library.directory) is None  # a file the cache does not hold
