"""The follow-up meeting as Markdown: action points with status, outcomes and next steps,
the quickscan before/after, and the new action points.

User text is escaped so that it reads literally in any Markdown viewer.
"""

from __future__ import annotations

from facilitator.core import followup as core
from facilitator.core.dates import format_average, format_date
from facilitator.core.followup import Snapshot
from facilitator.core.model import ActionPoint
from facilitator.core.plain import pick
from facilitator.core.pseudonyms import Pseudonyms
from facilitator.export.markdown.session import md_line as md

L = pick


def people(snap: Snapshot, names: bool) -> Pseudonyms:
    """Who is who: names, or the scheme every export shares (deelnemer 1..n, begeleider)."""
    return Pseudonyms([*snap.sessions, *([snap.followup] if snap.followup else [])], snap.lang, not names)


def point_meta(point: ActionPoint, lang: str, who: Pseudonyms) -> str:
    bits = [L(lang, "wie: ", "who: ") + md(who(point.owner))]
    if point.due:
        bits.append(L(lang, "klaar: ", "due: ") + format_date(point.due, lang))
    if point.factors:
        bits.append(L(lang, "factoren: ", "factors: ") + ", ".join(map(str, point.factors)))
    return " · ".join(bits)


def render(snap: Snapshot, *, names: bool = True) -> str:
    """The follow-up as Markdown. `names=False` leaves people's names out."""
    lang = snap.lang
    sf = snap.factors
    who = people(snap, names)
    out: list[str] = []
    add = out.append
    fu = snap.followup
    add(f"# {md(snap.title)}")
    add("")
    if fu is not None:
        head = [L(lang, "Vervolgbijeenkomst", "Follow-up meeting"), format_date(fu.date, lang)]
        if fu.school:
            head.append(md(fu.school))
        if fu.facilitator:
            head.append(md(who.facilitator(fu.facilitator)))
        add(" · ".join(head))
        add("")
    if not names:
        add(L(lang, "*Zonder namen: deelnemers heten hier deelnemer 1, 2, … (dezelfde nummers als in het verslag "
                    "van de sessie) en de begeleider heet begeleider.*",
              "*Without names: participants are called participant 1, 2, … (the same numbers as in the session's "
              "report) and the facilitator is called facilitator.*"))
        add("")
    if snap.sessions:
        add(L(lang, "Nagelopen sessies:", "Sessions reviewed:"))
        add("")
        for s in snap.sessions:
            add(f"- {md(s.title)} ({format_date(s.date, lang)}, id `{s.id}`)")
        add("")
    for msg in snap.messages:
        add(f"> {md(msg)}")
        add("")

    items = snap.items()
    counts = core.status_counts(i.point for i in items)
    add(L(lang, "## Overzicht", "## Overview"))
    add("")
    add(f"| {L(lang, 'Status', 'Status')} | {L(lang, 'Aantal', 'Count')} |")
    add("|---|---:|")
    for status, n in counts.items():
        add(f"| {core.STATUS_LABELS[status].get(lang)} | {n} |")
    add(f"| **{L(lang, 'Totaal', 'Total')}** | **{len(items)}** |")
    add("")

    add(L(lang, "## Actiepunten per succesfactor", "## Action points by success factor"))
    add("")
    if not items:
        add(L(lang, "_Geen actiepunten om na te lopen._", "_No action points to review._"))
        add("")
    several = len(snap.sessions) > 1
    for group in core.group_by_factor(items, once=True):
        c = group.counts
        summary = ", ".join(f"{core.STATUS_SHORT[s].get(lang)} {n}" for s, n in c.items() if n)
        add(f"### {sf.factor_label(group.key, lang)}")
        add("")
        add(f"_{summary}_")
        add("")
        for item in group.items:
            p = item.point
            source = f" — {md(item.session_title)}" if several else ""
            add(f"- **{md(p.text)}**{source}")
            add(f"  - {point_meta(p, lang, who)}")
            add(f"  - {L(lang, 'Status', 'Status')}: {core.STATUS_LABELS[p.status].get(lang)}")
            if p.outcomes:
                add(f"  - {L(lang, 'Wat gebeurde er', 'What happened')}:")
                for o in p.outcomes:
                    author = who(o.author)
                    by = f"{md(author)}: " if author else ""
                    add(f"    - {by}{md(o.text)}")
            if p.next_step:
                add(f"  - {L(lang, 'Volgende stap', 'Next step')}: {md(p.next_step)}")
        add("")

    cmp = snap.comparison()
    add(L(lang, "## Quickscan: voor en na", "## Quickscan: before and after"))
    add("")
    if not (cmp.has_before or cmp.has_after):
        add(L(lang, "_Nog geen quickscan ingevuld._", "_No quickscan ratings yet._"))
        add("")
    else:
        add(L(lang, "Teamscore per succesfactor (++ = 2 … -- = -2; ? telt niet mee).",
              "Team rating per success factor (++ = 2 … -- = -2; ? is not scored)."))
        add("")
        before, after, change = L(lang, "voor", "before"), L(lang, "na", "after"), L(lang, "verschil", "change")
        add(f"| {L(lang, 'Succesfactor', 'Success factor')} | {before} | {after} | {change} |")
        add("|---|:---:|:---:|:---:|")
        for cl in cmp.clusters:
            b = "" if cl.before is None else format_average(cl.before, lang, signed=True)
            a = "" if cl.after is None else format_average(cl.after, lang, signed=True)
            add(f"| **{sf.cluster_label(cl.cluster, lang)}** | {b} | {a} | {core.fmt_delta(cl.delta, lang)} |")
            for ch in cmp.factors:
                if ch.factor in cl.factors:
                    add(f"| {sf.factor_label(ch.factor, lang)} | {ch.before.rating or ''} | "
                        f"{ch.after.rating or ''} | {core.fmt_delta(ch.delta, lang)} |")
        add("")

    add(L(lang, "## Nieuwe actiepunten", "## New action points"))
    add("")
    new = snap.new_points()
    if not new:
        add(L(lang, "_Geen nieuwe actiepunten._", "_No new action points._"))
    for p in new:
        add(f"- **{md(p.text)}** — {point_meta(p, lang, who)}")
    add("")
    return "\n".join(out)
