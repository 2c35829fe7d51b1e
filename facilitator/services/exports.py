"""Exports as the front ends ask for them: one dispatch for PDF and Markdown, and where they are written.

The export layer turns a session (plus the content it prints) into bytes and
never touches the disk; here the content is gathered, the target checked
before a second of layout (a folder, a device, a symlink: one clear line), and
the result written atomically, owner-only.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable, Literal

from facilitator.core.model import Session
from facilitator.services import content
from facilitator.storage.fsutil import check_target, write_export

Format = Literal["pdf", "md"]


def default_filename(session_id: str, fmt: str = "pdf", anonymous: bool = False) -> str:
    """The file name an export gets when the user names none (CLI and TUI agree on it)."""
    return f"{session_id}{'-anonymous' if anonymous else ''}.{fmt}"


def report(session: Session, *, lang: str | None = None, anonymous: bool = False,
           now: Callable[[], datetime] | None = None):
    """What the session report prints (the model both formats render)."""
    from facilitator.export.builder import build_report

    return build_report(session, content=content.content_for(session), lang=lang, anonymous=anonymous, now=now)


def session_markdown(session: Session, *, lang: str | None = None, anonymous: bool = False,
                     pocket: bool = False, now: Callable[[], datetime] | None = None) -> str:
    from facilitator.export.markdown.session import to_markdown

    return to_markdown(session, content=content.content_for(session), lang=lang, anonymous=anonymous,
                       pocket=pocket, now=now)


def session_pdf(session: Session, *, lang: str | None = None, anonymous: bool = False, pocket: bool = False,
                progress=None, now: Callable[[], datetime] | None = None) -> bytes:
    from facilitator.export.pdf.session import render_pdf

    return render_pdf(session, content=content.content_for(session), lang=lang, anonymous=anonymous,
                      pocket=pocket, progress=progress, now=now)


def render(session: Session, fmt: Format, **options) -> bytes:
    """The report in `fmt` as bytes: the one dispatch the CLI and the app share."""
    if fmt == "md":
        options.pop("progress", None)
        return session_markdown(session, **options).encode("utf-8")
    return session_pdf(session, **options)


def write(session: Session, path: str | os.PathLike, fmt: Format = "pdf", **options) -> Path:
    """Render and write the report to `path` (checked first, then all of it or none of it)."""
    target = check_target(Path(path))
    return write_export(target, render(session, fmt, **options))


def write_pdf(session: Session, path: str | os.PathLike, **options) -> Path:
    return write(session, path, "pdf", **options)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """An export someone else rendered (follow-up reports, card sheets): checked, atomic, owner-only."""
    return write_export(check_target(Path(path)), data)


def check_export_target(path: str | os.PathLike) -> Path:
    """Refuse a bad target before any work (a folder, a missing folder, a device, a symlink)."""
    return check_target(Path(path))


def write_deck_pdf(deck, path: str | os.PathLike, lang: str = "nl") -> Path:
    from facilitator.export.pdf.cards import deck_pdf

    target = check_target(Path(path))
    return write_export(target, deck_pdf(deck, lang))


def write_slips_pdf(slips, deck, path: str | os.PathLike, lang: str = "nl", title: str = "") -> Path:
    from facilitator.export.pdf.cards import slips_pdf

    target = check_target(Path(path))
    return write_export(target, slips_pdf(slips, deck, lang, title))


def write_calendar(session: Session, path: str | os.PathLike, now: datetime) -> Path:
    """The meeting's calendar file (.ics): the next round of talks and the follow-up, action points inside."""
    from facilitator.export.calendar import to_ics

    target = check_target(Path(path))
    return write_export(target, to_ics(session, session.language, now))
