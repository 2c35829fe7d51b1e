"""`facilitator export SESSION` (the PDF itself is built by facilitator.export)."""

from __future__ import annotations

import argparse

from ..errors import UserError


def register(sub) -> None:
    p = sub.add_parser("export", help="export a session as PDF (or Markdown)")
    p.add_argument("session", help="session id, file or title")
    p.add_argument("-o", "--output", help="output file")
    p.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    raise UserError("export is not available in this build yet")
