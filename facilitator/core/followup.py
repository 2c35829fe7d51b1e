"""The follow-up meeting, pure: status counts, grouping, quickscan before/after.

Nothing here reads files or knows about screens. The functions take action
points and quickscan ratings (from one or several sessions) and return plain
data that the review screen, the CLI and the exports all render.

Team rating per success factor (documented in docs/followup.md):
- an explicit team rating (``by`` is None) wins; the most recent one counts;
- otherwise every rater's most recent rating counts once and the team rating is
  their *low median* (``statistics.median_low``): with an even number of
  raters it is the lower of the two middle ratings. That is a cautious reading
  and always a rating somebody actually gave, so it maps back onto the scale.
- "?" (don't know) is counted but never scored;
- several sessions (several teams) are combined by taking each session's team
  rating as one voice (``combine``), then the same median.
A cluster's score is the mean of its factors' scores (they are different
things, so no single rating represents them), rounded to one decimal.
"""

from __future__ import annotations

import statistics
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterable, Mapping, Sequence

from facilitator.core.dates import format_average
from facilitator.core.content import SuccessFactors
from facilitator.core.model import (
    QUICKSCAN_SCALE,
    ActionPoint,
    DotVote,
    PhoneRating,
    QuickscanRating,
    Session,
)
from facilitator.core.text import LText

#: Review order of the statuses (also the order of the counts).
STATUSES = ("open", "not_tried", "helped", "not_helped", "adjusted", "dropped")

STATUS_LABELS: dict[str, LText] = {
    "open": LText(nl="nog niet besproken", en="not reviewed yet"),
    "not_tried": LText(nl="niet geprobeerd", en="not tried"),
    "helped": LText(nl="geprobeerd, het hielp", en="tried, it helped"),
    "not_helped": LText(nl="geprobeerd, hielp niet", en="tried, didn't help"),
    "adjusted": LText(nl="aangepast", en="adjusted"),
    "dropped": LText(nl="geschrapt", en="dropped"),
}

#: Short labels for tables and chart legends.
STATUS_SHORT: dict[str, LText] = {
    "open": LText(nl="open", en="open"),
    "not_tried": LText(nl="niet geprob.", en="not tried"),
    "helped": LText(nl="hielp", en="helped"),
    "not_helped": LText(nl="hielp niet", en="didn't help"),
    "adjusted": LText(nl="aangepast", en="adjusted"),
    "dropped": LText(nl="geschrapt", en="dropped"),
}

#: Scores of the quickscan scale; "?" has none.
SCORES: dict[str, int] = {"++": 2, "+": 1, "+-": 0, "-": -1, "--": -2}
SYMBOL_OF: dict[int, str] = {v: k for k, v in SCORES.items()}


@dataclass(frozen=True)
class ReviewItem:
    """One action point as the follow-up sees it: where it came from, and its state."""

    session_id: str
    session_title: str
    point: ActionPoint
    session_date: date | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.session_id, self.point.id)


def status_counts(points: Iterable[ActionPoint]) -> dict[str, int]:
    """Count per status, every status present (zeros included), in review order."""
    counts = dict.fromkeys(STATUSES, 0)
    for p in points:
        counts[p.status] += 1
    return counts


