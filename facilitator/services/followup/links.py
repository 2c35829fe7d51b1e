"""Finding follow-ups and the sessions they review, by id (links are ids, never paths)."""

from __future__ import annotations

from facilitator.core import catalog

import tomllib
from datetime import date
from pathlib import Path
from typing import Iterable

from facilitator.core.errors import FileFormatError, UserError
from facilitator.core.model import Session
from facilitator.services.library import Library
from facilitator.services.session import SessionService
from facilitator.storage.fsutil import read_regular
from facilitator.storage.sessionfile import load_session


def _file_id(path: Path) -> str | None:
    """The session id written in a file, read cheaply (it is at the top)."""
    try:  # never open() a FIFO named x.toml: that blocks until someone writes
        head = read_regular(path, 4096, head=True)
    except FileFormatError:
        return None
    for line in head.decode("utf-8", "replace").splitlines():
        if line.startswith("id = "):
            try:
                return tomllib.loads(line)["id"]
            except (tomllib.TOMLDecodeError, KeyError, ValueError, RecursionError):
                return None
    return None


def locate(library: Library, session_id: str) -> Path | None:
    """The file of session `session_id`, wherever it is in the library; None if gone."""
    direct = library.find_id(session_id)
    if direct is not None:
        return direct
    archived = library.directory / "archive" / f"{session_id}.toml"
    if archived.exists():
        return archived
    # A renamed file: the id inside still says who it is.
    candidates = library.files()
    archive = library.directory / "archive"
    if archive.is_dir():
        candidates += sorted(archive.glob("*.toml"))
    return next((p for p in candidates if _file_id(p) == session_id), None)


def missing_message(session_id: str, library: Library, lang: str = "nl", why: str | None = None) -> str:
    if why:
        return catalog.t("services.followup.links.linked_session_cannot_be_read_the", lang, session_id=session_id, why=why)
    return catalog.t("services.followup.links.linked_session_is_missing_from_deleted", lang, session_id=session_id, directory=library.directory)


def resolve_ids(library: Library, refs: Iterable[str]) -> list[Session]:
    """Sessions named on the command line (id, file, prefix or title), read-only."""
    out = []
    for ref in refs:
        path = library.find(ref)
        out.append(load_session(path))
    return out


def create_followup(
    library: Library, follows: Iterable[str], *, title: str | None = None, on: date | None = None,
    lang: str = "nl", school: str = "", facilitator: str = "",
) -> SessionService:
    """A new follow-up session linked (by id) to the sessions it reviews."""
    ids = list(dict.fromkeys(follows))
    if not ids:
        raise UserError(catalog.t("services.followup.links.a_follow_up_follows_at_least", lang))
    if title is None:
        first = locate(library, ids[0])
        name = ids[0]
        if first is not None:
            try:
                s = load_session(first)
                name, school = s.title, school or s.school
            except FileFormatError:
                pass
        others = len(ids) - 1
        more = "" if not others else catalog.plural("services.followup.links.and_other_sessions", lang, others)
        title = catalog.t("services.followup.links.follow_up", lang) + name + more
    return library.create(
        title[:300], on=on, agenda="followup", kind="followup", follows=ids, lang=lang,
        school=school, facilitator=facilitator, participants=team_of(library, ids),
    )


def team_of(library: Library, ids: Iterable[str]) -> list[str]:
    """The people of the reviewed meetings (present at the end, each name once, in order):
    the team that meets again, so Ervaringen can take notes per person from the start."""
    names: list[str] = []
    for sid in ids:
        path = locate(library, sid)
        if path is None:
            continue
        try:
            session = load_session(path)
        except FileFormatError:
            continue
        for person in session.participants:
            if not person.absent and person.name not in names:
                names.append(person.name)
    return names


def find_followups(library: Library, ids: Iterable[str]) -> list[Path]:
    """Follow-up sessions that review exactly these ids, newest first."""
    wanted = set(ids)
    found = []
    for s in library.summaries():
        if s.kind != "followup" or s.error:
            continue
        try:
            sess = load_session(s.path)
        except FileFormatError:
            continue
        if set(sess.follows) == wanted:
            found.append((sess.created, s.path))
    return [p for _, p in sorted(found, reverse=True)]


def split_refs(library: Library, refs: Iterable[str], lang: str = "nl") -> tuple[list[str], Session | None]:
    """The ids to review and the follow-up session named among `refs` (None: only training sessions).

    Naming a follow-up means "review what it follows"; mixing it with other sessions is an error.
    """
    refs = list(refs)
    if not refs:
        raise UserError(catalog.t("services.followup.links.name_at_least_one_session", lang))
    sessions = resolve_ids(library, refs)
    fu = next((s for s in sessions if s.kind == "followup"), None)
    if fu is None:
        return list(dict.fromkeys(s.id for s in sessions)), None
    if len(sessions) > 1:
        raise UserError(catalog.t("services.followup.links.name_one_follow_up_session_or", lang))
    return list(fu.follows), fu
