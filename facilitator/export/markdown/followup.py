"""The follow-up meeting as Markdown: action points with status, outcomes and next steps,
the quickscan before/after, and the new action points.

User text is escaped so that it reads literally in any Markdown viewer.
"""

from __future__ import annotations

from facilitator.core import catalog

from facilitator.core import followup as core
from facilitator.core.dates import format_average, format_date
from facilitator.core.followup import Snapshot
from facilitator.core.model import ActionPoint
from facilitator.core.pseudonyms import Pseudonyms
from facilitator.export.markdown.session import md_line as md



def people(snap: Snapshot, names: bool) -> Pseudonyms:
    """Who is who: names, or the scheme every export shares (deelnemer 1..n, begeleider)."""
    return Pseudonyms([*snap.sessions, *([snap.followup] if snap.followup else [])], snap.lang, not names)


def point_meta(point: ActionPoint, lang: str, who: Pseudonyms) -> str:
    bits = [catalog.t("export.markdown.followup.who", lang) + md(who(point.owner))]
    if point.due:
        bits.append(catalog.t("export.markdown.followup.due", lang) + format_date(point.due, lang))
    if point.factors:
        bits.append(catalog.t("export.markdown.followup.factors", lang) + ", ".join(map(str, point.factors)))
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
        head = [catalog.t("export.followup.follow_up_meeting", lang), format_date(fu.date, lang)]
        if fu.school:
            head.append(md(fu.school))
        if fu.facilitator:
            head.append(md(who.facilitator(fu.facilitator)))
        add(" · ".join(head))
        add("")
    if not names:
        add(catalog.t("export.markdown.followup.without_names_participants_are_called_participant", lang))
        add("")
    if snap.sessions:
        add(catalog.t("export.markdown.followup.sessions_reviewed", lang))
        add("")
        for s in snap.sessions:
            add(f"- {md(s.title)} ({format_date(s.date, lang)}, id `{s.id}`)")
        add("")
    for msg in snap.messages:
        add(f"> {md(msg)}")
        add("")

    items = snap.items()
    counts = core.status_counts(i.point for i in items)
    add(catalog.t("export.markdown.followup.overview", lang))
    add("")
    add(f"| {catalog.t('export.followup.status', lang)} | {catalog.t('export.markdown.followup.count', lang)} |")
    add("|---|---:|")
    for status, n in counts.items():
        add(f"| {core.STATUS_LABELS[status].get(lang)} | {n} |")
    add(f"| **{catalog.t('export.followup.total', lang)}** | **{len(items)}** |")
    add("")

    add(catalog.t("export.markdown.followup.action_points_by_success_factor", lang))
    add("")
    if not items:
        add(catalog.t("export.markdown.followup.no_action_points_to_review", lang))
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
            add(f"  - {catalog.t('export.followup.status', lang)}: {core.STATUS_LABELS[p.status].get(lang)}")
            if p.outcomes:
                add(f"  - {catalog.t('export.followup.what_happened', lang)}:")
                for o in p.outcomes:
                    author = who(o.author)
                    by = f"{md(author)}: " if author else ""
                    add(f"    - {by}{md(o.text)}")
            if p.next_step:
                add(f"  - {catalog.t('export.followup.next_step', lang)}: {md(p.next_step)}")
        add("")

    cmp = snap.comparison()
    add(catalog.t("export.markdown.followup.quickscan_before_and_after", lang))
    add("")
    if not (cmp.has_before or cmp.has_after):
        add(catalog.t("export.markdown.followup.no_quickscan_ratings_yet", lang))
        add("")
    else:
        add(catalog.t("export.markdown.followup.team_rating_per_success_factor_2", lang))
        add("")
        before, after, change = catalog.t("export.followup.before", lang), catalog.t("export.followup.after", lang), catalog.t("export.followup.change", lang)
        add(f"| {catalog.t('export.followup.success_factor', lang)} | {before} | {after} | {change} |")
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

    add(catalog.t("export.markdown.followup.new_action_points", lang))
    add("")
    new = snap.new_points()
    if not new:
        add(catalog.t("export.markdown.followup.no_new_action_points", lang))
    for p in new:
        add(f"- **{md(p.text)}** — {point_meta(p, lang, who)}")
    add("")
    return "\n".join(out)