@dataclass
class Group:
    """Action points under one heading (a success factor, a cluster, or none)."""

    key: int | str | None
    items: list[ReviewItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return status_counts(i.point for i in self.items)


def group_by_factor(items: Iterable[ReviewItem], once: bool = False) -> list[Group]:
    """Groups for factors 1-10 that have points, then points without a factor (key None).

    A point tagged with two factors appears under both: the team discusses it
    under each. With ``once`` (paper: a list to tick off, where a point printed
    twice reads as two points) it appears only under its lowest factor; its line
    still names all its factors. Order inside a group is the order the items came in.
    """
    groups: dict[int | None, Group] = {}
    for item in items:
        factors = sorted(item.point.factors)[:1] if once else item.point.factors
        for f in factors or [None]:
            groups.setdefault(f, Group(f)).items.append(item)
    return sorted(groups.values(), key=lambda g: (g.key is None, g.key or 0))


def group_by_cluster(items: Iterable[ReviewItem], factors: SuccessFactors) -> list[Group]:
    """Groups per cluster (in the content's order), then untagged points (key None).

    A point appears once per cluster, however many of that cluster's factors it has.
    """
    order = [c.id for c in factors.clusters]
    cluster_of = {n: c.id for c in factors.clusters for n in c.factors}
    groups: dict[str | None, Group] = OrderedDict()
    for item in items:
        seen = {cluster_of[f] for f in item.point.factors if f in cluster_of} or {None}
        for cid in seen:
            groups.setdefault(cid, Group(cid)).items.append(item)
    return sorted(groups.values(), key=lambda g: order.index(g.key) if g.key in order else len(order))


def group_by_session(items: Iterable[ReviewItem]) -> list[Group]:
    groups: dict[str, Group] = OrderedDict()
    for item in items:
        groups.setdefault(item.session_id, Group(item.session_id)).items.append(item)
    return list(groups.values())


# -- quickscan ------------------------------------------------------------------
@dataclass(frozen=True)
class FactorScan:
    """The team's reading of one success factor in one meeting."""

    factor: int
    rating: str | None  # a symbol of the scale, "?" when only "don't know", None when unrated
    counts: dict[str, int]  # per symbol of QUICKSCAN_SCALE, zeros included
    explicit: bool = False  # True: an explicit team rating, not a median

    @property
    def score(self) -> int | None:
        return SCORES.get(self.rating) if self.rating else None

    @property
    def raters(self) -> int:
        return sum(self.counts.values())

    @property
    def spread(self) -> int:
        """Distance between the highest and lowest scored rating (0: everyone agrees)."""
        scored = [SCORES[s] for s, n in self.counts.items() if n and s in SCORES]
        return max(scored) - min(scored) if scored else 0


def _latest(ratings: Iterable[QuickscanRating]) -> dict[tuple[int, str | None], QuickscanRating]:
    latest: dict[tuple[int, str | None], QuickscanRating] = {}
    for r in ratings:
        key = (r.factor, r.by)
        if key not in latest or r.created >= latest[key].created:
            latest[key] = r
    return latest


def factor_scan(ratings: Iterable[QuickscanRating], factor: int) -> FactorScan:
    latest = _latest(r for r in ratings if r.factor == factor)
    team = latest.pop((factor, None), None)
    counts = dict.fromkeys(QUICKSCAN_SCALE, 0)
    for r in latest.values():
        counts[r.rating] += 1
    if team is not None:
        if not latest:
            counts[team.rating] += 1
        return FactorScan(factor, team.rating, counts, explicit=True)
    scored = sorted(SCORES[r.rating] for r in latest.values() if r.rating in SCORES)
    if scored:
        rating: str | None = SYMBOL_OF[statistics.median_low(scored)]
    elif latest:
        rating = "?"
    else:
        rating = None
    return FactorScan(factor, rating, counts)


def quickscan_summary(ratings: Sequence[QuickscanRating]) -> dict[int, FactorScan]:
    """The team reading of factors 1-10 (unrated factors have rating None)."""
    return {n: factor_scan(ratings, n) for n in range(1, 11)}


def combine(ratings_by_session: Mapping[str, Sequence[QuickscanRating]]) -> list[QuickscanRating]:
    """Several teams' quickscans as one: each session's team rating is one voice.

    One session is returned as it is, so its individual raters still show.
    """
    if len(ratings_by_session) == 1:
        return list(next(iter(ratings_by_session.values())))
    out: list[QuickscanRating] = []
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    for sid, ratings in ratings_by_session.items():
        for n, scan in quickscan_summary(ratings).items():
            if scan.rating is not None:
                created = max((r.created for r in ratings if r.factor == n), default=epoch)
                out.append(QuickscanRating(
                    id=f"q-{sid}-{n}", factor=n, rating=scan.rating, by=sid, created=created
                ))
    return out


@dataclass(frozen=True)
class FactorChange:
    factor: int
    before: FactorScan
    after: FactorScan

    @property
    def delta(self) -> int | None:
        if self.before.score is None or self.after.score is None:
            return None
        return self.after.score - self.before.score


@dataclass(frozen=True)
class ClusterChange:
    cluster: str
    factors: tuple[int, ...]
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 1)


