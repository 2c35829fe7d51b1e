"""People and groups, at any moment of the meeting (#13.3).

A late arrival, someone who leaves (absent, and back), a move to another
dialogue or practice group, a group renamed, dialogue groups proposed again.
Every change is a call into ``services/people`` (talks already held keep who
played what; the talks to come rotate again); the table is redrawn from the
session after each change.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from facilitator.core import catalog
from facilitator.core.errors import UserError
from facilitator.core.plain import one_line
from facilitator.core.text import explain
from facilitator.services import people
from facilitator.services.session import SessionService
from facilitator.tui.dialogs.choice import ChoiceDialog
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.text_edit import TextEditDialog
from facilitator.tui.i18n import Screen
from facilitator.tui.phases.shared import save_status
from facilitator.tui.widgets.timer import SmallClock


class PeopleScreen(Screen[None]):
    CSS_PATH = "../dialogs/people.tcss"

    BINDINGS = [
        Binding("a,insert", "arrive", "keys.late_arrival", id="people.arrive"),
        Binding("x", "absent", "keys.absent_back", id="people.absent"),
        Binding("g", "dialogue_group", "keys.to_dialogue_group", id="people.group"),
        Binding("o", "practice_group", "keys.to_practice_group", id="people.practice"),
        Binding("e", "rename", "keys.rename_group", id="people.rename"),
        Binding("v", "propose", "keys.regroup", id="people.propose"),
        Binding("escape,q", "close", "keys.back", id="people.close"),
    ]

    def __init__(self, service: SessionService, lang: str = "nl") -> None:
        super().__init__()
        self.service = service
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static(id="people-title", markup=False)
        yield SmallClock(self.service, self.lang, id="people-clock")
        yield DataTable(id="people-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="people-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(catalog.t("tui.screens.people.name", self.lang), key="name")
        table.add_column(catalog.t("tui.screens.people.dialogue_group", self.lang), key="group")
        table.add_column(catalog.t("tui.screens.people.practice_group", self.lang), key="practice")
        # Fixed width: "✗ afwezig" must fit when it replaces "✓ ja" after a redraw.
        table.add_column(catalog.t("tui.screens.people.present", self.lang), key="present", width=11)
        self.redraw()
        table.focus()

    # -- drawing -------------------------------------------------------------------
    @property
    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def redraw(self, keep: str | None = None, status: str = "") -> None:
        session = self.service.session
        table = self.query_one(DataTable)
        current = keep or self.selected
        table.clear()
        for p in session.participants:
            group = people.dialogue_group_of(session, p.id)
            pgroup = people.practice_group_of(session, p.id)
            here = Text(catalog.t("tui.screens.people.yes", self.lang)) if not p.absent else Text(
                catalog.t("tui.screens.people.absent", self.lang), style="bold")
            table.add_row(
                Text(one_line(p.name), style="dim strike" if p.absent else ""),
                Text(one_line(group.name) if group else "—"),
                Text(one_line(pgroup.name) if pgroup else "—"),
                here, key=p.id,
            )
        ids = [p.id for p in session.participants]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        n_here = len(people.present(session))
        title = Text(catalog.t("tui.screens.people.people_and_groups", self.lang), style="bold")
        title.append(catalog.t("tui.screens.people.present_of", self.lang, n_here=n_here, n_ids=len(ids)),
                     style="dim")
        self.query_one("#people-title", Static).update(title)
        line = save_status(self.service, self.lang)
        self.query_one("#people-status", Static).update(Text(status + "  ") + line if status else line)

    def _done(self, keep: str | None, warning: str | None = None, said: str = "") -> None:
        if warning:
            self.notify(warning, severity="warning", markup=False, timeout=10)
        self.redraw(keep, said)

    def _person(self, pid: str) -> str:
        return self.service.session.participant_name(pid)

    def _refused(self, exc: UserError) -> None:
        self.notify(explain(exc, self.lang, self._person), severity="error", markup=False)

    # -- actions -------------------------------------------------------------------
    def action_arrive(self) -> None:
        def add(name: str | None) -> None:
            if not name:
                return
            try:
                person, warning = people.add_late_arrival(self.service, name, self.lang)
            except UserError as exc:
                return self._refused(exc)
            self._done(person.id, warning, catalog.t("tui.screens.people.joined", self.lang, name=person.name))

        self.app.push_screen(TextEditDialog(catalog.t("tui.screens.people.name_of_the_late_arrival", self.lang), "",
                                            lang=self.lang), add)

    def action_absent(self) -> None:
        pid = self.selected
        if pid is None:
            return
        person = next(p for p in self.service.session.participants if p.id == pid)
        warning = people.set_absent(self.service, pid, not person.absent, self.lang)
        said = (catalog.t("tui.screens.people.is_back", self.lang, name=person.name) if person.absent
                else catalog.t("tui.screens.people.is_absent_stays_in_the_report", self.lang, name=person.name))
        self._done(pid, warning, said)

    def action_dialogue_group(self) -> None:
        pid = self.selected
        groups = self.service.session.groups
        if pid is None:
            return
        if not groups:
            self.notify(catalog.t("tui.screens.people.there_are_no_dialogue_groups", self.lang))
            return
        current = people.dialogue_group_of(self.service.session, pid)

        def move(gid: str | None) -> None:
            if gid:
                people.move_to_dialogue_group(self.service, pid, gid)
                self._done(pid)

        self.app.push_screen(ChoiceDialog(
            catalog.t("tui.screens.people.move_to_dialogue_group", self.lang, person=self._person(pid)),
            [(g.id, f"{g.name} ({', '.join(self._person(m) for m in g.members)})") for g in groups],
            lang=self.lang, current=current.id if current else None), move)

    def action_practice_group(self) -> None:
        pid = self.selected
        groups = self.service.session.practice_groups
        if pid is None:
            return
        if not groups:
            self.notify(catalog.t("tui.screens.people.there_are_no_practice_groups", self.lang))
            return
        current = people.practice_group_of(self.service.session, pid)

        def move(gid: str | None) -> None:
            if not gid:
                return
            try:
                warning = people.move_to_practice_group(self.service, pid, gid, self.lang)
            except UserError as exc:
                return self._refused(exc)
            self._done(pid, warning, catalog.t("tui.screens.people.the_talks_still_to_come", self.lang))

        self.app.push_screen(ChoiceDialog(
            catalog.t("tui.screens.people.move_to_practice_group", self.lang, person=self._person(pid)),
            [(g.id, f"{g.name} ({', '.join(self._person(m) for m in g.members)})") for g in groups],
            lang=self.lang, current=current.id if current else None), move)

    def action_rename(self) -> None:
        pid = self.selected
        group = people.dialogue_group_of(self.service.session, pid) if pid else None
        if group is None:
            self.notify(catalog.t("tui.screens.people.this_person_is_in_no", self.lang))
            return

        def rename(name: str | None) -> None:
            if name:
                self.service.rename_group(group.id, name)
                self._done(pid)

        self.app.push_screen(TextEditDialog(catalog.t("tui.screens.people.new_name_for", self.lang, name=group.name),
                                            group.name, lang=self.lang), rename)

    def action_propose(self) -> None:
        def go(yes: bool | None) -> None:
            if yes:
                people.propose_dialogue_groups(self.service, self.lang)
                self._done(None, None, catalog.t("tui.screens.people.new_dialogue_groups_proposed", self.lang))

        question = catalog.t("tui.screens.people.propose_dialogue_groups_again_from", self.lang)
        self.app.push_screen(ConfirmDialog(question, self.lang), go)

    def action_close(self) -> None:
        self.dismiss(None)
