"""The follow-up review: every action point, one at a time, big and clear.

Entry point for the home screen::

    from facilitator.tui.screens.review import ReviewScreen
    app.push_screen(ReviewScreen(library, [session_id, ...], lang))   # may raise UserError
    app.push_screen(ReviewScreen(library, lang=lang, followup=run_service))  # a running follow-up

It reads and writes only through ``facilitator.services.followup.review.Review`` (which uses
each session's own SessionService). It owns the Review it opened and closes it
when it is removed; pass ``review=`` to keep ownership yourself.
"""

from __future__ import annotations

from typing import Callable, Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, Static

from facilitator.core import catalog
from facilitator.core import followup as core
from facilitator.core.dates import format_date
from facilitator.core.errors import UserError
from facilitator.core.model import MAX_TEXT
from facilitator.core.plain import visible
from facilitator.core.text import explain
from facilitator.services import content
from facilitator.services.followup.review import Review, open_review
from facilitator.services.library import Library
from facilitator.services.session import SessionService
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.i18n import Screen
from facilitator.tui.widgets.fields import TextInput
from facilitator.tui.widgets.followup_common import (
    STATUS_KEYS,
    STATUS_STYLE,
    counts_text,
    point_meta,
    status_text,
)

#: Where the review's place is kept in the follow-up's Session.places: the key of the follow-up
#: agenda's review phase, from which the facilitator opens this screen.
PLACE = "review"


