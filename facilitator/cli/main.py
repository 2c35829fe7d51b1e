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
from facilitator.core.errors import UserError

#: Modules in facilitator.cli that each add subcommands via `register(sub)`.
COMMAND_MODULES = ["session", "cards", "export", "review", "serve"]


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every CLI users know
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="facilitator",
        description="Run an intervisie meeting on 10-minute talks (tienminutengesprekken).",
        epilog="Without a command, facilitator opens the terminal app.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    parser.add_argument("--sessions-dir", metavar="DIR", help="folder with session files")
    parser.add_argument("--lang", choices=["nl", "en"], help="language (default: nl)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"facilitator.cli.{name}").register(sub)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from facilitator.services.library import sessions_folder as sessions_dir

        folder, why = sessions_dir(args.sessions_dir)
        private_sessions_dir(folder)
        print(
            f"facilitator {__version__} is installed. Sessions folder: {folder} ({why}).\n"
            "The app needs a terminal; run `facilitator` in one, or `facilitator --help`."
        )
        return 0
    from facilitator.services.library import sessions_folder as sessions_dir
    from facilitator.tui.app import run

    private_sessions_dir(sessions_dir(args.sessions_dir)[0])
    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
    # A file name with undecodable bytes (or a stray surrogate) must print, not crash the print.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        handler = getattr(args, "handler", None)
        if handler is None:
            return run_tui(args)
        return int(handler(args) or 0)
    except UserError as exc:
        print(f"facilitator: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except ValueError as exc:
        # Last line of defence for a value pydantic refused that no check caught first.
        if not type(exc).__module__.startswith("pydantic"):
            raise
        from facilitator.core.errors import describe_validation

        print(f"facilitator: error: {describe_validation(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def sessions_library(args: argparse.Namespace):
    from facilitator.services.library import Library, sessions_folder as sessions_dir

    folder, _ = sessions_dir(args.sessions_dir)
    private_sessions_dir(folder)
    return Library(folder)


def private_sessions_dir(folder: Path) -> None:
    """Tighten a sessions folder others can read (notes name pupils); one line if we cannot."""
    from facilitator.services.library import Library

    problem = Library(folder).make_private()
    if problem:
        print(f"facilitator: warning: {problem}", file=sys.stderr)


def check_text(value: str | None, what: str, limit: int, required: bool = False) -> str:
    """Free text from the command line that ends up in a session: one clear line, before pydantic."""
    value = value or ""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UserError(f"{what} contains bytes that are not valid UTF-8 text") from None
    value = value.strip()
    if required and not value:
        raise UserError(f"{what} must not be empty" if what != "title" else "a session needs a title")
    if len(value) > limit:
        raise UserError(f"{what} is {len(value)} characters long; at most {limit}")
    return value


def lang_of(args: argparse.Namespace, default: str = "nl") -> str:
    return getattr(args, "lang", None) or default


def out_path(value: str | None, default: Path) -> Path:
    return Path(value).expanduser() if value else default
