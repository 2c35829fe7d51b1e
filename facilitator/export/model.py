"""The report as plain data: what the PDF and the Markdown both print.

Built by :func:`facilitator.export.builder.build_report`; nothing here knows
about sessions, files or reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from facilitator.core import clock as core_clock
from facilitator.core.content import Survey
from facilitator.export.labels import label

# Kinds whose notes are flip-overs, shown per question and group.
FLIPOVER_KINDS = {"dialogue", "plenary"}
POCKET_TIPS = 6  # the pocket card must stay one readable page
POCKET_ACTIONS = 4
POCKET_CHARS = 120
LONG_REPORT_ITEMS = 30  # above this many captured items the report gets a table of contents


# ---------------------------------------------------------------- data ----
@dataclass
class NoteItem:
    text: str
    author: str = ""
    group: str = ""
    tip: bool = False
    factors: list[str] = field(default_factory=list)
    merged: list["NoteItem"] = field(default_factory=list)


@dataclass
class GroupNotes:
    group: str
    notes: list[NoteItem]


@dataclass
class QuestionBlock:
    code: str  # prompt id, "" when the note answers no question
    question: str
    groups: list[GroupNotes]


@dataclass
class PhaseNotes:
    key: str
    title: str
    kind: str
    questions: list[QuestionBlock]

    @property
    def count(self) -> int:
        return sum(len(g.notes) for q in self.questions for g in q.groups)


@dataclass
class AgendaRow:
    title: str
    planned: int  # minutes
    allotted: int  # minutes after +/- adjustments
    actual: timedelta | None  # None: the clock never reached the phase
    current: bool = False


@dataclass
class Observation:
    stamp: str  # mm:ss into the talk
    observer: str
    category: str
    text: str


@dataclass
class Talk:
    group: str
    mode: str
    number: int
    set_title: str
    cards: list[tuple[str, str]]  # (role label, short card title)
    situation: str
    roles: list[tuple[str, str]]  # (role label, who)
    observers: list[str]
    duration: str
    observations: list[Observation]


@dataclass
class EvalBlock:
    role: str  # "mentor", "parent" or "" (unknown question)
    code: str
    question: str
    answers: list[tuple[str, str]]  # (text, author)


@dataclass
class ActionRow:
    number: int
    text: str
    owner: str
    due: str
    factors: list[str]
    tried: str
    happened: str
    next_step: str


@dataclass
class FactorCount:
    number: int
    title: str
    cluster: str
    count: int


@dataclass
class Report:
    lang: str
    anonymous: bool
    kind: str
    title: str
    date: date
    school: str
    facilitator: str
    next_talks: date | None
    followup_date: date | None  # agreed at Afronden: the cover names it beside the next talks
    participants: list[str]
    groups: list[tuple[str, list[str]]]
    practice_groups: list[tuple[str, str, list[str]]]  # (name, mode label, members)
    agenda: list[AgendaRow]
    started: datetime | None
    ended: datetime | None  # when Afronden ended it (finished), else the last thing captured
    running: bool
    finished: bool  # ended with Afronden: `ended` is the moment it was ended, never "still running"
    survey: Survey | None
    template_missing: str | None
    flipovers: list[PhaseNotes]
    other_notes: list[PhaseNotes]
    tips: list[NoteItem]
    talks: list[Talk]
    evaluation: list[EvalBlock]
    actions: list[ActionRow]
    factor_counts: list[FactorCount]
    cluster_counts: list[tuple[str, int, list[int]]]  # (title, action points, factor numbers)
    untagged_actions: int
    pocket_tips: list[str]
    pocket_tips_more: int
    pocket_actions: list[str]
    pocket_actions_more: int
    items: int  # everything captured; decides the table of contents
    # The research's tips on the front of the pocket card, shortened: (title, points) per section
    # the method marks for the card (data/method.toml, handed in through the ContentSet).
    pocket_research: list[tuple[str, list[str]]] = field(default_factory=list)

    def t(self, key: str, **fields: object) -> str:
        return label(key, self.lang, **fields)

    @property
    def heading(self) -> str:
        return self.t("report_followup" if self.kind == "followup" else "report")

    @property
    def times(self) -> str:
        """The agenda clock in one line: when it began, and when Afronden ended the meeting
        (or, not ended, the last thing captured, saying so if the clock still ran)."""
        if self.finished:
            end = f"{self.t('finished_at')} {fmt_time(self.ended)}"
            return f"{self.t('started_at')} {fmt_time(self.started)} · {end}" if self.started else end
        line = f"{self.t('started_at')} {fmt_time(self.started)} · {self.t('ended_at')} {fmt_time(self.ended)}"
        return line + (f" {self.t('still_running')}" if self.running else "")

    @property
    def long(self) -> bool:
        return self.items >= LONG_REPORT_ITEMS

    def sections(self) -> list[tuple[str, str]]:
        """(anchor, title) of every top-level section, in print order."""
        out = [("agenda", self.t("agenda")), ("survey", self.t("survey"))]
        out.append(("dialogue", self.t("dialogue")))
        out.append(("tips", self.t("tips")))
        for i, block in enumerate(self.other_notes):
            out.append((f"notes{i}", self.t("notes_in", phase=block.title)))
        out += [
            ("roleplay", self.t("roleplay")),
            ("evaluation", self.t("evaluation")),
            ("actions", self.t("actions")),
        ]
        return out


def fmt_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%H:%M")  # the reader's local time


def fmt_minutes(td: timedelta | None) -> str:
    if td is None:
        return "–"
    return core_clock.fmt_delta(td)
