"""People and groups change while the meeting runs (#13.3): late arrivals, absentees, moves, new groups."""

from __future__ import annotations

import random
import subprocess
import sys

from facilitator.core.talk import rounds_for_talk
from facilitator.services import people
from facilitator.services.roleplay import groups as practice


def names(svc, ids):
    return [svc.session.participant_name(i) for i in ids]


def test_new_with_participants_proposes_dialogue_groups_like_the_form(isolated_dirs, library):
    from facilitator.core.groups import propose

    who = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur", "Gijs"]
    out = subprocess.run(
        [sys.executable, "-m", "facilitator", "--sessions-dir", str(isolated_dirs), "new", "--title", "Team",
         *[a for n in who for a in ("--participant", n)]],
        capture_output=True, text=True, check=True,
    )
    svc = library.open(out.stdout.strip())
    try:
        groups = [names(svc, g.members) for g in svc.session.groups]
        assert groups == propose(who)  # the form's proposal, the same function
        assert [g.name for g in svc.session.groups] == ["Groep 1", "Groep 2"]
    finally:
        svc.close()


def test_late_arrival_joins_the_smallest_groups_and_plays_in_talks_to_come(library):
    svc = library.create("Team", participants=["Anna", "Bram", "Cem", "Dewi", "Eva"])
    svc.rng = random.Random(3)
    try:
        people.propose_dialogue_groups(svc)
        practice.setup_groups(svc, "pair", 3, facilitator_fills=False)
        first = rounds_for_talk(svc.session, 1)
        held = {r.id: (r.mentor, r.parent, tuple(r.observers)) for r in first}
        for r in first:
            svc.update_round(r.id, started=svc.now())
        person, warning = people.add_late_arrival(svc, "  Fleur ")
        assert warning is None and person.name == "Fleur"
        assert any(person.id in g.members for g in svc.session.groups)
        assert people.practice_group_of(svc.session, person.id) is not None
        # Talk 1 was held: who played what stays; a later talk includes Fleur.
        for r in rounds_for_talk(svc.session, 1):
            assert (r.mentor, r.parent, tuple(r.observers)) == held[r.id]
        later = [r for r in svc.session.rounds if r.talk > 1]
        assert any(person.id in (r.mentor, r.parent, *r.observers) for r in later)
    finally:
        svc.close()


def test_absent_is_left_out_of_talks_to_come_and_proposals_but_never_deleted(library):
    svc = library.create("Team", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur"])
    svc.rng = random.Random(5)
    try:
        practice.setup_groups(svc, "trio", 3, facilitator_fills=False)
        anna = svc.session.participants[0].id
        svc.add_note("dialogue", "Anna's note", author=anna)
        r1 = next(r for r in svc.session.rounds if r.talk == 1 and anna in (r.mentor, r.parent, r.pupil, *r.observers))
        svc.update_round(r1.id, started=svc.now())
        assert people.set_absent(svc, anna) is None
        person = svc.session.participants[0]
        assert person.absent and person.name == "Anna"  # still there
        assert any(n.author == anna for n in svc.session.notes)
        held = next(r for r in svc.session.rounds if r.id == r1.id)
        assert anna in (held.mentor, held.parent, held.pupil, *held.observers)  # history kept
        for r in svc.session.rounds:
            if r.started is None:
                assert anna not in (r.mentor, r.parent, r.pupil, *r.observers)
        groups = people.propose_dialogue_groups(svc)
        assert all(anna not in g.members for g in groups)
        assert sum(len(g.members) for g in groups) == 5
        # Back again: she plays in the talks to come.
        people.set_absent(svc, anna, False)
        assert any(anna in (r.mentor, r.parent, r.pupil, *r.observers)
                   for r in svc.session.rounds if r.started is None)
    finally:
        svc.close()


def test_moves_and_renames(library):
    svc = library.create("Team", participants=["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur", "Gijs", "Hans"])
    svc.rng = random.Random(1)
    try:
        g1, g2 = people.propose_dialogue_groups(svc)
        who = g1.members[0]
        people.move_to_dialogue_group(svc, who, g2.id)
        assert who not in svc.session.groups[0].members and who in svc.session.groups[1].members
        svc.rename_group(g2.id, "De tafel bij het raam")
        assert svc.session.groups[1].name == "De tafel bij het raam"
        practice.setup_groups(svc, "pair", 2, facilitator_fills=False)
        pg = svc.session.practice_groups
        assert people.move_to_practice_group(svc, pg[0].members[0], pg[1].id) is None
        moved = svc.session.practice_groups[1].members[-1]
        assert any(moved in (r.mentor, r.parent, *r.observers) for r in svc.session.rounds if r.group == pg[1].id)
    finally:
        svc.close()


def test_a_group_too_small_to_rotate_says_so_and_keeps_the_absence(library):
    svc = library.create("Team", participants=["Anna", "Bram", "Cem"])
    try:
        practice.setup_groups(svc, "pair", 2, facilitator_fills=False)
        group = svc.session.practice_groups[0]
        assert len(group.members) == 3
        assert people.set_absent(svc, group.members[0], lang="en") is None
        warning = people.set_absent(svc, group.members[1], lang="en")
        assert warning and group.name in warning and "pair" in warning
        away = [p.name for p in svc.session.participants if p.absent]
        assert len(away) == 2 and len(svc.session.participants) == 3
    finally:
        svc.close()


def test_a_note_deleted_can_be_restored_exactly(library):
    svc = library.create("Team")
    try:
        a = svc.add_note("dialogue", "één")
        b = svc.add_note("dialogue", "twee", factors=[3], tip=True)
        svc.add_note("dialogue", "drie")
        svc.delete_note(b.id)
        svc.restore_note(b, index=1)
        assert [n.text for n in svc.session.notes] == ["één", "twee", "drie"]
        assert svc.session.notes[1] == b and svc.session.notes[0] == a
    finally:
        svc.close()
    reopened = library.open(str(library.files()[0]))
    try:
        assert [n.text for n in reopened.session.notes] == ["één", "twee", "drie"]
    finally:
        reopened.close()


def test_card_delivery_and_place_are_remembered(library):
    svc = library.create("Team")
    svc.set_card_delivery("slips")
    svc.remember_place("dialogue", "g-1|q2")
    svc.close()
    reopened = library.open(str(library.files()[0]))
    try:
        assert reopened.session.card_delivery == "slips"
        assert reopened.session.places == {"dialogue": "g-1|q2"}
    finally:
        reopened.close()
