"""`facilitator new` and `facilitator list`."""

from __future__ import annotations

import argparse
from datetime import date

from facilitator.cli.main import check_text, sessions_library
from facilitator.core.errors import UserError


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except (ValueError, UnicodeError):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-23") from None


def register(sub) -> None:
    p = sub.add_parser("new", help="create a session and print its file's path")
    p.add_argument("--title", required=True, help="session title")
    p.add_argument("--date", type=parse_date, help="date of the meeting (YYYY-MM-DD, default today)")
    p.add_argument("--agenda", default="default", help="agenda template (default, agenda-60, agenda-90, followup)")
    p.add_argument("--lang", dest="session_lang", choices=["nl", "en"], default=None, help="session language")
    p.add_argument("--school", default="", help="school or location")
    p.add_argument("--facilitator", default="", help="who leads the meeting")
    p.add_argument("--next-talks", type=parse_date, help="date of the next round of 10-minute talks")
    p.add_argument("--participant", action="append", default=[], help="a participant (repeatable)")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", help="list sessions, newest first, and say where they are stored")
    p.set_defaults(handler=cmd_list)


def cmd_new(args: argparse.Namespace) -> int:
    title = check_text(args.title, "title", 300, required=True)
    agenda = check_text(args.agenda, "agenda", 200, required=True)
    school = check_text(args.school, "school", 300)
    leader = check_text(args.facilitator, "facilitator", 200)
    people = [check_text(n, "participant name", 200) for n in args.participant]
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
    from facilitator.services.library import sessions_folder as sessions_dir

    en = (args.lang or "nl") == "en"

    def t(nl: str, english: str) -> str:
        return english if en else nl

    from facilitator.core.plain import one_line

    folder, why = sessions_dir(args.sessions_dir)
    lib = sessions_library(args)
    print(t(f"Sessiemap: {folder} (gekozen via {why})", f"Sessions folder: {folder} (chosen by {why})"))
    rows = lib.summaries()
    if not rows:
        print(t("Nog geen sessies. Maak er een met `facilitator new --title ...` of in de app.",
                "No sessions yet. Create one with `facilitator new --title ...` or in the app."))
        return 0
    bad = 0
    for s in rows:
        if s.error:
            bad += 1
            print(f"  !  {s.path.name}: {s.error}")
            continue
        kind = t(" (vervolgbijeenkomst)", " (follow-up)") if s.kind == "followup" else ""
        print(
            f"  {s.date}  {one_line(s.title)}{kind}  | {t('fase', 'phase')}: {one_line(s.phase) or '-'} | "
            f"{t('notities', 'notes')}: {s.notes} | {t('actiepunten', 'action points')}: "
            f"{s.action_points} | id: {s.id}"
        )
        if s.damaged:
            lines = ", ".join(map(str, s.damaged[:5]))
            journal = s.path.with_suffix(".journal").name
            print(t(f"     let op: {journal}: onleesbare regel(s) {lines} overgeslagen; "
                    "bij het volgende openen wordt er een kopie van bewaard",
                    f"     warning: {journal}: skipped unreadable line(s) {lines}; "
                    "a copy is kept when the session is next opened"))
    if bad:
        raise UserError(t(f"{bad} sessiebestand(en) niet te lezen (met ! gemarkeerd)",
                          f"{bad} session file(s) could not be read (marked ! above)"))
    return 0
