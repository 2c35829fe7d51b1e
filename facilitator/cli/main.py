"""Command line: `facilitator [COMMAND]`. Without a command it opens the TUI.

Every user mistake ends as one line on stderr and exit code 1; a traceback
means a bug in facilitator, never a bad file or argument.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Sequence

from facilitator import __version__
from facilitator.cli.language import speak_argparse, ui_language
from facilitator.core.catalog import languages, strings, t
from facilitator.core.errors import UserError

#: Modules in facilitator.cli that each add subcommands via `register(sub)`.
COMMAND_MODULES = ["session", "cards", "export", "review", "serve"]


class Parser(argparse.ArgumentParser):
    """A parser that speaks the user's language (its help and its one-line errors)."""

    lang = "nl"

    def error(self, message: str):  # one line, exit 2, like every CLI users know
        self.exit(2, t("argparse.error", self.lang, prog=self.prog, message=message))

    def add_argument(self, *args, **kwargs):
        """Every value's placeholder (TITLE, DATE, SESSION...) from the catalog: ``cli.metavar.<name>``."""
        action = super().add_argument(*args, **kwargs)
        if action.nargs != 0 and action.choices is None:
            name = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
            key = f"cli.metavar.{name.lower()}"
            if isinstance(name, str) and key in strings(self.lang):
                action.metavar = t(key, self.lang)
        return action


def build_parser(lang: str = "nl") -> argparse.ArgumentParser:
    """The whole command line in ``lang``; each command module adds its own via `register(sub, lang)`."""
    speak_argparse(lang)
    Parser.lang = lang
    parser = Parser(
        prog="facilitator",
        description=t("cli.description", lang),
        epilog=t("cli.epilog", lang),
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}",
                        help=t("argparse.version", lang))
    parser.add_argument("--sessions-dir", metavar="DIR", help=t("cli.sessions_dir", lang))
    parser.add_argument("--lang", choices=languages(), help=t("cli.lang", lang))
    parser.set_defaults(ui_lang=lang)
    sub = parser.add_subparsers(dest="command", metavar=t("cli.command", lang), parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"facilitator.cli.{name}").register(sub, lang)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from facilitator.services.library import sessions_folder as sessions_dir

        folder, why = sessions_dir(args.sessions_dir)
        private_sessions_dir(folder, ui(args))
        print(t("cli.no_terminal", ui(args), version=__version__, folder=folder, why=why))
        return 0
    from facilitator.services.library import sessions_folder as sessions_dir
    from facilitator.tui.app import run

    private_sessions_dir(sessions_dir(args.sessions_dir)[0], ui(args))
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    # A file name with undecodable bytes (or a stray surrogate) must print, not crash the print.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    lang = ui_language(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(lang)
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            return run_tui(args)
        return int(handler(args) or 0)
    except UserError as exc:
        print(t("cli.error", lang, message=exc.say(lang)), file=sys.stderr)
        return exc.exit_code
    except ValueError as exc:
        # Last line of defence for a value pydantic refused that no check caught first.
        if not type(exc).__module__.startswith("pydantic"):
            raise
        from facilitator.core.errors import describe_validation

        print(t("cli.error", lang, message=describe_validation(exc, lang)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def sessions_library(args: argparse.Namespace):
    from facilitator.services.library import Library, sessions_folder as sessions_dir

    folder, _ = sessions_dir(args.sessions_dir)
    private_sessions_dir(folder, ui(args))
    return Library(folder)


def private_sessions_dir(folder: Path, lang: str = "nl") -> None:
    """Tighten a sessions folder others can read (notes name pupils); one line if we cannot."""
    from facilitator.services.library import Library

    problem = Library(folder).make_private()
    if problem:
        print(t("cli.warning", lang, message=problem.say(lang)), file=sys.stderr)


def check_text(value: str | None, what: str, limit: int, required: bool = False, lang: str = "nl") -> str:
    """Free text from the command line that ends up in a session: one clear line, before pydantic.

    ``what`` is the field's catalog name (``title``, ``school``, ...: see ``cli.what.*``).
    """
    value = value or ""
    name = t(f"cli.what.{what}", lang)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(t("cli.not_utf8", lang, what=name)) from None
    value = value.strip()
    if required and not value:
        raise UserError(t("error.needs_title", lang) if what == "title" else t("cli.empty", lang, what=name))
    if len(value) > limit:
        raise UserError(t("cli.too_long", lang, what=name, length=len(value), limit=limit))
    return value


def ui(args: argparse.Namespace) -> str:
    """The language the command line speaks to this user (``--lang``, else the locale)."""
    return getattr(args, "ui_lang", None) or getattr(args, "lang", None) or "nl"


def lang_of(args: argparse.Namespace, default: str | None = None) -> str:
    """An explicit --lang, else ``default``, else the user's language."""
    return getattr(args, "lang", None) or default or ui(args)


def out_path(value: str | None, default: Path) -> Path:
    return Path(value).expanduser() if value else default
