"""`facilitator new` and `facilitator list`."""

from __future__ import annotations

import argparse
from datetime import date

from facilitator.cli.main import check_text, sessions_library, ui
from facilitator.core import dates
from facilitator.core.catalog import languages, plural, t
from facilitator.core.errors import UserError


def date_type(lang: str):
    """An argparse type for a date typed as dd-mm-jjjj or ISO, refused in the user's language."""

    def parse_date(value: str) -> date:
        try:
            return dates.parse_date(value)
        except (ValueError, UnicodeError):
            raise argparse.ArgumentTypeError(t("cli.bad_date", lang, value=value)) from None

    parse_date.__name__ = "date"
    return parse_date


def register(sub, lang: str = "nl") -> None:
    a_date = date_type(lang)
    p = sub.add_parser("new", help=t("cli.new.help", lang), description=t("cli.new.help", lang))
    p.add_argument("--title", required=True, help=t("cli.new.title", lang))
    p.add_argument("--date", type=a_date, help=t("cli.new.date", lang))
    p.add_argument("--agenda", default="default", help=t("cli.new.agenda", lang))
    p.add_argument("--lang", dest="session_lang", choices=languages(), default=None, help=t("cli.new.lang", lang))
    p.add_argument("--school", default="", help=t("cli.new.school", lang))
    p.add_argument("--facilitator", default="", help=t("cli.new.facilitator", lang))
    p.add_argument("--next-talks", type=a_date, help=t("cli.new.next_talks", lang))
    p.add_argument("--participant", action="append", default=[], help=t("cli.new.participant", lang))
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", help=t("cli.list.help", lang), description=t("cli.list.help", lang))
    p.set_defaults(handler=cmd_list)


def cmd_new(args: argparse.Namespace) -> int:
    lang = ui(args)
    title = check_text(args.title, "title", 300, required=True, lang=lang)
    agenda = check_text(args.agenda, "agenda", 200, required=True, lang=lang)
    school = check_text(args.school, "school", 300, lang=lang)
    leader = check_text(args.facilitator, "facilitator", 200, lang=lang)
    people = [check_text(n, "participant", 200, lang=lang) for n in args.participant]
    from facilitator.services.people import propose_dialogue_groups

    lib = sessions_library(args)
    service = lib.create(
        title, on=args.date, agenda=agenda,
        lang=args.session_lang or args.lang or "nl", school=school,
        facilitator=leader, next_talks=args.next_talks, participants=people,
    )
    propose_dialogue_groups(service, service.session.language)  # as the new-session form proposes them
    service.close()
    print(service.path)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from facilitator.core.plain import one_line
    from facilitator.services.library import sessions_folder as sessions_dir

    lang = ui(args)
    folder, why = sessions_dir(args.sessions_dir)
    lib = sessions_library(args)
    print(t("cli.list.folder", lang, folder=folder, why=why))
    rows = lib.summaries()
    if not rows:
        print(t("cli.list.none", lang))
        return 0
    bad = 0
    for s in rows:
        if s.error:
            bad += 1
            print(f"  !  {s.path.name}: {s.error_text(lang)}")
            continue
        kind = t("cli.list.followup", lang) if s.kind == "followup" else ""
        reached = one_line(s.phase) or "-"
        if s.ended is not None:  # the computer's local time, as the exports print it
            reached = t("clock.ended_at", lang, time=s.ended.astimezone().strftime("%H:%M"))
        print(
            f"  {dates.format_date(s.date, lang, '-')}  {one_line(s.title)}{kind}  | {t('cli.list.phase', lang)}: {reached} | "
            f"{t('cli.list.notes', lang)}: {s.notes} | {t('cli.list.action_points', lang)}: "
            f"{s.action_points} | id: {s.id}"
        )
        if s.damaged:
            lines = ", ".join(map(str, s.damaged[:5]))
            print(t("cli.list.damaged", lang, journal=s.path.with_suffix(".journal").name, lines=lines))
    if bad:
        raise UserError(plural("cli.list.unreadable", lang, bad))
    return 0
