"""Introduction talking points and the research chart."""

from __future__ import annotations

from tests.tui.phases.harness import PhaseApp, screen_lines, sync


@sync
async def test_intro_steps_through_talking_points(service):
    app = PhaseApp(service, "intro")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.view.room_prompt().startswith("Onderwijsondersteunend gedrag")
        await pilot.press("down", "down")
        assert app.view.room_prompt().startswith("Autoritatief opvoeden")
        assert app.view.query_one("#point-2").has_class("-current")
        await pilot.press("up")
        assert app.view.room_prompt().startswith("Vertrouwen")
        for _ in range(8):  # stops at the last point
            await pilot.press("right")
        assert app.view.room_prompt().startswith("Het tienminutengesprek")


@sync
async def test_research_chart_pages_topics_at_80x24(service):
    app = PhaseApp(service, "research", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        assert "powtoon.com" in screen
        assert "1/8  Knowing the home situation" in screen
        assert "31%" in screen and "mentors know it well" in screen
        assert "Knowing the home situation" in app.view.room_prompt()
        await pilot.press("right")
        chart = app.view.query_one("#survey-chart")
        first = chart.topic
        assert first >= 1
        assert app.view.room_prompt().startswith(chart.current.title.en)
        await pilot.press("left")
        assert chart.topic == first - 1


@sync
async def test_research_chart_shows_all_topics_on_a_projector(service):
    app = PhaseApp(service, "research")
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screen = "\n".join(screen_lines(app))
        for heading in ("1/8  De thuissituatie kennen", "8/8  Een duidelijke gespreksagenda"):
            assert heading in screen
        assert "41%" in screen and "bladert" not in screen
