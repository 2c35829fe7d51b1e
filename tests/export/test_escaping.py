"""Any text a user can type stays that text, in both export formats (property tests)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings, strategies as st

from facilitator.core.plain import visible
from facilitator.export.markdown.session import md_escape

MARKUPISH = st.text(alphabet=st.one_of(st.sampled_from(list("<>&/\"'=ab #*_[]()|`~\\-+.1\n!")), st.characters()),
                    max_size=80)


def md_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("\\\n", "\n"), flags=re.S)


@settings(max_examples=300, deadline=None)
@given(MARKUPISH)
def test_markdown_escape_round_trips(text):
    escaped = md_escape(text)
    # Control characters are shown in caret notation (never raw ESC in a report).
    assert md_unescape(escaped) == visible(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    # Nothing that starts HTML or emphasis is left unescaped.
    assert not re.search(r"(?<!\\)[<>*_`|\[\]]", re.sub(r"\\\\", "", escaped))


@settings(max_examples=300, deadline=None)
@given(MARKUPISH)
def test_pdf_paragraph_text_is_never_parsed(text):
    from facilitator.export.pdf.fonts import register_fonts
    from facilitator.export.pdf.kit import make_styles, para

    s = make_styles(*register_fonts())
    p = para("<b>\x01</b> \x02", s.body, "vast", text)
    got = [(f.text, getattr(f, "lineBreak", False)) for f in p.frags]
    assert got[0] == ("vast", False)  # our own markup: parsed, bold
    assert p.frags[0].fontName == s.bold
    user = "".join("\n" if br else t for t, br in got[2:])  # after the constant " " fragment
    assert user == visible(unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n"))
    assert all(f.fontName == s.font and not getattr(f, "link", None) for f in p.frags[1:])