@dataclass(frozen=True)
class Comparison:
    factors: list[FactorChange]
    clusters: list[ClusterChange]

    @property
    def has_before(self) -> bool:
        return any(c.before.rating is not None for c in self.factors)

    @property
    def has_after(self) -> bool:
        return any(c.after.rating is not None for c in self.factors)


def cluster_score(scans: Mapping[int, FactorScan], numbers: Iterable[int]) -> float | None:
    scores = [scans[n].score for n in numbers if scans[n].score is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def compare(
    before: Sequence[QuickscanRating], after: Sequence[QuickscanRating], factors: SuccessFactors
) -> Comparison:
    """Before (the training) and after (the follow-up), per factor and per cluster."""
    b, a = quickscan_summary(before), quickscan_summary(after)
    changes = [FactorChange(n, b[n], a[n]) for n in range(1, 11)]
    clusters = [
        ClusterChange(c.id, tuple(c.factors), cluster_score(b, c.factors), cluster_score(a, c.factors))
        for c in factors.clusters
    ]
    return Comparison(changes, clusters)


def fmt_delta(delta: int | float | None, lang: str) -> str:
    """A change: '+1' between two ratings (an int), '+1,0' / '-0,5' between two averages
    (a float, always one decimal in the reader's language), '0', or '' (no comparison)."""
    if delta is None:
        return ""
    if isinstance(delta, float):
        return format_average(delta, lang, signed=True)
    return f"{delta:+d}" if delta else "0"


@dataclass
class Snapshot:
    """What a follow-up looks like now, read without locking or writing anything."""

    followup: Session | None
    sessions: list[Session]
    messages: list[str]
    lang: str = "nl"
    factors: SuccessFactors | None = None  # the headings and the quickscan comparison

    def items(self) -> list[ReviewItem]:
        return [ReviewItem(s.id, s.title, p, s.date) for s in self.sessions for p in s.action_points]

    def open_items(self) -> list[ReviewItem]:
        return [i for i in self.items() if i.point.status == "open"]

    def new_points(self) -> list[ActionPoint]:
        return list(self.followup.action_points) if self.followup else []

    def comparison(self) -> Comparison:
        before = combine({s.id: s.quickscan for s in self.sessions})
        after = list(self.followup.quickscan) if self.followup else []
        return compare(before, after, self.factors)

    @property
    def title(self) -> str:
        if self.followup is not None:
            return self.followup.title
        return ", ".join(s.title for s in self.sessions)


# -- the room's own ratings, from the phones (anonymous) ---------------------------------
@dataclass(frozen=True)
class PhoneScan:
    """How the room rated one success factor on its phones: counts per symbol, no names."""

    factor: int
    counts: dict[str, int]  # per symbol of QUICKSCAN_SCALE, zeros included

    @property
    def raters(self) -> int:
        return sum(self.counts.values())


def phone_distribution(ratings: Iterable[PhoneRating]) -> dict[int, PhoneScan]:
    """Factors 1-10 with the phones' ratings counted (each phone's latest rating of a factor once)."""
    latest: dict[tuple[int, str], Any] = {}
    for r in ratings:
        key = (r.factor, r.rater)
        if key not in latest or r.created >= latest[key].created:
            latest[key] = r
    counts = {n: dict.fromkeys(QUICKSCAN_SCALE, 0) for n in range(1, 11)}
    for r in latest.values():
        counts[r.factor][r.rating] += 1
    return {n: PhoneScan(n, c) for n, c in counts.items()}


def dot_counts(votes: Iterable[DotVote], tips: Iterable[str]) -> dict[str, int]:
    """Dots per tip note id (zeros included); dots on notes that are no longer tips do not count."""
    out = dict.fromkeys(tips, 0)
    for vote in votes:
        for note_id in vote.notes:
            if note_id in out:
                out[note_id] += 1
    return out
