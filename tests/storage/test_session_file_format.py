"""Hand-edited and hostile session files: a clear error, and the file untouched."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from facilitator.core.errors import FileFormatError
from facilitator.storage.sessionfile import load_session, read_toml_session
from facilitator.storage.store import SessionStore


def cli(*args: str, env_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACILITATOR_SESSIONS_DIR": str(env_dir)}
    return subprocess.run([sys.executable, "-m", "facilitator", *args], capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.fixture
def session_file(service) -> Path:
    service.add_note("dialoog", "eerste notitie")
    service.close()
    return service.path


CASES = {
    "wrong type": lambda t: t.replace('title = "Intervisie mentoren"', "title = 12"),
    "unknown key": lambda t: t + '\nfavourite_colour = "blue"\n',
    "newer schema": lambda t: t.replace("schema = 1", "schema = 99"),
    "syntax": lambda t: t.replace('title = "Intervisie mentoren"', 'title = "Intervisie'),
    "empty": lambda t: "",
    "control char": lambda t: t.replace('title = "Intervisie mentoren"', 'title = "a\x07b"'),
}
EXPECT = {
    "wrong type": "field 'title'", "unknown key": "favourite_colour", "newer schema": "newer",
    "syntax": "line", "empty": "empty", "control char": "line",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_session_files_give_one_line_and_stay_untouched(session_file, case):
    broken = CASES[case](session_file.read_text(encoding="utf-8")).encode()
    session_file.write_bytes(broken)
    with pytest.raises(FileFormatError) as err:
        load_session(session_file)
    assert EXPECT[case] in str(err.value) and str(session_file) in str(err.value)
    result = cli("export", str(session_file), env_dir=session_file.parent)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    store = SessionStore(session_file)
    with pytest.raises(FileFormatError):
        store.open()
    assert session_file.read_bytes() == broken  # never rewritten


def test_invalid_utf8_directory_and_huge_strings(session_file, tmp_path):
    data = session_file.read_bytes()
    session_file.write_bytes(data.replace(b"Intervisie", b"Inter\xff\xfevisie"))
    with pytest.raises(FileFormatError, match="UTF-8"):
        load_session(session_file)
    folder = tmp_path / "sessions" / "folder.toml"
    folder.mkdir()
    with pytest.raises(FileFormatError, match="folder"):
        load_session(folder)
    session_file.write_bytes(data.replace(b'text = "eerste notitie"', b'text = "' + b"x" * 30_000 + b'"'))
    with pytest.raises(FileFormatError, match="notes.0.text"):
        load_session(session_file)


def test_list_reports_broken_files_without_crashing(session_file):
    (session_file.parent / "kapot.toml").write_text("title = [", encoding="utf-8")
    result = cli("list", env_dir=session_file.parent)
    assert result.returncode == 1
    assert "Intervisie mentoren" in result.stdout and "kapot.toml" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_hand_edit_while_open_survives_the_next_checkpoint(library):
    svc = library.create("Hand edit")
    svc.add_note("dialoog", "from the app")
    svc.store.checkpoint()
    text = svc.path.read_text(encoding="utf-8").replace('title = "Hand edit"', 'title = "Edited by hand"')
    svc.path.write_text(text, encoding="utf-8")
    svc.add_note("dialoog", "after the edit")
    svc.close()
    session = load_session(svc.path)
    assert session.title == "Edited by hand"
    assert [n.text for n in session.notes] == ["from the app", "after the edit"]


def test_files_are_owner_only(service):
    service.add_note("dialoog", "privé")
    for p in (service.path, service.path.with_suffix(".journal")):
        assert (p.stat().st_mode & 0o777) == 0o600
    assert (service.path.parent.stat().st_mode & 0o077) == 0


HOSTILE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_any_text_round_trips_through_journal_and_checkpoint(service, text):
    note = service.add_note("dialoog", text, author=text[:100] or None)
    assert service.saved
    assert next(n for n in load_session(service.path).notes if n.id == note.id).text == text
    service.store.checkpoint()
    assert next(n for n in load_session(service.path).notes if n.id == note.id).text == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_loaders_never_raise_anything_but_a_clear_error(tmp_path, blob):
    from facilitator.core.cards import Deck
    from facilitator.storage.content import load_toml_model

    target = tmp_path / "fuzz.toml"
    target.write_bytes(blob)
    for load in (lambda: read_toml_session(target), lambda: load_toml_model(target, Deck)):
        try:
            load()
        except FileFormatError as exc:
            assert str(target) in str(exc)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_valid_files_never_crash(session_file, data):
    original = tomllib.loads(session_file.read_text(encoding="utf-8"))
    key = data.draw(st.sampled_from(sorted(original)))
    value = data.draw(st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans(),
                                st.lists(st.integers(), max_size=3)))
    import tomli_w

    mutated = dict(original)
    if value is None:
        mutated.pop(key)
    else:
        mutated[key] = value
    target = session_file.with_name("mutated.toml")
    target.write_text(tomli_w.dumps(mutated), encoding="utf-8")
    try:
        load_session(target)
    except FileFormatError as exc:
        assert "mutated.toml" in str(exc)


def test_a_damaged_journal_line_is_skipped_kept_and_reported(library):
    svc = library.create("Beschadigd")
    svc.add_note("dialoog", "eerste")
    svc.add_note("dialoog", "tweede")
    svc.add_note("dialoog", "derde")
    svc.store.close(checkpoint=False)
    journal = svc.path.with_suffix(".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = b'{"seq": 2, "op": {"op": "add", "coll": "notes", "item": {"id": 5}}}\n'  # rot
    journal.write_bytes(b"".join(lines))
    damaged: list[int] = []
    assert [n.text for n in load_session(svc.path, damaged).notes] == ["eerste", "derde"]
    assert damaged == [2]
    listed = cli("list", env_dir=svc.path.parent)
    assert listed.returncode == 0 and "Beschadigd" in listed.stdout and "onleesbare regel(s) 2" in listed.stdout
    out = svc.path.parent / "x.md"
    exported = cli("export", svc.session.id, "-o", str(out), env_dir=svc.path.parent)
    assert exported.returncode == 0 and "onleesbare regel(s) 2" in exported.stderr
    assert "derde" in out.read_text(encoding="utf-8")
    # Opening it in the app (a writer) folds the journal on close, keeping the bad bytes aside.
    again = library.open(svc.session.id)
    assert again.store.damaged == [2]
    again.add_note("dialoog", "vierde")
    again.close()
    copies = list(svc.path.parent.glob("*.journal.damaged-*"))
    assert len(copies) == 1 and b'"item": {"id": 5}' in copies[0].read_bytes()
    assert [n.text for n in load_session(svc.path).notes] == ["eerste", "derde", "vierde"]


def test_a_failed_checkpoint_never_fails_the_save(library, monkeypatch):
    from facilitator.core.errors import StorageError
    from facilitator.storage import store as store_mod

    monkeypatch.setattr(store_mod, "CHECKPOINT_LINES", 3)
    svc = library.create("Vol")

    def full(*a, **k):
        raise StorageError("disk is full")

    monkeypatch.setattr(store_mod, "atomic_write", full)
    for i in range(6):
        svc.add_note("dialoog", f"n{i}")  # each save is journalled; the fold fails quietly
        assert svc.saved
        svc.store.wait_checkpoint()  # checkpoints run in a background thread
    assert svc.store.checkpoint_error and "full" in svc.store.checkpoint_error
    assert svc.store._next_checkpoint > 6  # backs off instead of retrying on every save
    monkeypatch.undo()
    svc.close()  # the next fold succeeds
    assert svc.path.with_suffix(".journal").stat().st_size == 0
    assert [n.text for n in load_session(svc.path).notes] == [f"n{i}" for i in range(6)]
