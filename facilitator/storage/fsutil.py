"""Small durable-file helpers: owner-only files, atomic replace, fsync."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from facilitator.core.errors import FileFormatError, StorageError, UserError, os_reason

FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    """Create `directory` and any missing parents, each owner-only (0700) whatever the umask.

    Levels that already exist are left as they are (the user's home, ~/.local/share);
    every level this call creates is chmod-ed explicitly, since mkdir's mode is masked.
    """
    directory = Path(directory)
    missing: list[Path] = []
    level = directory
    while not os.path.lexists(level) and level != level.parent:
        missing.append(level)
        level = level.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, DIR_MODE)
        except FileExistsError:
            pass  # another process made it between our check and mkdir
        except OSError as exc:
            raise StorageError(key="error.cannot_create_folder", path=d, why=os_reason(exc)) from None
        else:
            try:
                os.chmod(d, DIR_MODE)
            except OSError as exc:
                raise StorageError(key="error.cannot_make_private", path=d, why=os_reason(exc)) from None
    if not directory.is_dir():
        raise StorageError(key="error.not_a_folder", path=directory)


def tighten_dir(directory: Path) -> UserError | None:
    """Make an existing folder owner-only if group or others may read it.

    Returns None when the folder is private (or absent), else why it could not
    be tightened, for the caller to say in the reader's language.
    """
    try:
        st = os.stat(directory)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or not st.st_mode & 0o077:
        return None
    try:
        os.chmod(directory, DIR_MODE)
    except OSError as exc:
        return UserError(key="error.folder_not_private", path=directory, why=os_reason(exc))
    return None


def read_regular(
    path: Path, limit: int, *, follow: bool = True, what: str = "file", head: bool = False,
) -> bytes:
    """All of a regular file, at most `limit` bytes; anything else is a FileFormatError.

    Never blocks on a FIFO (O_NONBLOCK), never reads a device or a folder
    (fstat after open: the object checked is the object read), never reads
    more than `limit` + 1 bytes, whatever the size claims. `follow=False`
    refuses a symlink (for files the app also writes). `head=True`: the first
    `limit` bytes of a file of any size.
    """
    path = Path(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= os.O_NOFOLLOW
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileFormatError(path, key="error.file.missing", file=_kind(what)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:
            raise FileFormatError(path, key="error.file.symlink", file=_kind(what)) from None
        raise FileFormatError(path, key="error.file.not_readable", reason=os_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileFormatError(path, key="error.file.not_regular", kind=kind_of(st.st_mode), file=_kind(what))
        if st.st_size > limit and not head:
            raise FileFormatError(path, key="error.file.too_large", size=size_text(limit))
        if head:
            return os.read(fd, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # grew while we read
            raise FileFormatError(path, key="error.file.too_large", size=size_text(limit))
        return b"".join(chunks)
    except OSError as exc:
        raise FileFormatError(path, key="error.file.not_readable", reason=os_reason(exc)) from None
    finally:
        os.close(fd)


def _kind(what: str) -> str:
    """The kind of file a read names ("session file", "journal") as its catalog key, said where it is shown."""
    return "file." + what.replace(" ", "_")


def parse_toml(path: Path, raw: bytes) -> dict:
    """TOML bytes to a dict; every way a hostile file can fail is a FileFormatError.

    tomllib raises more than TOMLDecodeError: ValueError for an integer past
    Python's digit limit, RecursionError for deep nesting.
    """
    import tomllib

    from facilitator.core.errors import toml_error_line, toml_reason

    path = Path(path)
    if not raw.strip():
        raise FileFormatError(path, key="error.file.empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(path, line=raw[: exc.start].count(b"\n") + 1, key="error.file.not_utf8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason, line, column = toml_error_line(exc, text)
        said = toml_reason(reason)  # the common reasons from the catalog, any other in tomllib's English
        if line is None:
            raise FileFormatError(path, key="error.file.toml_syntax", reason=said) from None
        if column is None:
            raise FileFormatError(path, line=line, key="error.file.toml_syntax_end", reason=said) from None
        raise FileFormatError(path, line=line, key="error.file.toml_syntax_at", reason=said, column=column) from None
    except RecursionError:
        raise FileFormatError(path, key="error.file.toml_too_deep") from None
    except (ValueError, OverflowError, UnicodeError) as exc:
        raise FileFormatError(path, key="error.file.toml_not_readable", reason=one_line_reason(exc)) from None
    except MemoryError:
        raise FileFormatError(path, key="error.file.too_large_to_read") from None


def refused(path: Path, raw: bytes, exc) -> FileFormatError:
    """A pydantic ValidationError on a TOML file's data as one FileFormatError: the field and,
    where the text shows it, its line (the fourth ``[[cards]]`` for "cards.3")."""
    from facilitator.core.errors import error_loc, validation_problem
    from facilitator.storage.tomlplace import line_of

    key, fields = validation_problem(exc)
    return FileFormatError(path, line=line_of(raw, error_loc(exc.errors()[0])), key=key, **fields)


def load_toml(path: Path, limit: int, *, follow: bool = True, what: str = "file") -> dict:
    """read_regular + parse_toml: a TOML file as a dict, or one FileFormatError."""
    return parse_toml(path, read_regular(path, limit, follow=follow, what=what))


def one_line_reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__


def kind_of(mode: int) -> str:
    """What a path that is no regular file is, as a catalog key: the error says it in the reader's language."""
    if stat.S_ISDIR(mode):
        return "file.is_folder"
    if stat.S_ISFIFO(mode):
        return "file.is_fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "file.is_device"
    if stat.S_ISSOCK(mode):
        return "file.is_socket"
    if stat.S_ISLNK(mode):
        return "file.is_symlink"
    return "file.is_not_regular"


def size_text(n: int) -> str:
    return f"{n // 2**20} MiB" if n >= 2**20 else f"{n} bytes"


def atomic_write(path: Path, data: bytes, *, replace_only_files: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves the old or the new file, never a mix.

    Temp file in the same folder, fsync, rename over, fsync the folder. On any
    error the old file is untouched and the temp file removed.
    `replace_only_files`: refuse (UserError) when `path` is anything but a
    regular file or absent -- checked with lstat right before the rename, so a
    device, FIFO or symlink named as an export target is never replaced.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace_only_files:
            refuse_special(path)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException as exc:  # Ctrl-C mid-write too: never leave the temp file behind
        try:
            tmp.unlink()
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise StorageError(**os_problem(path, exc)) from None
        raise


def refuse_special(path: Path) -> None:
    """An export may replace a regular file, never a device, FIFO, socket or symlink."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(**os_problem(path, exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(key="error.is_a_folder", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise UserError(key="error.file.will_not_replace", path=path, kind=kind_of(st.st_mode))


def check_target(path: Path) -> Path:
    """An export target: a clear line for a folder, a missing folder or a special file, before any work."""
    path = Path(path).expanduser()
    if path.is_dir() and not path.is_symlink():
        raise UserError(key="error.is_a_folder", path=path)
    refuse_special(path)
    if not path.parent.is_dir():
        raise UserError(key="error.no_such_folder", path=path.parent)
    return path


def write_export(path: Path, data: bytes) -> Path:
    """An export file (PDF, Markdown): checked target, then all of it or none of it, owner-only."""
    path = check_target(path)
    atomic_write(path, data, replace_only_files=True)
    return path


def os_problem(path: Path, exc: OSError) -> dict:
    """A refused write as a UserError's key and fields: ``StorageError(**os_problem(path, exc))``."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return {"key": "error.cannot_write_why", "path": path, "why": os_reason(exc)}
    return {"key": "error.write_refused", "path": path, "why": os_reason(exc)}
