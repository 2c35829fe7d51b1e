"""The calendar file written at Afronden: the dates teachers put in their own agendas.

Two all-day events, each only when its date is known: the next round of
10-minute talks and the follow-up meeting, both with the action points (what,
who, by when) in the description. UIDs come from the session id, so exporting
again updates the same events in an agenda program instead of doubling them.
"""

from __future__ import annotations

from facilitator.core import catalog

from datetime import date, datetime, timedelta

from facilitator.core.dates import format_date
from facilitator.core.model import Session
from facilitator.core.plain import one_line


def _fmt(day: date | None, lang: str) -> str:
    if day is None:
        return catalog.t("export.calendar.no_date", lang)
    return format_date(day, lang)


def action_lines(session: Session, lang: str) -> list[str]:
    """One line per action point: what — who — by when."""
    who, by = catalog.t("export.calendar.who", lang), catalog.t("export.calendar.by", lang)
    return [f"- {one_line(p.text)} ({who}: {one_line(p.owner)}; {by}: {_fmt(p.due, lang)})"
            for p in session.action_points]


def calendar_events(session: Session, lang: str) -> list[tuple[str, date, str]]:
    """(uid suffix, day, summary) of every event the calendar holds."""
    events: list[tuple[str, date, str]] = []
    if session.next_talks is not None:
        events.append(("next-talks", session.next_talks,
                       catalog.t("export.calendar.ten_minute_talks_try_the_action", lang)))
    if session.followup_date is not None:
        events.append(("followup", session.followup_date,
                       catalog.t("export.calendar.follow_up_meeting_review_the_action", lang)))
    return events


def to_ics(session: Session, lang: str, now: datetime) -> bytes:
    from icalendar import Calendar, Event  # imported only when a meeting is closed

    cal = Calendar()
    cal.add("prodid", "-//facilitator//intervisie//NL")
    cal.add("version", "2.0")
    points = action_lines(session, lang)
    head = one_line(session.title)
    body = catalog.t("export.calendar.action_points_from", lang) + f" {head} ({_fmt(session.date, lang)}):"
    description = "\n".join([body, *points]) if points else body + " " + catalog.t("export.calendar.none", lang)
    for suffix, day, summary in calendar_events(session, lang):
        event = Event()
        event.add("uid", f"{session.id}-{suffix}@facilitator")
        event.add("dtstamp", now)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        if session.school:
            event.add("location", one_line(session.school))
        cal.add_component(event)
    return cal.to_ical()
