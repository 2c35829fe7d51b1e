"""`facilitator export SESSION`: the session report as PDF (default) or Markdown.

The output goes to ``-o FILE`` or, without it, to ``<session id>.pdf`` (or
``.md``; ``-anonymous`` is added for anonymous exports) in the current
folder. The file is written atomically: it is complete or not there at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.cli.main import sessions_library, ui
from facilitator.core.catalog import languages, t
from facilitator.core.errors import UserError

PROGRESS_FROM = 400  # flowables; below this an export takes a blink and needs no progress


def register(sub, lang: str = "nl") -> None:
    p = sub.add_parser("export", help=t("cli.export.help", lang), description=t("cli.export.description", lang))
    p.add_argument("session", help=t("cli.export.session", lang))
    p.add_argument("-o", "--output", metavar="FILE", help=t("cli.export.output", lang))
    p.add_argument("--format", choices=["pdf", "md"], help=t("cli.export.format", lang))
    p.add_argument("--lang", dest="export_lang", choices=languages(), help=t("cli.export.lang", lang))
    p.add_argument("--anonymous", action="store_true", help=t("cli.export.anonymous", lang))
    p.add_argument("--pocket", action="store_true", help=t("cli.export.pocket", lang))
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    lib = sessions_library(args)
    path = lib.find(args.session)
    damaged: list[int] = []
    session = lib.read(path, damaged)
    if damaged:
        message = t("cli.export.journal", ui(args), journal=path.with_suffix(".journal"),
                    lines=", ".join(map(str, damaged[:5])))
        print(t("cli.warning", ui(args), message=message), file=sys.stderr)
    fmt = args.format
    if fmt is None:
        fmt = "md" if args.output and Path(args.output).suffix.lower() in (".md", ".markdown") else "pdf"
    lang = args.export_lang or getattr(args, "lang", None) or session.language
    if args.output == "-":  # to stdout, for a pipe into mail or another tool
        return to_stdout(session, fmt, lang, args)
    if args.output:
        out = Path(args.output).expanduser()
    else:
        from facilitator.services.exports import default_filename

        out = Path.cwd() / default_filename(session.id, fmt, args.anonymous)
    from facilitator.services import exports

    # A FIFO, device or symlink target: one line now, not after rendering.
    out = exports.check_export_target(out)
    written = exports.write(session, out, fmt, lang=lang, anonymous=args.anonymous, pocket=args.pocket,
                            progress=StderrProgress(ui(args)))
    print(written)
    return 0


def to_stdout(session, fmt: str, lang: str, args: argparse.Namespace) -> int:
    from facilitator.services import exports

    if fmt == "md":
        sys.stdout.write(exports.session_markdown(session, lang=lang, anonymous=args.anonymous, pocket=args.pocket))
        return 0
    if sys.stdout.isatty():
        raise UserError(t("cli.export.no_tty", ui(args)))
    data = exports.session_pdf(session, lang=lang, anonymous=args.anonymous, pocket=args.pocket,
                               progress=StderrProgress(ui(args)))
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0


class StderrProgress:
    """Progress on stderr in steps of a quarter, only for exports big enough to wait for."""

    def __init__(self, lang: str = "nl") -> None:
        self.shown = -1
        self.lang = lang

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM or total <= 0:
            return
        step = min(4, done * 4 // total)
        if step > self.shown:
            self.shown = step
            print(t("cli.export.progress", self.lang, percent=step * 25), file=sys.stderr, flush=True)

