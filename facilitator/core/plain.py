"""Plain-string helpers with no dependencies: the app's first screen imports them.

(pydantic costs ~0.1 s to import; the terminal app paints before it needs it.)
"""

from __future__ import annotations

import re


#: Control characters in caret notation, as `cat -v` shows them: C0 (but line feed and tab)
#: as ^@..^_ (ESC as ^[, BEL as ^G), DEL as ^?, and C1 (0x80-0x9f, which some terminals obey
#: too, e.g. 0x9b as CSI) as M-^@..M-^_. Plain ASCII renders in every font, the PDF's too
#: (the bundled DejaVu Sans has no Unicode control pictures).
_PICTURES: dict[int, str] = {c: "^" + chr(c + 0x40) for c in range(0x20) if chr(c) not in "\n\t"}
_PICTURES[0x7F] = "^?"
_PICTURES.update({c: "M-^" + chr(c - 0x80 + 0x40) for c in range(0x80, 0xA0)})
_HAS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """User text with every control character shown as a visible symbol, never executed.

    A pasted escape sequence (`ESC ] 0 ; title BEL`) must not rename the terminal, recolour
    the projector or move the cursor; in a Markdown or PDF export it must not hide text either.
    Line feeds and tabs stay (use `one_line` where a single line is wanted).
    Cheap when the text has no control characters (the usual case).
    """
    return text.translate(_PICTURES) if _HAS_CONTROL.search(text) else text


def one_line(text: str) -> str:
    """User text for a single-line cell: control characters visible, newlines as ⏎."""
    return visible(text.replace("\r\n", "\n")).replace("\n", " ⏎ ").replace("\t", " ")


def pasted(text: str, single_line: bool = False) -> str:
    """Pasted text as plain text: line breaks normalised, control characters in caret notation.

    The one rule for every paste (a terminal's bracketed paste, a browser's clipboard):
    `AAA ESC[31mBBB` becomes `AAA ^[[31mBBB`, in order, and a BEL becomes `^G`, never a key.
    For a one-line field the lines are joined with a space instead of dropping all but the
    first (a paste never loses a word).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if single_line:
        text = " ".join(line for line in text.split("\n") if line.strip()) if "\n" in text else text
        text = text.replace("\t", " ")
    return visible(text)
