"""The PDF font: DejaVu Sans (shipped in facilitator/data/fonts with its licence).

reportlab's built-in fonts lack Greek, Cyrillic, Vietnamese, Romanian ș/ț and
more; DejaVu Sans covers them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from facilitator.core.plain import visible

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

# The fonts ship inside the package (read by reportlab, never written).
_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process; returns (regular, bold) font names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = _DATA_DIR / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


def escape(text: str) -> str:
    """User text for a reportlab Paragraph: shown literally, never as markup."""
    from xml.sax.saxutils import escape as xml_escape

    return xml_escape(visible(text)).replace("\n", "<br/>")
