"""Small durable-file helpers: owner-only files, atomic replace, fsync."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .errors import StorageError, UserError

FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    except FileExistsError:
        raise StorageError(f"{directory}: exists but is not a folder") from None
    except OSError as exc:
        raise StorageError(f"{directory}: cannot create folder: {exc.strerror}") from None
    if not directory.is_dir():
        raise StorageError(f"{directory}: exists but is not a folder")


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves the old or the new file, never a mix.

    Temp file in the same folder, fsync, rename over, fsync the folder. On any
    error the old file is untouched and the temp file removed.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:  # Ctrl-C mid-write too: never leave the temp file behind
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise StorageError(describe_os_error(path, exc)) from None
        raise


def check_target(path: Path) -> Path:
    """An export target: a clear line for a folder or a missing folder, before any work."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise UserError(f"{path.parent}: no such folder")
    return path


def write_export(path: Path, data: bytes) -> Path:
    """An export file (PDF, Markdown): checked target, then all of it or none of it, owner-only."""
    path = check_target(path)
    atomic_write(path, data)
    return path


def describe_os_error(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"{path}: the disk is full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{path}: cannot write here ({exc.strerror})"
    return f"{path}: {exc.strerror or exc}"
