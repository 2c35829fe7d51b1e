"""The practice phase (Oefenen): groups, rotating roles, secret cards, the talk timer, feedback.

What this view shows may be seen by the whole room (the laptop is often
mirrored to a projector), so it never shows the text or title of a parent or
pupil card: only who plays what and whether the cards are drawn. Cards are
read through the reveal flow (one person at a time) or on paper slips.

Long (~450 lines): the practice has more keys than any other phase (groups,
roles, draws, the talk timer, feedback, secrecy); cards.py and text.py beside
it hold what could be taken out without splitting one key's logic in two.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Digits, Static

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
    talk_minutes,
    talks_planned,
)
from facilitator.services.roleplay.talk import end_talk, pause_talk, resume_talk, start_talk
from facilitator.tui.dialogs.reveal import RevealScreen
from facilitator.tui.dialogs.roleplay_forms import MoveForm, Roles, RolesForm
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.practice.cards import reveal_steps, write_slips
from facilitator.tui.phases.practice.text import KEYS_NL, SET_LABELS, feedback_form, state_line
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
    BINDINGS = [
        Binding("2", "propose('pair')", "Pairs", id="practice-pairs"),
        Binding("3", "propose('trio')", "Trios", id="practice-trios"),
        Binding("x", "reshuffle", "Reshuffle", id="practice-reshuffle", show=False),
        Binding("s", "set_choice", "Set choice", id="practice-set"),
        Binding("d", "draw", "Draw cards", id="practice-draw"),
        Binding("R", "redraw", "Redraw", id="practice-redraw", show=False),
        Binding("c", "reveal", "Show cards", id="practice-reveal"),
        Binding("t", "talk_timer", "Talk timer", id="practice-timer"),
        Binding("e", "end_talk", "End talk", id="practice-end"),
        Binding("full_stop", "talk(1)", "Next talk", id="practice-next"),
        Binding("comma", "talk(-1)", "Previous talk", id="practice-prev", show=False),
        Binding("f", "feedback", "Feedback", id="practice-feedback"),
        Binding("o", "roles", "Roles", id="practice-roles", show=False),
        Binding("w", "move", "Move person", id="practice-move", show=False),
        Binding("m", "toggle_mode", "Pair/trio", id="practice-mode", show=False),
        Binding("l", "slips", "Role slips PDF", id="practice-slips", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        session = self.service.session
        self.total = talks_in_session(session) or talks_planned(session, self.plan.key)
        self.minutes = self.plan.talk_minutes or talk_minutes(session, self.plan.key)
        self.set_choice = "alternate"
        self.talk = self._current_talk()
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
        merged = type(self)._merged_bindings
        if merged is not None and self.lang != "en":
            fresh = merged.copy()
            for key, bindings in fresh.key_to_bindings.items():
                fresh.key_to_bindings[key] = [
                    replace(b, description=KEYS_NL.get(b.description, b.description)) for b in bindings
                ]
            self._bindings = fresh
        self.rebuild()
        self.tick()
        self.set_interval(0.5, self.tick)
        self.query_one(DataTable).focus()

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
                empty.update(Text(self.t(
                    f"{len(session.participants)} deelnemers. Kies 2 voor tweetallen (mentor en ouder) of 3 voor "
                    "drietallen (mentor, ouder en leerling); elk groepje krijgt een observator.",
                    f"{len(session.participants)} participants. Press 2 for pairs (mentor and parent) or 3 for "
                    "trios (mentor, parent and pupil); each group gets an observer.",
                )))
            else:
                empty.update(Text(self.t(
                    "Nog geen deelnemers. Voeg ze toe bij de sessie; de kaarten kun je ook op papier "
                    "gebruiken (facilitator cards print).",
                    "No participants yet. Add them to the session; you can also use the cards on paper "
                    "(facilitator cards print).",
                )))
        row = table.cursor_row
        table.clear(columns=True)
        t = self.t
        for label in (t("Groep", "Group"), "Mentor", t("Ouder", "Parent"), t("Leerling", "Pupil"),
                      t("Observator", "Observer"), "Set", t("Kaarten", "Cards"), "Feedback"):
            table.add_column(label)
        for rnd in rounds_for_talk(session, self.talk):
            group = group_of(session, rnd.group)
            if group is None:
                continue
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
            table.move_cursor(row=min(row, table.row_count - 1))
        self.paint_status()

    def paint_status(self) -> None:
        session = self.service.session
        groups = session.practice_groups
        modes = {g.mode for g in groups}
        mode = {"pair": self.t("tweetallen", "pairs"), "trio": self.t("drietallen", "trios")}
        kind = " + ".join(mode[m] for m in sorted(modes)) if modes else "—"
        filled = any(FACILITATOR in g.members for g in groups)
        extra = self.t(" · begeleider speelt mee", " · facilitator plays a role") if filled else ""
        self.query_one("#pr-status", Static).update(Text(self.t(
            f"{len(groups)} groepen ({kind}){extra} · kaarten: {SET_LABELS['nl'][self.set_choice]}",
            f"{len(groups)} groups ({kind}){extra} · cards: {SET_LABELS['en'][self.set_choice]}",
        )))

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
            self.t(f"Gesprek {self.talk} van {self.total}", f"Talk {self.talk} of {self.total}")
            + f" · {self.minutes} min\n" + self.state_line(st)
        ), Text)
        self.set_class(st.state == "running" and rem <= 0, "over")
        self.set_class(st.state == "ended", "ended")
        if st.state == "running" and rem <= 0 and self._belled_talk != self.talk:
            self._belled_talk = self.talk
            settings = getattr(self.app, "settings", None)
            if getattr(settings, "bell", True):
                self.app.bell()
            self.notify(self.t("Tijd! Rond het gesprek af.", "Time! Wrap up the talk."), timeout=8)
        if self._last_state != st.state:
            self._last_state = st.state
            self.refresh_bindings()

    def room_prompt(self) -> str | None:
        if not self.service.session.practice_groups:
            return None
        st = self.clock()
        head = self.t(f"Gesprek {self.talk} van {self.total}", f"Talk {self.talk} of {self.total}")
        if st.state == "ended":
            return head + " — " + self.t("feedback", "feedback")
        return f"{head} — {fmt_mmss(max(0, st.remaining))}"

    def room_clock(self) -> tuple[str, timedelta, bool] | None:
        """While a talk runs (or is paused) its timer is the room's big clock."""
        if not self.service.session.practice_groups:
            return None
        st = self.clock()
        if st.state not in ("running", "paused"):
            return None
        head = self.t(f"Gesprek {self.talk} van {self.total}", f"Talk {self.talk} of {self.total}")
        return head, timedelta(seconds=st.remaining), st.state == "running"

    def session_changed(self) -> None:
        self.rebuild()

    # -- helpers -----------------------------------------------------------------------
    def selected(self) -> RolePlayRound | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify(self.t("Maak eerst groepjes (2 of 3).", "Make groups first (2 or 3)."), severity="warning")
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

    # -- actions: setting up -----------------------------------------------------------
    def action_propose(self, mode: str) -> None:
        if self.run(setup_groups, mode, self.total, lang=self.lang):
            self.talk = 1
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
        title = self.t(f"Rollen in {group.name}, gesprek {rnd.talk}", f"Roles in {group.name}, talk {rnd.talk}")

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
            self.notify(self.t(f"Kaarten getrokken voor {len(drawn)} groepen.",
                               f"Cards drawn for {len(drawn)} groups."))
        elif drawn is True:
            self.notify(self.t("Alle groepen hebben al kaarten (R trekt opnieuw).",
                               "Every group has its cards (R redraws)."))

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
            self.notify(self.t("Nieuwe kaarten getrokken.", "New cards drawn."))

    def action_reveal(self) -> None:
        rnd = self.selected()
        if rnd is None:
            return
        if not rnd.cards:
            self.notify(self.t("Trek eerst de kaarten (d).", "Draw the cards first (d)."), severity="warning")
            return
        if getattr(self.screen, "room", False):
            self.refuse_reveal()
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

            self.app.push_screen(ConfirmDialog(self.t(
                "Ziet de zaal dit scherm mee (laptop gespiegeld naar de beamer)?",
                "Does the room see this screen (laptop mirrored to the projector)?"), self.lang,
                detail=self.t("j: ja, gespiegeld · n: nee, de beamer toont iets anders of staat uit",
                              "y: yes, mirrored · n: no, the projector shows something else or is off")),
                answered)
            return
        if setup == "mirrored":
            self.refuse_reveal()
            return
        self.app.push_screen(RevealScreen(reveal_steps(self.service, rnd, self.lang), self.lang, self.back_to()))

    def refuse_reveal(self) -> None:
        """No card is ever drawn where the room may be looking: say why and what to do instead."""
        self.notify(self.t(
            "Kaart niet getoond: de zaal kijkt mee (zaalweergave of gespiegelde beamer). Print strookjes (l) "
            "of laat spelers hun kaart op hun telefoon lezen; of zet het spiegelen uit en kies in het palet "
            "'Beeldopstelling: beamer niet gespiegeld'.",
            "Card not shown: the room can see this screen (room view or mirrored projector). Print slips (l) "
            "or let players read their card on their phone; or switch mirroring off and choose "
            "'Display set-up: projector not mirrored' in the palette."), severity="warning", timeout=15)

    def back_to(self) -> str:
        return self.service.session.facilitator or self.t("de begeleider", "the facilitator")

    def action_slips(self) -> None:
        try:
            path = write_slips(self.service, self.talk, self.lang)
        except UserError as exc:
            self.notify(self.explain(exc), severity="error", markup=False)
            return
        if path is None:
            self.notify(self.t("Trek eerst de kaarten (d).", "Draw the cards first (d)."), severity="warning")
            return
        self.notify(self.t(f"Rolbriefjes opgeslagen: {path}", f"Role slips saved: {path}"), timeout=12, markup=False)
    def action_talk_timer(self) -> None:
        if not self.service.session.practice_groups:
            self.notify(self.t("Maak eerst groepjes (2 of 3).", "Make groups first (2 or 3)."), severity="warning")
            return
        st = self.clock()
        fn = {"ready": start_talk, "running": pause_talk,
              "paused": resume_talk}.get(st.state)
        if fn is None:
            self.notify(self.t("Dit gesprek is afgelopen; ga naar het volgende (.).",
                               "This talk is over; go to the next one (.)."))
            return
        if st.state == "ready" and not all(r.cards for r in rounds_for_talk(self.service.session, self.talk)):
            self.notify(self.t("Let op: niet elke groep heeft kaarten.", "Note: not every group has cards."),
                        severity="warning")
        self.run(fn, self.talk)
        self.tick()

    def action_end_talk(self) -> None:
        self.run(end_talk, self.talk)
        self.tick()

    def action_talk(self, step: int) -> None:
        target = self.talk + step
        if not 1 <= target <= self.total:
            self.notify(self.t("Dat was het laatste gesprek.", "That was the last talk.") if step > 0
                        else self.t("Dit is het eerste gesprek.", "This is the first talk."))
            return
        if step > 0 and self.clock().state in ("running", "paused"):
            end_talk(self.service, self.talk)
        self.talk = target
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

    def set_room_setup(self, setup: str) -> None:
        self.app.room_setup = setup
        self.notify(self.t("Beeldopstelling: gespiegeld (geen kaarten op dit scherm)",
                           "Display set-up: mirrored (no cards on this screen)") if setup == "mirrored" else
                    self.t("Beeldopstelling: beamer niet gespiegeld (kaarten met c)",
                           "Display set-up: projector not mirrored (cards with c)"))

    def palette_commands(self) -> list[tuple[str, str, object]]:
        t = self.t
        return [
            (t("Oefenen: tweetallen indelen", "Practice: form pairs"), t("Mentor en ouder, plus observator", "Mentor and parent, plus observer"), lambda: self.action_propose("pair")),
            (t("Oefenen: drietallen indelen", "Practice: form trios"), t("Mentor, ouder en leerling, plus observator", "Mentor, parent and pupil, plus observer"), lambda: self.action_propose("trio")),
            (t("Oefenen: kaarten trekken", "Practice: draw cards"), t("Voor elke groep in dit gesprek", "For every group in this talk"), self.action_draw),
            (t("Oefenen: kaarten tonen", "Practice: show cards"), t("Eén speler tegelijk", "One player at a time"), self.action_reveal),
            (t("Oefenen: rolbriefjes als PDF", "Practice: role slips as PDF"), t("Eén briefje per speler", "One slip per player"), self.action_slips),
            (t("Oefenen: feedback van observator", "Practice: observer feedback"), t("Met tijdstempel", "Time-stamped"), self.action_feedback),
            (t("Oefenen: rollen aanpassen", "Practice: adjust roles"), t("Voor de gekozen groep", "For the selected group"), self.action_roles),
            (t("Oefenen: iemand verplaatsen", "Practice: move someone"), t("Naar een andere groep", "To another group"), self.action_move),
            (t("Beeldopstelling: beamer gespiegeld", "Display set-up: projector mirrored"), t("De zaal ziet dit scherm: kaarten nooit hier", "The room sees this screen: never cards here"), lambda: self.set_room_setup("mirrored")),
            (t("Beeldopstelling: beamer niet gespiegeld", "Display set-up: projector not mirrored"), t("Uitgebreid scherm of beamer uit: kaarten met c", "Extended display or projector off: cards with c"), lambda: self.set_room_setup("private")),
        ]
