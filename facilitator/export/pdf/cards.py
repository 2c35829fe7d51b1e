"""Printable role cards (the whole deck) and role slips (one talk's draw) as PDF.

Cards sit in a fixed 2 x 4 grid of A4 cells with dashed cut lines that run to
the paper's edge, so a paper cutter can follow them; a card is drawn inside
one cell and so can never be split across pages. Slips are as wide as the
page, as tall as their text, and move to the next page whole.

Import reportlab only here, never at app start-up.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

from facilitator.core import catalog
from facilitator.core.cards import Card, Deck
from facilitator.export.pdf.fonts import escape, register_fonts

ROLE_COLOURS = {"mentor": "#1f4e79", "parent": "#a4431d", "pupil": "#2e6b30", "observer": "#4a4a4a"}


def _say(key: str, lang: str, **fields: object) -> str:
    """The card sheets' and slips' own words: the catalog's ``export.card_sheet.*`` keys."""
    return catalog.t(f"export.card_sheet.{key}", lang, **fields)


def _role(role: str, lang: str) -> str:
    """A role as a card's or slip's header names it: the catalog's role word, in capitals."""
    return catalog.t(f"role.{role}", lang).upper()


@dataclass(frozen=True)
class SlipSpec:
    """One slip: a person's name, their role, the group and talk, and the cards they may read."""

    name: str
    role: str
    group: str
    talk: int
    cards: tuple[Card, ...]
    situation: str | None = None


def _styles(lang: str):
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=13, leading=16, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=regular, fontSize=11.5, leading=15),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8.5, leading=11, textColor="#444444"),
        "sub": ParagraphStyle("sub", fontName=bold, fontSize=9.5, leading=12.5, spaceBefore=5),
    }


def _card_flowables(card: Card, lang: str, deck: Deck, situation: str | None, styles, with_title=True):
    from reportlab.platypus import Paragraph

    out = []
    if with_title:
        out.append(Paragraph(escape(card.title.get(lang)), styles["title"]))
    text = card.render(lang, situation)
    out.append(Paragraph(escape(text), styles["body"]))
    if card.situations and situation is None:
        out.append(Paragraph(escape(_say("choose_situation", lang)), styles["sub"]))
        items = " · ".join(escape(s.get(lang)) for s in card.situations)
        if card.own_situation is not None:
            items += " · " + escape(card.own_situation.get(lang))
        out.append(Paragraph(items, styles["body"]))
    if card.role == "mentor" and card.set is not None:
        theme = next((s.title.get(lang) for s in deck.sets if s.number == card.set), "")
        if theme:
            out.append(Paragraph(escape(theme), styles["small"]))
    if card.role in ("parent", "pupil"):
        out.append(Paragraph(escape(_say("secret", lang)), styles["small"]))
    return out


def _header_text(card_role: str, set_number: int | None, lang: str) -> str:
    where = catalog.t("export.set", lang, n=set_number) if set_number is not None else _say("any_set", lang)
    return f"{_role(card_role, lang)}  ·  {where}"


def _fit(flowables, width: float, height: float) -> float:
    """Total height of `flowables` wrapped to `width` (with their space before/after)."""
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, height)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _draw_stack(c, flowables, x: float, top: float, width: float) -> None:
    y = top
    for f in flowables:
        _, h = f.wrap(width, 10_000)
        y -= f.getSpaceBefore() + h
        f.drawOn(c, x, y)
        y -= f.getSpaceAfter()


def _scaled(styles, factor: float):
    from reportlab.lib.styles import ParagraphStyle

    return {
        k: ParagraphStyle(k + str(factor), parent=s, fontSize=s.fontSize * factor, leading=s.leading * factor)
        for k, s in styles.items()
    }


def _footer(c, page_w: float, text: str, page: int, pages: int, lang: str) -> None:
    regular, _ = register_fonts()
    c.setFont(regular, 7.5)
    c.setFillColor("#666666")
    c.drawString(15 * 2.8346, 8 * 2.8346, text)
    c.drawRightString(page_w - 15 * 2.8346, 8 * 2.8346, catalog.t("export.page_of", lang, page=page, total=pages))


