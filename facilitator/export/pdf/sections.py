"""The flowables of each report section, from a pure :class:`Report`.

User text only ever goes through :mod:`pdf_kit`'s literal paragraphs and
string table cells; see there why it can never become markup.
"""

from __future__ import annotations

from datetime import timedelta

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from facilitator.core.dates import format_date
from facilitator.export.builder import merged_by, note_meta
from facilitator.export.model import NoteItem, Report, fmt_minutes
from facilitator.export.pdf import charts
from facilitator.export.pdf.kit import (
    HEAD_BG,
    INK,
    RULE,
    TIP,
    Heading,
    P,
    Styles,
    grid_table,
    kv_table,
    para,
)


def nothing(r: Report, s: Styles) -> Paragraph:
    return P(r.t("nothing"), s.muted)


# ------------------------------------------------------------ sections ----
def cover(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 18 * mm), P(r.title, s.title), P(r.heading, s.subtitle)]
    meta = [(r.t("date"), format_date(r.date, r.lang))]
    if r.school:
        meta.append((r.t("school"), r.school))
    if r.facilitator:
        meta.append((r.t("facilitator"), r.facilitator))
    if r.next_talks:
        meta.append((r.t("next_talks"), format_date(r.next_talks, r.lang)))
    if r.followup_date:
        meta.append((r.t("followup.follow_up_meeting"), format_date(r.followup_date, r.lang)))
    meta.append((r.t("participants"), ", ".join(r.participants) or r.t("none")))
    out.append(kv_table(meta, s, width))
    for key, groups in (("groups", [(n, "", m) for n, m in r.groups]), ("practice_groups", r.practice_groups)):
        if not groups:
            continue
        out.append(P(r.t(key), s.h3))
        rows = [[P(name + (f" ({mode})" if mode else ""), s.cell_head), P(", ".join(members) or "–", s.cell)]
                for name, mode, members in groups]
        out.append(grid_table(rows, [50 * mm, width - 50 * mm], header=False))
    if r.anonymous:
        out += [Spacer(1, 6), P(r.t("anonymous_note"), s.muted)]
    return out


