"""Small dialogs of the practice phase: override roles, move a person, observer feedback.

Each is a typed ModalScreen. They never write the session themselves: roles
and moves are returned to the practice view; feedback is saved through a
callback the view supplies (so the form can stay open while an observer
logs several remarks during a talk).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from facilitator.core import catalog
from facilitator.core.errors import UserError
from facilitator.core.plain import one_line, visible
from facilitator.core.text import explain
from facilitator.tui.i18n import ModalScreen
from facilitator.tui.widgets.fields import TextInput


def _options(people: list[tuple[str, str]]) -> list[tuple[Text, str]]:
    return [(Text(one_line(name)), pid) for pid, name in people]


class _Form(ModalScreen):
    CSS_PATH = "roleplay_forms.tcss"

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang


    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass
class Roles:
    mentor: str
    parent: str
    pupil: str | None


class RolesForm(_Form):
    """Who plays mentor, parent (and pupil) in one talk; everyone else observes."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="roles-cancel"),
        Binding("ctrl+s", "save", "keys.save", id="roles-save"),
    ]

    def __init__(self, title: str, people: list[tuple[str, str]], current: Roles, trio: bool, lang: str):
        super().__init__(lang)
        self.title_text = title
        self.people = people
        self.current = current
        self.trio = trio

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(visible(self.title_text), style="bold"))
            yield Label(catalog.t("role.mentor", self.lang))
            yield Select(_options(self.people), value=self.current.mentor, allow_blank=False, compact=True, id="mentor")
            yield Label(catalog.t("role.parent", self.lang))
            yield Select(_options(self.people), value=self.current.parent, allow_blank=False, compact=True, id="parent")
            if self.trio:
                yield Label(catalog.t("role.pupil", self.lang))
                yield Select(_options(self.people), value=self.current.pupil or self.people[0][0],
                             allow_blank=False, compact=True, id="pupil")
            yield Static(catalog.t("tui.dialogs.roleplay_forms.everyone_else_observes", self.lang), classes="muted")
            with Horizontal(classes="buttons"):
                yield Button(catalog.t("keys.save", self.lang), variant="primary", compact=True, id="save")
                yield Button(catalog.t("keys.cancel", self.lang), compact=True, id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.dismiss(None)

    def action_save(self) -> None:
        pupil = self.query_one("#pupil", Select).value if self.trio else None
        self.dismiss(Roles(self.query_one("#mentor", Select).value, self.query_one("#parent", Select).value, pupil))


class MoveForm(_Form):
    """Move one person to another practice group (their rotation is redone)."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="move-cancel"),
        Binding("ctrl+s", "save", "keys.move", id="move-save"),
    ]

    def __init__(self, people: list[tuple[str, str]], groups: list[tuple[str, str]], lang: str):
        super().__init__(lang)
        self.people = people
        self.groups = groups

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(catalog.t("tui.dialogs.roleplay_forms.move_someone_to_another_group", self.lang), style="bold"))
            yield Label(catalog.t("tui.dialogs.roleplay_forms.who", self.lang))
            yield Select(_options(self.people), allow_blank=False, compact=True, id="who")
            yield Label(catalog.t("tui.dialogs.roleplay_forms.to_group", self.lang))
            yield Select(_options(self.groups), allow_blank=False, compact=True, id="to")
            with Horizontal(classes="buttons"):
                yield Button(catalog.t("keys.move", self.lang), variant="primary", compact=True, id="save")
                yield Button(catalog.t("keys.cancel", self.lang), compact=True, id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.dismiss(None)

    def action_save(self) -> None:
        self.dismiss((self.query_one("#who", Select).value, self.query_one("#to", Select).value))


class FeedbackForm(_Form):
    """Observer feedback, one remark at a time; stays open for the next remark.

    `save(observer, category, text)` stores it and returns the mm:ss stamp,
    or raises with a message to show.
    """

    BINDINGS = [
        Binding("escape", "cancel", "keys.close", id="feedback-close"),
        Binding("ctrl+s", "save", "keys.save", id="feedback-save"),
    ]

    def __init__(
        self, title: str, observers: list[tuple[str, str]], categories: list[tuple[str, str]],
        save: Callable[[str, str, str], str], lang: str,
    ):
        super().__init__(lang)
        self.title_text = title
        self.observers = observers
        self.categories = categories
        self.save = save
        self.saved = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(visible(self.title_text), style="bold"))
            yield Label(catalog.t("role.observer", self.lang))
            yield Select([(Text(one_line(name)), name) for _, name in self.observers], allow_blank=False, compact=True, id="observer")
            yield Label(catalog.t("tui.dialogs.roleplay_forms.kind_of_feedback", self.lang))
            yield Select([(Text(one_line(label)), key) for key, label in self.categories], allow_blank=False, compact=True, id="category")
            yield Label(catalog.t("tui.dialogs.roleplay_forms.what_did_you_see_or", self.lang))
            yield TextInput(id="text", max_length=2000)
            yield Static("", id="feedback-status", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button(catalog.t("keys.save", self.lang), variant="primary", compact=True, id="save")
                yield Button(catalog.t("keys.close", self.lang), compact=True, id="cancel")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        box = self.query_one("#text", Input)
        status = self.query_one("#feedback-status", Static)
        try:
            stamp = self.save(
                str(self.query_one("#observer", Select).value), str(self.query_one("#category", Select).value),
                box.value,
            )
        except (UserError, ValueError) as exc:  # refused by the service or the model: show it, keep the text
            status.update(Text(visible(explain(exc, self.lang))))
            return
        self.saved += 1
        box.value = ""
        status.update(Text(catalog.t("tui.dialogs.roleplay_forms.saved_at", self.lang, stamp=stamp)))
        box.focus()

    def action_cancel(self) -> None:
        self.dismiss(self.saved)
