"""Phase bodies of a follow-up meeting's agenda (template "followup").

- ``ReviewPhase`` (kind "review"): where the review stands, and a key to walk
  through the action points on the ReviewScreen;
- ``QuickscanPhase`` (kind "quickscan"): opens the quickscan rating/compare screen;
- ``NewActionsPhase`` (kind "new_actions"): the follow-up's new action points,
  and a line to add one.

All three use the run screen's SessionService as the follow-up session, so a
change made here is the run screen's own (no second writer on the file).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, OptionList, Static

from facilitator.core import catalog
from facilitator.core import followup as core
from facilitator.core.errors import UserError
from facilitator.core.plain import visible
from facilitator.services.followup.review import open_review
from facilitator.services.followup.snapshot import snapshot_of
from facilitator.services.library import Library
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.widgets.fields import TextInput, give_back
from facilitator.tui.widgets.followup_common import counts_text


class _FollowupPhase(PhaseView):
    DEFAULT_CSS = """
    _FollowupPhase { height: 1fr; padding: 1 2; }
    _FollowupPhase .fu-info { height: auto; margin-bottom: 1; }
    _FollowupPhase Button { margin-bottom: 1; }
    _FollowupPhase OptionList { height: 1fr; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)


    @property
    def library(self) -> Library:
        return Library(self.service.path.parent, now=self.service.now)

    def info(self) -> Text:
        snap = snapshot_of(self.library, self.service.session, lang=self.lang)
        out = Text()
        for msg in snap.messages:
            out.append(visible(msg) + "\n", style="bold yellow")
        items = snap.items()
        out.append(catalog.plural("tui.phases.followup.action_points_from_sessions", self.lang, len(snap.sessions), items=len(items)))
        out.append_text(counts_text(core.status_counts(i.point for i in items), self.lang))
        return out

    def refresh_info(self, *_args) -> None:
        self.query_one(".fu-info", Static).update(self.info())

    def session_changed(self) -> None:
        self.refresh_info()

    def on_mount(self) -> None:
        self.refresh_info()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.run_action("open")


class ReviewPhase(_FollowupPhase):
    BINDINGS = [Binding("o", "open", "keys.review_action_points", id="followup.review")]

    def compose(self) -> ComposeResult:
        yield Static(classes="fu-info", markup=False)
        yield Button(catalog.t("tui.phases.followup.review_action_points_o", self.lang), variant="primary")

    def action_open(self) -> None:
        from facilitator.tui.screens.review import ReviewScreen

        try:
            screen = ReviewScreen(self.library, lang=self.lang, followup=self.service)
        except UserError as exc:
            self.notify(visible(exc.say(self.lang)), severity="error", markup=False)
            return
        self.app.push_screen(screen, self.refresh_info)


class QuickscanPhase(_FollowupPhase):
    BINDINGS = [Binding("o", "open", "keys.rate_the_quickscan", id="followup.quickscan")]

    def compose(self) -> ComposeResult:
        yield Static(classes="fu-info", markup=False)
        yield Button(catalog.t("tui.phases.followup.rate_and_compare_the_quickscan", self.lang),
                     variant="primary")

    def action_open(self) -> None:
        from facilitator.tui.screens.quickscan import QuickscanScreen

        review = open_review(self.library, lang=self.lang, followup=self.service)

        def done(_result) -> None:
            review.close()  # closes the reviewed sessions; the run screen's service stays open
            self.refresh_info()

        self.app.push_screen(QuickscanScreen(review, self.lang), done)


class NewActionsPhase(_FollowupPhase):
    BINDINGS = [Binding("o", "open", "keys.new_action_point", id="followup.new_action")]

    def compose(self) -> ComposeResult:
        yield Static(classes="fu-info", markup=False)
        yield TextInput(placeholder=catalog.t("tui.phases.followup.new_action_point_what_will", self.lang), max_length=2000,
                        clear_on_submit=True)
        yield OptionList()

    def info(self) -> Text:
        points = self.service.session.action_points
        return Text(catalog.t("tui.phases.followup.new_action_points_for_the_next", self.lang, n_points=len(points)), style="bold")

    def refresh_info(self, *_args) -> None:
        super().refresh_info()
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Text(visible(p.text)) for p in self.service.session.action_points])

    def action_open(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        try:
            self.service.add_action_point(text)
        except BaseException:
            give_back(event)  # not saved: the words stay in the field (the error itself goes on up)
            raise
        self.refresh_info()
