"""Evaluation: answers per helper question; observers' feedback shown read-only."""

from __future__ import annotations

from textual.widgets import Input

from facilitator.core.model import PracticeGroup
from facilitator.storage.sessionfile import load_session
from tests.tui.phases.harness import PhaseApp, screen_lines, screen_text, sync


@sync
async def test_answers_saved_per_question_and_role(service):
    app = PhaseApp(service, "evaluation")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.view.room_prompt().startswith("Waar viel het je zwaar")
        await pilot.press("i")  # typing starts only when chosen
        app.view.query_one("#ev-input", Input).value = "Bij de scheiding"
        await pilot.press("enter")
        for _ in range(6):  # past the six mentor questions to the first parent question
            await pilot.press("ctrl+down")
        assert app.view.question.id == "ep1"
        assert "Ouder:" in screen_text(app)
        app.view.query_one("#ev-input", Input).value = "Toen ze doorvroeg"
        await pilot.press("enter")
        stored = [(a.question, a.role, a.text) for a in load_session(service.path).evaluation]
        assert stored == [("em1", "mentor", "Bij de scheiding"), ("ep1", "parent", "Toen ze doorvroeg")]
        assert "✓ opgeslagen" in screen_text(app)


@sync
async def test_observations_from_role_play_shown_beside(service):
    service.add_practice_group(PracticeGroup(id="pg-1", name="Trio A", mode="trio"))
    rnd = service.draw_round("pg-1", 2, 1)
    service.add_observation(rnd.id, "Bram", "perspective", "Vroeg door [bold red]x[/]", offset=75)
    service.add_observation(rnd.id, "Bram", "hindering", "Te snel een oplossing", offset=190)
    app = PhaseApp(service, "evaluation", lang="en")
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Trio A · talk 2" in text
        assert "01:15 perspective: Vroeg door [bold red]x[/] (Bram)" in text
        assert "03:10 hindering: Te snel een oplossing" in text
        assert "[bold red]x[/]" in "\n".join(screen_lines(app))  # on screen as typed
        # Read-only: no key on the feedback list changes the session.
        before = load_session(service.path).rounds
        await pilot.press("ctrl+o", "d", "e", "delete")
        assert load_session(service.path).rounds == before


@sync
async def test_edit_and_delete_answer(service):
    service.add_answer("em1", "mentor", "Eerste")
    app = PhaseApp(service, "evaluation")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "e")
        app.screen.query_one(Input).value = "Eerste, beter"
        await pilot.press("enter")
        assert load_session(service.path).evaluation[0].text == "Eerste, beter"
        await pilot.press("d", "j")
        assert load_session(service.path).evaluation == []


@sync
async def test_feedback_from_an_observer_appears_on_session_changed(service, library):
    service.add_practice_group(PracticeGroup(id="pg-1", name="Duo B"))
    rnd = service.draw_round("pg-1", 1, 2)
    app = PhaseApp(service, "evaluation")
    async with app.run_test(size=(120, 30)) as pilot:
        assert "Nog geen feedback" in screen_text(app)
        phone = library.open(str(service.path))  # the observer's device writes to the same session
        phone.add_observation(rnd.id, "Cem", "helpful", "Goede open vraag", offset=42)
        phone.close()
        service.refresh()
        app.view.session_changed()
        await pilot.pause()
        assert "00:42 helpend: Goede open vraag (Cem)" in screen_text(app)


@sync
async def test_the_answers_stop_at_their_ends(service):
    """As the flip-over's notes: ↓ on the last answer stays on it, ↑ on the first too (no going round)."""
    for text in ("Eerste", "Tweede"):
        service.add_answer("em1", "mentor", text)
    app = PhaseApp(service, "evaluation")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")  # into the answers, on the newest
        answers = app.focused

        def on() -> str:
            return str(answers.highlighted_option.prompt)

        assert "Tweede" in on()
        await pilot.press("down")
        assert app.focused is answers and "Tweede" in on()
        await pilot.press("up", "up")
        assert app.focused is answers and "Eerste" in on()
