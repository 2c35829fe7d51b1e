"""The practice phase (Oefenen): groups, rotating roles, secret cards, the talk timer, feedback.

What this view shows may be seen by the whole room (the laptop is often
mirrored to a projector), so it never shows the text or title of a parent or
pupil card: only who plays what and whether the cards are drawn. Cards are
read through the reveal flow (one person at a time) or on paper slips.

Why this module is long (~500 lines): the groups, the talk timer, the cards'
secrecy and the feedback all act on the same selected talk and share one
table; split, each part would have to re-read the others' selection rules.
"""

from __future__ import annotations

from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Digits, Static

from facilitator.core import catalog
from facilitator.core.errors import UserError
from facilitator.core.model import RolePlayRound
from facilitator.core.plain import one_line, visible
from facilitator.core.rotation import FACILITATOR
from facilitator.core.talk import TalkClock, fmt_mmss, rounds_for_talk, talk_clock, talks_in_session
from facilitator.core.text import explain
from facilitator.services.roleplay.cards import choose_set, deck_of, draw, draw_talk
from facilitator.services.roleplay.groups import (
    SET_CHOICES,
    assign,
    group_of,
    move_member,
    name_of,
    set_mode,
    setup_groups,
    started,
    talk_minutes,
    talks_planned,
)
from facilitator.services.roleplay.talk import end_talk, pause_talk, resume_talk, start_talk
from facilitator.tui.dialogs.reveal import RevealScreen
from facilitator.tui.dialogs.roleplay_forms import MoveForm, Roles, RolesForm
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.practice.cards import reveal_steps, write_slips
from facilitator.tui.phases.practice.text import feedback_form, state_line
from facilitator.tui.widgets.unchanged import update_if_changed


