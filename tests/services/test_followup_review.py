"""Follow-up through the services: links by id, missing sessions, round-trips, concurrency."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from facilitator.core.errors import UserError
from facilitator.services.followup import review as followup
from facilitator.services.library import Library
from facilitator.storage.sessionfile import load_session

ROOT = Path(__file__).resolve().parents[2]


def training(library, title, points):
    svc = library.create(title)
    for text, factors in points:
        svc.add_action_point(text, factors=factors)
    svc.close()
    return svc.session.id


def test_create_followup_links_by_id(library):
    a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
    b = training(library, "Team B", [("Leerling aan tafel", [4])])
    fu = followup.create_followup(library, [a, b])
    assert fu.session.kind == "followup" and fu.session.follows == [a, b]
    assert fu.session.agenda == "followup"
    assert [p.key for p in fu.session.phases] == ["ervaringen", "quickscan", "review", "nieuwe-actiepunten"]
    assert fu.session.title.startswith("Vervolg: Team A")
    fu.close()


def test_review_records_on_the_original_only_in_review_fields(library, clock):
    a = training(library, "Team A", [("Agenda vooraf sturen", [5]), ("Positief beginnen", [7])])
    before = load_session(library.find_id(a))
    review = followup.open_review(library, [a], new_followup=True)
    key = review.items()[0].key
    clock.advance(minutes=3)
    review.set_status(key, "adjusted")
    review.add_outcome(key, "Ouders lazen de agenda vooraf", author="Anna")
    review.add_outcome(key, "[bold red]x[/] <b>niet</b>", author="Bram")
    review.set_next_step(key, "Agenda ook in het Engels")
    new = review.promote(key)
    fu_id = review.followup.session.id
    review.close()

    after = load_session(library.find_id(a))
    point = after.action_points[0]
    assert point.status == "adjusted" and point.next_step == "Agenda ook in het Engels"
    assert [o.text for o in point.outcomes] == ["Ouders lazen de agenda vooraf", "[bold red]x[/] <b>niet</b>"]
    assert [o.author for o in point.outcomes] == ["Anna", "Bram"]
    assert all(o.session == fu_id for o in point.outcomes)
    assert point.reviewed == clock()
    # Nothing else in the original changed.
    strip = {"status", "outcomes", "next_step", "reviewed"}
    assert after.action_points[0].model_dump(exclude=strip) == before.action_points[0].model_dump(exclude=strip)
    assert after.action_points[1] == before.action_points[1]
    assert after.model_dump(exclude={"action_points"}) == before.model_dump(exclude={"action_points"})
    # The next step became an action point of the follow-up, with the same factors.
    fu = load_session(library.find_id(fu_id))
    assert [(p.text, p.factors) for p in fu.action_points] == [(new.text, [5])]
    assert fu.action_points[0].text == "Agenda ook in het Engels"


def test_links_survive_moving_and_renaming_the_sessions_folder(tmp_path, clock):
    lib = Library(tmp_path / "one", now=clock)
    a = training(lib, "Team A", [("Agenda vooraf sturen", [5])])
    fu = followup.create_followup(lib, [a])
    fu_id = fu.session.id
    fu.close()
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    (tmp_path / "one").rename(moved)
    # and the reviewed file itself renamed by hand
    (moved / f"{a}.toml").rename(moved / "team-a-oud.toml")
    if (moved / f"{a}.journal").exists():
        (moved / f"{a}.journal").rename(moved / "team-a-oud.journal")
    lib2 = Library(moved, now=clock)
    review = followup.open_review(lib2, [fu_id])
    assert review.messages == []
    [item] = review.items()
    review.set_status(item.key, "helped")
    review.close()
    assert load_session(moved / "team-a-oud.toml").action_points[0].status == "helped"


def test_archived_session_is_still_found(library):
    a = training(library, "Team A", [("x", [])])
    fu = followup.create_followup(library, [a])
    fu.close()
    library.archive(a)
    review = followup.open_review(library, [fu.session.id])
    assert review.messages == [] and len(review.items()) == 1
    review.close()


def test_missing_linked_session_names_the_id_and_the_rest_works(library):
    a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
    b = training(library, "Team B", [("Leerling aan tafel", [4])])
    fu = followup.create_followup(library, [a, b])
    fu.close()
    library.find_id(b).unlink()
    review = followup.open_review(library, [fu.session.id])
    assert review.missing == [b]
    assert len(review.messages) == 1 and repr(b) in review.messages[0] and "ontbreekt" in review.messages[0]
    [item] = review.items()
    review.set_status(item.key, "not_tried")
    review.close()
    en = followup.open_review(library, [fu.session.id], lang="en")
    assert "is missing" in en.messages[0]
    en.close()


def test_unknown_status_and_empty_next_step_are_user_errors(library):
    a = training(library, "Team A", [("x", [])])
    review = followup.open_review(library, [a])
    key = review.items()[0].key
    with pytest.raises(UserError):
        review.set_status(key, "maybe")
    with pytest.raises(UserError):
        review.promote(key)
    assert review.followup is None  # nothing created by a failed promote
    assert review.add_outcome(key, "   ") is None
    review.close()


def test_existing_followup_is_reused_and_quickscan_compares(library):
    a = training(library, "Team A", [("x", [1])])
    svc = library.open(a)
    followup.rate(svc, 1, "-")
    svc.close()
    review = followup.open_review(library, [a])
    assert review.followup is None
    review.rate(1, "+")  # creates the follow-up on demand
    fu_id = review.followup.session.id
    review.close()
    again = followup.open_review(library, [a])
    assert again.followup.session.id == fu_id
    change = again.comparison().factors[0]
    assert (change.before.rating, change.after.rating, change.delta) == ("-", "+", 2)
    again.close()


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from facilitator.services.followup import review as followup
    from facilitator.services.library import Library
    lib = Library(Path(sys.argv[1]))
    review = followup.open_review(lib, [sys.argv[2]])
    key = review.items()[0].key
    for i in range(int(sys.argv[4])):
        review.add_outcome(key, f"{sys.argv[3]} {i}", author=sys.argv[3])
    review.close()
""")


