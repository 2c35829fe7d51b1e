"""Charts for the PDF, drawn with reportlab graphics shapes.

Plain shapes rather than reportlab's chart classes: a labelled horizontal
bar is all we need, and drawing it ourselves keeps labels from overlapping
and the look consistent with the tables.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from facilitator.core.content import SurveyTopic
from facilitator.export.model import FactorCount

INK = colors.HexColor("#1f2a37")
MUTED = colors.HexColor("#6b7785")
GRID = colors.HexColor("#d5dbe1")
TRACK = colors.HexColor("#eef1f4")
WHO_COLOURS = {"mentors": colors.HexColor("#2f5d8a"), "parents": colors.HexColor("#c2692a")}
CLUSTER_COLOURS = [colors.HexColor("#2f5d8a"), colors.HexColor("#4f8a5b"), colors.HexColor("#8a5a9e")]


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis so that it fits `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def survey_topic(topic: SurveyTopic, lang: str, width: float, font: str) -> Drawing:
    """One topic: a bar per figure, coloured by who answered (mentors or parents)."""
    row, size = 15, 8
    label_w = width * 0.55
    bar_x, bar_w = label_w + 6, width - label_w - 40
    d = Drawing(width, row * len(topic.bars) + 2)
    y = d.height - row
    for bar in topic.bars:
        d.add(String(0, y + 4, fit(bar.label.get(lang), font, size, label_w), fontName=font, fontSize=size, fillColor=INK))
        if bar.value is None:  # a share in words only: say it, draw no length that would claim a number
            d.add(String(bar_x, y + 4, fit(bar.figure(lang), font, size, bar_w + 36), fontName=font,
                         fontSize=size, fillColor=WHO_COLOURS[bar.who]))
        else:
            d.add(Rect(bar_x, y + 2, bar_w, 9, fillColor=TRACK, strokeColor=None))
            d.add(Rect(bar_x, y + 2, bar_w * bar.value / 100, 9, fillColor=WHO_COLOURS[bar.who], strokeColor=None))
            d.add(String(bar_x + bar_w + 4, y + 4, f"{bar.value}%", fontName=font, fontSize=size, fillColor=INK))
        y -= row
    return d


def legend(items: list[tuple[str, colors.Color]], width: float, font: str) -> Drawing:
    d = Drawing(width, 14)
    x = 0.0
    for text, colour in items:
        d.add(Rect(x, 3, 9, 9, fillColor=colour, strokeColor=None))
        d.add(String(x + 13, 4, text, fontName=font, fontSize=8, fillColor=INK))
        x += 13 + stringWidth(text, font, 8) + 18
    return d


def factor_chart(
    factors: list[FactorCount], clusters: list[tuple[str, int, list[int]]], lang: str, width: float,
    font: str, bold: str, cluster_heading: str,
) -> Drawing:
    """Action points per success factor (colour = cluster), then per cluster."""
    row, size = 14, 8
    cluster_ids = list(dict.fromkeys(f.cluster for f in factors))
    colour = {cid: CLUSTER_COLOURS[i % len(CLUSTER_COLOURS)] for i, cid in enumerate(cluster_ids)}
    top = max([f.count for f in factors] + [n for _, n, _ in clusters] + [1])
    label_w = width * 0.45
    bar_x, bar_w = label_w + 6, width - label_w - 34
    height = row * (len(factors) + len(clusters)) + 26
    d = Drawing(width, height)
    y = height - row

    def bar(text: str, value: int, fill, font_name: str) -> None:
        nonlocal y
        d.add(String(0, y + 3, fit(text, font_name, size, label_w), fontName=font_name, fontSize=size, fillColor=INK))
        d.add(Rect(bar_x, y + 1, bar_w, 9, fillColor=TRACK, strokeColor=None))
        if value:
            d.add(Rect(bar_x, y + 1, bar_w * value / top, 9, fillColor=fill, strokeColor=None))
        d.add(String(bar_x + bar_w + 4, y + 3, str(value), fontName=font_name, fontSize=size, fillColor=INK))
        y -= row

    for f in factors:
        bar(f"{f.number}. {f.title}", f.count, colour[f.cluster], font)
    y -= 6
    d.add(Line(0, y + row + 2, width, y + row + 2, strokeColor=GRID, strokeWidth=0.5))
    d.add(String(0, y + 3, cluster_heading, fontName=bold, fontSize=size, fillColor=MUTED))
    y -= row - 2
    for i, (title, n, numbers) in enumerate(clusters):
        span = f"{numbers[0]}–{numbers[-1]}" if numbers else ""
        bar(f"{title} ({span})", n, CLUSTER_COLOURS[i % len(CLUSTER_COLOURS)], bold)
    return d
