"""The command line as a user meets it: one line per error, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from facilitator import __version__
from facilitator.storage.sessionfile import load_session


def cli(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "facilitator", *args], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})}, cwd=cwd,
                          stdin=subprocess.DEVNULL)


def test_version_and_help():
    assert cli("--version").stdout.strip() == f"facilitator {__version__}"
    out = cli("--help").stdout
    for command in ("new", "list", "cards", "export"):
        assert command in out


def test_new_then_list(isolated_dirs):
    made = cli("new", "--title", "Mentoren 3B", "--date", "2026-11-30", "--next-talks", "2027-02-01",
               "--participant", "Anna", "--participant", "Bram", "--agenda", "agenda-60")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.parent == isolated_dirs and path.exists()
    session = load_session(path)
    assert session.title == "Mentoren 3B" and [p.name for p in session.participants] == ["Anna", "Bram"]
    assert sum(p.minutes for p in session.phases) == 60 and str(session.next_talks) == "2027-02-01"
    listed = cli("list")
    assert str(isolated_dirs) in listed.stdout and "FACILITATOR_SESSIONS_DIR" in listed.stdout
    assert "Mentoren 3B" in listed.stdout
    english = cli("--lang", "en", "list").stdout
    assert "Sessions folder" in english and "action points: 0" in english
    assert "Sessiemap" in listed.stdout and "actiepunten: 0" in listed.stdout
    other = isolated_dirs.parent / "elsewhere"
    assert str(other) in cli("--sessions-dir", str(other), "list").stdout


def test_user_errors_are_one_line(isolated_dirs):
    dutch = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    cases = [
        (("new", "--title", "x", "--date", "31-11-2026"), 2, "geen datum", dutch),
        (("--lang", "en", "new", "--title", "x", "--date", "2026-13-01"), 2, "not a date", {}),
        (("new", "--title", "   "), 1, "heeft een titel nodig", dutch),
        (("--lang", "en", "new", "--title", "   "), 1, "needs a title", {}),
        (("--lang", "en", "new", "--title", "x", "--agenda", "nope"), 1, "no agenda template named 'nope'", {}),
        (("export", "does-not-exist"), 1, "fout", dutch),
        (("frobnicate",), 2, "ongeldige keuze", dutch),
        (("frobnicate",), 2, "invalid choice", {"LANG": "en_US.UTF-8", "LC_ALL": ""}),
    ]
    for args, code, text, env in cases:
        result = cli(*args, env=env)
        assert result.returncode == code, (args, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and text in lines[0], (args, result.stderr)


def test_without_a_terminal_the_app_explains_itself(isolated_dirs):
    result = cli()
    assert result.returncode == 0
    assert "terminal" in result.stdout and str(isolated_dirs) in result.stdout


def test_unwritable_sessions_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = cli("--sessions-dir", str(blocker), "new", "--title", "x")
    assert result.returncode == 1 and "geen map" in result.stderr  # Dutch, the default
    assert "Traceback" not in result.stderr


def test_a_broken_user_template_is_named_with_its_error(isolated_dirs, tmp_path):
    templates = tmp_path / "userdata" / "templates"
    templates.mkdir(parents=True)
    (templates / "kort.toml").write_text('schema = 1\nname = "kort"\nkind = "training"\n[[phases]\nkey = 1\n',
                                        encoding="utf-8")
    result = cli("new", "--title", "x", "--agenda", "kort")
    assert result.returncode == 1 and "kort.toml" in result.stderr and "regel 4" in result.stderr  # Dutch, the default
    other = cli("new", "--title", "x", "--agenda", "nope")
    assert other.returncode == 1 and "overgeslagen want kapot: kort.toml" in other.stderr
    english = cli("--lang", "en", "new", "--title", "x", "--agenda", "kort")
    assert "kort.toml, line 4: TOML syntax error at column 9: expected ']]'" in english.stderr
    assert "skipped broken: kort.toml" in cli("--lang", "en", "new", "--title", "x", "--agenda", "nope").stderr


def test_list_shows_escape_sequences_in_titles_literally(isolated_dirs):
    cli("new", "--title", "Team \x1b]0;pwned\x07 A")
    out = cli("list").stdout
    assert "\x1b" not in out and "\x07" not in out and "Team ^[]0;pwned^G A" in out


def test_an_error_from_the_storage_speaks_english_when_asked(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    result = cli("--lang", "en", "--sessions-dir", str(blocker), "new", "--title", "x")
    assert result.returncode == 1 and "exists but is not a folder" in result.stderr


def test_list_says_when_a_meeting_ended(isolated_dirs):
    from datetime import date, datetime, timezone

    from facilitator.services.library import Library
    from tests.conftest import FakeClock

    clock = FakeClock(datetime(2026, 11, 23, 15, 42, tzinfo=timezone.utc))
    svc = Library(isolated_dirs, now=clock).create("Afgerond", on=date(2026, 11, 23))
    svc.finish_meeting(next_talks=None, followup_date=None)
    svc.close()
    assert "fase: afgerond om 15:42" in cli("list", env={"TZ": "UTC"}).stdout
    assert "phase: ended at 15:42" in cli("--lang", "en", "list", env={"TZ": "UTC"}).stdout
