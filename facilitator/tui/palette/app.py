"""The app's own commands in the palette: theme, language, bell, quit.

One provider per concern: this one (the app), screen.py (what the current
screen offers: sessions, phases, the phase's own actions) and observers.py
(the phones' server). Textual merges their hits into one list.
"""

from __future__ import annotations

from facilitator.tui.palette.base import Command, CommandList


class AppCommands(CommandList):
    def commands(self) -> list[Command]:
        return self.app.palette_commands()
