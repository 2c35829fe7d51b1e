"""The contract between the run screen and the body of each phase.

The run screen owns the big timer, the agenda strip and the footer; it mounts
one PhaseView for the current phase and swaps it when the phase changes.
A PhaseView shows what the room does now and captures what the phase produces,
always through ``self.service`` (never files).
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual.widget import Widget

from facilitator.core.content import PhaseTemplate
from facilitator.core.model import PhasePlan
from facilitator.services.session import SessionService


class PhaseView(Widget):
    #: Help shown under '?' comes from the template's `help`; views may add keys.
    DEFAULT_CSS = """
    PhaseView { height: 1fr; }
    """

    #: Whether this view may show anything typed about people. The room view
    #: (projector) never mounts a PhaseView; it shows only timer, title, prompt.
    private: ClassVar[bool] = True

    def __init__(
        self,
        service: SessionService,
        plan: PhasePlan,
        template: PhaseTemplate | None,
        lang: str,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.service = service
        self.plan = plan
        self.template = template
        self.lang = lang


    # -- where the facilitator was ---------------------------------------------------------
    # One home for every phase: Session.places[phase key], written through the service
    # (remember_place). Each view says in a short string where it is ("group-id|question-id",
    # a question id, a talk number) and how to go back there. Coming back to a phase and
    # reopening the session both build a fresh view, which calls return_to_place().

    def place(self) -> str | None:
        """Where the facilitator is in this phase now; None: the view has no position."""
        return None

    def go_to_place(self, place: str) -> None:
        """Go back to what ``place()`` gave earlier; a part that no longer exists is ignored."""

    def remember_place(self) -> None:
        """Called after each move: the place is on disk, so a crash returns there too."""
        place = self.place()
        if place is not None:
            self.service.remember_place(self.plan.key, place)

    def return_to_place(self) -> None:
        place = self.service.remembered_place(self.plan.key)
        if place:
            self.go_to_place(place)

    def session_changed(self) -> None:
        """Another process (an observer's phone) or another screen changed the session.

        Views that list session content re-read it here; the default does nothing.
        """

    def room_prompt(self) -> str | None:
        """The one prompt the projector may show now (e.g. the current question)."""
        return None

    def room_clock(self) -> tuple[str, timedelta, bool] | None:
        """A clock that matters more than the phase's, for the room view's big digits.

        (label, remaining, running), e.g. the practice talk that is running now;
        None: the big digits show the phase clock.
        """
        return None
