"""The survey figures as a terminal chart: per topic, mentors against parents.

Built from Rich renderables (Text bars in a Group), so it needs no plotting
library and scales with the terminal: at 80x24 it shows one or two topics and
pages through them; on a 200x60 projector it shows them all at once.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from facilitator.core import catalog
from facilitator.core.content import Survey, SurveyTopic

#: Colours per side, chosen to differ in lightness too (projectors wash hue out).
COLOURS = {"mentors": "bold #4fa3ff", "parents": "bold #ffb000"}
BAR = "█"
TRACK = "░"


def topic_lines(topic: SurveyTopic, lang: str, width: int, number: int, total: int) -> list[Text]:
    """One topic as lines of Text: heading, summary (wrapped), one line per bar."""
    width = max(width, 30)
    lines: list[Text] = []
    head = Text.assemble((f"{number}/{total}  ", "dim"), (topic.title.get(lang), "bold underline"))
    lines.append(head)
    summary = Text(topic.summary.get(lang), style="italic")
    lines.extend(summary.wrap(_console(), width))
    label_w = min(46, max(14, width * 2 // 5))
    bar_w = max(6, width - label_w - 7)
    for bar in topic.bars:
        label = bar.label.get(lang)
        if len(label) > label_w - 1:
            label = label[: label_w - 2] + "…"
        colour = COLOURS[bar.who]
        if bar.value is None:  # the source says it in words only ("meer dan de helft"): no bar
            line = Text.assemble((f"{label:<{label_w}}", colour.replace("bold ", "")),
                                 (bar.figure(lang)[: bar_w + 5], colour))
            lines.append(line)
            continue
        filled = round(bar.value * bar_w / 100)
        line = Text.assemble(
            (f"{label:<{label_w}}", colour.replace("bold ", "")),
            (BAR * filled, colour),
            (TRACK * (bar_w - filled), "#555555"),
            (f" {bar.value:>3}%", "bold"),
        )
        lines.append(line)
    lines.append(Text(""))
    return lines


_CONSOLE = None


def _console():
    global _CONSOLE
    if _CONSOLE is None:
        from rich.console import Console

        _CONSOLE = Console(width=200, color_system=None)
    return _CONSOLE


class SurveyChart(Widget, can_focus=True):
    """Pages of topics; `topic` is the first topic on screen (the one the room talks about)."""

    BINDINGS = [
        Binding("right,pagedown", "page(1)", "keys.next_topic", id="research.next_topic"),
        Binding("left,pageup", "page(-1)", "keys.previous_topic", id="research.prev_topic"),
        Binding("home", "first", "keys.first_topic", show=False, id="research.first_topic"),
    ]

    topic: reactive[int] = reactive(0)

    def __init__(self, survey: Survey, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.survey = survey
        self.lang = lang

    @property
    def current(self) -> SurveyTopic:
        return self.survey.topics[self.topic]

    def legend(self) -> Text:
        s = self.survey
        return Text.assemble(
            ("■ ", COLOURS["mentors"]), catalog.t("tui.phases.survey_chart.mentors", self.lang), "   ",
            ("■ ", COLOURS["parents"]), catalog.t("tui.phases.survey_chart.parents", self.lang), "   ",
            (catalog.t("tui.phases.survey_chart.mentors_parents_schools", self.lang, mentors=s.mentors, parents=s.parents, schools=s.schools), "dim"),
        )

    def visible_topics(self) -> list[int]:
        """Topics that fit from `topic` on (always at least one)."""
        width, height = self.size.width or 80, self.size.height or 20
        room = height - 2  # legend and the paging hint
        shown: list[int] = []
        total = len(self.survey.topics)
        for i in range(self.topic, total):
            need = len(topic_lines(self.survey.topics[i], self.lang, width, i + 1, total))
            if shown and need > room:
                break
            shown.append(i)
            room -= need
        return shown

    def render(self) -> RenderableType:
        width = self.size.width or 80
        total = len(self.survey.topics)
        shown = self.visible_topics()
        lines: list[Text] = [self.legend(), Text("")]
        for i in shown:
            lines.extend(topic_lines(self.survey.topics[i], self.lang, width, i + 1, total))
        if len(shown) < total:
            hint = catalog.t("tui.phases.survey_chart.topic_a_b_of_n", self.lang)
            lines.append(Text(hint.format(a=shown[0] + 1, b=shown[-1] + 1, n=total), style="dim"))
        return Group(*lines)

    def action_page(self, step: int) -> None:
        total = len(self.survey.topics)
        if step > 0:
            shown = self.visible_topics()
            nxt = shown[-1] + 1
            self.topic = nxt if nxt < total else 0
        else:
            self.topic = (self.topic - 1) % total

    def action_first(self) -> None:
        self.topic = 0
