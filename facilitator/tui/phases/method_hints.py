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


class MethodHelp:
    """The o key of a phase view (Dialoog, Plenair): which page of the help shows, and where.

    The view names its help box (HINT_BOX), the rows below the help that must stay in sight
    (KEEP_ROWS: the notes, the typing line), keeps `head` (the lines above the help) current and
    says what help applies now (help_here)."""

    HINT_BOX = ""
    KEEP_ROWS = 0
    hint_page = 0  # 0: hidden
    head: tuple[str, ...] = ()

    def help_here(self) -> list[MethodSection]:
        raise NotImplementedError

    def hint_room(self) -> tuple[int, int]:
        """(width, rows) the help may take now."""
        size = self.size
        if not size.height:
            return 76, DEFAULT_ROWS
        above = sum(rows_of(line, max(1, size.width - 2)) for line in self.head)
        return max(20, size.width - 4), min(DEFAULT_ROWS, size.height - above - self.KEEP_ROWS)

    def show_hint(self) -> None:
        hint = hint_page(self.help_here(), self.lang, self.hint_page, *self.hint_room())
        box = self.query_one(self.HINT_BOX)
        box.display = hint is not None
        box.update(hint or "")

    def action_hint(self) -> None:
        """o: what the method offers here, a page at a time, then hidden again.

        It stays open from question to question, from the first page."""
        self.hint_page = next_page(self.hint_page, self.help_here(), self.lang, *self.hint_room())
        self.show_hint()

    def on_resize(self) -> None:  # Textual calls it besides the view's own on_resize
        if self.hint_page:
            self.show_hint()
