"""The new-session form: a modal that returns the created session (or None)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from facilitator.core import catalog
from facilitator.core.dates import input_date, parse_optional_date
from facilitator.core.errors import UserError
from facilitator.core.groups import format_groups, parse_groups, parse_names, propose
from facilitator.core.plain import one_line, visible
from facilitator.services import content
from facilitator.services.session import SessionService
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.widgets.fields import TextEditor, TextInput

BUILT_IN = ("default", "agenda-60", "agenda-90")


class NewSessionScreen(ModalScreen[SessionService | None]):
    CSS_PATH = Path(__file__).with_name("new_session.tcss")  # absolute: not parsed before the home list's first paint
    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="cancel"),
        Binding("ctrl+s", "create", "keys.create", id="create"),
        Binding("ctrl+g", "propose", "keys.propose_groups", id="propose"),
    ]

    def __init__(self, lang: str, today: date) -> None:
        super().__init__()
        self.lang = lang
        self.today = today
        self._proposed = ""
        self.skipped: list[UserError] = []  # broken agenda files: said under the choice, not left out silently

    def templates(self) -> list[tuple[Text, str]]:
        found, self.skipped = content.load_templates()
        names = [n for n in BUILT_IN if n in found]
        names += sorted(n for n, t in found.items() if n not in BUILT_IN and t.kind == "training")
        out = []
        for n in names:
            title, total = found[n].title.get(self.lang), found[n].total_minutes
            label = title if str(total) in title else f"{title} · {total} min"
            out.append((Text(one_line(label)), n))  # user templates' titles are shown as written
        return out

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            heading = Text(catalog.t("tui.dialogs.new_session.new_session", self.lang), style="bold")
            heading.append(catalog.t("tui.dialogs.new_session.ctrl_s_create_ctrl_g", self.lang), style="not bold")
            yield Static(heading, id="form-title")
            with VerticalScroll(id="form-body"):
                yield Label(catalog.t("tui.dialogs.new_session.title", self.lang))
                yield TextInput(id="title", placeholder=catalog.t("tui.dialogs.new_session.e_g_peer_consultation_year", self.lang))
                with Horizontal(classes="row"):
                    with Vertical():
                        yield Label(catalog.t("tui.dialogs.new_session.date", self.lang))
                        yield TextInput(input_date(self.today, self.lang), id="date")
                    with Vertical():
                        yield Label(catalog.t("tui.dialogs.new_session.next_talk_round", self.lang))
                        yield TextInput(id="next", placeholder=catalog.t("tui.dialogs.new_session.e_g_2027_02_10", self.lang))
                with Horizontal(classes="row"):
                    with Vertical():
                        yield Label(catalog.t("tui.dialogs.new_session.school", self.lang))
                        yield TextInput(id="school")
                    with Vertical():
                        yield Label(catalog.t("tui.dialogs.new_session.facilitator", self.lang))
                        yield TextInput(id="facilitator")
                yield Label(catalog.t("tui.dialogs.new_session.agenda", self.lang))
                options = self.templates()
                yield Select(options, id="agenda", allow_blank=False,
                             value=options[0][1] if options else Select.BLANK)
                broken = [catalog.t("tui.dialogs.new_session.agenda_skipped", self.lang, error=e.say(self.lang))
                          for e in self.skipped]
                yield Static(Text(visible("\n".join(broken))), id="agenda-skipped", classes="shown" if broken else "")
                yield Label(catalog.t("tui.dialogs.new_session.participants_one_name_per_line", self.lang))
                yield TextEditor(id="participants", soft_wrap=False)
                yield Label(catalog.t("tui.dialogs.new_session.groups_one_group_per_line", self.lang))
                yield TextEditor(id="groups", soft_wrap=False)
            yield Static(id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button(catalog.t("keys.create", self.lang), variant="primary", id="create")
                yield Button(catalog.t("keys.propose_groups", self.lang), id="propose")
                yield Button(catalog.t("keys.cancel", self.lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    # -- groups ------------------------------------------------------------------
    @on(TextArea.Changed, "#participants")
    def participants_changed(self) -> None:
        # Keep proposing while the groups are still our last proposal; once the
        # facilitator edits them by hand, their groups win.
        groups = self.query_one("#groups", TextArea).text
        if groups.strip() == "" or groups == self._proposed:
            self.action_propose()

    def action_propose(self) -> None:
        names = parse_names(self.query_one("#participants", TextArea).text)
        self._proposed = format_groups(propose(names))
        self.query_one("#groups", TextArea).text = self._proposed

    # -- buttons -----------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.action_create()
        elif event.button.id == "propose":
            self.action_propose()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error(self, message: str, field: str | None = None) -> None:
        self.query_one("#form-error", Static).update(Text(visible(message)))
        self.query_one("#form-error").add_class("shown")
        if field:
            self.query_one(f"#{field}").focus()

    def action_create(self) -> None:
        value = lambda wid: self.query_one(f"#{wid}", Input).value.strip()  # noqa: E731
        title = value("title")
        if not title:
            return self.error(catalog.t("tui.dialogs.new_session.give_the_session_a_title", self.lang), "title")
        dates = {}
        for wid in ("date", "next"):
            try:
                dates[wid] = parse_optional_date(value(wid))
            except ValueError:
                return self.error(catalog.t(f"tui.dialogs.new_session.not_a_date_{wid}", self.lang), wid)
        on = dates["date"] or self.today
        if dates["next"] is not None and dates["next"] < on:
            return self.error(catalog.t("tui.dialogs.new_session.the_next_talk_round_is", self.lang), "next")
        names = parse_names(self.query_one("#participants", TextArea).text)
        groups = parse_groups(self.query_one("#groups", TextArea).text)
        for i, members in enumerate(groups, 1):
            unknown = [m for m in members if m not in names]
            if unknown:
                return self.error(catalog.t("tui.dialogs.new_session.group_is_not_in_the_participant", self.lang, i=i, unknown=unknown[0]), "groups")
        agenda = self.query_one("#agenda", Select).value
        if agenda is Select.BLANK:
            return self.error(catalog.t("tui.dialogs.new_session.choose_an_agenda", self.lang), "agenda")
        try:
            service = self.app.library.create(
                title, on=on, agenda=str(agenda), lang=self.lang,
                school=value("school"), facilitator=value("facilitator"),
                next_talks=dates["next"], participants=names,
            )
        except UserError as exc:
            return self.error(catalog.t("tui.dialogs.new_session.could_not_create_the_session", self.lang, exc=exc.say(self.lang)))
        ids = {p.name: p.id for p in service.session.participants}
        for i, members in enumerate(groups, 1):
            service.add_group(catalog.t("tui.dialogs.new_session.group", self.lang, i=i), [ids[m] for m in members])
        self.dismiss(service)

