"""`facilitator cards check|draw|print`."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from facilitator.cli.main import lang_of
from facilitator.core.errors import FileFormatError, UserError

# Decks and pydantic are imported inside the handlers: building the parser
# happens on every start of the app and must stay cheap.


def register(sub) -> None:
    cards = sub.add_parser("cards", help="check decks and draw role cards")
    csub = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)

    p = csub.add_parser("check", help="validate deck files (default: every deck folder)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="deck file or folder")
    p.set_defaults(handler=cmd_check)

    p = csub.add_parser("draw", help="draw the cards for one practice talk")
    p.add_argument("--deck", default="default", help="deck name (default: default)")
    p.add_argument("--set", type=int, dest="set_number", help="card set (default: random)")
    p.add_argument("--pupil", action="store_true", help="add a pupil card (trio)")
    p.add_argument("--seed", type=int, help="random seed, for a reproducible draw")
    p.set_defaults(handler=cmd_draw)

    p = csub.add_parser("print", help="print the whole deck on A4 with cut lines (PDF)")
    p.add_argument("--deck", default="default", help="deck name (default: default)")
    p.add_argument("--lang", choices=["nl", "en"], dest="card_lang", help="card language (default: nl)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="PDF file to write, e.g. cards.pdf")
    p.set_defaults(handler=cmd_print)


def cmd_check(args: argparse.Namespace) -> int:
    from facilitator.services.content import load_decks, read_deck

    if not args.paths:
        catalog = load_decks()
        for name, deck in sorted(catalog.decks.items()):
            print(f"ok: {catalog.sources[name]} (deck '{name}', {len(deck.cards)} cards)")
        for err in catalog.skipped:
            print(f"facilitator: error: {err}", file=sys.stderr)
        if catalog.skipped:
            return 1
        return 0
    files: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            found = sorted(p.glob("*.toml"))  # a FIFO or device among them is refused, not opened
            if not found:
                raise UserError(f"{p}: a folder with no deck files (*.toml) in it")
            files += found
        elif not p.exists():
            raise UserError(f"{p}: no such file")
        else:
            files.append(p)
    failed = 0
    for f in files:
        try:
            deck = read_deck(f)
        except FileFormatError as exc:
            failed += 1
            print(f"facilitator: error: {exc}", file=sys.stderr)
            continue
        print(f"ok: {f} (deck '{deck.name}', {len(deck.cards)} cards)")
    return 1 if failed else 0


def cmd_draw(args: argparse.Namespace) -> int:
    from facilitator.core import cards as core_cards
    from facilitator.services.content import load_decks

    lang = lang_of(args)
    catalog = load_decks()
    for err in catalog.skipped:
        print(f"facilitator: warning: skipped deck: {err}", file=sys.stderr)
    deck = catalog.get(args.deck)
    rng = random.Random(args.seed)
    numbers = [s.number for s in deck.sets]
    set_number = args.set_number if args.set_number is not None else rng.choice(numbers)
    if set_number not in numbers:
        raise UserError(f"deck '{deck.name}' has no set {set_number} (sets: {numbers})")
    drawn = core_cards.draw(deck, set_number, rng, pupil=args.pupil, lang=lang)
    labels = {"nl": ("Set", "Mentor", "Ouder", "Leerling"), "en": ("Set", "Mentor", "Parent", "Pupil")}[lang]
    title = next(s.title.get(lang) for s in deck.sets if s.number == set_number)
    print(f"{labels[0]} {set_number}: {title}")
    for label, card in zip(labels[1:], (drawn.mentor, drawn.parent, drawn.pupil)):
        if card is not None:
            print(f"\n{label} [{card.id}] {card.title.get(lang)}")
            print(f"  {card.render(lang, drawn.situation)}")
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    from facilitator.services.content import load_decks

    lang = getattr(args, "card_lang", None) or lang_of(args)
    catalog = load_decks()
    for err in catalog.skipped:
        print(f"facilitator: warning: skipped deck: {err}", file=sys.stderr)
    deck = catalog.get(args.deck)
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name such as {out / 'cards.pdf'}")
    if not out.parent.is_dir():
        raise UserError(f"{out.parent}: no such folder")
    from facilitator.services.exports import write_deck_pdf

    write_deck_pdf(deck, out, lang)
    print(f"{out} ({len(deck.cards)} cards)")
    return 0
