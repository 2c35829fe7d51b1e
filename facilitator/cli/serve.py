"""`facilitator serve SESSION`: observers' phones and the room display over the LAN."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from facilitator.cli.main import sessions_library, ui
from facilitator.core.catalog import t as say
from facilitator.core.errors import UserError, os_reason

DEFAULT_PORT = 8737

def port_type(lang: str):
    def port_number(value: str) -> int:
        try:
            port = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(say("cli.serve.not_port", lang, value=value)) from None
        if not 0 <= port <= 65535:
            raise argparse.ArgumentTypeError(say("cli.serve.port_range", lang, port=port))
        return port

    return port_number


def register(sub, lang: str = "nl") -> None:
    p = sub.add_parser("serve", help=say("cli.serve.help", lang), description=say("cli.serve.help", lang))
    p.add_argument("session", metavar="SESSION", help=say("cli.serve.session", lang))
    p.add_argument("--host", help=say("cli.serve.host", lang))
    p.add_argument("--port", type=port_type(lang), default=DEFAULT_PORT, help=say("cli.serve.port", lang, port=DEFAULT_PORT))
    p.add_argument("--new-code", action="store_true", help=say("cli.serve.new_code", lang))
    p.set_defaults(handler=cmd_serve)


def printable(text: str) -> str:
    """Names come from phones: never let one put escape sequences into this terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def cmd_serve(args: argparse.Namespace) -> int:
    from facilitator.web import server
    from facilitator.web.qr import qr_text

    lang = ui(args)

    class Lines:  # the terminal's lines in the user's language
        def __getitem__(self, key: str) -> str:
            return say(f"cli.serve.{key}", lang)

    t = Lines()
    lib = sessions_library(args)
    path = lib.find(args.session)
    # Read it all before listening: a broken or hostile file is one line and exit 1, no port opened.
    session = lib.read(path)
    # Pages speak the session's language unless --lang says otherwise (phones may still switch).
    page_lang = getattr(args, "lang", None) or session.language
    host = args.host or server.lan_address()

    def announce(handle: server.ServeHandle) -> None:
        lines = [
            f"{t['observers']} {handle.url}",
            f"{t['room']} {handle.room_url}#{handle.code}",
            f"{t['rate']} {handle.rate_url}",
            f"{t['code']} {handle.code}",
        ]
        if handle.host in ("127.0.0.1", "localhost", "::1"):
            lines.append(t["local"])
        lines += ["", t["scan"]]
        print("\n".join(lines), flush=True)
        try:
            print(qr_text(handle.url), flush=True)
        except UnicodeEncodeError:
            pass  # a terminal that cannot show block characters still has the URL
        print(t["stop"], flush=True)

    def saved(event: dict) -> None:
        now = datetime.now().strftime("%H:%M:%S")
        if event.get("kind") == "observation":
            print(t["saved"].format(time=now, who=printable(event["observer"]),
                                    group=printable(event["group"]), talk=event["talk"]), flush=True)
        elif event.get("kind") == "join":
            # The join code cannot prove who holds a phone: the facilitator sees who joined as whom.
            line = t["joined"].format(time=now, who=printable(event["name"]), group=printable(event["group"]))
            if event.get("others"):
                line += t["twice"].format(who=printable(event["name"]), n=event["others"] + 1)
            print(line, flush=True)
        elif event.get("kind") == "guessing":
            print(t["guessing"].format(time=now, wrong=event.get("wrong", "?"),
                                       addresses=event.get("addresses", "?")), flush=True)

    try:
        server.run(path, host, args.port, page_lang, announce=announce, on_change=saved,
                   fresh_code=getattr(args, "new_code", False), ui_lang=lang)
    except OSError as exc:  # the listening socket is refused in start(); this is any later refusal
        raise UserError(key="cli.serve.failed", error=os_reason(exc)) from None
    print(t["stopped"], file=sys.stderr)
    return 0
