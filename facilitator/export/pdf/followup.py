"""The follow-up meeting as a PDF: what became of every action point, the quickscan
before/after as a chart, and the new action points.

reportlab is imported here only (never at app start-up). Every piece of user
text goes through ``fonts.escape``: a note saying ``<b>`` prints ``<b>``.
"""

from __future__ import annotations

from facilitator.core import catalog

from io import BytesIO

from facilitator.core import followup as core
from facilitator.core.dates import format_average, format_date
from facilitator.core.followup import Snapshot
from facilitator.core.model import ActionPoint
from facilitator.core.plain import visible
from facilitator.core.pseudonyms import Pseudonyms
from facilitator.export.pdf.fonts import escape as _escape, register_fonts

STATUS_COLOURS = {
    "open": "#6b7280", "not_tried": "#b45309", "helped": "#15803d", "not_helped": "#b91c1c",
    "adjusted": "#0e7490", "dropped": "#7e22ce",
}
BEFORE_COLOUR, AFTER_COLOUR = "#9ca3af", "#1d4ed8"


def escape(text: str) -> str:
    """User text for a Paragraph: no markup, and control characters made visible."""
    return _escape(visible(text))




class _Doc:
    """Styles and helpers for one build."""

    def __init__(self, lang: str, names: bool, sf):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

        self.lang, self.names, self.sf = lang, names, sf
        self.people = Pseudonyms([], lang, not names)  # build() gives it the sessions
        self.regular, self.bold = register_fonts()
        base = getSampleStyleSheet()
        self.colors = colors
        self.body = ParagraphStyle("fu-body", parent=base["BodyText"], fontName=self.regular, fontSize=10, leading=13)
        self.small = ParagraphStyle("fu-small", parent=self.body, fontSize=8.5, leading=11,
                                    textColor=colors.HexColor("#374151"))
        self.title = ParagraphStyle("fu-title", parent=base["Title"], fontName=self.bold, fontSize=20, leading=24,
                                    alignment=0, spaceAfter=4)
        self.h1 = ParagraphStyle("fu-h1", parent=base["Heading1"], fontName=self.bold, fontSize=15, leading=19,
                                 spaceBefore=12, spaceAfter=6, textColor=colors.HexColor("#1e3a8a"),
                                 keepWithNext=1)
        self.h2 = ParagraphStyle("fu-h2", parent=base["Heading2"], fontName=self.bold, fontSize=12, leading=15,
                                 spaceBefore=10, spaceAfter=3, keepWithNext=1)
        self.point = ParagraphStyle("fu-point", parent=self.body, fontName=self.bold, fontSize=11, leading=14,
                                    spaceBefore=4)
        self.bullet = ParagraphStyle("fu-bullet", parent=self.body, leftIndent=14, bulletIndent=4)
        self.warn = ParagraphStyle("fu-warn", parent=self.body, textColor=colors.HexColor("#b91c1c"))


    def p(self, text: str, style=None):
        """A paragraph of trusted markup (our own labels around escaped user text)."""
        from reportlab.platypus import Paragraph

        return Paragraph(text, style or self.body)

    def who(self, name: str | None) -> str | None:
        """A name as this export shows it: itself, or the shared scheme (deelnemer 1..n)."""
        return self.people(name) or None if name else None


def _status_html(d: _Doc, status: str) -> str:
    return f'<font color="{STATUS_COLOURS[status]}"><b>{escape(core.STATUS_LABELS[status].get(d.lang))}</b></font>'


def _meta(d: _Doc, point: ActionPoint, source: str | None) -> str:
    bits = [f"{catalog.t('export.pdf.followup.who', d.lang)}: {escape(d.who(point.owner) or '')}"]
    if point.due:
        bits.append(f"{catalog.t('export.pdf.followup.due', d.lang)}: {format_date(point.due, d.lang)}")
    if point.factors:
        bits.append(f"{catalog.t('export.pdf.followup.factors', d.lang)}: {', '.join(map(str, point.factors))}")
    if source:
        bits.append(f"{catalog.t('export.pdf.followup.session', d.lang)}: {escape(source)}")
    return " · ".join(bits)


def _point_flowables(d: _Doc, item: core.ReviewItem, several: bool, heading=None) -> list:
    """One point as a block that stays on one page (with its group's heading, if given)."""
    from reportlab.platypus import KeepTogether

    p = item.point
    parts = [heading] if heading is not None else []
    parts += [
        d.p(escape(p.text), d.point),
        d.p(_meta(d, p, item.session_title if several else None), d.small),
        d.p(f"{catalog.t('export.followup.status', d.lang)}: {_status_html(d, p.status)}"),
    ]
    if p.outcomes:
        parts.append(d.p(f"<b>{catalog.t('export.followup.what_happened', d.lang)}</b>"))
        for o in p.outcomes:
            who = d.who(o.author)
            prefix = f"<b>{escape(who)}:</b> " if who else ""
            parts.append(d.p(prefix + escape(o.text), d.bullet))
    if p.next_step:
        parts.append(d.p(f"<b>{catalog.t('export.followup.next_step', d.lang)}:</b> {escape(p.next_step)}"))
    return [KeepTogether(parts)]


