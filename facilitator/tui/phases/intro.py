"""Introductie: the talking points, big and calm, one highlighted at a time.

The facilitator steps through them while talking; the highlighted point is
what the projector's room view shows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.core.content import Prompt
from facilitator.core.text import LText
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.shared import PHASES_TCSS

#: The booklet's introduction tells why support from home matters; seed 002 names its four kinds.
#: The point comes after the ways parents support learning (i5), before the closing point.
HOME_SUPPORT_AFTER = "i5"


def with_home_support(points: list[Prompt]) -> list[Prompt]:
    """The template's talking points with the four kinds of support from home (from the catalog)."""
    if not any(p.id == HOME_SUPPORT_AFTER for p in points):
        return points
    home = Prompt(id="i-home-support", text=LText(nl=catalog.t("tui.method.home_support", "nl"),
                                                  en=catalog.t("tui.method.home_support", "en")))
    at = next(i for i, p in enumerate(points) if p.id == HOME_SUPPORT_AFTER) + 1
    return [*points[:at], home, *points[at:]]


class PointList(VerticalScroll):
    """The talking points; the arrow keys step through them instead of scrolling."""

    # Only arrow keys: letters belong to the run screen (n/p phases, k cuts, a actions...).
    BINDINGS = [
        Binding("down,right", "step(1)", "keys.next_point", id="intro.next_point"),
        Binding("up,left", "step(-1)", "keys.previous_point", id="intro.prev_point"),
    ]

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)

    def action_step(self, step: int) -> None:
        self.query_ancestor(IntroPhase).step(step)


class IntroPhase(PhaseView):
    DEFAULT_CSS = PHASES_TCSS
    SCOPED_CSS = False

    def __init__(self, service, plan, template, lang, **kwargs) -> None:
        super().__init__(service, plan, template, lang, **kwargs)
        self.points = with_home_support(list(template.prompts) if template else [])
        self.current = 0
        self.return_to_place()

    def place(self) -> str:
        """The talking point: its id."""
        return self.points[self.current].id if self.points else ""

    def go_to_place(self, place: str) -> None:
        ids = [p.id for p in self.points]
        if place in ids:
            self.current = ids.index(place)

    def compose(self) -> ComposeResult:
        with PointList(self.lang, id="intro-points"):
            if not self.points:
                yield Static(catalog.t("tui.phases.intro.no_talking_points_in_this", self.lang),
                             classes="intro-point")
            for i, p in enumerate(self.points):
                yield Static(Text.assemble((f"{i + 1}  ", "bold"), p.text.get(self.lang)),
                             id=f"point-{i}", classes="intro-point", markup=False)

    def on_mount(self) -> None:
        self._show()
        self.query_one(PointList).focus()

    def _show(self) -> None:
        for i, widget in enumerate(self.query(".intro-point")):
            widget.set_class(i == self.current and bool(self.points), "-current")
        if self.points:
            self.query_one(f"#point-{self.current}").scroll_visible(animate=False)

    def step(self, step: int) -> None:
        if self.points:
            self.current = max(0, min(len(self.points) - 1, self.current + step))
            self._show()
            self.remember_place()

    def room_prompt(self) -> str | None:
        return self.points[self.current].text.get(self.lang) if self.points else None
