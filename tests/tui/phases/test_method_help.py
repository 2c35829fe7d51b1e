"""What the method offers, shown where it helps: o in Dialoog, a talking point in the Introductie."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from facilitator.services import content
from tests.tui.phases.harness import PhaseApp, screen_lines, sync


def screen(app) -> str:
    return "\n".join(screen_lines(app))


@pytest.mark.parametrize("lang", ["nl", "en"])
@sync
async def test_o_shows_the_causes_the_voices_and_the_tips_at_80x24(service, lang):
    service.add_group("Groep 1")
    app = PhaseApp(service, "dialogue", lang=lang)
    causes, voice, tips, tip = {
        "nl": ("Mogelijke oorzaken", "Tien minuten is te kort", "Tips uit het onderzoek", "Neem elke ouder serieus"),
        "en": ("Possible causes", "Ten minutes is too short", "Tips from the research", "Take every parent seriously"),
    }[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ("o: onderzoek" if lang == "nl" else "o: research") in screen(app)
        assert causes not in screen(app)  # hidden until asked for: the flip-over comes first
        await pilot.press("o")
        await pilot.pause()
        assert causes in screen(app) and ("Tijdgebrek" if lang == "nl" else "Lack of time") in screen(app)
        assert app.view.query_one("#dlg-notes").size.height >= 3  # the notes stay in sight
        await pilot.press("o")  # the question's next section: the parents' voices
        await pilot.pause()
        assert voice in screen(app) and causes not in screen(app)
        await pilot.press("right_square_bracket")  # question 2: the same help, from its first section
        await pilot.pause()
        assert causes in screen(app)
        await pilot.press("right_square_bracket")  # question 3: the tips
        await pilot.pause()
        assert tips in screen(app) and tip in screen(app) and causes not in screen(app)
        assert app.view.query_one("#dlg-notes").size.height >= 3
        await pilot.press("right_square_bracket")  # question 4: nothing to offer, no key shown
        await pilot.pause()
        assert tips not in screen(app) and "o: " not in screen(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert tips in screen(app)
        await pilot.press("o")  # then Lusse's introductory talk
        await pilot.pause()
        assert tips not in screen(app) and ("kennismakingsgesprek" if lang == "nl" else "introductory talk") in screen(app)
        await pilot.press("o")  # and hidden again
        await pilot.pause()
        assert tips not in screen(app) and "Lusse" not in screen(app)


@sync
async def test_o_while_typing_is_a_letter(service):
    service.add_group("Groep 1")
    app = PhaseApp(service, "dialogue")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i", "o")
        await pilot.pause()
        assert app.view.query_one("#dlg-input", Input).value == "o"
        assert "Mogelijke oorzaken" not in screen(app)


@pytest.mark.parametrize("lang, start", [("nl", "Vier soorten steun van thuis"),
                                         ("en", "Four kinds of support from home")])
@sync
async def test_the_introduction_names_the_four_kinds_of_support_from_home(service, lang, start):
    app = PhaseApp(service, "intro", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.press("down")
        assert app.view.room_prompt().startswith(start)
        await pilot.press("down")
        assert app.view.room_prompt().startswith("Het tienminutengesprek" if lang == "nl" else "The ten-minute talk")


CUSTOM_AGENDA = '''schema = 1
name = "eigen"
title = { nl = "Eigen opzet", en = "Own format" }
description = { nl = "Een agenda van de begeleider zelf.", en = "The facilitator's own agenda." }

[[phases]]
key = "gesprek"
kind = "dialogue"
title = { nl = "Gesprek", en = "Talk" }
minutes = 20
goal = { nl = "Praat in groepjes.", en = "Talk in groups." }
help = { nl = "Loop de vragen langs.", en = "Go through the questions." }

[[phases.prompts]]
id = "eerst"
text = { nl = "Wat valt je op?", en = "What strikes you?" }

[[phases.prompts]]
id = "thuis"
text = { nl = "Wat werkt in jouw gesprekken?", en = "What works in your talks?" }
help = ["tips"]

[[phases]]
key = "samen"
kind = "plenary"
title = { nl = "Samen", en = "Together" }
minutes = 10
goal = { nl = "Elke groep vertelt.", en = "Each group reports." }
help = { nl = "Kort terugkoppelen.", en = "Report back briefly." }

[[phases.prompts]]
id = "opbrengst"
text = { nl = "Wat nemen we mee?", en = "What do we take away?" }
help = ["voices"]
'''


@pytest.fixture
def custom(library, tmp_path):
    folder = tmp_path / "userdata" / "templates"
    folder.mkdir(parents=True)
    (folder / "eigen.toml").write_text(CUSTOM_AGENDA, encoding="utf-8")
    svc = library.create("Eigen opzet", agenda="eigen")
    svc.add_group("Groep 1")
    yield svc
    svc.close()


@sync
async def test_a_custom_agenda_shows_the_help_its_own_question_names(custom):
    app = PhaseApp(custom, "dialogue", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # The first question names no help: no key shown, o does nothing and nothing breaks.
        assert "What strikes you?" in screen(app) and "o: " not in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert "Tips from the research" not in screen(app)
        await pilot.press("right_square_bracket")  # its second question names the research's tips
        await pilot.pause()
        assert "o: research" in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert "Tips from the research" in screen(app) and "Take every parent seriously" in screen(app)
        assert "Possible causes" not in screen(app)  # only what this question names


@sync
async def test_plenair_offers_the_help_of_its_questions_and_of_its_own(custom):
    custom.add_note("gesprek", "Eerst luisteren", question="thuis", tip=True)
    app = PhaseApp(custom, "plenary", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Page 1 ("What strikes you?" names nothing): the plenary's own question names the voices.
        assert "o: research" in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert "What parents wrote" in screen(app) and "Tips from the research" not in screen(app)
        await pilot.press("ctrl+down")  # page 2: its question's tips first, then the voices
        await pilot.pause()
        assert "Tips from the research (after Denessen)  (1/2)" in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert "What parents wrote" in screen(app) and "Tips from the research" not in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert "What parents wrote" not in screen(app) and "Eerst luisteren" in screen(app)


@sync
async def test_plenair_with_the_built_in_agenda_offers_the_tips_on_question_3(service):
    service.add_group("Groep 1")
    app = PhaseApp(service, "plenary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+down", "ctrl+down", "o")
        await pilot.pause()
        assert "Tips uit het onderzoek" in screen(app) and "Neem elke ouder serieus" in screen(app)


@sync
async def test_in_a_small_view_o_pages_the_help_so_the_notes_and_typing_line_stay(service):
    """The run screen leaves Dialoog ~14 rows at 80x24: every tip is still read, page by page."""
    service.add_group("Groep 1")
    app = PhaseApp(service, "dialogue", lang="en")
    tips = [item.text.en for item in content.method().section("tips").items]
    seen: set[str] = set()
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket")
        for _ in range(12):
            await pilot.press("o")
            await pilot.pause()
            text = screen(app)
            if "Tips from the research" not in text:
                break
            flat = " ".join(text.split())  # a tip may wrap onto a second row
            seen |= {tip for tip in tips if tip in flat}
            assert app.view.query_one("#dlg-notes").outer_size.height >= 3  # a row of notes, framed
            assert "Type a note from the flip-over" in text  # the typing line stays in sight
        assert seen == set(tips)
