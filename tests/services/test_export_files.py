"""Every export goes through the one atomic writer: owner-only, fsynced, folder fsynced, all or nothing."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from facilitator.cli.main import main
from facilitator.core.errors import UserError
from facilitator.services.exports import write_pdf
from facilitator.storage import fsutil


@pytest.fixture
def synced_dirs(monkeypatch):
    seen = []
    real = fsutil.fsync_dir

    def record(directory):
        seen.append(os.path.realpath(directory))
        real(directory)

    monkeypatch.setattr(fsutil, "fsync_dir", record)
    return seen


def test_pdf_and_markdown_exports_fsync_their_folder_and_are_owner_only(library, tmp_path, synced_dirs, capsys):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    svc = library.create("Team A")
    svc.add_note("dialoog", "een notitie")
    svc.close()
    out = tmp_path / "verslag.pdf"
    synced_dirs.clear()  # the session's own saves
    write_pdf(svc.session, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert synced_dirs == [os.path.realpath(tmp_path)]
    md = tmp_path / "verslag.md"
    assert main(["export", svc.session.id, "-o", str(md)]) == 0
    assert "een notitie" in md.read_text()
    assert stat.S_IMODE(md.stat().st_mode) == 0o600
    assert synced_dirs[-1] == os.path.realpath(tmp_path)


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_export_leaves_the_old_file_and_no_temp_file(library, tmp_path, monkeypatch, error):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    svc = library.create("Team B")
    svc.close()
    out = tmp_path / "verslag.pdf"
    out.write_bytes(b"old")

    def broken(fd):
        raise error

    monkeypatch.setattr(fsutil.os, "fsync", broken)
    with pytest.raises(UserError if isinstance(error, OSError) else KeyboardInterrupt):
        write_pdf(svc.session, out)
    monkeypatch.undo()
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verslag.pdf"]
