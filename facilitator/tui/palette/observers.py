"""The observers' phones: start (or show) and stop the web server, while a session is open."""

from __future__ import annotations

from facilitator.tui.i18n import tr
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
        tr(lang, "Observanten via telefoon (serve)", "Observers on phones (serve)"),
        tr(lang, "Webpagina voor observanten en zaalscherm, met code en QR",
           "Web page for observers and a room display, with code and QR"),
        app.action_serve,
    )]
    if app.observers.running:
        cmds.append((
            tr(lang, "Observanten via telefoon stoppen", "Stop observers on phones"),
            tr(lang, "De webpagina gaat dicht; alles is opgeslagen", "The web page closes; everything is saved"),
            app.action_stop_serving,
        ))
    return cmds
