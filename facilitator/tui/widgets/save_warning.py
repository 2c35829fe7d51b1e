"""The plain warning shown while the disk refuses to save, and the retry loop.

The service keeps every refused change in memory (``service.pending``);
``check`` is called once a second by the run screen: it shows the warning,
retries ``service.flush()`` every few seconds, and says so when it worked.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.core import catalog

RETRY_EVERY = 2  # seconds between save retries while the disk refuses


class SaveWarning(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.unsaved_ticks = 0

    def on_mount(self) -> None:
        self.display = False

    def check(self, service, lang: str) -> None:
        if service.saved:
            if self.display:
                self.display = False
                self.notify(catalog.t("tui.widgets.save_warning.everything_is_saved_again", lang))
            self.unsaved_ticks = 0
            return
        self.unsaved_ticks += 1
        if self.unsaved_ticks % RETRY_EVERY == 0 and service.flush():
            return self.check(service, lang)
        if not self.display:
            self.display = True
            self.update(Text(catalog.t("tui.widgets.save_warning.not_saved_disk_full_or", lang)))
