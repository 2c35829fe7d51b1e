"""Where the app writes: export targets, CLI values, and folder permissions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def session_id(isolated_dirs, capsys):
    assert main(["new", "--title", "Doelwit"]) == 0
    return Path(capsys.readouterr().out.strip()).stem


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_export_refuses_a_symlink_target_and_replaces_nothing(session_id, tmp_path, capsys, fmt):
    real = tmp_path / "elders.txt"
    real.write_text("blijf af\n")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(real)
    assert main(["export", session_id, "-o", str(link)]) == 1
    assert "symbolische koppeling" in one_error_line(capsys)  # Dutch, the default
    assert link.is_symlink() and real.read_text() == "blijf af\n"


def test_export_refuses_a_fifo_target_without_blocking(session_id, tmp_path, capsys):
    pipe = tmp_path / "pijp.md"
    os.mkfifo(pipe)
    assert main(["export", session_id, "-o", str(pipe)]) == 1
    assert "FIFO" in one_error_line(capsys)
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_export_refuses_a_device_target(session_id, tmp_path, capsys):
    node = tmp_path / "null.md"
    try:
        os.mknod(node, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null, in tmp
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    assert main(["export", session_id, "-o", str(node)]) == 1
    assert "device" in one_error_line(capsys)
    assert stat.S_ISCHR(os.lstat(node).st_mode)


def test_followup_and_cards_exports_refuse_a_symlink(session_id, tmp_path, capsys):
    real = tmp_path / "elders.txt"
    real.write_text("blijf af\n")
    for argv in (["followup", "export", session_id, "-o"], ["cards", "print", "-o"]):
        link = tmp_path / f"link-{argv[0]}.pdf"
        link.symlink_to(real)
        assert main(argv + [str(link)]) == 1
        one_error_line(capsys)
        assert link.is_symlink() and real.read_text() == "blijf af\n"


def test_export_still_replaces_a_regular_file(session_id, tmp_path, capsys):
    old = tmp_path / "oud.md"
    old.write_text("oud")
    assert main(["export", session_id, "-o", str(old)]) == 0
    assert "Doelwit" in old.read_text()


def test_a_target_swapped_for_a_symlink_after_the_check_is_not_replaced(tmp_path):
    """The lstat right before the rename, not only the early check, guards the target."""
    from facilitator.core.errors import UserError
    from facilitator.storage.fsutil import atomic_write

    real = tmp_path / "elders.txt"
    real.write_text("blijf af\n")
    link = tmp_path / "out.md"
    link.symlink_to(real)
    with pytest.raises(UserError):
        atomic_write(link, b"nieuw", replace_only_files=True)
    assert link.is_symlink() and real.read_text() == "blijf af\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("argv, words", [
    (["new", "--title", "x" * 301], "title is 301 characters"),
    (["new", "--title", "T", "--school", "s" * 301], "school is 301"),
    (["new", "--title", "T", "--facilitator", "f" * 201], "facilitator is 201"),
    (["new", "--title", "T", "--participant", "p" * 201], "participant name is 201"),
    (["new", "--title", "bad \udcff bytes"], "not valid UTF-8"),
    (["new", "--title", "T", "--participant", "\ud800"], "not valid UTF-8"),
    (["new", "--title", "T", "--agenda", "\udcff"], "not valid UTF-8"),
    (["new", "--title", "   "], "needs a title"),
])
def test_cli_values_are_checked_in_one_line_before_pydantic(argv, words, capsys, isolated_dirs):
    assert main(["--lang", "en", *argv]) == 1  # the words checked are the English ones
    err = one_error_line(capsys)
    assert words in err and "pydantic" not in err and "validation error" not in err
    assert not isolated_dirs.exists() or not list(isolated_dirs.glob("*.toml"))


@pytest.mark.parametrize("argv", [["new", "--title", "T", "--date", "2026-13-45"],
                                  ["new", "--title", "T", "--date", "\udcff"],
                                  ["new", "--title", "T", "--next-talks", "0000-01-01"]])
def test_bad_dates_are_one_line_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    one_error_line(capsys)


def test_a_lone_surrogate_file_name_in_the_sessions_folder_lists(isolated_dirs):
    isolated_dirs.mkdir(mode=0o700)
    (isolated_dirs / os.fsdecode(b"\xff\xfe.toml")).write_text("kapot")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    r = subprocess.run([sys.executable, "-m", "facilitator", "list"], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == 1 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def mode(p: Path) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_created_folders_are_0700_all_the_way_down_under_umask_000(tmp_path, monkeypatch, capsys):
    sessions = tmp_path / "data" / "deep" / "sessions"
    monkeypatch.setenv("FACILITATOR_SESSIONS_DIR", str(sessions))
    old = os.umask(0)
    try:
        assert main(["new", "--title", "Privé"]) == 0
    finally:
        os.umask(old)
    for d in (tmp_path / "data", tmp_path / "data" / "deep", sessions):
        assert mode(d) == 0o700, (d, oct(mode(d)))
    assert all(mode(f) == 0o600 for f in sessions.iterdir())


def test_ensure_dir_leaves_existing_parents_alone(tmp_path):
    from facilitator.storage.fsutil import ensure_dir

    tmp_path.chmod(0o755)
    ensure_dir(tmp_path / "a" / "b")
    assert mode(tmp_path) == 0o755 and mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700


@pytest.mark.parametrize("command", [["list"], ["new", "--title", "T"]])
def test_an_existing_readable_sessions_folder_is_tightened(isolated_dirs, command, capsys):
    isolated_dirs.mkdir()
    isolated_dirs.chmod(0o755)
    assert main(command) == 0
    assert mode(isolated_dirs) == 0o700
    assert capsys.readouterr().err == ""


def test_a_folder_that_cannot_be_tightened_is_named_in_one_line(isolated_dirs, monkeypatch, capsys):
    isolated_dirs.mkdir()
    isolated_dirs.chmod(0o755)

    def refuse(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    assert main(["list"]) == 0
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "chmod 700" in err and str(isolated_dirs) in err
