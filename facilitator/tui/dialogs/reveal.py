"""Keeping the secret: show each player only their own card, one person at a time.

The laptop goes round the table. Each step first asks the facilitator to hand
the laptop to one person ("hand the laptop to Fleur (parent)"); only after a
key press does the card show, and the next key press hides it again before the
next person is named. Observers may see every card of the talk. A pupil whose
card has a situation to choose picks it with a number key while reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.core.plain import visible
from facilitator.tui.i18n import ModalScreen


@dataclass
class RevealCard:
    heading: str                 # "MENTOR", "OUDER"...
    title: str
    text: str
    situations: list[str] = field(default_factory=list)


@dataclass
class RevealStep:
    """One person (or the observers together) and the cards they may read."""

    who: str                     # "Fleur (ouder)"
    cards: list[RevealCard]
    #: Called with the index of a chosen situation; returns the card's new text.
    choose: Callable[[int], str] | None = None


class RevealScreen(ModalScreen[int]):
    """Returns how many people saw their card."""

    CSS_PATH = "reveal.tcss"
    BINDINGS = [
        Binding("space,enter", "advance", "keys.show_hide", id="reveal-advance"),
        Binding("escape", "close", "keys.stop_hides_the_card", id="reveal-stop"),
    ] + [Binding(str(n), f"choose({n})", f"keys.situation:{n}", show=False, id=f"reveal-choose{n}")
         for n in range(1, 10)]

    def __init__(self, steps: list[RevealStep], lang: str, back_to: str) -> None:
        super().__init__()
        self.steps = steps
        self.lang = lang
        self.back_to = back_to
        self.index = 0
        self.showing = False
        self.seen = 0


    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reveal-box"):
            yield Static(id="reveal-head")
            yield Static(id="reveal-body")
            yield Static(id="reveal-keys")

    def on_mount(self) -> None:
        self.paint()

    def paint(self) -> None:
        head = self.query_one("#reveal-head", Static)
        body = self.query_one("#reveal-body", Static)
        keys = self.query_one("#reveal-keys", Static)
        box = self.query_one("#reveal-box")
        box.set_class(self.showing, "showing")
        if self.index >= len(self.steps):
            head.update(Text(catalog.t("tui.dialogs.reveal.done", self.lang), style="bold"))
            body.update(Text(catalog.t("tui.dialogs.reveal.hand_the_laptop_back_to", self.lang, who=visible(self.back_to))))
            keys.update(Text(catalog.t("tui.dialogs.reveal.space_close", self.lang)))
            return
        step = self.steps[self.index]
        if not self.showing:
            who = visible(step.who)
            head.update(Text(catalog.t("tui.dialogs.reveal.hand_the_laptop_to", self.lang, who=who), style="bold"))
            body.update(Text(catalog.t("tui.dialogs.reveal.only_this_person_looks_at", self.lang)))
            keys.update(Text(catalog.t("tui.dialogs.reveal.space_show_card_esc_stop", self.lang)))
            return
        content = Text()
        for i, card in enumerate(step.cards):
            if i:
                content.append("\n\n")
            content.append(visible(card.heading) + "\n", style="bold reverse")
            content.append(visible(card.title) + "\n", style="bold")
            content.append(visible(card.text))
            if card.situations:
                content.append("\n\n" + catalog.t("tui.dialogs.reveal.choose_your_situation", self.lang) + "\n", style="bold")
                for n, s in enumerate(card.situations, 1):
                    content.append(f"  {n}  {visible(s)}\n")
        head.update(Text(visible(step.who), style="bold"))
        body.update(content)
        keys.update(Text(catalog.t("tui.dialogs.reveal.space_hide_card", self.lang)))

    def action_advance(self) -> None:
        if self.index >= len(self.steps):
            self.dismiss(self.seen)
            return
        if self.showing:
            self.showing = False
            self.index += 1
        else:
            self.showing = True
            self.seen += 1
        self.paint()

    def action_choose(self, n: int) -> None:
        if not self.showing or self.index >= len(self.steps):
            return
        step = self.steps[self.index]
        card = next((c for c in step.cards if c.situations), None)
        if card is None or step.choose is None or not 1 <= n <= len(card.situations):
            return
        card.text = step.choose(n - 1)
        self.paint()

    def action_close(self) -> None:
        self.showing = False
        self.dismiss(self.seen)
