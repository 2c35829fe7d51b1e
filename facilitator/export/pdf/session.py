"""The session PDF: ``write_pdf(session, path)``.

One pass over the flowables, however long the session: the table of contents
and the "page X of Y" footer print their numbers through PDF form XObjects
that are filled in at the end of the build (a form may be used before it is
defined), instead of reportlab's usual second full layout pass.

The file appears atomically: the PDF is built in memory, written to a temp
file next to the target, fsynced and renamed over it, so a failure never
leaves half a PDF behind.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Callable

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from facilitator.core.content import ContentSet
from facilitator.core.model import Session
from facilitator.core.plain import visible
from facilitator.export.builder import build_report
from facilitator.export.model import Report
from facilitator.export.pdf import kit, sections as sec
from facilitator.export.pdf.charts import fit
from facilitator.export.pdf.fonts import register_fonts

Progress = Callable[[int, int], None]
MARGIN = 20 * mm
FOOT = 10 * mm


class Contents(Flowable):
    """The table of contents; page numbers are forms drawn once the build is done."""

    def __init__(self, title: str, entries: list[tuple[str, str]], s: kit.Styles):
        super().__init__()
        self.title, self.entries, self.s = title, entries, s
        self.row = 15

    def wrap(self, aw, ah):
        self.width = aw
        return aw, 26 + self.row * len(self.entries)

    def draw(self):
        c = self.canv
        y = self.row * len(self.entries) + 8
        c.setFont(self.s.bold, 11.5)
        c.setFillColor(kit.INK)
        c.drawString(0, y + 4, self.title)
        c.setFont(self.s.font, 9.5)
        for anchor, text in self.entries:
            y -= self.row
            shown = fit(text, self.s.font, 9.5, self.width - 40)
            c.setFillColor(kit.INK)
            c.drawString(0, y, shown)
            c.setStrokeColor(kit.RULE)
            c.setDash(1, 2)
            c.line(stringWidth(shown, self.s.font, 9.5) + 4, y, self.width - 24, y)
            c.setDash()
            c.saveState()
            c.translate(self.width, y)
            c.doForm(f"toc-{anchor}")
            c.restoreState()
            c.linkRect("", anchor, (0, y - 3, self.width, y + 10), relative=1, thickness=0)


class ReportDoc(BaseDocTemplate):
    def __init__(self, filename, report: Report, s: kit.Styles, **kw):
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN + FOOT, title=report.title,
                         author="facilitator", subject=report.heading,
                         lang=report.lang, **kw)  # screen readers pick the voice
        self.report, self.s = report, s
        self.pages: dict[str, int] = {}
        pw, ph = A4
        lw, lh = landscape(A4)
        self.addPageTemplates([
            PageTemplate("portrait", [Frame(MARGIN, MARGIN + FOOT, pw - 2 * MARGIN, ph - 2 * MARGIN - FOOT,
                                            id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)],
                         onPage=self.footer, pagesize=A4),
            PageTemplate("landscape", [Frame(MARGIN, MARGIN + FOOT, lw - 2 * MARGIN, lh - 2 * MARGIN - FOOT,
                                             id="wide", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)],
                         onPage=self.footer, pagesize=landscape(A4)),
        ])

    def footer(self, canv, doc) -> None:
        pw, _ = canv._pagesize
        self.last_page = canv.getPageNumber()
        canv.saveState()
        canv.setFont(self.s.font, 7.5)
        canv.setFillColor(kit.MUTED)
        canv.setStrokeColor(kit.RULE)
        canv.setLineWidth(0.5)
        y = MARGIN
        canv.line(MARGIN, y + 9, pw - MARGIN, y + 9)
        page = self.report.t("page_of", page=canv.getPageNumber(), total="\x00")
        before = page.split("\x00")[0]
        right_w = stringWidth(before + "000", self.s.font, 7.5)
        title = visible(unicodedata.normalize("NFC", self.report.title))
        canv.drawString(MARGIN, y, fit(title, self.s.font, 7.5, pw - 2 * MARGIN - right_w - 12))
        x = pw - MARGIN - right_w
        canv.drawString(x, y, before)
        canv.translate(x + stringWidth(before, self.s.font, 7.5), y)
        canv.doForm("page-total")
        canv.restoreState()

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, kit.Heading):
            page = self.canv.getPageNumber()
            self.pages.setdefault(flowable.anchor, page)
            self.canv.bookmarkPage(flowable.anchor)
            self.canv.addOutlineEntry(flowable.plain, flowable.anchor, level=flowable.level)

    def _endBuild(self):
        # reportlab's own switch: finish the last page but do not save yet, so the forms
        # with the final numbers can still be added to the document.
        self._doSave = 0
        super()._endBuild()
        c = self.canv
        self._form("page-total", str(getattr(self, "last_page", 1)), right=False)
        for anchor, _ in self.report.sections():
            self._form(f"toc-{anchor}", str(self.pages.get(anchor, "")), right=True)
        c.save()

    def _form(self, name: str, text: str, right: bool) -> None:
        c = self.canv
        c.beginForm(name, lowerx=-60, lowery=-4, upperx=60, uppery=14)
        c.setFont(self.s.font, 7.5 if name == "page-total" else 9.5)
        c.setFillColor(kit.MUTED if name == "page-total" else kit.INK)
        (c.drawRightString if right else c.drawString)(0, 0, text)
        c.endForm()


def story(r: Report, s: kit.Styles, pocket: bool) -> list[Flowable]:
    pw = A4[0] - 2 * MARGIN
    lw = landscape(A4)[0] - 2 * MARGIN
    out: list[Flowable] = sec.cover(r, s, pw)
    if r.long:
        out += [Spacer(1, 10 * mm), Contents(r.t("contents"), r.sections(), s)]
    out.append(PageBreak())
    for part in (sec.agenda, sec.survey):
        out += part(r, s, pw)
    for part in (sec.flipovers, sec.tips, sec.other_notes, sec.roleplay, sec.evaluation):
        out += [CondPageBreak(60 * mm)] + part(r, s, pw)
    out += [NextPageTemplate("landscape"), PageBreak()]
    out += sec.actions(r, s, lw)
    if pocket:
        out += [NextPageTemplate("portrait"), PageBreak()]
        out += pocket_page(r, s, pw)
    return out


class CutMarks(Flowable):
    """A dashed frame around the pocket card: cut out along it, or fold the page."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, aw, ah):
        return self.width, 0

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(kit.RULE)
        c.setDash(3, 3)
        c.rect(-6 * mm, -self.height - 6 * mm, self.width + 12 * mm, self.height + 12 * mm)
        c.restoreState()


