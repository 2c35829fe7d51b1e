"""What goes into a report: a pure step from a Session to plain data.

The PDF and the Markdown export both render a :class:`Report`, so they can
never disagree on content, and anonymising happens in exactly one place.
Nothing here imports reportlab or touches the screen; content files are read
through ``facilitator.content`` and a missing one degrades to ids, never to
an error.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Callable

from .. import content
from ..core import clock as core_clock
from ..core.content import AgendaTemplate, SuccessFactors, Survey
from ..core.model import Note, RolePlayRound, Session
from ..errors import UserError
from .labels import label
from .report import (  # noqa: F401  (re-exported: the renderers import them from here)
    FLIPOVER_KINDS, POCKET_ACTIONS, POCKET_CHARS, POCKET_TIPS, ActionRow, AgendaRow, EvalBlock,
    FactorCount, GroupNotes, NoteItem, Observation, PhaseNotes, QuestionBlock, Report, Talk,
    fmt_minutes, fmt_time,
)


# ------------------------------------------------------------- names ----
def initials(name: str) -> str:
    parts = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    return ".".join(w[0] for w in parts) + "." if parts else "?"


class Names:
    """Who is who in the report: real names, or initials when anonymous."""

    def __init__(self, session: Session, anonymous: bool, lang: str):
        self.anonymous = anonymous
        self.lang = lang
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        used: Counter[str] = Counter()
        for p in session.participants:
            shown = p.name
            if anonymous:
                base = initials(p.name)
                used[base] += 1
                shown = base if used[base] == 1 else f"{base}{used[base]}"
            self.by_id[p.id] = shown
            self.by_name.setdefault(p.name.strip().casefold(), shown)

    def __call__(self, ref: str | None) -> str:
        """A participant id, a name or free text from a 'who' field."""
        if not ref:
            return ""
        if ref in self.by_id:
            return self.by_id[ref]
        key = ref.strip().casefold()
        if key in self.by_name:
            return self.by_name[key]
        if key == "team":
            return label("team", self.lang)
        # Free text in a name field is a name too (a guest, a colleague): hide it.
        return initials(ref) if self.anonymous else ref


# ------------------------------------------------------------ helpers ----
def _template(session: Session) -> AgendaTemplate | None:
    try:
        return content.template(session.agenda)
    except UserError:
        return None


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
    session: Session, *, lang: str | None = None, anonymous: bool = False,
    now: Callable[[], datetime] | None = None,
) -> Report:
    lang = lang or session.language
    t = lambda key, **kw: label(key, lang, **kw)  # noqa: E731
    names = Names(session, anonymous, lang)
    tpl = _template(session)
    try:
        sf: SuccessFactors | None = content.success_factors()
    except UserError:
        sf = None
    try:
        survey: Survey | None = content.survey()
    except UserError:
        survey = None

    # -- agenda ------------------------------------------------------------
    agenda: list[AgendaRow] = []
    started = ended = None
    running = False
    if session.phases:
        at = meeting_end(session, (now or core_clock.system_clock)())
        state = core_clock.replay(session.phases, session.clock, at)
        started, running = state.started, state.running
        if started is not None:
            ended = at
        for i, (plan, ps) in enumerate(zip(session.phases, state.phases)):
            reached = ps.first_entered is not None
            agenda.append(AgendaRow(
                title=plan.title.get(lang), planned=plan.minutes,
                allotted=int(ps.allotted.total_seconds() // 60),
                actual=ps.elapsed if reached else None,
                current=running and i == state.current,
            ))

    # -- notes -------------------------------------------------------------
    groups = {g.id: g.name for g in session.groups}
    groups.update({g.id: g.name for g in session.practice_groups})
    by_id = {n.id: n for n in session.notes}

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

    children: dict[str, list[Note]] = {}
    roots: list[Note] = []
    for n in session.notes:
        r = root_of(n)
        if r is None:
            roots.append(n)
        else:
            children.setdefault(r.id, []).append(n)

    def item(n: Note, nested: bool = True) -> NoteItem:
        return NoteItem(
            text=n.text, author=names(n.author), group=groups.get(n.group or "", ""),
            tip=n.tip, factors=_factors(sf, n.factors, lang),
            merged=[item(c, False) for c in children.get(n.id, [])] if nested else [],
        )

    def prompt_text(code: str) -> str:
        p = tpl.prompt(code) if tpl else None
        return p.text.get(lang) if p else code

    def phase_block(key: str, title: str, kind: str, notes: list[Note]) -> PhaseNotes:
        tpl_phase = tpl.phase(key) if tpl else None
        order = [p.id for p in tpl_phase.prompts] if tpl_phase else []
        codes = order + [c for c in dict.fromkeys(n.question or "" for n in notes) if c not in order]
        questions = []
        for code in codes:
            mine = [n for n in notes if (n.question or "") == code]
            if not mine and kind not in FLIPOVER_KINDS:
                continue
            gorder = [g.id for g in session.groups] + [n.group or "" for n in mine]
            gblocks = []
            for gid in dict.fromkeys(gorder):
                gnotes = [item(n) for n in mine if (n.group or "") == gid]
                if gnotes:
                    name = groups.get(gid) or (t("no_group") if gid == "" else t("unknown_group"))
                    gblocks.append(GroupNotes(name, gnotes))
            question = prompt_text(code) if code else t("no_question")
            questions.append(QuestionBlock(code, question, gblocks))
        return PhaseNotes(key, title, kind, questions)

    flipovers: list[PhaseNotes] = []
    other_notes: list[PhaseNotes] = []
    known = {p.key for p in session.phases}
    for plan in session.phases:
        mine = [n for n in roots if n.phase == plan.key]
        if plan.kind == "dialogue":
            flipovers.append(phase_block(plan.key, plan.title.get(lang), plan.kind, mine))
        elif mine:
            other_notes.append(phase_block(plan.key, plan.title.get(lang), plan.kind, mine))
    stray = [n for n in roots if n.phase not in known]
    if stray:
        other_notes.append(phase_block("", t("other_notes"), "generic", stray))

    tips = [item(n) for n in roots if n.tip]

    # -- role-play ---------------------------------------------------------
    decks = content.load_decks().decks
    pgroups = {g.id: g for g in session.practice_groups}
    porder = {g.id: i for i, g in enumerate(session.practice_groups)}
    role_key = {"mentor": "role_mentor", "parent": "role_parent", "pupil": "role_pupil"}

    def talk(r: RolePlayRound) -> Talk:
        deck = decks.get(r.deck)
        set_title = ""
        if r.set is not None:
            st = next((s.title.get(lang) for s in deck.sets if s.number == r.set), "") if deck else ""
            set_title = t("set", n=r.set) + (f": {st}" if st else "")
        cards = []
        for cid in r.cards:
            card = deck.card(cid) if deck else None
            cards.append((t(role_key[card.role]), card.title.get(lang)) if card else ("", cid))
        situation = r.situation or ""
        for cid in r.cards:  # the situation was stored in the session's language: show it in the report's
            card = deck.card(cid) if deck else None
            for option in card.situations if card else []:
                if situation in (option.nl, option.en):
                    situation = option.get(lang)
        roles = [(t(role_key[k]), names(getattr(r, k))) for k in ("mentor", "parent", "pupil") if getattr(r, k)]
        duration = ""
        if r.started and r.ended:
            duration = _mmss(max(0.0, (r.ended - r.started).total_seconds() - r.paused_seconds))
        g = pgroups.get(r.group)
        return Talk(
            group=g.name if g else (groups.get(r.group) or t("unknown_group")),
            mode=t(g.mode) if g else "", number=r.talk, set_title=set_title, cards=cards,
            situation=situation, roles=roles, observers=[names(o) for o in r.observers],
            duration=duration,
            observations=[
                Observation(_mmss(o.offset), names(o.observer), t(f"cat_{o.category}"), o.text)
                for o in sorted(r.observations, key=lambda o: (o.offset, o.created))
            ],
        )

    rounds = sorted(session.rounds, key=lambda r: (r.talk, porder.get(r.group, len(porder))))
    talks = [talk(r) for r in rounds]

    # -- evaluation --------------------------------------------------------
    prompts = [q for p in (tpl.phases if tpl else []) if p.kind == "evaluation" for q in p.prompts]
    prompts.sort(key=lambda q: 0 if q.role == "mentor" else 1)  # stable: template order within a role
    evaluation = []
    for q in prompts:
        answers = [(a.text, names(a.author)) for a in session.evaluation if a.question == q.id]
        evaluation.append(EvalBlock(q.role or "", q.id, q.text.get(lang), answers))
    known_q = {q.id for q in prompts}
    for code in dict.fromkeys(a.question for a in session.evaluation if a.question not in known_q):
        answers = [(a.text, names(a.author)) for a in session.evaluation if a.question == code]
        evaluation.append(EvalBlock("", code, code, answers))

    # -- action points -----------------------------------------------------
    actions = []
    for i, a in enumerate(session.action_points, 1):
        actions.append(ActionRow(
            number=i, text=a.text, owner=names(a.owner),
            due=a.due.isoformat() if a.due else "",
            factors=_factors(sf, a.factors, lang),
            tried=t(f"status_{a.status}"),
            happened="\n".join(o.text for o in a.outcomes),
            next_step=a.next_step,
        ))
    counts = Counter(f for a in session.action_points for f in a.factors)
    factor_counts = []
    cluster_counts = []
    if sf is not None:
        for f in sf.factors:
            factor_counts.append(FactorCount(f.number, f.title.get(lang), sf.cluster_of(f.number).id, counts[f.number]))
        for c in sf.clusters:
            n = sum(1 for a in session.action_points if set(a.factors) & set(c.factors))
            cluster_counts.append((c.title.get(lang), n, list(c.factors)))
    untagged = sum(1 for a in session.action_points if not a.factors)

    # -- pocket card -------------------------------------------------------
    seen: set[str] = set()
    pocket_tips = []
    for n in tips:
        key = " ".join(n.text.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            pocket_tips.append(_short(n.text))
    pocket_actions = [_short(a.text) for a in session.action_points]

    items = (
        len(session.notes) + len(session.evaluation) + len(session.action_points)
        + len(session.rounds) + sum(len(r.observations) for r in session.rounds)
    )
    return Report(
        lang=lang, anonymous=anonymous, kind=session.kind, title=session.title, date=session.date,
        school=session.school, facilitator=names(session.facilitator) if session.facilitator else "",
        next_talks=session.next_talks,
        participants=[names(p.id) for p in session.participants],
        groups=[(g.name, [names(m) for m in g.members]) for g in session.groups],
        practice_groups=[(g.name, t(g.mode), [names(m) for m in g.members]) for g in session.practice_groups],
        agenda=agenda, started=started, ended=ended, running=running, survey=survey,
        template_missing=None if tpl else session.agenda,
        flipovers=flipovers, other_notes=other_notes, tips=tips, talks=talks,
        evaluation=evaluation, actions=actions, factor_counts=factor_counts,
        cluster_counts=cluster_counts, untagged_actions=untagged,
        pocket_tips=pocket_tips[:POCKET_TIPS], pocket_tips_more=max(0, len(pocket_tips) - POCKET_TIPS),
        pocket_actions=pocket_actions[:POCKET_ACTIONS],
        pocket_actions_more=max(0, len(pocket_actions) - POCKET_ACTIONS),
        items=items,
    )


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= POCKET_CHARS else one[: POCKET_CHARS - 1].rstrip() + "…"