def agenda(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("agenda"), s.h1, "agenda")]
    if not r.agenda:
        return out + [nothing(r, s)]
    if r.started is None:
        out.append(P(r.t("not_started"), s.muted))
    if r.started is not None or r.finished:
        out.append(P(r.times, s.body))
    out.append(Spacer(1, 4))
    m = r.t("minutes_short")
    head = [P(r.t(k), s.cell_head if k == "phase" else ParagraphStyle("hr", parent=s.cell_head, alignment=TA_RIGHT))
            for k in ("phase", "planned", "allotted", "actual", "difference")]
    rows = [head]
    over = ParagraphStyle("over", parent=s.cell_right, textColor=TIP)  # overruns stand out, calmly
    tot_plan = tot_allot = 0
    tot_actual = None
    for a in r.agenda:
        tot_plan += a.planned
        tot_allot += a.allotted
        diff = ""
        if a.actual is not None:
            tot_actual = a.actual if tot_actual is None else tot_actual + a.actual
            secs = a.actual.total_seconds() - a.allotted * 60
            diff = ("+" if secs >= 1 else "−" if secs <= -1 else "") + _delta(secs)
        rows.append([P(a.title, s.cell), P(f"{a.planned} {m}", s.cell_right), P(f"{a.allotted} {m}", s.cell_right),
                     P(fmt_minutes(a.actual) if a.actual is not None else r.t("skipped") if r.started else "–",
                       s.cell_right), P(diff, over if diff.startswith("+") else s.cell_right)])
    rows.append([P(r.t("total"), s.cell_head), P(f"{tot_plan} {m}", s.cell_right), P(f"{tot_allot} {m}", s.cell_right),
                 P(fmt_minutes(tot_actual) if tot_actual is not None else "–", s.cell_right), P("", s.cell)])
    col = 24 * mm
    table = grid_table(rows, [width - 4 * col, col, col, col, col])
    table.setStyle(TableStyle([("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]))
    out.append(table)
    return out


def _delta(seconds: float) -> str:
    return fmt_minutes(timedelta(seconds=abs(seconds)))


def survey(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("survey"), s.h1, "survey")]
    sv = r.survey
    if sv is None:
        return out + [P(r.t("survey_missing"), s.muted)]
    out.append(P(sv.source.get(r.lang), s.muted))
    out.append(Spacer(1, 4))
    out.append(charts.legend(
        [(f"{r.t('mentors')} (n={sv.mentors})", charts.WHO_COLOURS["mentors"]),
         (f"{r.t('parents')} (n={sv.parents})", charts.WHO_COLOURS["parents"])], width, s.font))
    for topic in sv.topics:
        out.append(KeepTogether([
            P(topic.title.get(r.lang), s.h3), P(topic.summary.get(r.lang), s.small), Spacer(1, 3),
            charts.survey_topic(topic, r.lang, width, s.font),
        ]))
    return out


TIP_MARKUP = '<font name="%s" color="#b35c1e">\x01</font>  \x02'


def note_flowables(n: NoteItem, s: Styles, r: Report, show_group: bool = False) -> list[Flowable]:
    # The note and its meta line (author, tags) are two single-style paragraphs, not one
    # paragraph with two styles: reportlab's line breaking is twice as slow on mixed styles,
    # and a session can hold thousands of notes.
    meta = note_meta(n, r, show_group)
    markup = (TIP_MARKUP % s.bold) if n.tip else "\x02"
    out: list[Flowable] = [para(markup, s.note, r.t("tip").upper(), n.text, bullet="•")]
    if meta:
        out.append(para("\x01", s.meta, meta))
    for m in n.merged:
        who = merged_by(m, r)
        markup = "<i>\x01:</i> \x02" + (' <font size="7">(\x03)</font>' if who else "")
        out.append(para(markup, s.merged, r.t("merged"), m.text, who, bullet="↳"))
    return out


def phase_notes(block, r: Report, s: Styles, level_h: ParagraphStyle) -> list[Flowable]:
    out: list[Flowable] = []
    for q in block.questions:
        label = q.question  # the question as the room read it; its code is for the software
        out.append(CondPageBreak(40 * mm))
        out.append(P(label, level_h))
        if not q.groups:
            out.append(P(r.t("nothing"), s.muted))
        for g in q.groups:
            out.append(P(g.group, s.h3))
            for n in g.notes:
                out += note_flowables(n, s, r)
    return out


def flipovers(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("dialogue"), s.h1, "dialogue")]
    if r.template_missing:
        out.append(P(r.t("template_missing", name=r.template_missing), s.muted))
    if not r.flipovers or not any(b.count for b in r.flipovers):
        out.append(nothing(r, s))
        if not r.flipovers:
            return out
    for block in r.flipovers:
        if len(r.flipovers) > 1:
            out.append(P(block.title, s.h2))
        if block.count:
            out += phase_notes(block, r, s, s.h2)
    return out


def tips(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("tips"), s.h1, "tips")]
    if not r.tips:
        return out + [nothing(r, s)]
    out.append(P(r.t("tips_intro"), s.muted))
    out.append(Spacer(1, 4))
    for n in r.tips:
        plain = NoteItem(n.text, n.author, n.group, False, n.factors, n.merged)
        out += note_flowables(plain, s, r, show_group=True)
    return out


def other_notes(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = []
    for i, block in enumerate(r.other_notes):
        out.append(Heading(r.t("notes_in", phase=block.title), s.h1, f"notes{i}"))
        out += phase_notes(block, r, s, s.h2)
    return out


def roleplay(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("roleplay"), s.h1, "roleplay")]
    if not r.talks:
        return out + [nothing(r, s)]
    for tk in r.talks:
        title = f"{r.t('talk', n=tk.number)} · {tk.group}" + (f" ({tk.mode})" if tk.mode else "")
        rows = []
        if tk.set_title:
            rows.append((r.t("set", n="").strip(), tk.set_title))
        if tk.cards:
            cards = "; ".join(f"{role}: {title}" if role else title for role, title in tk.cards)
            if tk.situation:
                cards += f" ({r.t('situation')}: {tk.situation})"
            rows.append((r.t("cards"), cards))
        rows += tk.roles
        if tk.observers:
            rows.append((r.t("observers"), ", ".join(tk.observers)))
        if tk.duration:
            rows.append((r.t("duration"), tk.duration))
        head: list[Flowable] = [CondPageBreak(45 * mm), P(title, s.h2)]
        if rows:
            head.append(kv_table(rows, s, width))
        out += head
        out.append(P(r.t("feedback"), s.h3))
        if not tk.observations:
            out.append(P(r.t("no_feedback"), s.muted))
        for o in tk.observations:
            who = " · ".join(x for x in (o.observer, o.category) if x)
            markup = f'<font name="{s.bold}" color="#2f5d8a">\x01</font>  \x02'
            out.append(para(markup, s.note, o.stamp, o.text))
            if who:
                out.append(para("\x01", s.meta, who))
    return out


def evaluation(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("evaluation"), s.h1, "evaluation")]
    if not any(b.answers for b in r.evaluation):  # ten empty questions say less than one line
        return out + [nothing(r, s)]
    role = None
    for block in r.evaluation:
        if block.role != role:
            role = block.role
            key = {"mentor": "eval_mentor", "parent": "eval_parent"}.get(role, "eval_other")
            out.append(P(r.t(key), s.h2))
        label = block.question  # the question as the room read it; its code is for the software
        out.append(CondPageBreak(25 * mm))
        out.append(P(label, s.h3))
        if not block.answers:
            out.append(P(r.t("no_answers"), s.muted))
        for text, author in block.answers:
            out += note_flowables(NoteItem(text, author), s, r)
    return out


