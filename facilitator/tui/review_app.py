"""A small app around ReviewScreen, so `facilitator review SESSION...` works on its own.

The main app pushes ReviewScreen from its home screen instead; this app only
adds the quit key and puts the review screen's keys in the command palette.
"""

from __future__ import annotations

from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from facilitator.services.followup.review import Review
from facilitator.services.library import Library
from facilitator.tui.notices import NoticesMixin
from facilitator.tui.screens.review import ReviewScreen


class ReviewApp(NoticesMixin, App[None]):
    TITLE = "facilitator"
    BINDINGS = [Binding("ctrl+q", "quit", "keys.quit", id="review_app.quit", priority=True)]

    def __init__(
        self, review: Review | None = None, *, library: Library | None = None,
        refs: Iterable[str] = (), lang: str = "nl", new_followup: bool = False,
    ) -> None:
        super().__init__()
        self.review = review
        self.library = library
        self.refs = list(refs)
        self.lang = lang
        self.new_followup = new_followup

    def on_mount(self) -> None:
        if self.review is not None:
            screen = ReviewScreen(self.review.library, lang=self.lang, review=self.review)
        else:
            screen = ReviewScreen(self.library, self.refs, self.lang, new_followup=self.new_followup)
        self.push_screen(screen, lambda _: self.exit())

    async def action_quit(self) -> None:
        # Quitting closes every session of the review: ask first while one of them is unsaved.
        review = next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)
        if review is None:
            self.exit()
            return
        review.leave(self.exit)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # Every described key of the current screen, findable by name.
        for active in screen.active_bindings.values():
            binding = active.binding
            if active.node is not screen:
                continue
            if binding.description and binding.action not in ("quit",):
                yield SystemCommand(binding.description, f"{binding.key_display or binding.key}",
                                    lambda a=binding.action, s=screen: s.run_action(a))