def deck_pdf(deck: Deck, lang: str = "nl") -> bytes:
    """The whole deck, 8 cards per A4 page, ordered set by set, pupil cards last."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = register_fonts()
    styles = _styles(lang)
    order = {"mentor": 0, "parent": 1, "pupil": 2}
    cards = sorted(deck.cards, key=lambda c: (c.set is None, c.set or 0, order[c.role]))
    cols, rows = 2, 4
    page_w, page_h = A4
    margin_x, margin_top, margin_bottom = 12 * mm, 14 * mm, 14 * mm
    cell_w = (page_w - 2 * margin_x) / cols
    cell_h = (page_h - margin_top - margin_bottom) / rows
    pad, header_h = 5 * mm, 9 * mm
    per_page = cols * rows
    pages = (len(cards) + per_page - 1) // per_page

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(deck.title.get(lang))
    c.setAuthor("facilitator")
    for page in range(pages):
        chunk = cards[page * per_page:(page + 1) * per_page]
        _cut_lines(c, page_w, page_h, margin_x, margin_bottom, cell_w, cell_h, cols, rows)
        c.setFont(bold, 9)
        c.setFillColor("#333333")
        c.drawCentredString(page_w / 2, page_h - 8 * mm, deck.title.get(lang))
        for i, card in enumerate(chunk):
            col, row = i % cols, i // cols
            x = margin_x + col * cell_w
            top = page_h - margin_top - row * cell_h
            _draw_card_cell(c, card, deck, lang, styles, x, top, cell_w, cell_h, pad, header_h, regular, bold)
        _footer(c, page_w, f"{_say('cut', lang)}  ·  {deck.name}", page + 1, pages, lang)
        c.showPage()
    c.save()
    return buf.getvalue()


def _cut_lines(c, page_w, page_h, margin_x, margin_bottom, cell_w, cell_h, cols, rows) -> None:
    c.saveState()
    c.setStrokeColor("#888888")
    c.setLineWidth(0.6)
    c.setDash(3, 3)
    for i in range(rows + 1):
        y = margin_bottom + i * cell_h
        c.line(0, y, page_w, y)
    # Vertical lines stop short of the title and footer so those stay legible.
    reach = 5 * 2.8346
    for j in range(cols + 1):
        x = margin_x + j * cell_w
        c.line(x, margin_bottom - reach, x, margin_bottom + rows * cell_h + reach)
    c.restoreState()


def _draw_card_cell(c, card, deck, lang, styles, x, top, w, h, pad, header_h, regular, bold) -> None:
    colour = ROLE_COLOURS[card.role]
    inset = 2.2 * 2.8346
    c.saveState()
    c.setFillColor(colour)
    c.roundRect(x + inset, top - inset - header_h, w - 2 * inset, header_h, 3, stroke=0, fill=1)
    c.setFillColor("#ffffff")
    c.setFont(bold, 11)
    c.drawString(x + pad, top - inset - header_h + 2.9 * 2.8346, _header_text(card.role, card.set, lang))
    c.setFont(regular, 7)
    c.drawRightString(x + w - pad, top - inset - header_h + 3.2 * 2.8346, card.id)
    c.restoreState()
    body_w = w - 2 * pad
    body_h = h - header_h - inset - 2 * pad
    factor = 1.0
    while True:
        st = styles if factor == 1.0 else _scaled(styles, factor)
        flow = _card_flowables(card, lang, deck, None, st)
        if _fit(flow, body_w, body_h) <= body_h or factor < 0.6:
            break
        factor -= 0.05
    _draw_stack(c, flow, x + pad, top - inset - header_h - pad * 0.8, body_w)


# -- role slips ------------------------------------------------------------------
def slips_pdf(slips: Sequence[SlipSpec], deck: Deck, lang: str = "nl", title: str = "") -> bytes:
    """One slip per player, full page width, as tall as its text, never split."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    regular, bold = register_fonts()
    styles = _styles(lang)
    heading = title or _say("slips", lang)
    page_w, page_h = A4
    margin, pad, header_h = 15 * mm, 5 * mm, 9 * mm
    width = page_w - 2 * margin
    body_w = width - 2 * pad

    def body(slip: SlipSpec):
        flow = []
        if slip.role == "observer":
            flow.append(Paragraph(escape(_say("observer_note", lang)), styles["small"]))
            for card in slip.cards:
                flow.append(Paragraph(escape(_role(card.role, lang)), styles["sub"]))
                flow += _card_flowables(card, lang, deck, slip.situation, styles)[:2]
        else:
            for card in slip.cards:
                flow += _card_flowables(card, lang, deck, slip.situation if card.role == "pupil" else None, styles)
        return flow

    measured = [(s, body(s)) for s in slips]
    heights = [header_h + 2 * pad + _fit(f, body_w, 10_000) for _, f in measured]
    pages: list[list[int]] = [[]]
    free = page_h - 2 * margin
    for i, h in enumerate(heights):
        if h > free and pages[-1]:
            pages.append([])
            free = page_h - 2 * margin
        pages[-1].append(i)
        free -= h

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle(heading)
    c.setAuthor("facilitator")
    for n, idxs in enumerate(pages, 1):
        top = page_h - margin
        c.setFont(bold, 9)
        c.setFillColor("#333333")
        c.drawString(margin, page_h - 9 * mm, heading)
        for i in idxs:
            slip, flow = measured[i]
            h = heights[i]
            colour = ROLE_COLOURS.get(slip.role, "#4a4a4a")
            c.saveState()
            c.setFillColor(colour)
            c.roundRect(margin, top - header_h - 1.5 * mm, width, header_h, 3, stroke=0, fill=1)
            c.setFillColor("#ffffff")
            c.setFont(bold, 12)
            c.drawString(margin + pad, top - header_h + 1.5 * mm, f"{slip.name}  —  {_role(slip.role, lang)}")
            c.setFont(regular, 9)
            sets = sorted({card.set for card in slip.cards if card.set is not None})
            parts = [slip.group, catalog.t("export.talk", lang, n=slip.talk)]
            if sets:
                parts.append(catalog.t("export.set", lang, n=sets[0]))
            right = " · ".join(parts)
            c.drawRightString(margin + width - pad, top - header_h + 1.7 * mm, right)
            c.restoreState()
            _draw_stack(c, flow, margin + pad, top - header_h - pad, body_w)
            top -= h
            c.saveState()
            c.setStrokeColor("#888888")
            c.setLineWidth(0.6)
            c.setDash(3, 3)
            c.line(0, top + 1.5 * mm, page_w, top + 1.5 * mm)
            c.restoreState()
        _footer(c, page_w, _say("cut", lang), n, len(pages), lang)
        c.showPage()
    c.save()
    return buf.getvalue()
