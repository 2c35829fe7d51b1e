"""`facilitator cards check|draw|print`."""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from facilitator.cli.main import lang_of, ui
from facilitator.core.catalog import languages, plural, t
from facilitator.core.errors import FileFormatError, UserError

# Decks and pydantic are imported inside the handlers: building the parser
# happens on every start of the app and must stay cheap.


def register(sub, lang: str = "nl") -> None:
    cards = sub.add_parser("cards", help=t("cli.cards.help", lang), description=t("cli.cards.help", lang))
    csub = cards.add_subparsers(dest="cards_command", metavar=t("cli.cards.action", lang), required=True)

    p = csub.add_parser("check", help=t("cli.cards.check.help", lang), description=t("cli.cards.check.help", lang))
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=t("cli.cards.check.path", lang))
    p.set_defaults(handler=cmd_check)

    p = csub.add_parser("draw", help=t("cli.cards.draw.help", lang), description=t("cli.cards.draw.help", lang))
    p.add_argument("--deck", default="default", help=t("cli.cards.deck", lang))
    p.add_argument("--set", type=int, dest="set_number", help=t("cli.cards.set", lang))
    p.add_argument("--pupil", action="store_true", help=t("cli.cards.pupil", lang))
    p.add_argument("--seed", type=int, help=t("cli.cards.seed", lang))
    p.set_defaults(handler=cmd_draw)

    p = csub.add_parser("print", help=t("cli.cards.print.help", lang), description=t("cli.cards.print.help", lang))
    p.add_argument("--deck", default="default", help=t("cli.cards.deck", lang))
    p.add_argument("--lang", choices=languages(), dest="card_lang", help=t("cli.cards.print.lang", lang))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=t("cli.cards.print.output", lang))
    p.set_defaults(handler=cmd_print)


def cmd_check(args: argparse.Namespace) -> int:
    from facilitator.services.content import load_decks, read_deck

    lang = ui(args)
    if not args.paths:
        catalog = load_decks()
        for name, deck in sorted(catalog.decks.items()):
            print(plural("cli.cards.ok", lang, len(deck.cards), source=catalog.sources[name], name=name))
        for err in catalog.skipped:
            print(t("cli.error", lang, message=err.say(lang)), file=sys.stderr)
        if catalog.skipped:
            return 1
        return 0
    files: list[Path] = []
    for p in args.paths:
        if p.is_dir():
            found = sorted(p.glob("*.toml"))  # a FIFO or device among them is refused, not opened
            if not found:
                raise UserError(t("cli.cards.empty_folder", lang, path=p))
            files += found
        elif not p.exists():
            raise UserError(t("cli.cards.no_file", lang, path=p))
        else:
            files.append(p)
    failed = 0
    for f in files:
        try:
            deck = read_deck(f)
        except FileFormatError as exc:
            failed += 1
            print(t("cli.error", lang, message=exc.say(lang)), file=sys.stderr)
            continue
        print(plural("cli.cards.ok", lang, len(deck.cards), source=f, name=deck.name))
    return 1 if failed else 0


def cmd_draw(args: argparse.Namespace) -> int:
    from facilitator.core import cards as core_cards
    from facilitator.services.content import load_decks

    lang = lang_of(args)
    catalog = load_decks()
    for err in catalog.skipped:
        print(t("cli.warning", lang, message=t("cli.cards.skipped", lang, error=err.say(lang))), file=sys.stderr)
    deck = catalog.get(args.deck)
    rng = random.Random(args.seed)
    numbers = [s.number for s in deck.sets]
    set_number = args.set_number if args.set_number is not None else rng.choice(numbers)
    if set_number not in numbers:
        raise UserError(t("cli.cards.no_set", lang, name=deck.name, number=set_number, numbers=numbers))
    drawn = core_cards.draw(deck, set_number, rng, pupil=args.pupil, lang=lang)
    labels = tuple(t(key, lang) for key in ("cli.cards.set_label", "role.mentor", "role.parent", "role.pupil"))
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
        print(t("cli.warning", ui(args), message=t("cli.cards.skipped", ui(args), error=err.say(ui(args)))), file=sys.stderr)
    deck = catalog.get(args.deck)
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise UserError(t("cli.cards.is_folder", ui(args), path=out, example=out / "cards.pdf"))
    if not out.parent.is_dir():
        raise UserError(t("cli.cards.no_folder", ui(args), path=out.parent))
    from facilitator.services.exports import write_deck_pdf

    write_deck_pdf(deck, out, lang)
    print(plural("cli.cards.printed", ui(args), len(deck.cards), path=out))
    return 0