def actions(r: Report, s: Styles, width: float) -> list[Flowable]:
    out: list[Flowable] = [Heading(r.t("actions"), s.h1, "actions")]
    if not r.actions:
        out.append(nothing(r, s))
    else:
        out.append(P(r.t("actions_intro"), s.muted))
        out.append(Spacer(1, 5))
        keys = ["col_no", "col_what", "col_who", "col_due", "col_factors", "col_tried", "col_happened", "col_next"]
        rows = [[P(r.t(k), s.cell_head) for k in keys]]
        for a in r.actions:
            rows.append([
                P(str(a.number), s.cell), P(a.text, s.cell), P(a.owner, s.cell), P(a.due, s.cell),
                P("\n".join(a.factors), s.small),
                *[P(v, s.cell) if v else "" for v in (a.tried, a.happened, a.next_step)],
            ])
        fixed = [8 * mm, 26 * mm, 22 * mm, 38 * mm, 26 * mm]  # no, who, due, factors, tried
        rest = width - sum(fixed)
        widths = [fixed[0], rest * 0.40, fixed[1], fixed[2], fixed[3], fixed[4], rest * 0.33, rest * 0.27]
        table = grid_table(rows, widths, min_heights=[0] + [12 * mm] * len(r.actions))
        table.setStyle(TableStyle([("LINEAFTER", (4, 0), (4, -1), 0.8, RULE),
                                   ("LINEAFTER", (0, 0), (-2, -1), 0.3, RULE)]))
        out.append(table)
    if r.factor_counts and r.actions:
        chart_w = min(width, 150 * mm)
        out.append(KeepTogether([
            P(r.t("factor_chart"), s.h2),
            charts.factor_chart(r.factor_counts, r.cluster_counts, r.lang, chart_w, s.font, s.bold,
                                r.t("cluster_chart")),
            P(r.t("untagged", n=r.untagged_actions), s.muted),
        ]))
    return out


def pocket(r: Report, s: Styles, width: float) -> list[Flowable]:
    """The front of the mentor's pocket card: what may lie on the table in front of parents."""
    out: list[Flowable] = [
        Heading(r.t("pocket"), s.h1, "pocket"),
        Spacer(1, 4),
        P(r.t("pocket_agenda"), s.h2),
        P(r.t("pocket_why"), s.small),
        Spacer(1, 3),
    ]
    for i in range(1, 6):
        out.append(para("\x01", s.note, r.t(f"pocket_step{i}"), bullet=f"{i}."))
    mine: list[Flowable] = []
    for head, hint, lines in (("pocket_open", "pocket_open_hint", 2), ("pocket_ask", "pocket_ask_hint", 4)):
        mine += [P(r.t(head), s.h2), P(r.t(hint), s.small)]
        mine += [P("_" * 52, s.muted) for _ in range(lines)]  # room to write by hand
    if not r.pocket_research:
        return out + mine
    # The research's tips beside the lines to write on: in front of the mentor during the talk.
    head = ParagraphStyle("pocket_tips_head", parent=s.h2, fontSize=10, leading=13, spaceBefore=0, spaceAfter=3)
    tip = ParagraphStyle("pocket_tip", parent=s.note, fontSize=9, leading=11.5, leftIndent=10, bulletIndent=0,
                         spaceAfter=2.5)
    tips: list[Flowable] = []
    for title, points in r.pocket_research:
        tips.append(P(title, head))
        tips += [para("\x01", tip, point, bullet="•") for point in points]
    left = width * 0.54
    table = Table([[mine, tips]], colWidths=[left, width - left], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 8),
        ("RIGHTPADDING", (1, 0), (1, 0), 6),
        ("TOPPADDING", (1, 0), (1, 0), 6),
        ("BOTTOMPADDING", (1, 0), (1, 0), 6),
        ("BACKGROUND", (1, 0), (1, 0), HEAD_BG),
    ]))
    return out + [Spacer(1, 6), table]


def pocket_back(r: Report, s: Styles, width: float) -> list[Flowable]:
    """The back of the pocket card: the team's agreements and tips, for the mentor only."""
    out: list[Flowable] = [
        P(r.t("pocket_back"), s.h1),
        P(r.title + " · " + format_date(r.date, r.lang), s.muted),
        P(r.t("pocket_back_note"), s.small),
    ]
    out.append(P(r.t("pocket_tips"), s.h2))
    if not r.pocket_tips:
        out.append(P(r.t("pocket_no_tips"), s.muted))
    for tip in r.pocket_tips:
        out.append(para("\x01", s.note, tip, bullet="•"))
    if r.pocket_tips_more:
        out.append(P(r.t("pocket_more", n=r.pocket_tips_more), s.muted))
    if r.pocket_actions:
        out.append(P(r.t("pocket_actions"), s.h2))
        for a in r.pocket_actions:
            out.append(para("\x01", s.note, a, bullet="☐"))
        if r.pocket_actions_more:
            out.append(P(r.t("pocket_more", n=r.pocket_actions_more), s.muted))
    return out
