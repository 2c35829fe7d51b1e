"""Role-play errors reach the practice screen in its language, naming people rather than ids."""

from __future__ import annotations

import random

import pytest

from facilitator.core import rotation
from facilitator.core.talk import rounds_for_talk
from facilitator.core.text import explain
from facilitator.services.roleplay.groups import RoleplayError, assign
from facilitator.services.roleplay.talk import add_feedback
from tests.tui.helpers import sync


def test_rotation_rules_speak_both_languages():
    with pytest.raises(rotation.RuleError) as err:
        rotation.rotate(["p1", "p2"], "trio", 3)
    assert "drietal" in err.value.text("nl") and "trio" in err.value.text("en")
    problems = rotation.problems(rotation.Assignment("p1", "p1", None, ("p2",)), ["p1", "p2"], "trio")
    names = {"p1": "Anna", "p2": "Bram"}.get
    shown = [p.text("nl", names) for p in problems]
    assert shown == ["een drietal heeft een leerling nodig", "Anna heeft twee rollen in één gesprek"]
    # The English text with ids stays what check() reports.
    assert rotation.check(rotation.Assignment("p1", "p1", None, ("p2",)), ["p1", "p2"], "pair") == [
        "p1 has two roles in one talk"]


@pytest.mark.parametrize("lang, expected", [
    ("nl", "Bram heeft twee rollen in één gesprek"),
    ("en", "Bram has two roles in one talk"),
])
@sync
async def test_practice_screen_shows_rule_errors_in_its_language_with_names(library, lang, expected):
    from tests.tui.phases.test_practice import Harness

    svc = library.create("Oefenen", participants=["Anna", "Bram", "Cem"])
    svc.rng = random.Random(5)
    app = Harness(svc, lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        rnd = rounds_for_talk(svc.session, 1)[0]
        bram = next(p.id for p in svc.session.participants if p.name == "Bram")
        assert app.view.run(assign, rnd.id, mentor=bram, parent=bram) is None
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert expected in messages[0]
        assert bram not in " ".join(messages)
    svc.close()


def test_feedback_errors_have_both_languages(library):
    svc = library.create("Oefenen", participants=["Anna", "Bram"])
    with pytest.raises(RoleplayError) as err:
        add_feedback(svc, "r-none", "Anna", "free", "   ")
    assert explain(err.value, "nl") == "lege feedback" and str(err.value) == "empty feedback"
    svc.close()
