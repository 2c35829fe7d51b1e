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

from . import __version__
from .errors import UserError

#: Modules in facilitator.commands that each add subcommands via `register(sub)`.
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
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    return parser


def run_tui(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from .paths import sessions_dir

        folder, why = sessions_dir(args.sessions_dir)
        print(
            f"facilitator {__version__} is installed. Sessions folder: {folder} ({why}).\n"
            "The app needs a terminal; run `facilitator` in one, or `facilitator --help`."
        )
        return 0
    from .tui.app import run

    return run(args)


def main(argv: Sequence[str] | None = None) -> int:
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
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def sessions_library(args: argparse.Namespace):
    from .paths import sessions_dir
    from .service import Library

    folder, _ = sessions_dir(args.sessions_dir)
    return Library(folder)


def lang_of(args: argparse.Namespace, default: str = "nl") -> str:
    return getattr(args, "lang", None) or default


def out_path(value: str | None, default: Path) -> Path:
    return Path(value).expanduser() if value else default