class PracticePhase(PhaseView):
    DEFAULT_CSS = """
    PracticePhase { height: 1fr; layout: vertical; }
    PracticePhase #pr-top { height: auto; }
    PracticePhase #pr-digits { width: auto; margin-right: 2; }
    PracticePhase #pr-talk { width: 1fr; height: auto; }
    PracticePhase #pr-status { color: $text-muted; padding: 0 1; }
    PracticePhase #pr-table { height: 1fr; }
    PracticePhase #pr-empty { padding: 1 1; }
    PracticePhase.over #pr-digits { color: $error; }
    PracticePhase.ended #pr-digits { color: $text-muted; }
    """
    # In the key bar's order, which is its order of importance (a narrow bar leaves out from the
    # end): groups first (hidden once a talk began), then one talk's round in the order it is
    # played (draw, show, time, end, feedback, next talk), the set choice last (set up once).
    BINDINGS = [
        Binding("2", "propose('pair')", "keys.pairs", id="practice-pairs"),
        Binding("3", "propose('trio')", "keys.trios", id="practice-trios"),
        Binding("x", "reshuffle", "keys.reshuffle", id="practice-reshuffle", show=False),
        Binding("d", "draw", "keys.draw_cards", id="practice-draw"),
        Binding("R", "redraw", "keys.redraw", id="practice-redraw", show=False),
        Binding("c", "reveal", "keys.show_cards", id="practice-reveal"),
        Binding("t", "talk_timer", "keys.talk_timer", id="practice-timer"),
        Binding("e", "end_talk", "keys.end_talk", id="practice-end"),
        Binding("f", "feedback", "keys.feedback", id="practice-feedback"),
        Binding("full_stop", "talk(1)", "keys.next_talk", id="practice-next"),
        Binding("comma", "talk(-1)", "keys.previous_talk", id="practice-prev", show=False),
        Binding("s", "set_choice", "keys.set_choice", id="practice-set"),
        Binding("o", "roles", "keys.roles", id="practice-roles", show=False),
        Binding("w", "move", "keys.move_person", id="practice-move", show=False),
        Binding("m", "toggle_mode", "keys.pair_trio", id="practice-mode", show=False),
        Binding("l", "slips", "keys.role_slips_pdf", id="practice-slips", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        session = self.service.session
        self.total = talks_in_session(session) or talks_planned(session, self.plan.key)
        self.minutes = self.plan.talk_minutes or talk_minutes(session, self.plan.key)
        self.set_choice = "alternate"
        self.talk = self._current_talk()
        self.row_group: str | None = None  # the practice group on the selected row
        self.return_to_place()
        self._last_state: str | None = None
        self._belled_talk: int | None = None

    # -- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="pr-status")
        with Horizontal(id="pr-top"):
            yield Digits("00:00", id="pr-digits")
            yield Static(id="pr-talk")
        yield Static(id="pr-empty")
        yield DataTable(id="pr-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.rebuild()
        self.tick()
        self.set_interval(0.5, self.tick)
        self.query_one(DataTable).focus()

    def place(self) -> str:
        """The talk and the practice group on the selected row: 'talk|group-id'."""
        return f"{self.talk}|{self.row_group or ''}"

    def go_to_place(self, place: str) -> None:
        talk, _, group = place.partition("|")
        if talk.isdigit() and 1 <= int(talk) <= self.total:
            self.talk = int(talk)
        self.row_group = group or None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """↑/↓: the group on the row is part of the place (read from the table once a rebuild is done)."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        rnd = next((r for r in self.service.session.rounds if r.id == key), None)
        if rnd is not None and rnd.group != self.row_group:
            self.row_group = rnd.group
            self.remember_place()

    def _current_talk(self) -> int:
        """Resume where the room was: the first talk not ended yet."""
        session = self.service.session
        for t in range(1, self.total + 1):
            rounds = rounds_for_talk(session, t)
            if rounds and any(r.ended is None for r in rounds):
                return t
        return max(1, min(self.total, talks_in_session(session) or 1))

    def who(self, pid: str | None) -> str:
        return name_of(self.service.session, pid, self.lang) if pid else "—"

    def explain(self, exc: Exception) -> str:
        """An error in the screen's language, naming people (not ids), shown literally."""
        return visible(explain(exc, self.lang, self.who))

    def rebuild(self) -> None:
        """Re-read the session into the table (groups as rows, this talk's roles)."""
        session = self.service.session
        table = self.query_one(DataTable)
        empty = self.query_one("#pr-empty", Static)
        has_groups = bool(session.practice_groups)
        table.display = has_groups
        empty.display = not has_groups
        if not has_groups:
            if session.participants:
                empty.update(Text(catalog.t("tui.phases.practice.view.participants_press_2_for_pairs_mentor", self.lang, n_participants=len(session.participants))))
            else:
                empty.update(Text(catalog.t("tui.phases.practice.view.no_participants_yet_add_them", self.lang)))
        table.clear(columns=True)
        for label in (catalog.t("tui.phases.practice.view.group", self.lang), "Mentor", catalog.t("role.parent", self.lang), catalog.t("role.pupil", self.lang),
                      catalog.t("role.observer", self.lang), "Set", catalog.t("tui.phases.practice.view.cards", self.lang), "Feedback"):
            table.add_column(label)
        row = 0
        for rnd in rounds_for_talk(session, self.talk):
            group = group_of(session, rnd.group)
            if group is None:
                continue
            if rnd.group == self.row_group:
                row = table.row_count  # the same group stays selected, whichever talk
            table.add_row(
                Text(one_line(group.name)), Text(one_line(self.who(rnd.mentor))),
                Text(one_line(self.who(rnd.parent))),
                Text(one_line(self.who(rnd.pupil)) if rnd.pupil else "—"),
                Text(one_line(", ".join(self.who(o) for o in rnd.observers)) or "—"),
                Text(str(rnd.set) if rnd.set else "—"),
                Text("✓" if rnd.cards else "—", style="bold green" if rnd.cards else ""),
                Text(str(len(rnd.observations)) if rnd.observations else "—"),
                key=rnd.id,
            )
        if table.row_count:
            table.move_cursor(row=row)
        self.paint_status()

    def paint_status(self) -> None:
        session = self.service.session
        groups = session.practice_groups
        modes = {g.mode for g in groups}
        mode = {"pair": catalog.t("tui.phases.practice.view.pairs", self.lang), "trio": catalog.t("tui.phases.practice.view.trios", self.lang)}
        kind = " + ".join(mode[m] for m in sorted(modes)) if modes else "—"
        filled = any(FACILITATOR in g.members for g in groups)
        extra = catalog.t("tui.phases.practice.view.facilitator_plays_a_role", self.lang) if filled else ""
        self.query_one("#pr-status", Static).update(Text(catalog.t("tui.phases.practice.view.groups_cards", self.lang, n_groups=len(groups), kind=kind, extra=extra, cards=catalog.t(f"tui.phases.practice.set.{self.set_choice}", self.lang))))

    # -- the talk timer ----------------------------------------------------------------
    def clock(self) -> TalkClock:
        return talk_clock(self.service.session, self.talk, self.service.now(), self.minutes)

    def state_line(self, st: TalkClock) -> str:
        return state_line(st, self.lang)

    def tick(self) -> None:
        st = self.clock()
        rem = st.remaining
        shown = ("-" if rem < 0 else "") + fmt_mmss(abs(rem))
        # After the end the digits count the feedback slot up from zero (for an hour at
        # most: a session reopened days later has no feedback slot running).
        feedback = fmt_mmss(st.since_end) if st.since_end < 3600 else "--:--"
        # Twice a second, but repainted only when the text changed.
        update_if_changed(self.query_one("#pr-digits", Digits), shown if st.state != "ended" else feedback)
        update_if_changed(self.query_one("#pr-talk", Static), (
            catalog.t("tui.phases.practice.view.talk_of", self.lang, talk=self.talk, total=self.total)
            + f" · {self.minutes} min\n" + self.state_line(st)
        ), Text)
        self.set_class(st.state == "running" and rem <= 0, "over")
        self.set_class(st.state == "ended", "ended")
        if st.state == "running" and rem <= 0 and self._belled_talk != self.talk:
            self._belled_talk = self.talk
            settings = getattr(self.app, "settings", None)
            if getattr(settings, "bell", True):
                self.app.bell()
            self.notify(catalog.t("tui.phases.practice.view.time_wrap_up_the_talk", self.lang), timeout=8)
        if self._last_state != st.state:
            self._last_state = st.state
            self.refresh_bindings()

    def room_prompt(self) -> str | None:
        if not self.service.session.practice_groups:
            return None
        st = self.clock()
        head = catalog.t("tui.phases.practice.view.talk_of", self.lang, talk=self.talk, total=self.total)
        if st.state == "ended":
            return head + " — " + catalog.t("tui.phases.practice.view.feedback", self.lang)
        return f"{head} — {fmt_mmss(max(0, st.remaining))}"

    def room_clock(self) -> tuple[str, timedelta, bool] | None:
        """While a talk runs (or is paused) its timer is the room's big clock."""
        if not self.service.session.practice_groups:
            return None
        st = self.clock()
        if st.state not in ("running", "paused"):
            return None
        head = catalog.t("tui.phases.practice.view.talk_of", self.lang, talk=self.talk, total=self.total)
        return head, timedelta(seconds=st.remaining), st.state == "running"

    def session_changed(self) -> None:
        self.rebuild()

    # -- helpers -----------------------------------------------------------------------
    def selected(self) -> RolePlayRound | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify(catalog.t("tui.phases.practice.view.make_groups_first_2_or", self.lang), severity="warning")
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.service.session.rounds if r.id == key), None)

    def run(self, fn, *args, **kwargs):
        """Call a roleplay function; a UserError becomes a notification, never a crash."""
        try:
            result = fn(self.service, *args, **kwargs)
        except (UserError, ValueError) as exc:
            self.notify(self.explain(exc), severity="error", markup=False)
            return None
        self.rebuild()
        return result if result is not None else True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once a talk began, new groups are refused (talks held keep who played what): the key
        # bar stops offering 2/3, so the keys of the running talk are the ones it shows.
        if action in ("propose", "reshuffle") and started(self.service.session):
            return False
        return True

    # -- actions: setting up -----------------------------------------------------------
    def action_propose(self, mode: str) -> None:
        if self.run(setup_groups, mode, self.total, lang=self.lang):
            self.talk = 1
            self.remember_place()
            self.rebuild()

    def action_reshuffle(self) -> None:
        groups = self.service.session.practice_groups
        self.action_propose(groups[0].mode if groups else "pair")

    def action_toggle_mode(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        group = group_of(self.service.session, rnd.group)
        self.run(set_mode, group.id, "trio" if group.mode == "pair" else "pair")

    def action_set_choice(self) -> None:
        i = SET_CHOICES.index(self.set_choice)
        self.set_choice = SET_CHOICES[(i + 1) % len(SET_CHOICES)]
        self.paint_status()

    def action_roles(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        group = group_of(self.service.session, rnd.group)
        people = [(m, self.who(m)) for m in group.members]
        title = catalog.t("tui.phases.practice.view.roles_in_talk", self.lang, name=group.name, talk=rnd.talk)

        def done(roles: Roles | None) -> None:
            if roles is not None:
                self.run(assign, rnd.id, mentor=roles.mentor, parent=roles.parent, pupil=roles.pupil)

        current = Roles(rnd.mentor or "", rnd.parent or "", rnd.pupil)
        self.app.push_screen(RolesForm(title, people, current, group.mode == "trio", self.lang), done)

    def action_move(self) -> None:
        session = self.service.session
        if not session.practice_groups:
            return
        people = [(m, self.who(m)) for g in session.practice_groups for m in g.members
                  if m != FACILITATOR]
        groups = [(g.id, g.name) for g in session.practice_groups]

        def done(result) -> None:
            if result is not None:
                self.run(move_member, result[0], result[1], self.talk)

        self.app.push_screen(MoveForm(people, groups, self.lang), done)

    # -- actions: cards --------------------------------------------------------------
    def action_draw(self) -> None:
        drawn = self.run(draw_talk, self.talk, self.set_choice)
        if drawn is not None and drawn is not True:
            self.notify(catalog.plural("tui.phases.practice.view.cards_drawn_for_groups", self.lang, len(drawn)))
        elif drawn is True:
            self.notify(catalog.t("tui.phases.practice.view.every_group_has_its_cards", self.lang))

    def action_redraw(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        session = self.service.session
        index = [g.id for g in session.practice_groups].index(rnd.group)
        deck = deck_of(rnd)
        try:
            number = choose_set(self.set_choice, self.talk, index, deck, self.service.rng)
        except UserError as exc:
            self.notify(self.explain(exc), severity="error", markup=False)
            return
        if self.run(draw, rnd.id, number, deck=deck):
            self.notify(catalog.t("tui.phases.practice.view.new_cards_drawn", self.lang))

    def action_reveal(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        if not rnd.cards:
            self.notify(catalog.t("tui.phases.practice.view.draw_the_cards_first_d", self.lang), severity="warning")
            return
        if getattr(self.screen, "room", False):
            self.refuse_reveal()
            return
        delivery = self.service.session.card_delivery
        if delivery is None:
            return self.ask_card_delivery(then=self.action_reveal)
        if delivery != "laptop":
            self.notify(catalog.t(f"tui.phases.practice.view.cards_go_{delivery}", self.lang)
                + catalog.t("tui.phases.practice.view.to_change_palette_practice_how", self.lang),
                severity="information", timeout=12, markup=False)
            return
        setup = getattr(self.app, "room_setup", "private")
        if setup is None:
            # The app cannot tell a mirrored projector from an extended one: it asks, once per run.
            from facilitator.tui.dialogs.confirm import ConfirmDialog

            def answered(mirrored: bool | None) -> None:
                if mirrored is None:
                    return
                self.app.room_setup = "mirrored" if mirrored else "private"
                self.action_reveal()

            self.app.push_screen(ConfirmDialog(catalog.t("tui.phases.practice.view.does_the_room_see_this", self.lang), self.lang,
                detail=catalog.t("tui.phases.practice.view.y_yes_mirrored_n_no", self.lang)),
                answered)
            return
        if setup == "mirrored":
            self.refuse_reveal()
            return
        self.app.push_screen(RevealScreen(reveal_steps(self.service, rnd, self.lang), self.lang, self.back_to()))

    def refuse_reveal(self) -> None:
        """No card is ever drawn where the room may be looking: say why and what to do instead."""
        self.notify(catalog.t("tui.phases.practice.view.card_not_shown_the_room", self.lang), severity="warning", timeout=15)

    def back_to(self) -> str:
        return self.service.session.facilitator or catalog.t("tui.phases.practice.view.the_facilitator", self.lang)

    def action_slips(self) -> None:
        try:
            path = write_slips(self.service, self.talk, self.lang)
        except UserError as exc:
            self.notify(self.explain(exc), severity="error", markup=False)
            return
        if path is None:
            self.notify(catalog.t("tui.phases.practice.view.draw_the_cards_first_d", self.lang), severity="warning")
            return
        self.notify(catalog.t("tui.phases.practice.view.role_slips_saved", self.lang, path=path), timeout=12, markup=False)
    def action_talk_timer(self) -> None:
        if not self.service.session.practice_groups:
            self.notify(catalog.t("tui.phases.practice.view.make_groups_first_2_or", self.lang), severity="warning")
            return
        st = self.clock()
        fn = {"ready": start_talk, "running": pause_talk,
              "paused": resume_talk}.get(st.state)
        if fn is None:
            self.notify(catalog.t("tui.phases.practice.view.this_talk_is_over_go", self.lang))
            return
        if st.state == "ready" and not all(r.cards for r in rounds_for_talk(self.service.session, self.talk)):
            self.notify(catalog.t("tui.phases.practice.view.note_not_every_group_has", self.lang),
                        severity="warning")
        self.run(fn, self.talk)
        self.tick()

    def action_end_talk(self) -> None:
        self.run(end_talk, self.talk)
        self.tick()

    def action_talk(self, step: int) -> None:
        target = self.talk + step
        if not 1 <= target <= self.total:
            self.notify(catalog.t("tui.phases.practice.view.that_was_the_last_talk", self.lang) if step > 0
                        else catalog.t("tui.phases.practice.view.this_is_the_first_talk", self.lang))
            return
        if step > 0 and self.clock().state in ("running", "paused"):
            end_talk(self.service, self.talk)
        self.talk = target
        self.remember_place()
        self.rebuild()
        self.tick()

    def action_feedback(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        session = self.service.session
        if self.talk > 1 and self.clock().state == "ready":
            # Between talks the feedback still belongs to the talk just played.
            previous = [r for r in rounds_for_talk(session, self.talk - 1) if r.group == rnd.group]
            rnd = previous[0] if previous else rnd
        self.app.push_screen(feedback_form(self.service, rnd, self.lang, self.who), lambda _n: self.rebuild())

    def ask_card_delivery(self, then=None) -> None:
        """Before the practice: how do the cards reach the players? Remembered in the session."""
        from facilitator.tui.dialogs.choice import ChoiceDialog

        def chosen(how: str | None) -> None:
            if how is None:
                return
            self.service.set_card_delivery(how)
            if then is not None:
                then()

        self.app.push_screen(ChoiceDialog(
            catalog.t("tui.phases.practice.view.how_do_the_players_get", self.lang),
            [("phones", catalog.t("tui.phases.practice.view.on_their_own_phone", self.lang)),
             ("slips", catalog.t("tui.phases.practice.view.printed_slips_for_every_planned", self.lang)),
             ("laptop", catalog.t("tui.phases.practice.view.this_laptop_is_passed_around", self.lang))],
            lang=self.lang, current=self.service.session.card_delivery), chosen)

    def set_room_setup(self, setup: str) -> None:
        self.app.room_setup = setup
        self.notify(catalog.t("tui.phases.practice.view.display_set_up_mirrored_no", self.lang) if setup == "mirrored" else
                    catalog.t("tui.phases.practice.view.display_set_up_projector_not", self.lang))

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [
            (catalog.t("tui.phases.practice.view.practice_form_pairs", self.lang), catalog.t("tui.phases.practice.view.mentor_and_parent_plus_observer", self.lang), lambda: self.action_propose("pair")),
            (catalog.t("tui.phases.practice.view.practice_form_trios", self.lang), catalog.t("tui.phases.practice.view.mentor_parent_and_pupil_plus", self.lang), lambda: self.action_propose("trio")),
            (catalog.t("tui.phases.practice.view.practice_draw_cards", self.lang), catalog.t("tui.phases.practice.view.for_every_group_in_this", self.lang), self.action_draw),
            (catalog.t("tui.phases.practice.view.practice_show_cards", self.lang), catalog.t("tui.phases.practice.view.one_player_at_a_time", self.lang), self.action_reveal),
            (catalog.t("tui.phases.practice.view.practice_role_slips_as_pdf", self.lang), catalog.t("tui.phases.practice.view.one_slip_per_player", self.lang), self.action_slips),
            (catalog.t("tui.phases.practice.view.practice_observer_feedback", self.lang), catalog.t("tui.phases.practice.view.time_stamped", self.lang), self.action_feedback),
            (catalog.t("tui.phases.practice.view.practice_adjust_roles", self.lang), catalog.t("tui.phases.practice.view.for_the_selected_group", self.lang), self.action_roles),
            (catalog.t("tui.phases.practice.view.practice_move_someone", self.lang), catalog.t("tui.phases.practice.view.to_another_group", self.lang), self.action_move),
            (catalog.t("tui.phases.practice.view.practice_how_do_players_get", self.lang), catalog.t("tui.phases.practice.view.phone_printed_slips_or_the", self.lang), self.ask_card_delivery),
            (catalog.t("tui.phases.practice.view.display_set_up_projector_mirrored", self.lang), catalog.t("tui.phases.practice.view.the_room_sees_this_screen", self.lang), lambda: self.set_room_setup("mirrored")),
            (catalog.t("tui.phases.practice.view.display_set_up_projector_not_2", self.lang), catalog.t("tui.phases.practice.view.extended_display_or_projector_off", self.lang), lambda: self.set_room_setup("private")),
        ]