class ReviewScreen(Screen[None]):
    # Nothing focused on arrival or on coming back (from the quickscan, the summary): Textual's
    # default would focus the first input, the closed entry line, and then the review's keys
    # went dead (the key bar showed three keys) and Esc, meant for the line, closed the review.
    AUTO_FOCUS = ""
    CSS_PATH = "review.tcss"

    BINDINGS = [
        Binding("right,n", "next", "keys.next", key_display="→", id="review.next"),
        Binding("left,p", "prev", "keys.previous", key_display="←", id="review.prev"),
        Binding("1", "status('not_tried')", "keys.not_tried", show=False, id="review.not_tried"),
        Binding("2", "status('helped')", "keys.helped", show=False, id="review.helped"),
        Binding("3", "status('not_helped')", "keys.didn_t_help", show=False, id="review.not_helped"),
        Binding("4", "status('adjusted')", "keys.adjusted", show=False, id="review.adjusted"),
        Binding("5", "status('dropped')", "keys.dropped", show=False, id="review.dropped"),
        Binding("0", "status('open')", "keys.reopen", show=False, id="review.open"),
        Binding("o", "outcome", "keys.what_happened", id="review.outcome"),
        Binding("s", "next_step", "keys.next_step", id="review.next_step"),
        Binding("plus,a", "promote", "keys.make_action_point", key_display="+", id="review.promote"),
        Binding("v", "summary", "keys.overview", id="review.summary"),
        Binding("k", "quickscan", "keys.quickscan", id="review.quickscan"),
        Binding("escape", "close", "keys.back", id="review.close"),
    ]

    def __init__(
        self, library: Library, refs: Iterable[str] = (), lang: str = "nl", *,
        new_followup: bool = False, review: Review | None = None,
        followup: SessionService | None = None, **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.owns_review = review is None
        # Opening can fail (unknown session): the caller gets a UserError before anything shows.
        self.review = review or open_review(
            library, refs, new_followup=new_followup, lang=lang, followup=followup
        )
        items = self.review.items()
        self.keys: list[tuple[str, str]] = [i.key for i in items]
        # Start where the facilitator was (remembered in the follow-up, as the phases do),
        # else where the team left off: the first point nobody reviewed yet.
        self.index = next((n for n, i in enumerate(items) if i.point.status == "open"), 0)
        place = tuple(self.review.followup.remembered_place(PLACE).split("|")) if self.review.followup else ()
        if place in self.keys:
            self.index = self.keys.index(place)
        self.entry: str | None = None  # "outcome" | "next" while the input bar is open
        self._template = None


    def prompt(self, prompt_id: str, fallback: str) -> str:
        """The method's question for this step, from the follow-up agenda template."""
        if self._template is None:
            self._template = content.template_or_none("followup") or False
        found = self._template.prompt(prompt_id) if self._template else None
        return found.text.get(self.lang) if found else fallback

    # -- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="review-head")
        yield Static(id="review-messages", markup=False)
        with VerticalScroll(id="review-body"):
            yield Static(id="point-text", markup=False)
            yield Static(id="point-meta", markup=False)
            yield Static(id="point-status", markup=False)
            yield Static(id="point-outcomes", markup=False)
            yield Static(id="point-next", markup=False)
        with Horizontal(id="entry"):
            # What happened comes first: it is what people type; who said it is optional.
            yield TextInput(id="entry-text", max_length=MAX_TEXT)
            yield TextInput(id="entry-author", placeholder=catalog.t("tui.screens.review.who_optional_tab", self.lang),
                        max_length=200)
        yield Static(id="review-saved", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        messages = self.review.messages
        box = self.query_one("#review-messages", Static)
        box.update(Text(visible("\n".join(messages))))
        box.display = bool(messages)
        for msg in messages:
            self.notify(visible(msg), severity="warning", timeout=8, markup=False)
        self.query_one("#entry").display = False
        # Tab cycles between the two inputs, never onto the page (where keys are commands).
        self.query_one("#review-body").can_focus = False
        self.set_interval(2.0, self.poll)
        self.show_point()

    def on_unmount(self) -> None:
        if self.owns_review:
            self.review.close()

    # -- showing ------------------------------------------------------------------
    def current(self) -> core.ReviewItem | None:
        if not self.keys:
            return None
        self.index = max(0, min(self.index, len(self.keys) - 1))
        try:
            return self.review.item(self.keys[self.index])
        except UserError:
            return None

    def show_point(self) -> None:
        item = self.current()
        head = Text()
        counts = core.status_counts(i.point for i in self.review.items())
        if item is None:
            head.append(catalog.t("tui.screens.review.reviewing_action_points", self.lang), style="bold")
            self.query_one("#review-head", Static).update(head)
            self.query_one("#point-text", Static).update(Text(catalog.t("tui.screens.review.there_are_no_action_points", self.lang)))
            for wid in ("#point-meta", "#point-status", "#point-outcomes", "#point-next"):
                self.query_one(wid, Static).update("")
            return
        p = item.point
        head.append(catalog.t("tui.screens.review.action_point", self.lang) + f"{self.index + 1}/{len(self.keys)}", style="bold")
        head.append("   ")
        head.append(visible(item.session_title), style="italic")
        if item.session_date:
            head.append(f" ({format_date(item.session_date, self.lang)})", style="italic")
        head.append("   ")
        head.append_text(counts_text(counts, self.lang))
        new = len(self.review.new_points())
        if new:
            head.append(catalog.t("tui.screens.review.new_action_points", self.lang, new=new), style="bold")
        self.query_one("#review-head", Static).update(head)
        self.query_one("#point-text", Static).update(Text(visible(p.text)))
        meta = point_meta(p, self.lang)
        if p.factors:
            meta.append("\n")
            meta.append(catalog.t("tui.screens.review.success_factors", self.lang), style="dim")
            meta.append(", ".join(content.success_factors().factor_label(f, self.lang) for f in p.factors))
        self.query_one("#point-meta", Static).update(meta)
        status = Text()
        status.append(self.prompt("r1", catalog.t("tui.screens.review.tried", self.lang)) + "  ", style="italic")
        status.append_text(status_text(p.status, self.lang))
        status.append("\n")
        for key, name in STATUS_KEYS.items():
            if name == "open":
                continue
            chosen = name == p.status
            label = f" {key} {core.STATUS_SHORT[name].get(self.lang)} "
            status.append(label, style=f"reverse {STATUS_STYLE[name]}" if chosen else "dim")
            status.append(" ")
        self.query_one("#point-status", Static).update(status)
        out = Text()
        asked = self.prompt("r2", catalog.t("tui.screens.review.what_happened", self.lang))
        out.append(f"{asked} ({len(p.outcomes)})", style="bold")
        if not p.outcomes:
            out.append("\n  " + catalog.t("tui.screens.review.nothing_noted_yet_o", self.lang), style="dim")
        for o in p.outcomes:
            out.append("\n  • ")
            if o.author:
                out.append(visible(o.author), style="bold")
                out.append(": ")
            out.append(visible(o.text).replace("\n", "\n    "))
        self.query_one("#point-outcomes", Static).update(out)
        nxt = Text()
        nxt.append(self.prompt("r3", "") + "\n", style="italic dim")
        nxt.append(catalog.t("tui.screens.review.next_step", self.lang), style="bold")
        if p.next_step:
            nxt.append(visible(p.next_step))
        else:
            nxt.append(catalog.t("tui.screens.review.not_agreed_yet_s", self.lang), style="dim")
        self.query_one("#point-next", Static).update(nxt)
        self.show_saved()

    def show_saved(self, note: str | None = None) -> None:
        line = self.query_one("#review-saved", Static)
        if self.review.saved:
            line.update(Text(note or catalog.t("tui.screens.review.everything_is_saved", self.lang), style="green"))
            line.set_class(False, "unsaved")
        else:
            errors = [s.last_problem for s in self.review.services() if s.last_problem is not None]
            why = explain(errors[0], self.lang) if errors else ""
            line.update(Text(catalog.t("tui.screens.review.not_saved_retrying", self.lang) + visible(why)))
            line.set_class(True, "unsaved")

    def poll(self) -> None:
        if not self.review.saved:
            self.review.flush()
            self.show_saved()
        if self.review.refresh():
            self.keys = [i.key for i in self.review.items()]
            self.show_point()

    def remember_place(self) -> None:
        """The point on screen, in the follow-up's places (Session.places, the phases' home too)."""
        if self.review.followup is not None and self.keys:
            self.review.followup.remember_place(PLACE, "|".join(self.keys[self.index]))

    # -- actions ------------------------------------------------------------------
    def action_next(self) -> None:
        if self.index < len(self.keys) - 1:
            self.index += 1
            self.show_point()
            self.remember_place()

    def action_prev(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.show_point()
            self.remember_place()

    def go_to(self, key: tuple[str, str] | None) -> None:
        if key in self.keys:
            self.index = self.keys.index(key)
            self.remember_place()
        self.show_point()

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except UserError as exc:
            self.notify(visible(exc.say(self.lang)), severity="warning", markup=False)
            return None

    def action_status(self, status: str) -> None:
        item = self.current()
        if item is None:
            return
        self._guard(self.review.set_status, item.key, status)
        self.show_point()

    def action_outcome(self) -> None:
        self.open_entry("outcome")

    def action_next_step(self) -> None:
        self.open_entry("next")

    def open_entry(self, mode: str) -> None:
        item = self.current()
        if item is None:
            return
        self.entry = mode
        bar = self.query_one("#entry")
        bar.display = True
        author = self.query_one("#entry-author", Input)
        text = self.query_one("#entry-text", Input)
        author.display = mode == "outcome"
        if mode == "outcome":
            text.placeholder = catalog.t("tui.screens.review.what_happened_enter_saves_esc", self.lang)
            text.value = ""
            author.value = ""
            text.focus()
            return
        if mode == "new":
            text.placeholder = catalog.t("tui.screens.review.new_action_point_for_the", self.lang)
            text.value = ""
        else:
            text.placeholder = catalog.t("tui.screens.review.the_next_step_enter_saves", self.lang)
            text.value = item.point.next_step
        text.focus()

    def close_entry(self) -> None:
        self.entry = None
        self.query_one("#entry").display = False
        self.query_one("#entry-text", Input).value = ""
        self.set_focus(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        item = self.current()
        if item is None or self.entry is None:
            self.close_entry()
            return
        text = self.query_one("#entry-text", Input).value
        if event.input.id == "entry-author" and not text.strip():
            self.query_one("#entry-text", Input).focus()
            return
        if self.entry == "outcome":
            author = self.query_one("#entry-author", Input).value
            saved = self._guard(self.review.add_outcome, item.key, text, author)
            if saved is None:
                self.notify(catalog.t("tui.screens.review.nothing_typed_nothing_saved", self.lang))
        elif self.entry == "new":
            if text.strip():
                self.make_point(item, text)
        else:
            self._guard(self.review.set_next_step, item.key, text)
        self.close_entry()
        self.show_point()

    def action_promote(self) -> None:
        """The next step becomes a new action point; without one, type the new point."""
        item = self.current()
        if item is None:
            return
        if not item.point.next_step.strip():
            self.open_entry("new")
            return
        self.make_point(item, None)

    def make_point(self, item: core.ReviewItem, text: str | None) -> None:
        had_followup = self.review.followup is not None
        point = self._guard(self.review.promote, item.key, text)
        if point is None:
            return
        if not had_followup:
            self.notify(
                catalog.t("tui.screens.quickscan.follow_up_session_created", self.lang)
                + visible(self.review.followup.session.title), markup=False,
            )
        self.notify(catalog.t("tui.screens.review.new_action_point", self.lang) + visible(point.text), markup=False)
        self.show_point()
        self.show_saved(catalog.t("tui.screens.review.new_action_point_saved", self.lang))

    def action_summary(self) -> None:
        from facilitator.tui.screens.review_summary import SummaryScreen

        self.app.push_screen(SummaryScreen(self.review, self.lang), self.go_to)

    def on_screen_resume(self) -> None:
        if self.entry is None and isinstance(self.focused, Input):
            self.set_focus(None)

    def action_quickscan(self) -> None:
        from facilitator.tui.screens.quickscan import QuickscanScreen

        self.app.push_screen(QuickscanScreen(self.review, self.lang), lambda _: self.show_point())

    def action_close(self) -> None:
        if self.entry is not None:
            self.close_entry()
            return
        self.leave(lambda: self.dismiss(None))

    def leave(self, then: Callable[[], object]) -> None:
        """Call `then` once every session the review holds is on disk; ask first while the disk refuses.

        Closing the review closes its services, which would drop statuses still only in
        memory: the facilitator decides, knowing that (the poll keeps retrying meanwhile).
        """
        if self.review.saved or self.review.flush():
            then()
            return
        self.show_saved()

        def answer(yes: bool | None) -> None:
            if yes:
                then()
            else:
                self.show_saved()

        self.app.push_screen(ConfirmDialog(catalog.t("tui.screens.review.not_saved_the_disk_refuses", self.lang), self.lang), answer)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # While typing, the letter and digit keys belong to the input.
        if self.entry is not None and action not in ("close",):
            return False
        return True
