"""`facilitator serve SESSION`: observers' phones and the room display over the LAN."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from facilitator.cli.main import lang_of, sessions_library
from facilitator.core.errors import UserError

DEFAULT_PORT = 8737

TEXT = {
    "nl": {
        "observers": "Observanten (telefoon):",
        "room": "Scherm voor de zaal:    ",
        "code": "Code:                   ",
        "scan": "Scan om mee te doen (daarna de code invullen):",
        "local": "Let op: alleen bereikbaar vanaf deze laptop (127.0.0.1). Geef --host op voor telefoons.",
        "stop": "Stoppen: Ctrl+C",
        "saved": "{time}  feedback van {who} ({group}, gesprek {talk}) opgeslagen",
        "joined": "{time}  {who} ({group}) heeft zich aangemeld",
        "twice": "  -- let op: {who} is nu op {n} toestellen aangemeld",
        "guessing": "{time}  -- let op: iemand probeert codes te raden ({wrong} fout in een minuut, {addresses} adressen); aanmelden wacht even",
        "stopped": "Gestopt.",
    },
    "en": {
        "observers": "Observers (phone):",
        "room": "Room display:     ",
        "code": "Code:             ",
        "scan": "Scan to join (then enter the code):",
        "local": "Note: only reachable from this laptop (127.0.0.1). Pass --host for phones.",
        "stop": "Stop: Ctrl+C",
        "saved": "{time}  feedback from {who} ({group}, talk {talk}) saved",
        "joined": "{time}  {who} ({group}) joined",
        "twice": "  -- note: {who} has now joined on {n} devices",
        "guessing": "{time}  -- note: someone is guessing the code ({wrong} wrong in a minute, {addresses} addresses); joining waits a little",
        "stopped": "Stopped.",
    },
}


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535)")
    return port


def register(sub) -> None:
    p = sub.add_parser("serve", help="let observers log feedback on their phones; room display for the projector")
    p.add_argument("session", metavar="SESSION", help="session file, id or title")
    p.add_argument("--host", help="address to listen on (default: this laptop's LAN address)")
    p.add_argument("--port", type=port_number, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--new-code", action="store_true",
                   help="draw a new join code: every phone has to join again (default: keep this meeting's code)")
    p.set_defaults(handler=cmd_serve)


def printable(text: str) -> str:
    """Names come from phones: never let one put escape sequences into this terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode() for ch in text)


def cmd_serve(args: argparse.Namespace) -> int:
    from facilitator.web import server
    from facilitator.web.qr import qr_text

    lang = lang_of(args)
    t = TEXT[lang]
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
                   fresh_code=getattr(args, "new_code", False))
    except OSError as exc:
        raise UserError(f"serve: {exc.strerror or exc}") from None
    print(t["stopped"], file=sys.stderr)
    return 0
