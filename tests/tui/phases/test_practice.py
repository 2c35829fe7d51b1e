"""The practice phase in the TUI: secrecy through a whole flow, the reveal flow, the talk timer."""

from __future__ import annotations

import asyncio
import functools
import html
import re

import pytest
from textual.app import App
from textual.widgets import Digits

from facilitator.core.talk import rounds_for_talk
from facilitator.services import content
from facilitator.services.roleplay.cards import card_for
from facilitator.services.roleplay.groups import group_of, round_of
from facilitator.storage.sessionfile import load_session
from facilitator.tui.dialogs.reveal import RevealScreen
from facilitator.tui.phases import view_class
from facilitator.tui.phases.practice.view import PracticePhase


def sync(fn):
    """Run an async Pilot test with plain pytest (no asyncio plugin needed)."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        return asyncio.run(fn(*args, **kwargs))

    return run


PEOPLE = ["Anna", "Bram", "Cem", "Dewi", "Eva", "Fleur", "Gijs", "Hans", "Iris", "Joost"]


class Harness(App):
    """A bare app around the phase view (the run screen mounts it the same way)."""

    def __init__(self, service, lang="nl"):
        super().__init__()
        self.service = service
        self.lang = lang
        self.bells = 0

    def compose(self):
        plan = next(p for p in self.service.session.phases if p.kind == "practice")
        tpl = content.template(self.service.session.agenda).phase(plan.key)
        yield view_class(plan.kind)(self.service, plan, tpl, self.lang, id="phase-view")

    def bell(self) -> None:
        self.bells += 1

    @property
    def view(self) -> PracticePhase:
        return self.query_one(PracticePhase)


@pytest.fixture
def svc(library):
    import random

    s = library.create("Oefenen", participants=PEOPLE, facilitator="Marieke")
    s.set_card_delivery("laptop")  # answered before the practice: the laptop goes round
    s.rng = random.Random(5)
    yield s
    s.close()


def screen_text(app) -> str:
    """What the terminal shows now, as one whitespace-normalised string."""
    svg = app.export_screenshot()
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape("".join(parts)).replace("\xa0", " "))


def secret_fragments(lang: str) -> list[str]:
    """Every 4-word run of every parent and pupil card, and their titles."""
    out = []
    for card in content.default_deck().cards:
        if card.role == "mentor":
            continue
        out.append(card.title.get(lang))
        words = card.render(lang, "…").split()
        out += [" ".join(words[i:i + 4]) for i in range(0, max(1, len(words) - 3))]
        out += [s.get(lang) for s in card.situations if len(s.get(lang)) > 5]
    return out


def assert_no_secret(app, lang="nl"):
    text = screen_text(app)
    prompt = app.view.room_prompt() or ""
    for fragment in secret_fragments(lang):
        assert fragment not in text, f"card text on screen: {fragment!r}"
        assert fragment not in prompt


@pytest.mark.parametrize("lang", ["nl", "en"])
@sync
async def test_secret_kept_through_a_whole_practice(svc, clock, lang):
    app = Harness(svc, lang)
    async with app.run_test(size=(100, 30)) as pilot:
        assert_no_secret(app, lang)
        await pilot.press("3")                       # trios
        await pilot.press("d")                       # draw for every group
        assert all(r.cards for r in rounds_for_talk(svc.session, 1))
        assert_no_secret(app, lang)
        await pilot.press("R", "s", "R")             # redraw, switch set choice, redraw
        await pilot.press("t")                       # start the talk
        clock.advance(seconds=100)
        app.view.tick()
        await pilot.pause()
        assert_no_secret(app, lang)
        await pilot.press("f")                       # observer feedback form
        await pilot.press(*"Goede vraag", "enter", "escape")
        await pilot.press("c", "space", "space", "space", "space", "space", "space", "space", "space", "space")
        assert not isinstance(app.screen, RevealScreen)
        assert_no_secret(app, lang)
        await pilot.press("e", "full_stop", "d", "t")  # end, next talk, draw, start
        clock.advance(seconds=30)
        app.view.tick()
        await pilot.pause()
        assert_no_secret(app, lang)
        await pilot.press("l")                       # role slips PDF: only its path is shown
        await pilot.pause()
        assert_no_secret(app, lang)
    saved = load_session(svc.path)
    talk1 = rounds_for_talk(saved, 1)
    assert talk1[0].observations[0].text == "Goede vraag"
    assert talk1[0].observations[0].offset == 100
    assert all(r.ended is not None for r in talk1)
    assert all(r.started is not None and r.cards for r in rounds_for_talk(saved, 2))
    assert list(svc.path.parent.glob("*-gesprek-2.pdf" if lang == "nl" else "*-talk-2.pdf"))


@sync
async def test_reveal_shows_the_card_only_between_two_key_presses(svc):
    app = Harness(svc)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2", "d")                  # pairs: 10 people -> three groups
        rnd = rounds_for_talk(svc.session, 1)[0]
        parent_card = card_for(rnd, "parent")
        mentor_card = card_for(rnd, "mentor")
        parent_text = parent_card.text.get("nl")[:40]
        mentor_text = mentor_card.text.get("nl")[:40]
        parent_name = svc.session.participant_name(rnd.parent)
        await pilot.press("c")
        assert isinstance(app.screen, RevealScreen)
        text = screen_text(app)
        assert f"Geef de laptop aan {parent_name} (ouder)" in text
        assert parent_text not in text
        await pilot.press("space")                   # first press: the card shows
        assert parent_text in screen_text(app)
        # The detector the secrecy test relies on does see a card when one is shown.
        assert any(f in screen_text(app) for f in secret_fragments("nl"))
        await pilot.press("space")                   # second press: hidden, next person named
        text = screen_text(app)
        assert parent_text not in text and mentor_text not in text
        assert f"Geef de laptop aan {svc.session.participant_name(rnd.mentor)} (mentor)" in text
        await pilot.press("space")
        assert mentor_text in screen_text(app) and parent_text not in screen_text(app)
        await pilot.press("space", "space")          # observer step: every card of the talk
        text = screen_text(app)
        assert parent_text in text and mentor_text in text
        await pilot.press("escape")
        assert not isinstance(app.screen, RevealScreen)
        assert parent_text not in screen_text(app)


@sync
async def test_talk_timer_on_screen_with_bell(svc, clock):
    app = Harness(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "t")
        clock.advance(seconds=72)
        app.view.tick()
        assert app.view.query_one(Digits).value == "03:48"
        assert app.view.room_prompt() == "Gesprek 1 van 3 — 03:48"
        await pilot.press("t")                       # pause
        clock.advance(minutes=3)
        app.view.tick()
        assert app.view.query_one(Digits).value == "03:48"
        await pilot.press("t")                       # resume
        clock.advance(seconds=228)
        app.view.tick()
        assert app.bells == 1
        assert app.view.query_one(Digits).value == "00:00"
        clock.advance(seconds=5)
        app.view.tick()
        assert app.view.query_one(Digits).value == "-00:05" and app.bells == 1
        await pilot.press("e")
        assert app.view.room_prompt() == "Gesprek 1 van 3 — feedback"
        clock.advance(seconds=70)
        app.view.tick()
        assert app.view.query_one(Digits).value == "01:10", "the feedback slot counts up"
        assert "het gesprek duurde 05:05" in screen_text(app)
        await pilot.press("full_stop")
        assert app.view.room_prompt() == "Gesprek 2 van 3 — 05:00"
        await pilot.press("f")                       # between talks: feedback on the talk just played
        assert "gesprek 1" in app.screen.title_text
        await pilot.press(*"Mooi", "enter", "escape")
        first = rounds_for_talk(svc.session, 1)[0]
        assert [(o.text, o.offset) for o in first.observations] == [("Mooi", 305)]  # stamped at the end
    rounds = rounds_for_talk(load_session(svc.path), 1)
    assert all(r.paused_seconds == 180 and r.ended is not None for r in rounds)


@sync
async def test_override_roles_in_a_dialog(svc):
    app = Harness(svc, "en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")
        rnd = rounds_for_talk(svc.session, 1)[0]
        await pilot.press("o")
        form = app.screen
        form.query_one("#mentor").value = rnd.parent
        form.query_one("#parent").value = rnd.mentor
        await pilot.press("ctrl+s")
        after = round_of(svc.session, rnd.id)
        assert (after.mentor, after.parent) == (rnd.parent, rnd.mentor)
        await pilot.press("o")
        app.screen.query_one("#parent").value = rnd.parent   # same person twice: refused
        await pilot.press("ctrl+s")
        assert round_of(svc.session, rnd.id).parent == rnd.mentor


@sync
async def test_pupil_chooses_the_situation_while_reading(svc):
    app = Harness(svc)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("3")
        rnd = rounds_for_talk(svc.session, 1)[0]
        svc.update_round(rnd.id, set=1, cards=["s1-mentor", "s1-parent-1", "pupil-4"], situation="arm")
        await pilot.press("c", "space", "space")     # parent sees and hides; pupil named
        assert "Je ouders zijn" not in screen_text(app)
        await pilot.press("4")                       # no choosing before the card shows
        assert round_of(svc.session, rnd.id).situation == "arm"
        await pilot.press("space")
        assert "Je ouders zijn arm" in screen_text(app)
        await pilot.press("4")
        assert "Je ouders zijn gescheiden" in screen_text(app)
        await pilot.press("escape")
    assert round_of(load_session(svc.path), rnd.id).situation == "gescheiden"


@sync
async def test_move_someone_to_another_group(svc):
    app = Harness(svc, "en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("2")                       # 10 people: groups of 4, 3, 3
        first, second = svc.session.practice_groups[:2]
        who = first.members[0]
        await pilot.press("w")
        app.screen.query_one("#who").value = who
        app.screen.query_one("#to").value = second.id
        await pilot.press("ctrl+s")
        assert who in group_of(svc.session, second.id).members
        for rnd in svc.session.rounds:
            group = group_of(svc.session, rnd.group)
            assert sorted([rnd.mentor, rnd.parent, *rnd.observers]) == sorted(group.members)


@sync
async def test_talk_timer_tick_repaints_only_when_its_text_changes(svc, clock, monkeypatch):
    from textual.widgets import Static

    app = Harness(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "t")
        clock.advance(seconds=1)
        app.view.tick()
        digits, talk = app.view.query_one("#pr-digits", Digits), app.view.query_one("#pr-talk", Static)
        updates = []
        monkeypatch.setattr(digits, "update", lambda *a, **k: updates.append("digits"))
        monkeypatch.setattr(talk, "update", lambda *a, **k: updates.append("talk"))
        app.view.tick()
        app.view.tick()  # twice a second, same second: nothing to repaint
        assert updates == []
        clock.advance(seconds=1)
        app.view.tick()  # a new second: the digits, and the line only if it changed
        assert updates.count("digits") == 1 and updates.count("talk") <= 1


@sync
async def test_once_a_talk_began_the_key_bar_stops_offering_new_groups(svc):
    """2/3 are refused once a talk began (talks held keep who played what), so the bar drops them."""
    app = Harness(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2")
        assert {"propose", "reshuffle"} <= active_actions(app)
        await pilot.press("t")  # the first talk starts
        await pilot.pause()
        assert not {"propose", "reshuffle"} & active_actions(app)
        assert {"talk_timer", "end_talk", "feedback"} <= active_actions(app)


def active_actions(app) -> set[str]:
    """The actions the key bar lists as working now (Textual's active bindings, check_action applied)."""
    return {b.binding.action.split("(")[0] for b in app.screen.active_bindings.values() if b.enabled}
