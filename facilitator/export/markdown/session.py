"""The session report as Markdown, for mail and school systems.

Same content as the PDF (both render ``export.model.Report``). User text is
escaped so that a note reading ``**urgent**`` or ``<script>`` stays those
characters instead of turning into bold text or HTML.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Callable

from facilitator.core.content import ContentSet
from facilitator.core.dates import format_date
from facilitator.core.model import Session
from facilitator.core.plain import visible
from facilitator.export.builder import build_report, merged_by, note_meta
from facilitator.export.model import NoteItem, Report, fmt_minutes

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=\-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """User text as literal Markdown; newlines become hard line breaks.

    Control characters (a pasted ESC or BEL) are made visible first: a reader who
    `cat`s the file must not get their terminal renamed or recoloured.
    """
    lines = []
    for line in visible(text.replace("\r\n", "\n").replace("\r", "\n")).strip().split("\n"):
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        line = _ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)  # "1\." is no list
        lines.append(line)
    return "\\\n".join(lines)


def md_line(text: str) -> str:
    """User text as literal Markdown on one line (line breaks become ' / ')."""
    return md_escape(" / ".join(line.strip() for line in str(text).splitlines() if line.strip()))


def cell(text: str) -> str:
    """User text inside a pipe-table cell: one line, pipes escaped."""
    return "<br>".join(md_escape(part) for part in text.split("\n")) if text else " "


def bar(value: float, top: float, width: int = 20) -> str:
    filled = round(width * value / top) if top else 0
    return "█" * filled + "░" * (width - filled)


def to_markdown(
    session: Session, *, content: ContentSet, lang: str | None = None, anonymous: bool = False, pocket: bool = False,
    now: Callable[[], datetime] | None = None,
) -> str:
    r = build_report(session, content=content, lang=lang, anonymous=anonymous, now=now)
    return render(r, pocket=pocket)


def render(r: Report, pocket: bool = False) -> str:
    out: list[str] = []
    add = out.append
    t = r.t

    # cover
    add(f"# {md_escape(r.title)}\n")
    add(f"*{t('report_followup' if r.kind == 'followup' else 'report')}*\n")
    add(f"- **{t('date')}:** {format_date(r.date, r.lang)}")
    if r.school:
        add(f"- **{t('school')}:** {md_escape(r.school)}")
    if r.facilitator:
        add(f"- **{t('facilitator')}:** {md_escape(r.facilitator)}")
    if r.next_talks:
        add(f"- **{t('next_talks')}:** {format_date(r.next_talks, r.lang)}")
    if r.followup_date:
        add(f"- **{t('followup.follow_up_meeting')}:** {format_date(r.followup_date, r.lang)}")
    add(f"- **{t('participants')}:** {md_escape(', '.join(r.participants)) or t('none')}")
    for key, groups in (("groups", [(n, "", m) for n, m in r.groups]), ("practice_groups", r.practice_groups)):
        if groups:
            add(f"- **{t(key)}:**")
            for name, mode, members in groups:
                shown = md_escape(name) + (f" ({mode})" if mode else "")
                add(f"  - {shown}: {md_escape(', '.join(members)) or '–'}")
    if r.anonymous:
        add(f"\n*{t('anonymous_note')}*")
    add("")

    # agenda
    add(f"## {t('agenda')}\n")
    if not r.agenda:
        add(f"*{t('nothing')}*\n")
    else:
        if r.started is None:
            add(f"*{t('not_started')}*\n")
        if r.started is not None or r.finished:
            add(f"{r.times}\n")
        m = t("minutes_short")
        add(f"| {t('phase')} | {t('planned')} | {t('allotted')} | {t('actual')} |")
        add("|---|---:|---:|---:|")
        for a in r.agenda:
            actual = fmt_minutes(a.actual) if a.actual is not None else (t("skipped") if r.started else "–")
            add(f"| {cell(a.title)} | {a.planned} {m} | {a.allotted} {m} | {actual} |")
        add(f"| **{t('total')}** | {sum(a.planned for a in r.agenda)} {m} | "
            f"{sum(a.allotted for a in r.agenda)} {m} | |\n")

    # survey
    add(f"## {t('survey')}\n")
    if r.survey is None:
        add(f"*{t('survey_missing')}*\n")
    else:
        sv = r.survey
        add(f"*{md_escape(sv.source.get(r.lang))}*\n")
        for topic in sv.topics:
            add(f"### {md_escape(topic.title.get(r.lang))}\n")
            add(md_escape(topic.summary.get(r.lang)) + "\n")
            for b in topic.bars:
                if b.value is None:  # the source's words, no bar that would claim a number
                    add(f"- {md_escape(b.label.get(r.lang))}: {md_escape(b.figure(r.lang))}")
                else:
                    add(f"- `{bar(b.value, 100)}` {b.value}% {md_escape(b.label.get(r.lang))}")
            add("")

    # notes
    add(f"## {t('dialogue')}\n")
    if r.template_missing:
        add(f"*{t('template_missing', name=r.template_missing)}*\n")
    if not any(b.count for b in r.flipovers):
        add(f"*{t('nothing')}*\n")
    for block in r.flipovers:
        if len(r.flipovers) > 1:
            add(f"### {md_escape(block.title)}\n")
        if block.count:
            _phase(out, r, block)

    add(f"## {t('tips')}\n")
    if not r.tips:
        add(f"*{t('nothing')}*\n")
    for n in r.tips:
        _note(out, r, NoteItem(n.text, n.author, n.group, False, n.factors, n.merged), show_group=True)
    add("")

    for block in r.other_notes:
        add(f"## {md_escape(t('notes_in', phase=block.title))}\n")
        _phase(out, r, block)

    # role-play
    add(f"## {t('roleplay')}\n")
    if not r.talks:
        add(f"*{t('nothing')}*\n")
    for tk in r.talks:
        add(f"### {t('talk', n=tk.number)} · {md_escape(tk.group)}" + (f" ({tk.mode})" if tk.mode else "") + "\n")
        if tk.set_title:
            add(f"- **{t('set', n='').strip()}:** {md_escape(tk.set_title)}")
        if tk.cards:
            cards = "; ".join(f"{role}: {title}" if role else title for role, title in tk.cards)
            if tk.situation:
                cards += f" ({t('situation')}: {tk.situation})"
            add(f"- **{t('cards')}:** {md_escape(cards)}")
        for role, who in tk.roles:
            add(f"- **{role}:** {md_escape(who)}")
        if tk.observers:
            add(f"- **{t('observers')}:** {md_escape(', '.join(tk.observers))}")
        if tk.duration:
            add(f"- **{t('duration')}:** {tk.duration}")
        add(f"\n**{t('feedback')}**\n")
        if not tk.observations:
            add(f"*{t('no_feedback')}*")
        for o in tk.observations:
            who = " · ".join(x for x in (o.observer, o.category) if x)
            add(f"- `{o.stamp}` {md_escape(o.text)} — *{md_escape(who)}*")
        add("")

    # evaluation
    add(f"## {t('evaluation')}\n")
    answered = any(b.answers for b in r.evaluation)
    if not answered:
        add(f"*{t('nothing')}*\n")
    role = None
    for block in r.evaluation if answered else []:
        if block.role != role:
            role = block.role
            add(f"### {t({'mentor': 'eval_mentor', 'parent': 'eval_parent'}.get(role, 'eval_other'))}\n")
        label = block.question  # the question as the room read it; its code is for the software
        add(f"**{md_escape(label)}**\n")
        if not block.answers:
            add(f"*{t('no_answers')}*")
        for text, author in block.answers:
            _note(out, r, NoteItem(text, author))
        add("")

    # action points
    add(f"## {t('actions')}\n")
    if not r.actions:
        add(f"*{t('nothing')}*\n")
    else:
        add(f"*{t('actions_intro')}*\n")
        keys = ["col_no", "col_what", "col_who", "col_due", "col_factors", "col_tried", "col_happened", "col_next"]
        add("| " + " | ".join(t(k) for k in keys) + " |")
        add("|" + "---|" * len(keys))
        for a in r.actions:
            add(f"| {a.number} | {cell(a.text)} | {cell(a.owner)} | {a.due or ' '} | {cell(', '.join(a.factors))} "
                f"| {cell(a.tried)} | {cell(a.happened)} | {cell(a.next_step)} |")
        add("")
    if r.factor_counts and r.actions:
        add(f"### {t('factor_chart')}\n")
        top = max([f.count for f in r.factor_counts] + [n for _, n, _ in r.cluster_counts] + [1])
        for f in r.factor_counts:
            add(f"- `{bar(f.count, top)}` {f.count} · {f.number}. {md_escape(f.title)}")
        add(f"\n**{t('cluster_chart')}**\n")
        for title, n, numbers in r.cluster_counts:
            span = f"{numbers[0]}–{numbers[-1]}" if numbers else ""
            add(f"- `{bar(n, top)}` {n} · {md_escape(title)} ({span})")
        add(f"\n*{t('untagged', n=r.untagged_actions)}*\n")

    if pocket:
        add(f"## {t('pocket')}\n")
        add(f"### {t('pocket_agenda')}\n")
        add(f"*{t('pocket_why')}*\n")
        for i in range(1, 6):
            add(f"{i}. {t(f'pocket_step{i}')}")
        for head, hint in (("pocket_open", "pocket_open_hint"), ("pocket_ask", "pocket_ask_hint")):
            add(f"\n### {t(head)}\n")
            add(f"*{t(hint)}*\n")
            add("- \n- ")
        for title, points in r.pocket_research:  # the research's tips, on the front
            add(f"\n### {md_escape(title)}\n")
            for point in points:
                add(f"- {md_escape(point)}")
        add(f"\n### {t('pocket_back')}\n")
        add(f"*{t('pocket_back_note')}*")
        add(f"\n#### {t('pocket_tips')}\n")
        if not r.pocket_tips:
            add(f"*{t('pocket_no_tips')}*")
        for tip in r.pocket_tips:
            add(f"- {md_escape(tip)}")
        if r.pocket_tips_more:
            add(f"\n*{t('pocket_more', n=r.pocket_tips_more)}*")
        if r.pocket_actions:
            add(f"\n#### {t('pocket_actions')}\n")
            for a in r.pocket_actions:
                add(f"- [ ] {md_escape(a)}")
            if r.pocket_actions_more:
                add(f"\n*{t('pocket_more', n=r.pocket_actions_more)}*")
        add("")
    return "\n".join(out).rstrip() + "\n"


def _phase(out: list[str], r: Report, block) -> None:
    for q in block.questions:
        label = q.question  # the question as the room read it; its code is for the software
        out.append(f"### {md_escape(label)}\n")
        if not q.groups:
            out.append(f"*{r.t('nothing')}*\n")
        for g in q.groups:
            out.append(f"#### {md_escape(g.group)}\n")
            for n in g.notes:
                _note(out, r, n)
            out.append("")


def _note(out: list[str], r: Report, n: NoteItem, show_group: bool = False) -> None:
    text = md_escape(n.text).replace("\n", "\n  ")
    if n.tip:
        text = f"**{r.t('tip').upper()}** " + text
    meta = note_meta(n, r, show_group)
    if meta:
        text += f" — *{md_escape(meta)}*"
    out.append(f"- {text}")
    for m in n.merged:
        who = merged_by(m, r)
        line = f"  - *{r.t('merged')}:* " + md_escape(m.text).replace("\n", "\n    ")
        if who:
            line += f" ({md_escape(who)})"
        out.append(line)
