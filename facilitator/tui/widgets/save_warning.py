"""The plain warning shown while the disk refuses to save, and the retry loop.

The service keeps every refused change in memory (``service.pending``);
``check`` is called once a second by the run screen: it shows the warning,
retries ``service.flush()`` every few seconds, and says so when it worked.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from facilitator.tui.i18n import tr

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
                self.notify(tr(lang, "Alles is weer opgeslagen.", "Everything is saved again."))
            self.unsaved_ticks = 0
            return
        self.unsaved_ticks += 1
        if self.unsaved_ticks % RETRY_EVERY == 0 and service.flush():
            return self.check(service, lang)
        if not self.display:
            self.display = True
            self.update(Text(tr(
                lang,
                "NIET opgeslagen — schijf vol of map alleen-lezen? Ik probeer het opnieuw. "
                "Alles staat nog in het geheugen; sluit de app niet af.",
                "NOT saved — disk full or folder read-only? Retrying. "
                "Everything is still in memory; do not quit.",
            )))
