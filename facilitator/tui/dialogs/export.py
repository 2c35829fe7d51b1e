"""Export options: the screen only collects them; facilitator.export does the work."""

from __future__ import annotations

from pathlib import Path

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, RadioButton, RadioSet, Static

from facilitator.core import catalog
from facilitator.tui.i18n import ModalScreen


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "pdf"  # pdf | md
    lang: str = "nl"
    anonymous: bool = False
    pocket: bool = False


class _Marked:
    """On or off said by a mark, not by colour alone: a washed-out projector shows no colour.

    Textual draws the same X (or dot) in both states, only its colour differs; chosen shows a
    "✓" here and not chosen an empty box, the success factors' convention (dialogs/factors.py).
    """

    value: bool

    @property
    def BUTTON_INNER(self) -> str:  # the character Textual draws inside the button
        return "✓" if self.value else " "


class MarkedCheckbox(_Marked, Checkbox):
    """A checkbox whose state reads without colour."""


class MarkedRadioButton(_Marked, RadioButton):
    """A radio button whose choice reads without colour."""


class ExportDialog(ModalScreen[ExportOptions | None]):
    """Ask how to export: format, language, names left out, pocket card."""

    CSS_PATH = Path(__file__).with_name("export.tcss")  # absolute: not parsed before the home list's first paint
    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel", id="cancel"),
        Binding("ctrl+s", "export", "keys.export", id="export"),
    ]

    def __init__(self, lang: str, session_lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.session_lang = session_lang


    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(catalog.t("tui.dialogs.export.export_the_report", self.lang), style="bold"), id="title")
            yield Static(Text(catalog.t("tui.dialogs.export.ctrl_s_exports_space_picks", self.lang), style="dim"),
                         id="hint")
            with RadioSet(id="fmt"):
                yield MarkedRadioButton(catalog.t("tui.dialogs.export.pdf_to_print", self.lang), value=True, id="pdf")
                yield MarkedRadioButton(catalog.t("tui.dialogs.export.markdown_for_mail_or_school", self.lang), id="md")
            with RadioSet(id="lang"):
                chosen = self.session_lang if self.session_lang in catalog.languages() else catalog.DEFAULT
                for code in catalog.languages():  # each by its own name
                    yield MarkedRadioButton(catalog.t("language.name", code), value=code == chosen, id=code)
            yield MarkedCheckbox(catalog.t("tui.dialogs.export.without_names_initials_instead", self.lang), id="anonymous")
            yield MarkedCheckbox(catalog.t("tui.dialogs.export.add_a_pocket_card_for", self.lang), id="pocket")
            with Horizontal(id="buttons"):
                yield Button(catalog.t("keys.export", self.lang), variant="primary", id="go")
                yield Button(catalog.t("keys.cancel", self.lang), id="stop")

    def on_mount(self) -> None:
        self.query_one("#go", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "go":
            self.action_export()
        else:
            self.action_cancel()

    def action_export(self) -> None:
        fmt = "md" if self.query_one("#md", RadioButton).value else "pdf"
        lang = next((code for code in catalog.languages() if self.query_one(f"#{code}", RadioButton).value),
                    catalog.DEFAULT)
        self.dismiss(ExportOptions(
            fmt=fmt, lang=lang,
            anonymous=self.query_one("#anonymous", Checkbox).value,
            pocket=self.query_one("#pocket", Checkbox).value,
        ))

    def action_cancel(self) -> None:
        self.dismiss(None)
