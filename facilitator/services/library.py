"""The sessions folder: list, create, find, open, archive.

Imported by the app's first screen, so it stays light: the session model
(pydantic), the store and the content loaders are imported only when a
session is created or opened, never to show the list.
"""

from __future__ import annotations

import secrets
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from facilitator.core.errors import FileFormatError, UserError
from facilitator.core.now import Now, utc_now
from facilitator.core.summary import SessionSummary
from facilitator.storage import summaries as summary_cache

if TYPE_CHECKING:
    import random

    from facilitator.services.session import SessionService


def sessions_folder(explicit: str | Path | None = None) -> tuple[Path, str]:
    """The sessions folder in use and the rule that chose it (README: "Where sessions are stored")."""
    from facilitator.storage.paths import sessions_dir

    return sessions_dir(explicit)


def read_ahead(path: Path, since: float | None = None) -> bool:
    """Parse and validate a session ahead of its opening (the home list's head start, in a thread).

    The open still reads the file and takes this work only for the very same
    bytes (``sessionfile.prefetch_session``); `since`: an open begun since then
    makes it stand aside. True when a session waits for its open.
    """
    from facilitator.storage.sessionfile import prefetch_session

    return prefetch_session(path, since)


def opened_since(moment: float) -> bool:
    """True when an open began reading a session file at or after `moment` (time.monotonic()).

    Cheap and importing nothing: before any session file was read, no open began.
    """
    sessionfile = sys.modules.get("facilitator.storage.sessionfile")
    return sessionfile is not None and sessionfile.opened_since(moment)


class Library:
    """The sessions folder: list, create, find, open, archive."""

    def __init__(self, directory: Path, now: Now = utc_now):
        self.directory = Path(directory)
        self.now = now

    def files(self) -> list[Path]:
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.glob("*.toml") if not p.name.startswith("."))

    def cached_summaries(self) -> list[SessionSummary] | None:
        """Every row from the folder's summary cache alone, or None if any is missing (cheap: UI thread)."""
        return summary_cache.cached_summaries(self.directory)

    def summaries(self, verify: bool = True) -> list[SessionSummary]:
        """The home list's rows, newest first (cached per folder: see storage/summaries.py).

        `verify` (the default): every row equals what the full load of its
        session gives. Without it, rows not in the cache are quick reads, for display.
        """
        return summary_cache.summaries(self.directory, self.now, verify=verify)

    def ensure_directory(self) -> Path:
        """The sessions folder, made (owner-only) if it is not there yet: something to open by hand."""
        from facilitator.storage.fsutil import ensure_dir

        ensure_dir(self.directory)
        return self.directory

    def create(
        self, title: str, *, on: date | None = None, agenda: str = "default", lang: str = "nl",
        school: str = "", facilitator: str = "", next_talks: date | None = None,
        participants: Iterable[str] = (), kind: str | None = None, follows: Iterable[str] = (),
    ) -> SessionService:
        from facilitator.core.model import Participant, Session, new_id
        from facilitator.services import content
        from facilitator.services.session import SessionService, slugify
        from facilitator.storage.fsutil import ensure_dir
        from facilitator.storage.store import SessionStore

        title = title.strip()
        if not title:
            raise UserError(key="error.needs_title")
        tpl = content.template(agenda)
        on = on or self.now().date()
        sid = f"{on.isoformat()}-{slugify(title)}-{secrets.token_hex(2)}"
        session = Session(
            id=sid, kind=kind or tpl.kind, title=title, date=on, school=school,
            facilitator=facilitator, language=lang, next_talks=next_talks, agenda=tpl.name,
            created=self.now(), follows=list(follows), phases=[p.plan() for p in tpl.phases],
            participants=[
                Participant(id=new_id("p"), name=n.strip()) for n in participants if n.strip()
            ],
        )
        ensure_dir(self.directory)
        return SessionService(SessionStore.create(self.directory, session), now=self.now)

    def find(self, ref: str) -> Path:
        """A session by path, id, unique id prefix or unique title."""
        as_path = Path(ref).expanduser()
        if as_path.suffix == ".toml" or as_path.exists():
            if as_path.is_dir():
                raise UserError(f"{as_path}: is a folder, not a session file", key="error.folder_not_session",
                                path=as_path)
            if not as_path.exists():
                raise UserError(f"{as_path}: no such session file", key="error.no_session_file", path=as_path)
            return as_path
        files = self.files()
        exact = [p for p in files if p.stem == ref]
        if exact:
            return exact[0]
        prefix = [p for p in files if p.stem.startswith(ref)]
        if len(prefix) == 1:
            return prefix[0]
        if not prefix:
            from facilitator.storage.sessionfile import load_session

            titled = []
            for p in files:
                try:
                    if load_session(p).title.lower() == ref.lower():
                        titled.append(p)
                except FileFormatError:
                    continue
            if len(titled) == 1:
                return titled[0]
            prefix = titled
        if not prefix:
            raise UserError(f"no session {ref!r} in {self.directory} (see `facilitator list`)",
                            key="error.no_session", ref=ref, folder=self.directory)
        names = ", ".join(p.stem for p in prefix[:5])
        raise UserError(f"{ref!r} matches several sessions: {names}", key="error.several_sessions",
                        ref=ref, names=names)

    def read(self, ref: str | Path, damaged: list[int] | None = None):
        """A session as it is on disk now, without locking or writing (exports, `serve`'s check).

        Damaged journal lines are skipped; pass a list as `damaged` to learn their numbers.
        """
        from facilitator.storage.sessionfile import load_session

        path = ref if isinstance(ref, Path) else self.find(ref)
        return load_session(path, damaged)

    def make_private(self) -> UserError | None:
        """Tighten a sessions folder others can read (notes name pupils); why it could not be, or None."""
        from facilitator.storage.fsutil import tighten_dir

        return tighten_dir(self.directory)

    def find_id(self, session_id: str) -> Path | None:
        path = self.directory / f"{session_id}.toml"
        return path if path.exists() else None

    def open(self, ref: str, rng: random.Random | None = None) -> SessionService:
        from facilitator.services.session import SessionService
        from facilitator.storage.store import SessionStore

        store = SessionStore(self.find(ref))
        store.open()
        return SessionService(store, now=self.now, rng=rng)

    def archive(self, session_id: str) -> Path:
        path = self.find(session_id)
        from facilitator.storage.fsutil import ensure_dir

        target = self.directory / "archive"
        ensure_dir(target)
        for p in (path, path.with_suffix(".journal")):
            if p.exists():
                p.rename(target / p.name)
        return target / path.name
