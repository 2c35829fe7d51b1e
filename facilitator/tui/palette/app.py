"""The command palette (ctrl+p): every action, in the current language.

The run screen contributes its own commands (go to phase, add note, export...)
through ``palette_commands()``; the app adds theme, language and bell.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider


class FacilitatorCommands(Provider):
    def commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        screen = self.screen
        cmds: list[tuple[str, str, object]] = []
        if hasattr(screen, "palette_commands"):
            cmds += screen.palette_commands()
        cmds += app.palette_commands()
        return cmds

    async def discover(self) -> Hits:
        for title, help_text, callback in self.commands():
            # Text, not str: phase titles come from (user) templates and are never markup.
            yield DiscoveryHit(Text(title), partial(callback), text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(callback), text=title, help=help_text)
