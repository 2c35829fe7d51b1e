"""Where the observers' phones and the projector connect: URLs, join code, QR code."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.tui.i18n import ModalScreen


class ServeInfoScreen(ModalScreen[None]):
    """Shown after the server starts (and again from the palette); Esc closes it, the server keeps running."""

    CSS_PATH = "serve_info.tcss"

    BINDINGS = [Binding("escape,enter,q", "close", "keys.close", id="close")]

    def __init__(self, url: str, room_url: str, code: str, qr: str, lang: str, local: bool = False,
                 rate_url: str = "") -> None:
        super().__init__()
        self.url, self.room_url, self.code, self.qr, self.lang = url, room_url, code, qr, lang
        self.local, self.rate_url = local, rate_url

    def compose(self) -> ComposeResult:
        info = Text()
        rows = [
            (catalog.t("tui.dialogs.serve_info.observers_phone", self.lang), self.url),
            (catalog.t("tui.dialogs.serve_info.room_display", self.lang), self.room_url),
            (catalog.t("tui.dialogs.serve_info.code", self.lang), self.code),
        ]
        if self.rate_url:  # the quickscan and the dots, for everyone who joined (no name needed)
            rows.insert(2, (catalog.t("tui.dialogs.serve_info.everyone_rates", self.lang), self.rate_url))
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            info.append(f"{label:<{width}} ", style="bold")
            info.append(value + "\n")
        if self.local:
            info.append(catalog.t("tui.dialogs.serve_info.reachable_on_this_computer_only", self.lang) + "\n",
                        style="bold yellow")
        info.append(catalog.t("tui.dialogs.serve_info.scan_the_qr_code_and", self.lang))
        with Vertical(id="serve-info"):
            yield Static(Text(catalog.t("tui.dialogs.serve_info.observers_on_phones", self.lang), style="bold"),
                         id="serve-title")
            with VerticalScroll(id="serve-body"):
                yield Static(info, id="serve-urls")
                # no_wrap: a wrapped or re-flowed QR code no longer scans.
                yield Static(Text(self.qr, no_wrap=True, overflow="crop"), id="serve-qr")

    def action_close(self) -> None:
        self.dismiss(None)
