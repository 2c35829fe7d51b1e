"""`facilitator review SESSION...` (the follow-up meeting) and `facilitator followup export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli.main import check_text, lang_of, sessions_library
from facilitator.core.errors import UserError
from facilitator.services.exports import write_bytes


def register(sub) -> None:
    p = sub.add_parser(
        "review",
        help="follow-up meeting: go through the action points of one or more sessions",
        description=(
            "Open the review of the action points of SESSION(s): training sessions to review, "
            "or one follow-up session (its linked sessions are reviewed)."
        ),
    )
    p.add_argument("sessions", nargs="+", metavar="SESSION", help="session id, file or title")
    p.add_argument("--new-followup", action="store_true",
                   help="start a new follow-up session now (default: reuse the latest one for these sessions)")
    p.set_defaults(handler=cmd_review)

    f = sub.add_parser("followup", help="follow-up meeting tools (export)")
    fsub = f.add_subparsers(dest="followup_command", metavar="ACTION", required=True)
    n = fsub.add_parser("new", help="create a follow-up session for SESSION(s) and print its path")
    n.add_argument("sessions", nargs="+", metavar="SESSION", help="session id, file or title to review")
    n.add_argument("--title", help="title (default: 'Vervolg: ' and the first session's title)")
    n.add_argument("--date", type=_date, help="date of the meeting (YYYY-MM-DD, default today)")
    n.set_defaults(handler=cmd_new)

    e = fsub.add_parser("export", help="export a follow-up as PDF or Markdown")
    e.add_argument("sessions", nargs="+", metavar="SESSION",
                   help="a follow-up session, or the session(s) it reviews")
    e.add_argument("-o", "--output", help="output file ('-' prints Markdown to stdout)")
    e.add_argument("--format", choices=["pdf", "md"], help="pdf or md (default: from -o, else pdf)")
    e.add_argument("--anonymous", "--no-names", dest="no_names", action="store_true",
                   help="leave people's names out (PDF and Markdown), as in `facilitator export`")
    e.set_defaults(handler=cmd_export)


def _lang(args: argparse.Namespace, lib) -> str:
    """--lang, else the language of the first session named (a follow-up speaks its own)."""
    if getattr(args, "lang", None):
        return args.lang
    try:
        return lib.read(args.sessions[0]).language
    except UserError:
        return lang_of(args)


def _date(value: str):
    from facilitator.cli.session import parse_date

    return parse_date(value)


def cmd_new(args: argparse.Namespace) -> int:
    from facilitator.services.followup.links import create_followup, resolve_ids

    title = None if args.title is None else check_text(args.title, "title", 300, required=True)
    lib = sessions_library(args)
    lang = _lang(args, lib)
    sessions = resolve_ids(lib, args.sessions)
    if any(s.kind == "followup" for s in sessions):
        raise UserError("a follow-up reviews training sessions; name those, not a follow-up")
    svc = create_followup(lib, [s.id for s in sessions], title=title, on=args.date, lang=lang)
    svc.close()
    print(svc.path)
    return 0


def _warn(messages: list[str]) -> None:
    for msg in messages:
        from facilitator.core.plain import visible

        print(f"facilitator: warning: {visible(msg)}", file=sys.stderr)


def print_open_points(snap, lang: str) -> None:
    from facilitator.core.followup import STATUS_LABELS
    from facilitator.core.plain import visible

    items = snap.open_items()
    if not items:
        print("Geen open actiepunten." if lang != "en" else "No open action points.")
        return
    for n, item in enumerate(items, 1):
        p = item.point
        text = " ".join(visible(p.text).split())
        extra = [p.owner]
        if p.due:
            extra.append(p.due.isoformat())
        if p.factors:
            extra.append(("factoren " if lang != "en" else "factors ") + ",".join(map(str, p.factors)))
        print(f"{n:3}. {text}")
        print(f"     {visible(' | '.join(extra))} | {visible(item.session_title)} [{item.session_id}/{p.id}]"
              f" | {STATUS_LABELS[p.status].get(lang)}")


def cmd_review(args: argparse.Namespace) -> int:
    lib = sessions_library(args)
    lang = _lang(args, lib)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from facilitator.services.followup.snapshot import load_snapshot

        snap = load_snapshot(lib, args.sessions, lang)
        _warn(snap.messages)
        print(
            "De review heeft een terminal nodig; dit zijn de open actiepunten:"
            if lang != "en" else "The review needs a terminal; these are the open action points:"
        )
        print_open_points(snap, lang)
        return 0
    from facilitator.services.followup.review import open_review
    from facilitator.tui.review_app import ReviewApp

    review = open_review(lib, args.sessions, new_followup=args.new_followup, lang=lang)
    try:
        ReviewApp(review, lang=lang).run()
    finally:
        review.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from facilitator.services.followup.snapshot import load_snapshot

    lib = sessions_library(args)
    lang = _lang(args, lib)
    fmt = args.format
    if fmt is None:
        fmt = "md" if args.output and (args.output == "-" or args.output.lower().endswith(".md")) else "pdf"
    if args.output == "-" and fmt != "md":
        raise UserError("only Markdown can go to stdout (-o - needs --format md)")
    snap = load_snapshot(lib, args.sessions, lang)
    _warn(snap.messages)
    if fmt == "md":
        from facilitator.export.markdown.followup import render

        text = render(snap, names=not args.no_names)
        if args.output == "-":
            sys.stdout.write(text)
            return 0
        data = text.encode("utf-8")
    else:
        from facilitator.export.pdf.followup import build

        data = build(snap, names=not args.no_names)
    stem = snap.followup.id if snap.followup else snap.sessions[0].id if snap.sessions else "followup"
    target = Path(args.output).expanduser() if args.output else Path.cwd() / f"{stem}-followup.{fmt}"
    if target.is_dir() and not target.is_symlink():
        raise UserError(f"{target}: is a folder; give a file name with -o")
    # Owner-only and atomic, like the sessions: the notes may name pupils and families.
    write_bytes(target, data)
    print(target)
    return 0
