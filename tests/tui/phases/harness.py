"""A tiny host app for the phase views: one session, one view, a footer.

The real run screen adds the timer and agenda strip; these tests only need a
place to mount a PhaseView the way the run screen does.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer

from facilitator.services.content import template
from facilitator.services.session import SessionService
from facilitator.tui.phases import view_class
from facilitator.tui.i18n import Screen


def phase_key(service: SessionService, kind: str) -> str:
    return next(p.key for p in service.session.phases if p.kind == kind)


class PhaseApp(App):
    """Mounts the view for the session's first phase of `kind`."""

    def __init__(self, service: SessionService, kind: str, lang: str = "nl") -> None:
        super().__init__()
        self.service = service
        self.kind = kind
        self.lang = lang

    def get_default_screen(self) -> Screen:
        return Screen(id="_default")  # the app's Screen: its footer speaks the catalog in self.lang

    def compose(self) -> ComposeResult:
        plan = self.service.session.phase(phase_key(self.service, self.kind))
        tpl = template(self.service.session.agenda).phase(plan.key)
        view = view_class(self.kind)(self.service, plan, tpl, self.lang, id="view")
        view.can_focus = True  # as the run screen does: Esc out of a field lands on the view
        yield view
        yield Footer()

    def on_mount(self) -> None:
        # The run screen's rule: arriving in a phase never focuses a text field; with
        # nothing focused inside the view, the view itself takes the focus (keys mode).
        self.call_after_refresh(lambda: self.focused is None and self.view.focus())

    @property
    def view(self):
        return self.query_one("#view")


def screen_text(app: App) -> str:
    """Everything on screen as plain text (what a user would read)."""
    from textual.widgets import DataTable, OptionList, Static

    parts: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, OptionList):
            for opt in widget.options:
                parts.append(str(opt.prompt))
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, DataTable):
            for row in range(widget.row_count):
                parts.append(" | ".join(str(c) for c in widget.get_row_at(row)))
    return "\n".join(parts)


def screen_lines(app: App) -> list[str]:
    """The screen as rows of plain text, exactly as a terminal would show it."""
    strips = app.screen._compositor.render_strips()
    return ["".join(seg.text for seg in strip).rstrip() for strip in strips]


def sync(test):
    """Run an async Pilot test without an async pytest plugin (none is installed)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run
