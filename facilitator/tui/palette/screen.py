"""The current screen's own commands (the sessions list's, the run screen's and its phase's)."""

from __future__ import annotations

from facilitator.tui.palette.base import Command, CommandList, CommandSource


class ScreenCommands(CommandList):
    def commands(self) -> list[Command]:
        screen = self.screen
        return screen.palette_commands() if isinstance(screen, CommandSource) else []
