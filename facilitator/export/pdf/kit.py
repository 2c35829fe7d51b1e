"""Layout primitives for the PDF: styles, literal-text paragraphs, headings, tables.

User text never meets reportlab's markup parser: only the constant markup
written in this package is parsed (once per style), and user text goes into
the parsed fragments (see :func:`frags`). A note is text, never a link, an
image or styling.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle
from reportlab.platypus.paraparser import ParaParser

from facilitator.core.plain import visible
from facilitator.export.pdf import charts

ACCENT = colors.HexColor("#2f5d8a")
INK = charts.INK
MUTED = charts.MUTED
RULE = colors.HexColor("#c9d1d9")
HEAD_BG = colors.HexColor("#e8eef4")
TIP = colors.HexColor("#b35c1e")


@dataclass
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    note: ParagraphStyle
    merged: ParagraphStyle
    meta: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    font: str
    bold: str


def make_styles(font: str, bold: str) -> Styles:
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, textColor=INK, bulletFontName=font)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11)
    return Styles(
        body=body,
        small=small,
        muted=ParagraphStyle("muted", parent=small, textColor=MUTED),
        title=ParagraphStyle("title", parent=body, fontName=bold, fontSize=22, leading=27, spaceAfter=4),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=12, leading=16, textColor=ACCENT, spaceAfter=14),
        h1=ParagraphStyle("h1", parent=body, fontName=bold, fontSize=15, leading=19, textColor=ACCENT,
                          spaceBefore=16, spaceAfter=8),
        h2=ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4),
        h3=ParagraphStyle("h3", parent=body, fontName=bold, fontSize=9.5, leading=13, textColor=MUTED,
                          spaceBefore=6, spaceAfter=2),
        note=ParagraphStyle("note", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=3),
        merged=ParagraphStyle("merged", parent=small, leftIndent=28, bulletIndent=17, textColor=MUTED, spaceAfter=2),
        meta=ParagraphStyle("meta", parent=small, fontSize=7.5, leading=9.5, leftIndent=14, textColor=MUTED,
                            spaceAfter=4),
        cell=cell,
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=bold),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        font=font,
        bold=bold,
    )


SLOTS = re.compile("([\x01-\x04])")
_parsed: dict[tuple[str, str, str], list] = {}


def frags(markup: str, style: ParagraphStyle, *values: str) -> list:
    """Paragraph fragments for our own `markup`, with `values` in its slots \\x01..\\x04.

    The markup is a constant written in this module and is parsed once per
    style; user text is dropped into the parsed fragments afterwards, so it
    never reaches reportlab's markup parser at all: a note reading
    `<img src=...>` cannot become an image, and 2,000 notes skip 2,000 parses.
    """
    key = (markup, style.name, style.fontName)
    parsed = _parsed.get(key)
    if parsed is None:
        _, parsed, _ = ParaParser().parse(markup, style)
        if parsed is None:
            raise ValueError(f"bad export markup: {markup!r}")
        _parsed[key] = parsed
    out = []
    for f in parsed:
        if not SLOTS.search(f.text):
            out.append(f.clone())
            continue
        for piece in SLOTS.split(f.text):
            if len(piece) == 1 and SLOTS.match(piece):
                # NFC: reportlab places glyphs one by one, so a decomposed "e" + combining accent
                # (as some keyboards type Vietnamese) would print the accent beside the letter.
                value = unicodedata.normalize("NFC", values[ord(piece) - 1])
                # Control characters (a pasted ESC) in caret notation: the font has no glyph for them.
                value = visible(value.replace("\r\n", "\n").replace("\r", "\n"))
                for i, line in enumerate(value.split("\n")):
                    if i:
                        out.append(f.clone(text="", lineBreak=True))
                    out.append(f.clone(text=line))
            elif piece:
                out.append(f.clone(text=piece))
    return out


def para(markup: str, style: ParagraphStyle, *values: str, bullet: str | None = None) -> Paragraph:
    return Paragraph("", style, bulletText=bullet, frags=frags(markup, style, *values))


class Heading(Paragraph):
    """A section heading the document template bookmarks and lists in the contents."""

    def __init__(self, text: str, style: ParagraphStyle, anchor: str, level: int = 0):
        super().__init__("", style, frags=frags("\x01", style, text))
        self.plain = text
        self.anchor = anchor
        self.level = level


def P(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user (or content) text: always literal."""
    return para("\x01", style, text)


def grid_table(rows: list[list], widths: list[float], *, header: bool = True, min_heights=None,
               right_cols: tuple[int, ...] = ()) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1,
                  minRowHeights=min_heights, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]
    for c in right_cols:
        style.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    return table


def kv_table(rows: list[tuple[str, str]], s: Styles, width: float, key_width: float = 50 * mm) -> Table:
    """Label/value rows. A value that fits on one line is a plain string cell:
    sixty role-play talks make hundreds of these, and a string costs no wrapping."""
    room = width - key_width - 2

    def value(v: str):
        v = visible(unicodedata.normalize("NFC", v))
        if "\n" not in v and stringWidth(v, s.font, s.cell.fontSize) <= room:
            return v
        return P(v, s.cell)

    def key(k: str):
        return k if stringWidth(k, s.bold, s.cell.fontSize) <= key_width - 6 else P(k, s.cell_head)

    data = [[key(k), value(v)] for k, v in rows]
    table = Table(data, colWidths=[key_width, width - key_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (0, -1), s.bold),
        ("FONTNAME", (1, 0), (1, -1), s.font),
        ("FONTSIZE", (0, 0), (-1, -1), s.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), s.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
