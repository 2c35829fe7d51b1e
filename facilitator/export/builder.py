"""What goes into a report: a pure step from a Session to plain data.

The PDF and the Markdown export both render a :class:`Report`, so they can
never disagree on content, and anonymising happens in exactly one place.
Nothing here imports reportlab, touches the screen or reads a file: the content
it prints (template, success factors, survey, decks) is handed in as a
ContentSet, and a missing piece degrades to ids, never to an error.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Callable

from facilitator.core import catalog
from facilitator.core import clock as core_clock
from facilitator.core.content import ContentSet, SuccessFactors, Survey
from facilitator.core.dates import format_date
from facilitator.core.model import Note, RolePlayRound, Session
from facilitator.core.pseudonyms import Pseudonyms
from facilitator.export.labels import label
from facilitator.export.model import (
    FLIPOVER_KINDS,
    POCKET_ACTIONS,
    POCKET_CHARS,
    POCKET_TIPS,
    ActionRow,
    AgendaRow,
    EvalBlock,
    FactorCount,
    GroupNotes,
    NoteItem,
    Observation,
    PhaseNotes,
    QuestionBlock,
    Report,
    Talk,
)


# ------------------------------------------------------------- names ----
def Names(session: Session, anonymous: bool, lang: str) -> Pseudonyms:
    """Who is who in the report: real names, or the one scheme of core/pseudonyms.py."""
    return Pseudonyms([session], lang, anonymous)


# ------------------------------------------------------------ helpers ----
def _factors(sf: SuccessFactors | None, numbers: list[int], lang: str) -> list[str]:
    if sf is None:
        return [str(n) for n in numbers]
    return [f"{n} {sf.factor(n).title.get(lang)}" for n in numbers]


def meeting_end(session: Session, now: datetime) -> datetime:
    """When the meeting stopped, for a clock that may still be running.

    A facilitator often exports without pausing the clock; counting up to the
    moment of export would credit the last phase with hours. The last thing
    captured (or the last clock event) is the honest end. `now` only counts
    when nothing was captured at all.
    """
    stamps = [e.at for e in session.clock]
    stamps += [n.edited or n.created for n in session.notes]
    stamps += [a.created for a in session.evaluation]
    stamps += [a.created for a in session.action_points]
    stamps += [o.created for r in session.rounds for o in r.observations]
    stamps += [r.ended for r in session.rounds if r.ended]
    return max(stamps) if stamps else now


def _mmss(seconds: float) -> str:
    return core_clock.fmt_delta(timedelta(seconds=seconds))


# ------------------------------------------------------------- build ----
def build_report(
    session: Session, *, content: ContentSet, lang: str | None = None, anonymous: bool = False,
    now: Callable[[], datetime] | None = None,
) -> Report:
    """Everything the report prints, in print order, names already anonymised if asked."""
    return _Builder(session, content, lang or session.language, anonymous).build(now or core_clock.system_clock)


class _Builder:
    def __init__(self, session: Session, content: ContentSet, lang: str, anonymous: bool):
        self.s = session
        self.content = content
        self.lang = lang
        self.anonymous = anonymous
        self.names = Names(session, anonymous, lang)
        self.tpl = content.template
        self.sf: SuccessFactors | None = content.factors
        self.groups = {g.id: g.name for g in session.groups}
        self.groups.update({g.id: g.name for g in session.practice_groups})

    def t(self, key: str, **fields: object) -> str:
        return label(key, self.lang, **fields)

    def who(self, pid: str) -> str:
        """A name (or its pseudonym) as the report lists people: someone who left is marked so."""
        person = next((p for p in self.s.participants if p.id == pid), None)
        shown = self.names(pid)
        return f"{shown} ({self.t('absent')})" if person is not None and person.absent else shown

    def build(self, now: Callable[[], datetime]) -> Report:
        s, t, names = self.s, self.t, self.names
        survey: Survey | None = self.content.survey
        agenda, started, ended, running, finished = self.agenda(now)
        flipovers, other_notes, tips = self.notes()
        actions, factor_counts, cluster_counts, untagged = self.actions()
        pocket_tips = _unique_short(n.text for n in tips)
        pocket_actions = [_short(a.text) for a in s.action_points]
        items = (
            len(s.notes) + len(s.evaluation) + len(s.action_points)
            + len(s.rounds) + sum(len(r.observations) for r in s.rounds)
        )
        return Report(
            lang=self.lang, anonymous=self.anonymous, kind=s.kind, title=s.title, date=s.date,
            school=s.school, facilitator=names.facilitator(s.facilitator),
            next_talks=s.next_talks, followup_date=s.followup_date,
            participants=[self.who(p.id) for p in s.participants],
            groups=[(g.name, [self.who(m) for m in g.members]) for g in s.groups],
            practice_groups=[(g.name, t(g.mode), [self.who(m) for m in g.members]) for g in s.practice_groups],
            agenda=agenda, started=started, ended=ended, running=running, finished=finished, survey=survey,
            template_missing=None if self.tpl else s.agenda,
            flipovers=flipovers, other_notes=other_notes, tips=tips, talks=self.talks(),
            evaluation=self.evaluation(), actions=actions, factor_counts=factor_counts,
            cluster_counts=cluster_counts, untagged_actions=untagged,
            pocket_tips=pocket_tips[:POCKET_TIPS], pocket_tips_more=max(0, len(pocket_tips) - POCKET_TIPS),
            pocket_actions=pocket_actions[:POCKET_ACTIONS],
            pocket_actions_more=max(0, len(pocket_actions) - POCKET_ACTIONS),
            items=items,
            pocket_research=self.pocket_research(),
        )

    def pocket_research(self) -> list[tuple[str, list[str]]]:
        """The method's sections for the pocket card (the research's tips), in their short words."""
        method = self.content.method
        if method is None:
            return []
        return [(sec.title.get(self.lang), [item.short.get(self.lang) for item in sec.items if item.short])
                for sec in method.pocket_sections()]

    # -- agenda ------------------------------------------------------------
    def agenda(self, now: Callable[[], datetime]):
        s = self.s
        rows: list[AgendaRow] = []
        if not s.phases:
            return rows, None, None, False, False
        at = meeting_end(s, now())
        state = core_clock.replay(s.phases, s.clock, at)
        for i, (plan, ps) in enumerate(zip(s.phases, state.phases)):
            rows.append(AgendaRow(
                title=plan.title.get(self.lang), planned=plan.minutes,
                allotted=int(ps.allotted.total_seconds() // 60),
                actual=ps.elapsed if ps.first_entered is not None else None,
                current=state.running and i == state.current,
            ))
        if state.ended is not None:  # Afronden: the moment it ended, whatever was typed afterwards
            return rows, state.started, state.ended, False, True
        ended = at if state.started is not None else None
        return rows, state.started, ended, state.running, False

    # -- notes -------------------------------------------------------------
    def notes(self) -> tuple[list[PhaseNotes], list[PhaseNotes], list[NoteItem]]:
        s = self.s
        by_id = {n.id: n for n in s.notes}

        def root_of(note: Note) -> Note | None:
            """The note this one is (transitively) merged into; None if it stands alone."""
            seen = {note.id}
            cur = note
            while cur.merged_into and cur.merged_into in by_id and cur.merged_into not in seen:
                seen.add(cur.merged_into)
                cur = by_id[cur.merged_into]
            if cur is note or cur.merged_into in seen:  # a merge cycle: show both as they are
                return None
            return cur

        self.children: dict[str, list[Note]] = {}
        roots: list[Note] = []
        for n in s.notes:
            r = root_of(n)
            if r is None:
                roots.append(n)
            else:
                self.children.setdefault(r.id, []).append(n)

        flipovers: list[PhaseNotes] = []
        other: list[PhaseNotes] = []
        for plan in s.phases:
            mine = [n for n in roots if n.phase == plan.key]
            if plan.kind == "dialogue":
                flipovers.append(self.phase_block(plan.key, plan.title.get(self.lang), plan.kind, mine))
            elif mine:
                other.append(self.phase_block(plan.key, plan.title.get(self.lang), plan.kind, mine))
        known = {p.key for p in s.phases}
        stray = [n for n in roots if n.phase not in known]
        if stray:
            other.append(self.phase_block("", self.t("other_notes"), "generic", stray))
        return flipovers, other, [self.item(n) for n in roots if n.tip]

    def item(self, n: Note, nested: bool = True) -> NoteItem:
        return NoteItem(
            text=n.text, author=self.names(n.author), group=self.groups.get(n.group or "", ""),
            tip=n.tip, factors=_factors(self.sf, n.factors, self.lang),
            merged=[self.item(c, False) for c in self.children.get(n.id, [])] if nested else [],
        )

    def phase_block(self, key: str, title: str, kind: str, notes: list[Note]) -> PhaseNotes:
        tpl_phase = self.tpl.phase(key) if self.tpl else None
        order = [p.id for p in tpl_phase.prompts] if tpl_phase else []
        codes = order + [c for c in dict.fromkeys(n.question or "" for n in notes) if c not in order]
        questions = []
        for code in codes:
            mine = [n for n in notes if (n.question or "") == code]
            if not mine and kind not in FLIPOVER_KINDS:
                continue
            gblocks = []
            for gid in dict.fromkeys([g.id for g in self.s.groups] + [n.group or "" for n in mine]):
                gnotes = [self.item(n) for n in mine if (n.group or "") == gid]
                if gnotes:
                    name = self.groups.get(gid) or self.t("no_group" if gid == "" else "unknown_group")
                    gblocks.append(GroupNotes(name, gnotes))
            prompt = self.tpl.prompt(code) if self.tpl and code else None
            question = prompt.text.get(self.lang) if prompt else (code or self.t("no_question"))
            questions.append(QuestionBlock(code, question, gblocks))
        return PhaseNotes(key, title, kind, questions)

    # -- role-play ---------------------------------------------------------
    def talks(self) -> list[Talk]:
        order = {g.id: i for i, g in enumerate(self.s.practice_groups)}
        rounds = sorted(self.s.rounds, key=lambda r: (r.talk, order.get(r.group, len(order))))
        decks = self.content.decks
        return [self.talk(r, decks) for r in rounds]

    def talk(self, r: RolePlayRound, decks: dict) -> Talk:
        t, names, lang = self.t, self.names, self.lang
        deck = decks.get(r.deck)
        set_title = ""
        if r.set is not None:
            st = next((x.title.get(lang) for x in deck.sets if x.number == r.set), "") if deck else ""
            set_title = t("set", n=r.set) + (f": {st}" if st else "")
        cards = []
        situation = r.situation or ""
        for cid in r.cards:
            card = deck.card(cid) if deck else None
            cards.append((catalog.t(f"role.{card.role}", lang), card.title.get(lang)) if card else ("", cid))
            for option in card.situations if card else []:
                # Stored in the session's language when drawn: show it in the report's.
                if situation in (option.nl, option.en):
                    situation = option.get(lang)
        roles = [(catalog.t(f"role.{k}", lang), names(getattr(r, k))) for k in ("mentor", "parent", "pupil") if getattr(r, k)]
        duration = ""
        if r.started and r.ended:
            duration = _mmss(max(0.0, (r.ended - r.started).total_seconds() - r.paused_seconds))
        g = next((g for g in self.s.practice_groups if g.id == r.group), None)
        return Talk(
            group=g.name if g else (self.groups.get(r.group) or t("unknown_group")),
            mode=t(g.mode) if g else "", number=r.talk, set_title=set_title, cards=cards,
            situation=situation, roles=roles, observers=[names(o) for o in r.observers],
            duration=duration,
            observations=[
                Observation(_mmss(o.offset), names(o.observer), t(f"cat_{o.category}"), o.text)
                for o in sorted(r.observations, key=lambda o: (o.offset, o.created))
            ],
        )

    # -- evaluation --------------------------------------------------------
    def evaluation(self) -> list[EvalBlock]:
        tpl, names = self.tpl, self.names
        prompts = [q for p in (tpl.phases if tpl else []) if p.kind == "evaluation" for q in p.prompts]
        prompts.sort(key=lambda q: 0 if q.role == "mentor" else 1)  # stable: template order within a role
        blocks = []
        for q in prompts:
            answers = [(a.text, names(a.author)) for a in self.s.evaluation if a.question == q.id]
            blocks.append(EvalBlock(q.role or "", q.id, q.text.get(self.lang), answers))
        known = {q.id for q in prompts}
        for code in dict.fromkeys(a.question for a in self.s.evaluation if a.question not in known):
            answers = [(a.text, names(a.author)) for a in self.s.evaluation if a.question == code]
            blocks.append(EvalBlock("", code, code, answers))
        return blocks

    # -- action points -----------------------------------------------------
    def actions(self):
        points, sf, lang = self.s.action_points, self.sf, self.lang
        rows = [
            ActionRow(
                number=i, text=a.text, owner=self.names(a.owner), due=format_date(a.due, self.lang),
                factors=_factors(sf, a.factors, lang), tried=self.t(f"status_{a.status}") if a.status != "open" else "",
                happened="\n".join(o.text for o in a.outcomes), next_step=a.next_step,
            )
            for i, a in enumerate(points, 1)
        ]
        counts = Counter(f for a in points for f in a.factors)
        factor_counts, cluster_counts = [], []
        if sf is not None:
            factor_counts = [FactorCount(f.number, f.title.get(lang), sf.cluster_of(f.number).id, counts[f.number])
                             for f in sf.factors]
            cluster_counts = [(c.title.get(lang), sum(1 for a in points if set(a.factors) & set(c.factors)),
                               list(c.factors)) for c in sf.clusters]
        return rows, factor_counts, cluster_counts, sum(1 for a in points if not a.factors)


def _unique_short(texts) -> list[str]:
    """Tips for the pocket card: each once (the same tip from two groups), shortened."""
    seen: set[str] = set()
    out = []
    for text in texts:
        key = " ".join(text.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(_short(text))
    return out


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= POCKET_CHARS else one[: POCKET_CHARS - 1].rstrip() + "…"


def note_meta(n: NoteItem, r: Report, show_group: bool = False) -> str:
    """The line under a note: group, author, success factors ('' when there is none)."""
    meta = []
    if show_group and n.group:
        meta.append(n.group)
    if n.author:
        meta.append(f"{r.t('by')} {n.author}")
    if n.factors:
        meta.append(f"{r.t('factors')}: " + ", ".join(n.factors))
    return " · ".join(meta)


def merged_by(m, r: Report) -> str:
    """Who wrote a merged-in note: its group and author ('' when unknown)."""
    return " · ".join(x for x in (m.group, m.author and f"{r.t('by')} {m.author}") if x)
