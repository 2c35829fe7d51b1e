"""`facilitator review SESSION...` (the follow-up meeting) and `facilitator followup export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli.main import check_text, lang_of, sessions_library, ui
from facilitator.core.catalog import t
from facilitator.core.errors import UserError
from facilitator.services.exports import write_bytes


def register(sub, lang: str = "nl") -> None:
    from facilitator.cli.session import date_type

    p = sub.add_parser("review", help=t("cli.review.help", lang), description=t("cli.review.description", lang))
    p.add_argument("sessions", nargs="+", metavar="SESSION", help=t("cli.review.sessions", lang))
    p.add_argument("--new-followup", action="store_true", help=t("cli.review.new_followup", lang))
    p.set_defaults(handler=cmd_review)

    f = sub.add_parser("followup", help=t("cli.followup.help", lang), description=t("cli.followup.help", lang))
    fsub = f.add_subparsers(dest="followup_command", metavar=t("cli.cards.action", lang), required=True)
    n = fsub.add_parser("new", help=t("cli.followup.new.help", lang), description=t("cli.followup.new.help", lang))
    n.add_argument("sessions", nargs="+", metavar="SESSION", help=t("cli.followup.new.sessions", lang))
    n.add_argument("--title", help=t("cli.followup.new.title", lang))
    n.add_argument("--date", type=date_type(lang), help=t("cli.new.date", lang))
    n.set_defaults(handler=cmd_new)

    e = fsub.add_parser("export", help=t("cli.followup.export.help", lang),
                        description=t("cli.followup.export.help", lang))
    e.add_argument("sessions", nargs="+", metavar="SESSION", help=t("cli.followup.export.sessions", lang))
    e.add_argument("-o", "--output", help=t("cli.followup.export.output", lang))
    e.add_argument("--format", choices=["pdf", "md"], help=t("cli.followup.export.format", lang))
    e.add_argument("--anonymous", "--no-names", dest="no_names", action="store_true",
                   help=t("cli.followup.export.anonymous", lang))
    e.set_defaults(handler=cmd_export)


def _lang(args: argparse.Namespace, lib) -> str:
    """--lang, else the language of the first session named (a follow-up speaks its own)."""
    if getattr(args, "lang", None):
        return args.lang
    try:
        return lib.read(args.sessions[0]).language
    except UserError:
        return lang_of(args)


def cmd_new(args: argparse.Namespace) -> int:
    from facilitator.services.followup.links import create_followup, resolve_ids

    title = None if args.title is None else check_text(args.title, "title", 300, required=True, lang=ui(args))
    lib = sessions_library(args)
    lang = _lang(args, lib)
    sessions = resolve_ids(lib, args.sessions)
    if any(s.kind == "followup" for s in sessions):
        raise UserError(t("cli.followup.not_followup", ui(args)))
    svc = create_followup(lib, [s.id for s in sessions], title=title, on=args.date, lang=lang)
    svc.close()
    print(svc.path)
    return 0


def _warn(messages: list[str], lang: str = "nl") -> None:
    for msg in messages:
        from facilitator.core.plain import visible

        print(t("cli.warning", lang, message=visible(msg)), file=sys.stderr)


def print_open_points(snap, lang: str) -> None:
    from facilitator.core.dates import format_date
    from facilitator.core.followup import STATUS_LABELS
    from facilitator.core.plain import visible

    items = snap.open_items()
    if not items:
        print(t("cli.review.no_open", lang))
        return
    for n, item in enumerate(items, 1):
        p = item.point
        text = " ".join(visible(p.text).split())
        extra = [p.owner]
        if p.due:
            extra.append(format_date(p.due, lang))
        if p.factors:
            extra.append(t("cli.review.factors", lang) + " " + ",".join(map(str, p.factors)))
        print(f"{n:3}. {text}")
        print(f"     {visible(' | '.join(extra))} | {visible(item.session_title)} [{item.session_id}/{p.id}]"
              f" | {STATUS_LABELS[p.status].get(lang)}")


def cmd_review(args: argparse.Namespace) -> int:
    lib = sessions_library(args)
    lang = _lang(args, lib)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from facilitator.services.followup.snapshot import load_snapshot

        snap = load_snapshot(lib, args.sessions, lang)
        _warn(snap.messages, ui(args))
        print(t("cli.review.no_terminal", lang))
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
        raise UserError(t("cli.followup.md_only", ui(args)))
    snap = load_snapshot(lib, args.sessions, lang)
    _warn(snap.messages, ui(args))
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
        raise UserError(t("cli.followup.is_folder", ui(args), path=target))
    # Owner-only and atomic, like the sessions: the notes may name pupils and families.
    write_bytes(target, data)
    print(target)
    return 0
