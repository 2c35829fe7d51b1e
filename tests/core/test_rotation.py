"""Property tests for practice groups and the role rotation (facilitator.core.rotation)."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

from facilitator.core.rotation import (
    FACILITATOR,
    FILL_ROLE,
    Assignment,
    check,
    group_sizes,
    propose,
    rotate,
    talk_count,
)

people = st.integers(min_value=4, max_value=40)
modes = st.sampled_from(["pair", "trio"])
talks = st.integers(min_value=1, max_value=8)
seeds = st.integers(min_value=0, max_value=2**32)
fills = st.booleans()


def ids(n: int) -> list[str]:
    return [f"p{i}" for i in range(n)]


@settings(max_examples=300, deadline=None)
@given(n=people, mode=modes, t=talks, seed=seeds, fill=fills)
def test_everyone_has_exactly_one_role_in_every_talk(n, mode, t, seed, fill):
    groups = propose(ids(n), mode, t, random.Random(seed), facilitator_fills=fill)
    members = [m for g in groups for m in g.members if m != FACILITATOR]
    assert sorted(members) == sorted(ids(n)), "every participant is in exactly one group"
    for talk in range(t):
        seen: Counter[str] = Counter()
        for g in groups:
            a = g.talks[talk]
            everyone = a.players + list(a.observers)
            assert sorted(everyone) == sorted(g.members), "each member has a role or observes"
            assert len(set(everyone)) == len(everyone), "no player has two roles in one talk"
            assert (a.pupil is not None) == (mode == "trio")
            assert check(a, g.members, mode) == []
            seen.update(m for m in everyone if m != FACILITATOR)
        assert all(seen[p] == 1 for p in ids(n))


@settings(max_examples=300, deadline=None)
@given(n=people, mode=modes, t=talks, seed=seeds, fill=fills)
def test_mentor_goes_round_before_anyone_plays_it_twice(n, mode, t, seed, fill):
    for g in propose(ids(n), mode, t, random.Random(seed), facilitator_fills=fill):
        real = [m for m in g.members if m != FACILITATOR]
        count: Counter[str] = Counter()
        for a in g.talks:
            assert a.mentor != FACILITATOR, "the facilitator never takes a participant's mentor turn"
            # Whoever mentors now has mentored no more often than any groupmate.
            assert count[a.mentor] == min(count[m] for m in real)
            count[a.mentor] += 1
        assert max(count[m] for m in real) - min(count[m] for m in real) <= 1
        if t <= len(real):
            assert max(count.values()) == 1


@settings(max_examples=200, deadline=None)
@given(n=people, mode=modes, t=talks, seed=seeds, fill=fills)
def test_roles_rotate_between_talks(n, mode, t, seed, fill):
    for g in propose(ids(n), mode, t, random.Random(seed), facilitator_fills=fill):
        for before, after in zip(g.talks, g.talks[1:]):
            for pid in g.members:
                if pid == FACILITATOR:
                    assert before.role_of(pid) == after.role_of(pid) == FILL_ROLE[mode]
                    continue
                r1, r2 = before.role_of(pid), after.role_of(pid)
                if r1 != "observer":
                    assert r1 != r2, f"{pid} plays {r1} twice in a row"


@settings(max_examples=200, deadline=None)
@given(n=people, mode=modes, t=talks, seed=seeds, fill=fills)
def test_group_shapes(n, mode, t, seed, fill):
    groups = propose(ids(n), mode, t, random.Random(seed), facilitator_fills=fill)
    full = 3 if mode == "pair" else 4
    with_facilitator = [g for g in groups if g.facilitator_plays]
    assert len(with_facilitator) <= 1
    if not fill:
        assert not with_facilitator
    for g in groups:
        size = len(g.members)
        assert size >= full, "every group has its players and at least one observer"
        if n >= 2 * full:
            # With enough people a group has at most two observers (three only in an 11-person trio split without the facilitator).
            assert size <= full + 1 or (mode == "trio" and size <= full + 2)
        assert all(len(a.observers) >= 1 for a in g.talks)


@settings(max_examples=100, deadline=None)
@given(n=people, mode=modes, t=talks, seed=seeds)
def test_same_seed_same_proposal(n, mode, t, seed):
    a = propose(ids(n), mode, t, random.Random(seed))
    b = propose(ids(n), mode, t, random.Random(seed))
    assert a == b


def test_examples_from_the_method():
    assert talk_count(15, 5) == 3
    assert talk_count(15, None) == 3
    assert talk_count(4, 5) == 1
    assert group_sizes(9, "pair") == ([3, 3, 3], False)
    assert group_sizes(10, "pair") == ([4, 3, 3], False)
    assert group_sizes(5, "pair") == ([3, 2], True)
    assert group_sizes(5, "pair", facilitator_fills=False) == ([5], False)
    assert group_sizes(7, "trio") == ([4, 3], True)
    assert group_sizes(6, "trio") == ([6], False)


def test_rotation_order_is_observer_pupil_parent_mentor():
    a = rotate(["A", "B", "C", "D"], "trio", 4)
    assert [x.mentor for x in a] == ["A", "B", "C", "D"]
    assert [x.parent for x in a] == ["B", "C", "D", "A"]
    assert [x.pupil for x in a] == ["C", "D", "A", "B"]
    assert [x.observers for x in a] == [("D",), ("A",), ("B",), ("C",)]


def test_facilitator_fills_the_smallest_role():
    a = rotate(["A", "B", FACILITATOR], "pair", 3)
    assert all(x.parent == FACILITATOR for x in a)
    assert [x.mentor for x in a] == ["A", "B", "A"]


def test_check_reports_bad_overrides():
    assert check(Assignment("A", "A", None, ("B",)), ["A", "B"], "pair") == ["A has two roles in one talk"]
    assert "a trio needs a pupil" in check(Assignment("A", "B"), ["A", "B"], "trio")
    assert check(Assignment("A", "Z"), ["A", "B"], "pair") == ["not in this group: Z"]


def test_refuses_impossible_input():
    with pytest.raises(ValueError):
        propose(["a"], "pair", 3, random.Random(1))
    with pytest.raises(ValueError):
        propose(["a", FACILITATOR], "pair", 3, random.Random(1))
    with pytest.raises(ValueError):
        rotate(["a", "b"], "pair", 0)
