"""Issue #13 point 5: the follow-up's Ervaringen phase has a typing line, per person or for the team."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.storage.sessionfile import load_session
from tests.tui.phases.harness import PhaseApp, screen_text, sync


@sync
async def test_experiences_take_notes_for_the_team_and_per_person(library):
    svc = library.create("Vervolg", agenda="followup", participants=["Anna", "Bram"])
    try:
        app = PhaseApp(svc, "experiences")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Wie:" in text and "Team" in text and "Anna" in text
            assert "Hoe verliepen je laatste tienminutengesprekken?" in text
            await pilot.press("i")
            field = app.view.query_one("#dlg-input", Input)
            field.value = "Iedereen had een agenda"
            await pilot.press("enter")
            await pilot.press("ctrl+g")  # Anna's sheet, still typing
            field.value = "Ouder vertelde meer dan ooit"
            await pilot.press("enter")
            assert "• Ouder vertelde meer dan ooit" in screen_text(app)
            assert "Iedereen had een agenda" not in screen_text(app)  # the team's sheet is another
        notes = load_session(svc.path).notes
        assert [(n.phase, n.text, n.author, n.question) for n in notes] == [
            ("ervaringen", "Iedereen had een agenda", None, "x1"),
            ("ervaringen", "Ouder vertelde meer dan ooit", "Anna", "x1"),
        ]
    finally:
        svc.close()
