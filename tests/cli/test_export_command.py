"""`facilitator export`: how a user calls it, what it prints, how it fails."""

from __future__ import annotations

import pytest

from facilitator.cli.main import main
from facilitator.storage.fsutil import atomic_write
from facilitator.storage.sessionfile import session_to_toml
from tests.export.data import NAMES, big_session, page_count, pdftotext, rich_session

pytestmark = pytest.mark.usefixtures("utc")  # times print in local time: pin it


@pytest.fixture
def saved(library, clock):
    """The rich session, closed and on disk, as a user would have it after the meeting."""
    svc = rich_session(library, clock)
    svc.close()
    return svc


@pytest.fixture
def outdir(tmp_path, monkeypatch):
    d = tmp_path / "out"
    d.mkdir()
    monkeypatch.chdir(d)
    return d


def run(capsys, *argv):
    code = main(["export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_output_is_session_id_pdf_in_current_folder(saved, outdir, capsys):
    code, out, err = run(capsys, "Intervisie 2B")  # found by title
    target = outdir / f"{saved.session.id}.pdf"
    assert code == 0 and err == ""
    assert out.strip() == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o077 == 0  # notes about families: owner-only
    assert "Intervisie 2B" in pdftotext(target)


def test_id_prefix_and_path_work(saved, outdir, capsys):
    assert run(capsys, saved.session.id[:16], "-o", "a.pdf")[0] == 0
    assert run(capsys, str(saved.path), "-o", "b.pdf")[0] == 0
    assert (outdir / "a.pdf").exists() and (outdir / "b.pdf").exists()


def test_markdown_from_extension_or_flag(saved, outdir, capsys):
    assert run(capsys, saved.session.id, "-o", "verslag.md")[0] == 0
    assert (outdir / "verslag.md").read_text().startswith("# Intervisie 2B")
    assert run(capsys, saved.session.id, "--format", "md")[0] == 0
    assert (outdir / f"{saved.session.id}.md").read_text().startswith("# Intervisie 2B")


def test_lang_anonymous_pocket(saved, outdir, capsys):
    code, out, _ = run(capsys, saved.session.id, "--lang", "en", "--anonymous", "--pocket")
    assert code == 0
    target = outdir / f"{saved.session.id}-anonymous.pdf"
    assert out.strip() == str(target)
    text = pdftotext(target)
    assert "Practice talks" in text
    assert not [w for n in NAMES for w in n.split() if len(w) > 2 and w in text]
    n = page_count(target)
    assert "pocket card" in pdftotext(target, n - 1, n - 1) and "Back: for my eyes" in pdftotext(target, n, n)


def test_unknown_session_is_one_line_exit_1(saved, outdir, capsys):
    code, out, err = run(capsys, "bestaat-niet")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("facilitator: fout: geen sessie 'bestaat-niet'")
    assert not list(outdir.iterdir())


@pytest.mark.parametrize("target, message", [
    ("missing-folder/x.pdf", "die map bestaat niet"),
    (".", "is een map"),
    ("/proc/facilitator-x.pdf", "/proc/facilitator-x.pdf"),
])
def test_unwritable_output_is_one_line_exit_1(saved, outdir, capsys, target, message):
    code, out, err = run(capsys, saved.session.id, "-o", target)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not list(outdir.iterdir())  # no half-written file, no temp file


def test_bad_format_is_a_usage_error(saved, outdir, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", saved.session.id, "--format", "docx"])
    assert exc.value.code == 2
    assert "ongeldige keuze" in capsys.readouterr().err


def test_large_export_shows_progress_on_stderr(library, clock, outdir, capsys):
    svc = rich_session(library, clock)
    svc.close()
    big = big_session(svc.session, notes=500, actions=20, rounds=4)
    atomic_write(svc.path, session_to_toml(big, 0))
    svc.path.with_suffix(".journal").unlink(missing_ok=True)
    code, out, err = run(capsys, big.id)
    assert code == 0
    lines = err.splitlines()
    assert 2 <= len(lines) <= 5 and all(line.startswith("facilitator: exporteren… ") for line in lines)
    assert lines[-1] == "facilitator: exporteren… 100%"
    assert "499: " in pdftotext(outdir / f"{big.id}.pdf")


def test_small_export_is_quiet(saved, outdir, capsys):
    code, _, err = run(capsys, saved.session.id)
    assert code == 0 and err == ""


def test_dash_writes_to_stdout(saved, outdir, capsys):
    code, out, err = run(capsys, saved.session.id, "--format", "md", "-o", "-")
    assert code == 0 and err == "" and out.startswith("# Intervisie 2B\n")
    assert not list(outdir.iterdir())


def test_pdf_to_stdout_pipe(saved, outdir, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-m", "facilitator", "export", saved.session.id, "-o", "-"],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF") and done.stdout.rstrip().endswith(b"%%EOF")