def _counts_table(d: _Doc, items: list[core.ReviewItem]):
    """Status counts; with several sessions (teams) a column per session, then the total."""
    from reportlab.platypus import Table, TableStyle

    groups = core.group_by_session(items)
    columns = [core.status_counts(i.point for i in g.items) for g in groups] if len(groups) > 1 else []
    total = core.status_counts(i.point for i in items)
    titles = {i.session_id: i.session_title for i in items}
    head = [d.p(f"<b>{catalog.t('export.followup.status', d.lang)}</b>")]
    head += [d.p(f"<b>{escape(titles[g.key])}</b>", d.small) for g in groups] if columns else []
    head.append(d.p(f"<b>{catalog.t('export.followup.total', d.lang)}</b>"))
    rows = [head]
    for status in core.STATUSES:
        rows.append([d.p(_status_html(d, status))] + [d.p(str(c[status])) for c in columns]
                    + [d.p(f"<b>{total[status]}</b>")])
    rows.append([d.p(f"<b>{catalog.t('export.followup.total', d.lang)}</b>")]
                + [d.p(str(sum(c.values()))) for c in columns] + [d.p(f"<b>{len(items)}</b>")])
    table = Table(rows, colWidths=[170] + [min(90, 280 / max(1, len(columns)))] * len(columns) + [55],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, d.colors.black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.5, d.colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


#: A "+-" rating scores 0: a bar of no length would look like no rating at all ("?").
#: It gets a short stub instead, just visible, so rated-neutral and unrated differ on paper.
NEUTRAL_STUB = 0.08


def _drawn(score: float | None) -> float | None:
    """The length a rating's bar is drawn with: its score, a stub for "+-", none for "?"."""
    if score is None:
        return None
    return NEUTRAL_STUB if score == 0 else score


def quickscan_chart(d: _Doc, cmp: core.Comparison, width: float = 460, height: float = 300):
    """Horizontal bars per factor, before (grey) and after (blue), on the -- .. ++ scale."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing

    sf = d.sf
    changes = list(reversed(cmp.factors))  # the chart draws bottom-up; factor 1 goes on top
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 30
    chart.width, chart.height = width - 190, height - 60
    # Series draw bottom-up within a factor too: "after" first puts "before" on top.
    chart.data = [
        [_drawn(c.after.score) for c in changes],
        [_drawn(c.before.score) for c in changes],
    ]
    chart.bars[0].fillColor = d.colors.HexColor(AFTER_COLOUR)
    chart.bars[1].fillColor = d.colors.HexColor(BEFORE_COLOUR)
    chart.bars.strokeColor = None
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = -2, 2, 1
    chart.valueAxis.labelTextFormat = lambda v: core.SYMBOL_OF.get(int(round(v)), "")
    chart.valueAxis.labels.fontName = d.regular
    chart.valueAxis.labels.fontSize = 9
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = d.colors.HexColor("#d1d5db")
    chart.categoryAxis.categoryNames = [
        f"{c.factor}. {sf.factor(c.factor).title.get(d.lang)}"[:34] for c in changes
    ]
    chart.categoryAxis.labels.fontName = d.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    # The axis line sits at the value 0 ("+-"), so bars grow left (worse) or right (better).
    chart.categoryAxis.joinAxisMode = "left"
    chart.categoryAxis.visibleTicks = False
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 170, height - 12
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 110
    legend.fontName = d.regular
    legend.fontSize = 9
    legend.colorNamePairs = [
        (d.colors.HexColor(BEFORE_COLOUR), catalog.t("export.pdf.followup.before_training", d.lang)),
        (d.colors.HexColor(AFTER_COLOUR), catalog.t("export.pdf.followup.after_follow_up", d.lang)),
    ]
    drawing.add(legend)
    return drawing


def _quickscan_table(d: _Doc, cmp: core.Comparison):
    from reportlab.platypus import Table, TableStyle

    head = [catalog.t("export.followup.success_factor", d.lang), catalog.t("export.followup.before", d.lang), catalog.t("export.followup.after", d.lang),
            catalog.t("export.followup.change", d.lang)]
    rows = [[d.p(f"<b>{h}</b>") for h in head]]
    bold_rows = []
    for cl in cmp.clusters:
        title = d.sf.cluster_label(cl.cluster, d.lang)
        bold_rows.append(len(rows))
        rows.append([
            d.p(f"<b>{escape(title)}</b>"),
            d.p("" if cl.before is None else f"<b>{format_average(cl.before, d.lang, signed=True)}</b>"),
            d.p("" if cl.after is None else f"<b>{format_average(cl.after, d.lang, signed=True)}</b>"),
            d.p(f"<b>{core.fmt_delta(cl.delta, d.lang)}</b>"),
        ])
        for ch in cmp.factors:
            if ch.factor in cl.factors:
                rows.append([
                    d.p(escape(d.sf.factor_label(ch.factor, d.lang))),
                    d.p(escape(ch.before.rating or "")), d.p(escape(ch.after.rating or "")),
                    d.p(core.fmt_delta(ch.delta, d.lang)),
                ])
    table = Table(rows, colWidths=[250, 60, 60, 60], hAlign="LEFT", repeatRows=1)
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, d.colors.black),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for r in bold_rows:
        style.append(("BACKGROUND", (0, r), (-1, r), d.colors.HexColor("#e5e7eb")))
    table.setStyle(TableStyle(style))
    return table


def build(snap: Snapshot, *, names: bool = True) -> bytes:
    """The follow-up PDF as bytes. `names=False` leaves people's names out."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    d = _Doc(snap.lang, names, snap.factors)
    d.people = Pseudonyms([*snap.sessions, *([snap.followup] if snap.followup else [])], snap.lang, not names)
    buf = BytesIO()
    title = snap.title
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=1.8 * cm, bottomMargin=1.8 * cm,
        title=title, author="facilitator",
    )

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(d.regular, 8)
        canvas.setFillColor(d.colors.grey)
        canvas.drawString(2 * cm, 1 * cm, visible(title)[:90])
        canvas.drawRightString(A4[0] - 2 * cm, 1 * cm, f"{catalog.t('export.pdf.followup.page', d.lang)} {document.page}")
        canvas.restoreState()

    story: list = [d.p(escape(title), d.title)]
    fu = snap.followup
    if fu is not None:
        line = [catalog.t("export.followup.follow_up_meeting", d.lang), format_date(fu.date, d.lang)]
        if fu.school:
            line.append(escape(fu.school))
        if fu.facilitator:
            line.append(escape(d.people.facilitator(fu.facilitator)))
        story.append(d.p(" · ".join(line)))
    if not names:
        story.append(d.p(catalog.t("export.pdf.followup.without_names_participants_are_called_participant", d.lang), d.small))
    if snap.sessions:
        listed = "; ".join(f"{escape(s.title)} ({format_date(s.date, d.lang)})" for s in snap.sessions)
        story.append(d.p(f"{catalog.t('export.pdf.followup.sessions_reviewed', d.lang)}: {listed}", d.small))
    for msg in snap.messages:
        story.append(d.p(escape(msg), d.warn))

    items = snap.items()
    story.append(d.p(catalog.t("export.pdf.followup.overview", d.lang), d.h1))
    story.append(_counts_table(d, items))

    story.append(d.p(catalog.t("export.pdf.followup.action_points_by_success_factor", d.lang), d.h1))
    if not items:
        story.append(d.p(catalog.t("export.pdf.followup.no_action_points_to_review", d.lang)))
    several = len(snap.sessions) > 1
    for group in core.group_by_factor(items, once=True):
        counts = ", ".join(
            f"{core.STATUS_SHORT[s].get(d.lang)} {n}" for s, n in group.counts.items() if n
        )
        heading = d.p(
            f"{escape(d.sf.factor_label(group.key, d.lang))} "
            f'<font size="9" color="#4b5563">({escape(counts)})</font>', d.h2,
        )
        for n, item in enumerate(group.items):
            # The heading travels with the group's first point: never alone at a page's foot.
            story += _point_flowables(d, item, several, heading if n == 0 else None)
            story.append(Spacer(1, 4))

    cmp = snap.comparison()
    heading = d.p(catalog.t("export.pdf.followup.quickscan_before_and_after", d.lang), d.h1)
    if not (cmp.has_before or cmp.has_after):
        story.append(heading)
        story.append(d.p(catalog.t("export.pdf.followup.no_quickscan_ratings_yet", d.lang)))
    else:
        story.append(KeepTogether([heading, d.p(catalog.t("export.pdf.followup.team_rating_per_success_factor_an", d.lang), d.small), quickscan_chart(d, cmp)]))
        story.append(Spacer(1, 6))
        story.append(_quickscan_table(d, cmp))

    story.append(d.p(catalog.t("export.pdf.followup.new_action_points", d.lang), d.h1))
    new = snap.new_points()
    if not new:
        story.append(d.p(catalog.t("export.pdf.followup.no_new_action_points", d.lang)))
    else:
        rows = [[d.p(f"<b>{h}</b>") for h in (catalog.t("export.pdf.followup.action_point", d.lang), catalog.t("export.pdf.followup.who", d.lang),
                                              catalog.t("export.pdf.followup.due", d.lang), catalog.t("export.pdf.followup.factors", d.lang))]]
        for p in new:
            rows.append([d.p(escape(p.text)), d.p(escape(d.who(p.owner) or "")),
                         d.p(format_date(p.due, d.lang)), d.p(", ".join(map(str, p.factors)))])
        table = Table(rows, colWidths=[250, 80, 70, 70], hAlign="LEFT", repeatRows=1)
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, d.colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, d.colors.HexColor("#d1d5db")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]))
        story.append(table)

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
