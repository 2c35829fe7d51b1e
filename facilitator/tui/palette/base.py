"""What every palette provider shares: a list of (title, help, callback), searched the same way.

One provider per concern (palette/app.py, palette/screen.py, palette/observers.py),
each only saying which commands it has; Textual merges their hits.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, object]


class CommandSource:
    """A screen that offers commands of its own to the palette (its title, help and action)."""

    def palette_commands(self) -> list[Command]:
        return []


class CommandList(Provider):
    def commands(self) -> list[Command]:
        raise NotImplementedError

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
