"""What the method offers at the moment it helps: the help under a question (key o in Dialoog and Plenair).

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

from rich.text import Text

from facilitator.core.content import Prompt
from facilitator.services import content


def has_help(question: Prompt | None) -> bool:
    return bool(content.help_for(question))


def method_hint(question: Prompt | None, lang: str, page: int = 1) -> Text | None:
    """Page `page` (1-based) of the help a question's agenda entry names: one section, which fits
    under the question at 80x24; None when the question names no help (or no such page)."""
    sections = content.help_for(question)
    if not 1 <= page <= len(sections):
        return None
    section = sections[page - 1]
    text = Text(section.title.get(lang), style="bold")
    if len(sections) > 1:
        text.append(f"  ({page}/{len(sections)})", style="dim")
    for item in section.items:
        text.append("\n· " + item.text.get(lang))
    return text


def next_page(page: int, question: Prompt | None) -> int:
    """o again: the question's next help section, and after the last one none (0)."""
    return page + 1 if page < len(content.help_for(question)) else 0
