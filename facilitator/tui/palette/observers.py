"""The observers' phones: start (or show) and stop the web server, while a session is open."""

from __future__ import annotations

from facilitator.core import catalog
from facilitator.tui.palette.base import Command, CommandList


class ObserverCommands(CommandList):
    def commands(self) -> list[Command]:
        app = self.app
        if getattr(app, "service", None) is None:
            return []
        return serve_commands(app)


def serve_commands(app) -> list[Command]:
    lang = app.lang
    cmds: list[Command] = [(
        catalog.t("tui.observers.observers_on_phones_serve", lang),
        catalog.t("tui.observers.web_page_for_observers_and", lang),
        app.action_serve,
    )]
    if app.observers.running:
        cmds.append((
            catalog.t("tui.observers.stop_observers_on_phones", lang),
            catalog.t("tui.observers.the_web_page_closes_everything", lang),
            app.action_stop_serving,
        ))
    return cmds
