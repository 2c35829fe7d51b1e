"""Pure follow-up logic: counts, grouping, quickscan team rating and before/after."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from facilitator.core import followup as core
from facilitator.core.model import ActionPoint, QuickscanRating
from facilitator.core.plain import visible
from facilitator.services import content

T0 = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


def ap(i, status="open", factors=()):
    return ActionPoint(id=f"a-{i}", text=f"punt {i}", created=T0, status=status, factors=list(factors))


def q(factor, rating, by=None, minutes=0):
    return QuickscanRating(id=f"q-{factor}-{by}-{minutes}", factor=factor, rating=rating, by=by,
                           created=T0 + timedelta(minutes=minutes))


def test_status_counts_include_zeros_in_review_order():
    counts = core.status_counts([ap(1, "helped"), ap(2, "helped"), ap(3, "dropped")])
    assert list(counts) == list(core.STATUSES)
    assert counts == {"open": 0, "not_tried": 0, "helped": 2, "not_helped": 0, "adjusted": 0, "dropped": 1}


def test_grouping_by_factor_and_cluster_across_sessions():
    items = [
        core.ReviewItem("s1", "Team A", ap(1, "helped", [1, 2])),
        core.ReviewItem("s2", "Team B", ap(2, "not_tried", [2, 9])),
        core.ReviewItem("s2", "Team B", ap(3)),
    ]
    by_factor = core.group_by_factor(items)
    assert [g.key for g in by_factor] == [1, 2, 9, None]
    two = by_factor[1]
    assert {i.session_id for i in two.items} == {"s1", "s2"}
    assert two.counts["helped"] == 1 and two.counts["not_tried"] == 1
    by_cluster = core.group_by_cluster(items, content.success_factors())
    # point 1 has two contact factors but counts once under contact
    assert [(g.key, len(g.items)) for g in by_cluster] == [("contact", 2), ("toekomstperspectief", 1), (None, 1)]


def test_team_rating_is_low_median_of_each_raters_latest():
    ratings = [q(1, "--", "Anna", 0), q(1, "++", "Anna", 5), q(1, "+", "Bram"), q(1, "-", "Cem"),
               q(1, "+-", "Dewi"), q(1, "?", "Eva")]
    scan = core.factor_scan(ratings, 1)
    # latest per rater: ++, +, -, +-  -> scores 2,1,-1,0 -> low median 0
    assert scan.rating == "+-" and scan.score == 0 and not scan.explicit
    assert scan.counts["++"] == 1 and scan.counts["--"] == 0 and scan.counts["?"] == 1
    assert scan.raters == 5 and scan.spread == 3


def test_explicit_team_rating_wins_and_only_dont_know_gives_question_mark():
    ratings = [q(2, "-", "Anna"), q(2, "+", None, 1), q(2, "++", None, 2), q(3, "?", "Bram")]
    summary = core.quickscan_summary(ratings)
    assert summary[2].rating == "++" and summary[2].explicit
    assert summary[3].rating == "?" and summary[3].score is None
    assert summary[4].rating is None


def test_compare_per_factor_and_cluster():
    before = [q(1, "-"), q(2, "--"), q(3, "+-"), q(8, "+")]
    after = [q(1, "+"), q(2, "-"), q(3, "+-"), q(9, "+")]
    cmp = core.compare(before, after, content.success_factors())
    deltas = {c.factor: c.delta for c in cmp.factors}
    assert deltas[1] == 2 and deltas[2] == 1 and deltas[3] == 0 and deltas[8] is None
    contact = next(c for c in cmp.clusters if c.cluster == "contact")
    assert contact.before == -1.0 and contact.after == 0.0 and contact.delta == 1.0
    # A cluster's change is between two averages: always one decimal, in the reader's language.
    assert core.fmt_delta(contact.delta, "nl") == "+1,0" and core.fmt_delta(contact.delta, "en") == "+1.0"
    assert core.fmt_delta(-0.5, "nl") == "-0,5" and core.fmt_delta(0.0, "nl") == "0,0"
    assert core.fmt_delta(deltas[1], "nl") == "+2" and core.fmt_delta(0, "nl") == "0"  # two ratings: whole steps
    assert core.fmt_delta(None, "nl") == ""


def test_an_average_has_one_decimal_in_the_readers_language():
    from facilitator.core.dates import format_average

    assert format_average(1.0, "nl", signed=True) == "+1,0" and format_average(1.0, "en", signed=True) == "+1.0"
    assert format_average(-0.04, "nl", signed=True) == "0,0" and format_average(-1.25, "en") == "-1.2"


def test_combine_several_teams_one_voice_each():
    team_a = [q(1, "++", "Anna"), q(1, "++", "Bram"), q(1, "++", "Cem")]
    team_b = [q(1, "-", None)]
    team_c = [q(1, "+", "Dewi")]
    combined = core.combine({"a": team_a, "b": team_b, "c": team_c})
    scan = core.factor_scan(combined, 1)
    assert scan.raters == 3 and scan.rating == "+"


def test_visible_shows_control_characters_and_keeps_line_breaks():
    assert visible("a\x1b[31mb\x07\tc\nd\x7f\x9b") == "a^[[31mb^G\tc\nd^?M-^["


from hypothesis import given, settings, strategies as st


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Anna", "Bram", "Cem", "Dewi"]),
                          st.sampled_from(["++", "+", "+-", "-", "--", "?"])), min_size=1, max_size=12))
def test_team_rating_is_always_a_latest_rating_someone_gave(votes):
    ratings = [q(5, r, by, minutes=i) for i, (by, r) in enumerate(votes)]
    scan = core.factor_scan(ratings, 5)
    latest = {}
    for by, r in votes:
        latest[by] = r
    scored = [core.SCORES[r] for r in latest.values() if r in core.SCORES]
    assert scan.raters == len(latest)
    if scored:
        assert scan.rating in latest.values()
        assert min(scored) <= scan.score <= max(scored)
    else:
        assert scan.rating == "?"
