"""What the method offers at the moment it helps: the help under a question (key o in Dialoog and Plenair).

Plenair offers the help of the question on its page, and what the plenary phase's own questions
name, if the agenda names help there.

The help belongs to the agenda's questions, not to ids in the code: a question in an agenda names
sections of the method's help (``help = ["causes", "voices"]``), and this module only draws them.

The texts themselves (the causes the report names, what parents wrote, the research's tips after
Denessen, the points of Lusse's introductory talk) live in one home, ``facilitator/data/method.toml``,
in both languages, and not in the UI catalog: they are the method's content like the survey figures
and the success factors, not words of a screen. As a content file the loader validates them with a
file-and-line error like every other content file, an agenda's section names can be checked against
them when the agenda is loaded, and the export (which never reads a file) gets the same tips for the
pocket card through the ContentSet.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from facilitator.core.content import MethodSection, Prompt
from facilitator.services import content

#: Rows the help may take before the view has a size (the first layout).
DEFAULT_ROWS = 12


def help_sections(*questions: Prompt | None) -> list[MethodSection]:
    """The help sections the questions' agenda entries name, in their order, each once."""
    out: list[MethodSection] = []
    for question in questions:
        out += [s for s in content.help_for(question) if s not in out]
    return out


def _rows(line: str, width: int) -> int:
    """How many rows a line takes when wrapped at `width` cells (a close estimate)."""
    return max(1, -(-cell_len(line) // max(1, width)))


def rows_of(text: str, width: int) -> int:
    """Rows a text of one or more lines takes at `width` cells."""
    return sum(_rows(line, width) for line in text.split("\n"))


def hint_pages(sections: list[MethodSection], lang: str, width: int = 76, rows: int = DEFAULT_ROWS) -> list[Text]:
    """The help as pages that fit `rows` x `width`: a section per page, split when it does not fit.

    o pages through them, so every point can be read by keyboard in any terminal while the
    notes and the typing line stay in sight."""
    rows = max(2, rows)
    raw: list[tuple[str, list[str]]] = []
    for section in sections:
        title = section.title.get(lang)
        page: list[str] = []
        used = _rows(title + "  (99/99)", width)
        for item in section.items:
            line = "· " + item.text.get(lang)
            need = _rows(line, width)
            if page and used + need > rows:
                raw.append((title, page))
                page, used = [], _rows(title + "  (99/99)", width)
            page.append(line)
            used += need
        raw.append((title, page))
    pages: list[Text] = []
    for n, (title, lines) in enumerate(raw, 1):
        text = Text(title, style="bold")
        if len(raw) > 1:
            text.append(f"  ({n}/{len(raw)})", style="dim")
        for line in lines:
            text.append("\n" + line)
        pages.append(text)
    return pages


def hint_page(sections: list[MethodSection], lang: str, page: int, width: int = 76,
              rows: int = DEFAULT_ROWS) -> Text | None:
    """Page `page` (1-based) of the help, or None (hidden: page 0, or the question names none)."""
    pages = hint_pages(sections, lang, width, rows) if page else []
    return pages[min(page, len(pages)) - 1] if pages else None


def next_page(page: int, sections: list[MethodSection], lang: str, width: int = 76,
              rows: int = DEFAULT_ROWS) -> int:
    """o again: the next page of the help, and after the last one none (0)."""
    return page + 1 if page < len(hint_pages(sections, lang, width, rows)) else 0
