"""What the method offers, shown where it helps: o in Dialoog, a talking point in the Introductie."""

from __future__ import annotations

import pytest
from textual.widgets import Input

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
        assert causes in screen(app) and voice in screen(app)
        assert ("te weinig tijd" if lang == "nl" else "too little time") in screen(app)
        await pilot.press("right_square_bracket")  # question 2: the same help
        await pilot.pause()
        assert causes in screen(app)
        await pilot.press("right_square_bracket")  # question 3: the tips
        await pilot.pause()
        assert tips in screen(app) and tip in screen(app) and causes not in screen(app)
        assert app.view.query_one("#dlg-notes").size.height >= 3  # the notes stay in sight
        await pilot.press("right_square_bracket")  # question 4: nothing to offer, no key shown
        await pilot.pause()
        assert tips not in screen(app) and "o: " not in screen(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert tips in screen(app)
        await pilot.press("o")
        await pilot.pause()
        assert tips not in screen(app)


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
