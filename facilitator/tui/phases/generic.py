"""The fallback phase body: the phase's prompts as a numbered list.

Used for kinds without a module of their own (closing, follow-up kinds) and
whenever a phase module is missing. It shows only template text, never
anything typed about people.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.tui.phases.base import PhaseView


class GenericPhase(PhaseView):
    DEFAULT_CSS = """
    GenericPhase { height: 1fr; }
    GenericPhase VerticalScroll { height: 1fr; padding: 0 1; }
    GenericPhase .prompt { margin-bottom: 1; }
    GenericPhase .empty { color: $text-muted; }
    """

    private = False

    def compose(self) -> ComposeResult:
        prompts = self.template.prompts if self.template else []
        with VerticalScroll():
            if not prompts:
                yield Static(
                    catalog.t("tui.phases.generic.this_phase_has_no_questions", self.lang),
                    classes="empty",
                )
            for n, prompt in enumerate(prompts, 1):
                line = Text()
                line.append(f"{n}. ", style="bold")
                line.append(prompt.text.get(self.lang))
                if prompt.url:
                    line.append("\n   " + prompt.url, style="underline")
                yield Static(line, classes="prompt")

    def room_prompt(self) -> str | None:
        return None
