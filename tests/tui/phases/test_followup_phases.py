"""The follow-up agenda's phase bodies, mounted as the run screen would mount them."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.widgets import Static

from facilitator.services import content
from facilitator.services.followup import review as followup
from facilitator.storage.sessionfile import load_session
from facilitator.tui.phases.followup import NewActionsPhase, ReviewPhase


class Host(App):
    def __init__(self, view):
        super().__init__()
        self.view = view

    def compose(self):
        yield self.view


def make(library):
    svc = library.create("Team A")
    svc.add_action_point("Agenda vooraf sturen", factors=[5])
    svc.close()
    fu = followup.create_followup(library, [svc.session.id])
    return svc.session.id, fu


def phase(fu, key, cls):
    plan = fu.session.phase(key)
    return cls(fu, plan, content.template("followup").phase(key), "nl")


def test_review_phase_opens_the_review_on_the_run_screens_service(library):
    a, fu = make(library)

    async def run():
        app = Host(phase(fu, "review", ReviewPhase))
        async with app.run_test(size=(100, 30)) as pilot:
            assert "open 1" in str(app.query_one(".fu-info", Static).render())
            await pilot.press("o")
            assert type(app.screen).__name__ == "ReviewScreen"
            await pilot.press("2", "plus", *"Nieuw punt", "enter", "escape")
            assert "hielp 1" in str(app.query_one(".fu-info", Static).render())

    asyncio.run(run())
    # The service still works after the review screen closed, and holds the new point.
    assert [p.text for p in fu.session.action_points] == ["Nieuw punt"]
    fu.close()
    assert load_session(library.find_id(a)).action_points[0].status == "helped"


def test_new_actions_phase_adds_points_to_the_followup(library):
    _, fu = make(library)

    async def run():
        app = Host(phase(fu, "nieuwe-actiepunten", NewActionsPhase))
        async with app.run_test(size=(100, 30)) as pilot:
            app.query_one("OptionList").focus()  # focus elsewhere in the phase: o goes to the input
            await pilot.press("o", *"Ouders bellen", "enter")
            assert "Ouders bellen" in str(app.query_one("OptionList").get_option_at_index(0).prompt)

    asyncio.run(run())
    fu.close()
    assert [p.text for p in load_session(library.find_id(fu.session.id)).action_points] == ["Ouders bellen"]
