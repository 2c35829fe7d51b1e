"""Content as data: agenda templates, survey figures, success factors.

The TOML files live in ``facilitator/data``; these models validate them.
Loading from disk is ``facilitator.storage.content``'s job, not the core's.
"""

from __future__ import annotations

from facilitator.core import catalog

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from facilitator.core.cards import Deck
from facilitator.core.invalid import invalid
from facilitator.core.model import PhaseKind, PhasePlan
from facilitator.core.text import LText


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompt(Strict):
    id: str = Field(min_length=1, description="Unique within the template; notes refer to it.")
    text: LText = Field(description="The question or talking point.")
    role: Literal["mentor", "parent"] | None = Field(None, description="Evaluation: whose question.")
    url: str | None = Field(None, description="A link to show (the research film).")
    help: list[str] = Field(default_factory=list, description=(
        "Sections of the method's help (facilitator/data/method.toml) shown under this question, "
        "e.g. [\"causes\", \"voices\"]; the loader refuses a name the method does not have."))


class PhaseTemplate(Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Unique phase key.")
    kind: PhaseKind = Field(description="Which screen runs the phase.")
    title: LText
    minutes: int = Field(ge=0, le=600)
    goal: LText = Field(description="What the room does now, in a sentence.")
    help: LText = Field(description="How to run the phase, per the method.")
    prompts: list[Prompt] = Field(default_factory=list)
    talk_minutes: int | None = Field(None, ge=1, le=60, description="Practice: minutes per talk.")

    def plan(self) -> PhasePlan:
        return PhasePlan(
            key=self.key, kind=self.kind, title=self.title, minutes=self.minutes,
            talk_minutes=self.talk_minutes,
        )


class AgendaTemplate(Strict):
    schema_: int = Field(1, alias="schema")
    name: str = Field(min_length=1)
    kind: Literal["training", "followup"] = "training"
    title: LText
    description: LText
    phases: list[PhaseTemplate] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _unique(self) -> "AgendaTemplate":
        # The second phase or question with a key names its place (the loader finds its line) by
        # catalog key. Linear: a hostile template must not take minutes to refuse.
        seen: set[str] = set()
        for i, p in enumerate(self.phases):
            if p.key in seen:
                raise invalid("error.agenda.duplicate_phase", at=("phases", i, "key"), phase=p.key)
            seen.add(p.key)
        seen = set()
        for i, p in enumerate(self.phases):
            for j, q in enumerate(p.prompts):
                if q.id in seen:
                    raise invalid("error.agenda.duplicate_question", at=("phases", i, "prompts", j, "id"), id=q.id)
                seen.add(q.id)
        return self

    @property
    def total_minutes(self) -> int:
        return sum(p.minutes for p in self.phases)

    def phase(self, key: str) -> PhaseTemplate | None:
        return next((p for p in self.phases if p.key == key), None)

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((q for p in self.phases for q in p.prompts if q.id == prompt_id), None)

    def unknown_help(self, known: set[str] | frozenset[str]) -> tuple[Prompt, str] | None:
        """The first (question, section name) whose help section the method does not have."""
        return next(((q, name) for p in self.phases for q in p.prompts for name in q.help if name not in known),
                    None)


class MethodItem(Strict):
    """One point of the method's help, and (for the pocket card) the same point shortened."""

    text: LText
    short: LText | None = Field(None, description="The point in a few words, for the pocket card.")


class MethodSection(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="What an agenda's `help` names.")
    title: LText
    items: list[MethodItem] = Field(min_length=1)
    pocket: bool = Field(False, description="Printed (shortened) on the front of the mentor's pocket card.")

    @model_validator(mode="after")
    def _short_for_the_pocket(self) -> "MethodSection":
        for i, item in enumerate(self.items):
            if self.pocket and item.short is None:
                raise invalid("error.method.pocket_needs_short", at=("items", i), section=self.id)
        return self


class Method(Strict):
    """What the method offers under a question: the report's causes, the parents' voices, the tips."""

    schema_: int = Field(1, alias="schema")
    sections: list[MethodSection] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _unique(self) -> "Method":
        seen: set[str] = set()
        for i, s in enumerate(self.sections):
            if s.id in seen:
                raise invalid("error.method.duplicate_section", at=("sections", i, "id"), section=s.id)
            seen.add(s.id)
        return self

    @property
    def names(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sections)

    def section(self, name: str) -> MethodSection | None:
        return next((s for s in self.sections if s.id == name), None)

    def help_for(self, prompt: Prompt | None) -> list[MethodSection]:
        """The sections a question names, in its order (a name the method lacks is left out)."""
        found = (self.section(name) for name in (prompt.help if prompt is not None else []))
        return [s for s in found if s is not None]

    def pocket_sections(self) -> list[MethodSection]:
        return [s for s in self.sections if s.pocket]


class Bar(Strict):
    """One figure of the survey: who answered, what they said, and how many.

    ``value`` is a percentage the source reports (drawn as a bar). Where the source
    gives the share in words only ("meer dan de helft"), ``amount`` carries those
    words and ``value`` stays empty: no chart may turn "more than half" into a 50 %
    bar. (An exact fraction, "een derde", is a number: 33.)
    """

    who: Literal["mentors", "parents"]
    value: int | None = Field(None, ge=0, le=100)
    amount: LText | None = Field(None, description="The share in words, when the source gives no number.")
    label: LText = Field(description="What they said, a plural subject with its verb: 'mentoren kennen die goed'.")

    @model_validator(mode="after")
    def _has_a_figure(self) -> "Bar":
        if (self.value is None) == (self.amount is None):
            raise invalid("error.survey.value_or_amount")
        return self

    def figure(self, lang: str) -> str:
        """How the share reads: "31%", or the source's words ("meer dan de helft")."""
        return self.amount.get(lang) if self.amount is not None else f"{self.value}%"


class SurveyTopic(Strict):
    id: str
    title: LText
    summary: LText
    bars: list[Bar] = Field(min_length=1)


class Survey(Strict):
    schema_: int = Field(1, alias="schema")
    mentors: int
    parents: int
    schools: int
    source: LText
    topics: list[SurveyTopic] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Cluster(Strict):
    id: str
    title: LText
    description: LText
    factors: list[int]


class Factor(Strict):
    number: int = Field(ge=1, le=10)
    key: str
    cluster: str
    title: LText
    description: LText
    quickscan: LText


class SuccessFactors(Strict):
    schema_: int = Field(1, alias="schema")
    scale: list[str]
    scale_labels: list[LText]
    clusters: list[Cluster] = Field(min_length=1)
    factors: list[Factor] = Field(min_length=10, max_length=10)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def factor(self, number: int) -> Factor:
        return next(f for f in self.factors if f.number == number)

    def cluster_of(self, number: int) -> Cluster:
        return next(c for c in self.clusters if number in c.factors)

    def factor_label(self, n: int | None, lang: str) -> str:
        """'5. <title>' of a success factor, for grouping headings (screens and exports alike)."""
        if n is None:
            return catalog.t("core.content.no_success_factor", lang)
        return f"{n}. {self.factor(n).title.get(lang)}"

    def cluster_label(self, cid: str | None, lang: str) -> str:
        if cid is None:
            return catalog.t("core.content.no_success_factor", lang)
        return next(c.title.get(lang) for c in self.clusters if c.id == cid)


@dataclass
class ContentSet:
    """The content an export prints besides the session: handed in, never loaded by the exporter."""

    template: AgendaTemplate | None = None
    factors: SuccessFactors | None = None
    survey: Survey | None = None
    method: Method | None = None
    decks: dict[str, Deck] = field(default_factory=dict)
