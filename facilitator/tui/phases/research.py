"""Filmpje / onderzoek: the film's link and the survey figures as a chart.

Offline rooms are the norm, so the figures are drawn by the app itself; the
film link is shown for when there is a connection.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.services import content
from facilitator.tui.opener import open_or_say
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.shared import PHASES_TCSS
from facilitator.tui.phases.survey_chart import SurveyChart


class ResearchPhase(PhaseView):
    DEFAULT_CSS = PHASES_TCSS
    SCOPED_CSS = False

    BINDINGS = [Binding("o", "open_film", "keys.open_film", id="research.open_film")]

    def __init__(self, service, plan, template, lang, **kwargs) -> None:
        super().__init__(service, plan, template, lang, **kwargs)
        prompts = list(template.prompts) if template else []
        self.film = next((p for p in prompts if p.url), None)
        self.points = [p for p in prompts if not p.url]

    def compose(self) -> ComposeResult:
        head = Text()
        if self.film:
            head.append("▶ ", style="bold")
            head.append(self.film.text.get(self.lang), style="bold")
            head.append("\n  ")
            head.append(self.film.url, style=f"underline link {self.film.url}")
        yield Static(head, id="research-head", markup=False)
        points = Text("\n".join("• " + p.text.get(self.lang) for p in self.points))
        yield Static(points, id="research-points", markup=False)
        yield SurveyChart(content.survey(), self.lang, id="survey-chart")

    def on_mount(self) -> None:
        chart = self.query_one(SurveyChart)
        self.return_to_place()
        self.watch(chart, "topic", lambda _topic: self.remember_place(), init=False)
        chart.focus()

    def place(self) -> str:
        """The survey topic the room talks about: its id."""
        return self.query_one(SurveyChart).current.id

    def go_to_place(self, place: str) -> None:
        chart = self.query_one(SurveyChart)
        ids = [topic.id for topic in chart.survey.topics]
        if place in ids:
            chart.topic = ids.index(place)

    def on_resize(self) -> None:
        # The talking points are also spoken; on a small terminal the chart needs the rows.
        self.query_one("#research-points").display = self.size.height >= 30

    def room_prompt(self) -> str | None:
        topic = self.query_one(SurveyChart).current
        return f"{topic.title.get(self.lang)}: {topic.summary.get(self.lang)}"

    def action_open_film(self) -> None:
        if not (self.film and self.film.url):
            return
        # Offline school rooms and bare laptops: the notice says so, the link stays on screen to copy.
        open_or_say(self, self.film.url, opened=catalog.t("tui.phases.research.film_opens", self.lang),
                    unavailable=catalog.t("tui.phases.research.no_browser", self.lang, url=self.film.url))