def test_two_processes_adding_outcomes_lose_nothing(library, isolated_dirs):
    a = training(library, "Team A", [("Agenda vooraf sturen", [5])])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(isolated_dirs), a, who, "15"], env=env)
        for who in ("Anna", "Bram")
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    outcomes = load_session(library.find_id(a)).action_points[0].outcomes
    texts = sorted(o.text for o in outcomes)
    assert texts == sorted([f"Anna {i}" for i in range(15)] + [f"Bram {i}" for i in range(15)])


def test_review_with_the_run_screens_followup_service_leaves_it_open(library):
    a = training(library, "Team A", [("x", [3])])
    run_service = followup.create_followup(library, [a])
    review = followup.open_review(library, followup=run_service)
    [item] = review.items()
    review.set_next_step(item.key, "y")
    point = review.promote(item.key)
    review.close()
    # Still usable by its owner, and it holds the new point.
    assert run_service.session.action_points == [point]
    run_service.add_note("review", "nog open")
    run_service.close()
    assert [n.text for n in load_session(library.find_id(run_service.session.id)).notes] == ["nog open"]


def test_too_long_or_invalid_input_is_a_user_error_and_changes_nothing(library):
    a = training(library, "Team A", [("x", [])])
    review = followup.open_review(library, [a])
    key = review.items()[0].key
    with pytest.raises(UserError):
        review.add_outcome(key, "x" * 20_001)
    with pytest.raises(UserError):
        review.set_next_step(key, "x" * 20_001)
    with pytest.raises(UserError):
        review.promote(key, text="x" * 20_001)
    with pytest.raises(UserError):
        review.rate(11, "+", session_id=a)
    with pytest.raises(UserError):
        review.rate(1, "+++", session_id=a)
    point = review.items()[0].point
    assert point.outcomes == [] and point.next_step == "" and review.followup is None
    review.close()
    assert load_session(library.find_id(a)).quickscan == []


def test_a_follow_up_starts_with_the_team_of_the_meetings_it_reviews(library):
    """Ervaringen takes notes per person from the start: the people present at the end come along, once each."""
    a = library.create("Team A", participants=["Anna", "Bram", "Cem"])
    a.mark_absent(next(p.id for p in a.session.participants if p.name == "Cem"), True)
    a.close()
    b = library.create("Team B", participants=["Bram", "Dewi"])
    b.close()
    fu = followup.create_followup(library, [a.session.id, b.session.id])
    try:
        assert [p.name for p in fu.session.participants] == ["Anna", "Bram", "Dewi"]
    finally:
        fu.close()
