"""Running a session: the current phase fills the screen, the clock keeps time.

All timer figures come from ``service.agenda()``, a replay of the stored clock
log, so quitting and reopening resumes exactly. A 1 s interval repaints only
what changed, picks up other processes' changes (observers' phones) and
retries saving while the disk refuses.

Why this module is long (~480 lines): the clock, the room view, the keys and
their modes and the screens reached from here (action points, people) meet on
this one screen; each is a few short methods around the same state. Afronden
and what an ended meeting shows are in run_end.py.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from facilitator.core import catalog
from facilitator.core.clock import AgendaState, ClockLogError, suggest_cuts
from facilitator.core.content import AgendaTemplate, PhaseTemplate
from facilitator.services import content
from facilitator.services.session import SessionService
from facilitator.tui.i18n import Screen, describe
from facilitator.tui.later import after_refresh
from facilitator.tui.messages import LanguageChanged, SessionChanged
from facilitator.tui.palette.base import CommandSource
from facilitator.tui.phases import view_class
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.screens.run_end import MeetingEnd
from facilitator.tui.screens.run_tick import AgendaCache, strip_key
from facilitator.tui.widgets.agenda_strip import AgendaStrip
from facilitator.tui.widgets.keybar import KeyBar
from facilitator.tui.widgets.save_warning import SaveWarning
from facilitator.tui.widgets.timer import BigTimer, PhaseTimer, timer_text

W = TypeVar("W", bound=Widget)


class RoomFrame(Vertical):
    """The room view's frame: title, clock, prompt. It draws nothing of its own, so it says
    so (BLANK): the compositor then skips restyling its empty rows on every repaint of the clock."""

    BLANK = True


class RunScreen(CommandSource, MeetingEnd, Screen[None]):
    CSS_PATH = Path(__file__).with_name("run.tcss")  # absolute: not parsed before the home list's first paint
    AUTO_FOCUS = ""  # nothing focused: timer keys work at once; Tab or the palette reaches inputs
    # The screen's own content is its background colour alone (Textual's Blank): said so, the
    # compositor hands out blank rows instead of restyling every row at each repaint of the clock.
    BLANK = True

    BINDINGS = [
        Binding("space", "toggle", "keys.start_pause", id="toggle"),
        # One footer entry for both: "+/- ±1 min" (the minus key is listed in help).
        Binding("plus,equals_sign", "adjust(1)", "keys.plus_minus_1_min", id="plus", key_display="+/-"),
        Binding("minus", "adjust(-1)", "keys.minus1_min", id="minus", show=False),
        Binding("n", "next", "keys.next", id="next"),
        # On the last phase n offers Afronden instead (the same key: the meeting's next step).
        Binding("n", "finish", "keys.finish", id="finish"),
        Binding("p", "prev", "keys.previous", id="prev"),
        Binding("k", "accept_cuts", "keys.accept_cuts", id="cuts"),
        Binding("r", "room", "keys.room", id="room"),
        Binding("a", "actions", "keys.action_points", id="actions"),
        Binding("g", "people", "keys.people", id="people"),
        Binding("b", "bell", "keys.bell_on_off", id="bell", show=False),
        # In the room view the phase's keys are asleep; c still answers (it refuses: the room is looking).
        Binding("c", "room_cards", "keys.cards", id="room-cards", show=False),
        Binding("question_mark", "help", "keys.help", id="help"),
        Binding("h", "home", "keys.sessions", id="home"),
        # Shown only while it applies (in a text field, in the room view): how to get the timer keys back.
        Binding("escape", "leave", "keys.leave_field_back", id="leave"),
        # Plain q only on the main screens: in forms and dialogs it is just a letter.
        Binding("q", "app.quit", "keys.quit", id="q", show=False),
    ]
    # A full key bar leaves out the phase's least important keys first; on the last phase
    # "n Afronden" is the meeting's one step left, so it stays in view whatever the width.
    KEEP_IN_BAR = ("finish",)

    def __init__(self, service: SessionService) -> None:
        super().__init__()
        self.service = service
        self.template: AgendaTemplate | None = self._load_template()
        self.state: AgendaState | None = None
        self.view: PhaseView | None = None
        self.view_index: int | None = None
        self.room = False
        self._had_cuts = False
        self._belled: tuple[int, bool] | None = None  # (phase, was over) at the last tick
        # The tick redraws only what changed: one replay per clock log and second, the strip
        # and the cut suggestions only when their inputs did (run_tick.py).
        self._agenda_cache = AgendaCache()
        self._strip_key: tuple | None = None
        self._generation = 0  # bumped on any other change to the session
        self._parts: dict[str, Widget] = {}

    @property
    def lang(self) -> str:
        return self.app.lang

    def _load_template(self) -> AgendaTemplate | None:
        # None when a user template was removed: run on the stored plan alone.
        return content.template_or_none(self.service.session.agenda)

    def phase_template(self, index: int) -> PhaseTemplate | None:
        plan = self.service.session.phases[index]
        return self.template.phase(plan.key) if self.template else None

    # -- layout ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            with Horizontal(id="run-top"):
                with Vertical(id="phase-head"):
                    yield Static(id="phase-title")
                    yield Static(id="phase-goal")
                with Vertical(id="clock"):
                    yield PhaseTimer(id="timer")
                    yield Static(id="timer-status")
            yield Container(id="body")
            yield AgendaStrip(id="strip")
        with RoomFrame(id="room"):
            yield Static(id="room-title")
            yield BigTimer(id="room-timer")
            yield Static(id="room-prompt")
        yield SaveWarning(id="save-warning")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#room").display = False
        self.tick()
        self.set_interval(1.0, self.tick)

    @on(LanguageChanged)
    def _language_changed(self, _message: LanguageChanged) -> None:
        self.relabel()

    @on(SessionChanged)
    def _session_changed(self, _message: SessionChanged) -> None:
        if self.view is not None:
            self.view.session_changed()

    def relabel(self) -> None:
        """Language switched: rebuild every string and remount the phase body."""
        self.refresh_bindings()
        self.view_index = None
        self.tick()

    # -- the clock -----------------------------------------------------------------
    def agenda(self) -> AgendaState | None:
        try:
            return self.service.agenda()
        except ClockLogError:
            return None

    def tick(self) -> None:
        changed = self.service.refresh()
        if changed:
            self._generation += 1
            self._agenda_cache.clear()
        try:
            state = self._agenda_cache.get(self.service.session, self.service.now())
        except ClockLogError:
            return
        self.state = state
        if self.view_index != state.current:
            self.mount_view(state.current)
        elif changed and self.view is not None:
            self.view.session_changed()
        self.paint(state)
        self.check_saved()

    def paint(self, state: AgendaState) -> None:
        phase = state.phase
        plan = self.service.session.phases[state.current]
        if not self.room:  # the run view's parts are hidden in the room view: repainted on the way back
            self.paint_main(state)
        elif state.ended is not None:
            self.paint_ended_room(state)
        else:
            talk = self.view.room_clock() if self.view is not None else None
            title = plan.title.get(self.lang)
            if talk is not None:
                # A practice talk runs: its timer is the big clock; the phase time is one line.
                label, remaining, running = talk
                self._one("#room-timer", BigTimer).show(remaining, running)
                self._set_static("#room-title", f"{title} · {label}")
                self._set_static("#room-prompt", catalog.t(
                    "tui.screens.run.phase_time_left", self.lang, time=timer_text(phase.remaining)))
            else:
                self._one("#room-timer", BigTimer).show(phase.remaining, state.running)
                self._set_static("#room-title", title)
                self._set_static("#room-prompt", self.room_prompt())
        # Bell once, at the moment the running phase crosses zero.
        over = phase.remaining <= timedelta()
        if (
            self._belled is not None and self._belled == (state.current, False)
            and over and state.running and self.app.settings.bell
        ):
            self.app.bell()
        self._belled = (state.current, over)

    def paint_main(self, state: AgendaState) -> None:
        """The run view's clock, status, agenda strip and cut suggestions; the strip only on change."""
        phase = state.phase
        if state.ended is not None:
            self.paint_ended_main(state)
        else:
            self._one("#timer", PhaseTimer).show(phase.remaining, state.running)
            if state.started is None:
                status = catalog.t("clock.not_started", self.lang)
            elif state.running:
                status = catalog.t("clock.running", self.lang)
            else:
                status = catalog.t("clock.paused", self.lang)
            if phase.overrun > timedelta():
                status = catalog.t("tui.screens.run.over_time", self.lang)
            self._set_static("#timer-status", status)
        strip = self._one("#strip", AgendaStrip)
        key = strip_key(state, self.service.session, self.lang, self.app.tz, strip.content_size.width,
                        self._generation)
        if key == self._strip_key:
            return
        self._strip_key = key
        strip.show(state, self.service.session.phases, self.lang, self.app.tz)
        has_cuts = bool(suggest_cuts(state))
        if has_cuts != self._had_cuts:
            self._had_cuts = has_cuts
            self.refresh_bindings()

    def _one(self, selector: str, kind: type[W]) -> W:
        """query_one for the screen's fixed parts (composed once), remembered: the tick runs each second."""
        found = self._parts.get(selector)
        if found is None or not found.is_attached:
            found = self._parts[selector] = self.query_one(selector, kind)
        return found  # type: ignore[return-value]

    def _set_static(self, selector: str, text: str) -> None:
        widget = self._one(selector, Static)
        if getattr(widget, "_shown_text", None) != text:
            widget._shown_text = text  # type: ignore[attr-defined]
            widget.update(Text(text))

    def mount_view(self, index: int) -> None:
        plan = self.service.session.phases[index]
        tpl = self.phase_template(index)
        n = len(self.service.session.phases)
        self._set_static("#phase-title", f"{index + 1}/{n} · {plan.title.get(self.lang)}")
        goal = tpl.goal.get(self.lang) if tpl else ""
        self._set_static("#phase-goal", (catalog.t("tui.screens.run.now", self.lang) + goal) if goal else "")
        body = self.query_one("#body", Container)
        body.remove_children()
        self.view = view_class(plan.kind)(self.service, plan, tpl, self.lang, classes="phase-view")
        # Focusable, so Esc out of a text field can land on the view: its own keys
        # (draw cards, feedback...) keep working and the timer keys bubble up to us.
        self.view.can_focus = True
        body.mount(self.view)
        self.view_index = index
        self._belled = None
        after_refresh(self, self._drop_stale_focus)
        self.refresh_bindings()

    def _drop_stale_focus(self) -> None:
        """Focus left in a removed phase body would swallow the timer keys.

        Focus on the view itself or inside it stays; with nothing focused the
        view takes it, so its own keys work and the timer keys bubble up to us.
        """
        if self.room:
            return
        focused = self.focused
        inside = focused is not None and self.view is not None and (
            focused is self.view or self.view in focused.ancestors)
        if focused is None or not focused.is_attached or not inside:
            self.set_focus(self.view)

    def on_screen_resume(self) -> None:
        self._drop_stale_focus()

    def room_prompt(self) -> str:
        prompt = self.view.room_prompt() if self.view is not None else None
        if prompt:
            return prompt
        tpl = self.phase_template(self.state.current) if self.state else None
        return tpl.goal.get(self.lang) if tpl else ""

    # -- saving ------------------------------------------------------------------
    def check_saved(self) -> None:
        """Say so plainly while the disk refuses, and retry every few seconds."""
        self._one("#save-warning", SaveWarning).check(self.service, self.lang)

    def after_change(self) -> None:
        self._generation += 1
        self.tick()

    # -- keys --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.state
        if state is None:
            return True
        last = len(state.phases) - 1
        if action == "prev":
            return state.current > 0 and not self.room
        if action == "next":
            return state.current < last and not self.room
        if action == "finish":  # n on the last phase: hidden elsewhere, so the bar shows one n
            return state.current == last and not self.room
        if action == "accept_cuts":
            return bool(suggest_cuts(state)) and not self.room
        if action in ("actions", "adjust", "people", "home") and self.room:
            return False  # not offered on the projector: the room view's key bar lists only what works there
        if action == "room_cards":
            return self.room
        if action == "leave":
            return isinstance(self.focused, (Input, TextArea)) or self.room
        return True

    def action_toggle(self) -> None:
        self.unless_ended(self._toggle)  # an ended meeting is reopened first, never restarted silently

    def _toggle(self) -> None:
        state = self.agenda()
        if state is None:
            return
        if state.started is None:
            self.service.clock_event("start")
        elif state.running:
            self.service.clock_event("pause")
        else:
            self.service.clock_event("resume")
        self.after_change()

    def action_adjust(self, minutes: int) -> None:
        self.unless_ended(lambda: self._adjust(minutes))

    def _adjust(self, minutes: int) -> None:
        state = self.agenda()
        if state is None:
            return
        if minutes < 0 and state.phase.allotted <= timedelta():
            return
        self.service.clock_event("adjust", phase=state.phase.key, minutes=minutes)
        self.after_change()

    def _move(self, action: str, phase: str | None = None, label: str = "") -> None:
        state = self.agenda()
        if state is None:
            return

        def go(yes: bool | None = True) -> None:
            if yes:
                self.service.clock_event(action, phase=phase)
                self.after_change()

        if not state.running:
            return go()
        from facilitator.tui.dialogs.confirm import ConfirmDialog

        question = catalog.t("tui.screens.run.clock_still_running_go_to", self.lang, phase=label)
        # Moving on while the clock runs is the normal case: Enter says yes (n/Esc say no).
        self.app.push_screen(ConfirmDialog(question, self.lang, default_yes=True), go)

    def _label(self, index: int) -> str:
        return self.service.session.phases[index].title.get(self.lang)

    def action_next(self) -> None:
        if self.state and self.state.current < len(self.state.phases) - 1:
            self._move("next", label=self._label(self.state.current + 1))

    def action_prev(self) -> None:
        if self.state and self.state.current > 0:
            self._move("prev", label=self._label(self.state.current - 1))

    def goto(self, key: str) -> None:
        index = next(i for i, p in enumerate(self.service.session.phases) if p.key == key)
        if self.state and index != self.state.current:
            self._move("goto", phase=key, label=self._label(index))

    def action_accept_cuts(self) -> None:
        state = self.agenda()
        if state is None:
            return
        cuts = suggest_cuts(state)
        for key, minutes in cuts.items():
            self.service.clock_event("adjust", phase=key, minutes=-minutes)
        if cuts:
            self.notify(catalog.t("tui.screens.run.later_phases_shortened", self.lang))
        self.after_change()

    def action_room(self) -> None:
        self.room = not self.room
        self.query_one("#main").display = not self.room
        self.query_one("#room").display = self.room
        if self.room:
            self.set_focus(None)
            self.query_one("#room-timer", BigTimer)._shown = None
            # The projector shows the room view: the phase's toasts (a draw, a group's name) were for the laptop.
            self.app.drop_notices(self)
        else:
            self.set_focus(self.view)
        if self.state is not None:
            self.paint(self.state)
        self.refresh_bindings()

    def action_room_cards(self) -> None:
        refuse = getattr(self.view, "refuse_reveal", None)
        if refuse is not None:
            refuse()

    def action_leave(self) -> None:
        if self.room:
            self.action_room()
        else:
            self.set_focus(self.view)

    def action_bell(self) -> None:
        self.app.action_toggle_bell()

    def action_help(self) -> None:
        from facilitator.tui.dialogs.confirm import HelpScreen, phase_keys

        index = self.state.current if self.state else 0
        tpl = self.phase_template(index)
        body = tpl.help.get(self.lang) if tpl else catalog.t("tui.screens.run.no_guidance_is_available_for", self.lang)
        names = {"plus": "+", "minus": "-", "equals_sign": "=", "question_mark": "?",
                 "space": catalog.t("key.space", self.lang), "escape": "Esc"}
        mine = [b for b in self.BINDINGS if isinstance(b, Binding)]
        described = {b.id: describe(b.description, self.lang) for b in mine}
        keys = []
        for b in mine:
            if self.check_action(b.action.split("(")[0], ()):
                shown = " ".join(names.get(k.strip(), k.strip()) for k in b.key.split(","))
                what = described.get(b.id, b.description)
                if b.id == "plus":
                    what = "+1 min"
                elif b.id == "q":
                    what = catalog.t("tui.screens.run.quit_everything_is_already_saved", self.lang)
                keys.append((shown, what))
        keys = phase_keys(self.view, names) + keys
        keys.append(("ctrl+p", catalog.t("tui.screens.run.all_commands_palette", self.lang)))
        self.app.push_screen(HelpScreen(self._label(index), body, keys, self.lang))

    def action_actions(self) -> None:
        try:
            from facilitator.tui.screens.actions import ActionPointsScreen
        except ImportError:
            self.notify(catalog.t("tui.screens.run.action_points_are_not_available", self.lang))
            return
        self.app.push_screen(ActionPointsScreen(self.service, self.lang), self._back_from_actions)

    def _back_from_actions(self, _result: object = None) -> None:
        if self.view is not None:
            self.view.session_changed()  # a promoted tip or new point may show in the body
        self.tick()

    def action_people(self) -> None:
        """People and groups: a late arrival, an absentee, a move, new groups."""
        from facilitator.tui.screens.people import PeopleScreen

        self.app.push_screen(PeopleScreen(self.service, self.lang), self._back_from_actions)

    def action_add_note(self) -> None:
        """Focus the phase body's text field, if it has one."""
        if self.room:
            self.action_room()
        fields = self.view.query("Input, TextArea") if self.view is not None else []
        if fields:
            fields.first().focus()
        else:
            self.notify(catalog.t("tui.screens.run.this_phase_has_no_note", self.lang))

    def paste_target(self) -> Widget | None:
        """Where a paste goes in keys mode: the phase's typing line (never in the room view)."""
        if self.room or self.view is None:
            return None
        fields = self.view.query("Input, TextArea")
        return fields.first() if fields else None

    def action_export_pdf(self) -> None:
        from facilitator.tui.exporting import export_pdf

        export_pdf(self, self.service, self.lang)

    async def action_home(self) -> None:
        await self.app.leave_session()

    # -- palette -----------------------------------------------------------------
    def palette_commands(self) -> list[tuple[str, str, object]]:
        from facilitator.tui.palette.run import palette_commands

        return palette_commands(self)