def pocket_page(r: Report, s: kit.Styles, width: float) -> list[Flowable]:
    """Half an A4 (an A5 card): KeepInFrame shrinks the text so it is always one page."""
    card_w = width
    card_h = A4[1] / 2 - MARGIN - 6 * mm
    # Front and back on two pages: print double-sided, or fold. The team's agreements stay
    # off the side that lies on the table in front of parents.
    return [
        CutMarks(card_w, card_h), KeepInFrame(card_w, card_h, sec.pocket(r, s, card_w), mode="shrink"),
        PageBreak(),
        CutMarks(card_w, card_h), KeepInFrame(card_w, card_h, sec.pocket_back(r, s, card_w), mode="shrink"),
    ]


def _build(r: Report, target, pocket: bool, progress: Progress | None) -> None:
    regular, bold = register_fonts()
    s = kit.make_styles(regular, bold)
    flow = story(r, s, pocket)
    doc = ReportDoc(target, r, s, initialFontName=regular)  # no stray Helvetica in the page preamble
    if progress is not None:
        total = len(flow)
        done = 0

        def cb(kind: str, value: int) -> None:
            # reportlab counts flowables left; splits put pieces back, so it can step back.
            nonlocal done
            if kind == "PROGRESS" and value > done:
                done = min(value, total)
                progress(done, total)

        doc.setProgressCallBack(cb)
    doc.build(flow)
    if progress is not None:
        progress(total, total)


def render_pdf(
    session: Session, *, content: ContentSet, lang: str | None = None, anonymous: bool = False, pocket: bool = False,
    progress: Progress | None = None, now: Callable[[], datetime] | None = None,
) -> bytes:
    """The session report as PDF bytes; services/exports.py gathers `content` and writes the file."""
    import io

    buf = io.BytesIO()
    _build(build_report(session, content=content, lang=lang, anonymous=anonymous, now=now), buf, pocket, progress)
    return buf.getvalue()
