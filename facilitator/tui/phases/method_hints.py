"""What the method offers at the moment it helps: the help under a dialogue question (key o in Dialoog).

The texts are the project's own words in the catalog (tui.method.*), faithful to the report (seed 003):
the causes it names and the parents' voices for questions 1 and 2, the research's tips for question 3.
"""

from __future__ import annotations

from rich.text import Text

from facilitator.core import catalog

#: Help the method offers per dialogue question: the catalog keys of its sections, each a title
#: and its lines. Questions 1 and 2 (what helps and hinders): the causes the report names and what
#: parents wrote in the survey; question 3 (tips): the research's tips and the introductory talk.
METHOD_HINTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "d1": (("tui.method.causes_title", ("tui.method.causes",)),
           ("tui.method.voices_title", ("tui.method.voice_short", "tui.method.voice_unprepared",
                                        "tui.method.voice_why"))),
    "d3": (("tui.method.tips_title", ("tui.method.tip_serious", "tui.method.tip_expectations",
                                      "tui.method.tip_two_way", "tui.method.tip_home",
                                      "tui.method.tip_change_yourself", "tui.method.tip_pupil",
                                      "tui.method.tip_good_news", "tui.method.tip_autonomy")),
           ("tui.method.intro_talk_title", ())),
}
METHOD_HINTS["d2"] = METHOD_HINTS["d1"]


def method_hint(question_id: str | None, lang: str) -> Text | None:
    """What the method offers for one dialogue question, or None when it offers nothing."""
    sections = METHOD_HINTS.get(question_id or "")
    if not sections:
        return None
    text = Text()
    for title, lines in sections:
        if text:
            text.append("\n")
        text.append(catalog.t(title, lang), style="bold" if lines else "italic")
        for key in lines:
            text.append("\n· " + catalog.t(key, lang))
    return text
