"""A one-line footer of the keys that apply now, drawn as text.

Textual's Footer builds a widget per key and rebuilds them all on every
bindings change, which costs a tenth of a second at start-up here; this bar
renders the same information (the screen's active bindings, disabled ones
dimmed, the palette key last) as one line of text.

A projector often gets 100 columns or fewer. The bar shows whole keys only, never a label cut
at the edge: the keys come in the order they are declared (the focused widget's, the phase's,
then the screen's), which is their order of importance, and what does not fit is left out from
the end, with a "…" before the palette key, which reaches every action. A screen or widget may
name bindings the bar keeps before all others (``KEEP_IN_BAR``, binding ids): the run screen
keeps Afronden in view on the last phase.
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual.binding import Binding
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.tui.later import after_refresh

#: Keys Textual cannot turn into their character (so it lists them even while a field types them).
CHARACTERS = {"plus": "+", "minus": "-"}


def typed_by(widget, binding: Binding) -> bool:
    """True when the focused widget (a text field) would type this key instead of running it."""
    if widget is None:
        return False
    for key in binding.key.split(","):
        key = key.strip()
        char = key_to_character(key) or CHARACTERS.get(key)
        if char is not None and widget.check_consume_key(key, char):
            return True
    return False


def typing(widget) -> bool:
    """True when the keyboard types into a text field (typing mode) rather than running keys."""
    if widget is None:
        return False
    fields: tuple[type, ...] = ()
    # Looked up, not imported: importing TextArea costs ~15 ms, paid before the home list (which has
    # no text field) was usable; a widget can only be a TextArea or an Input once its module is loaded.
    for module, name in (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea")):
        loaded = sys.modules.get(module)
        if loaded is not None:
            fields += (getattr(loaded, name),)
    return bool(fields) and isinstance(widget, fields) and not getattr(widget, "read_only", False)


def fitting(widths: list[int], kept: list[bool], room: int) -> list[int]:
    """Which entries the bar shows, by index in their order: all when they fit in ``room``; else
    the kept ones first, then the others in their order, up to the first that does not fit beside
    the one-cell "…" that says some were left out (a later, shorter one never fills the gap: the
    bar stays a predictable prefix)."""
    if sum(widths) <= room:
        return list(range(len(widths)))
    room -= 1  # the "…"
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(widths)), key=lambda i: (not kept[i], i)):
        if used + widths[i] > room:
            break
        chosen.append(i)
        used += widths[i]
    return sorted(chosen)


class KeyBar(Static):
    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled", "keybar--typing", "keybar--keys"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $foreground; }
    KeyBar > .keybar--key { color: $accent; text-style: bold; }
    KeyBar > .keybar--disabled { color: $text-disabled; }
    KeyBar > .keybar--typing { background: $warning; color: $background; text-style: bold; }
    KeyBar > .keybar--keys { background: $accent; color: $background; text-style: bold; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._shown: str | None = None
        self._pending = False

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        after_refresh(self, self.draw)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen and not self._pending:
            self._pending = True  # many changes in one frame: draw once
            after_refresh(self, self.draw)

    def draw(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        key_style = self.get_component_rich_style("keybar--key")
        off_style = self.get_component_rich_style("keybar--disabled")
        active = self.screen.active_bindings
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        text = Text(no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        focused = self.screen.focused
        # The mode comes first, in words (not colour alone): letters type, or letters are keys.
        lang = getattr(self.app, "lang", catalog.DEFAULT)
        if typing(focused):
            text.append(f" {catalog.t('tui.keybar.typing', lang)} ", style=self.get_component_rich_style("keybar--typing"))
        else:
            text.append(f" {catalog.t('tui.keybar.keys', lang)} ", style=self.get_component_rich_style("keybar--keys"))
        entries: list[Text] = []
        kept: list[bool] = []
        for node, binding, enabled, _tip in active.values():
            if not binding.show or binding.action in seen or binding.action.endswith("command_palette"):
                continue
            if typed_by(focused, binding):  # the bar never promises a key that a text field swallows
                continue
            seen.add(binding.action)
            entry = Text()
            entry.append(f" {self.app.get_key_display(binding)}", style=key_style if enabled else off_style)
            entry.append(f" {binding.description} ", style="" if enabled else off_style)
            entries.append(entry)
            kept.append(binding.id is not None and binding.id in getattr(node, "KEEP_IN_BAR", ()))
        tail = Text()
        if palette is not None:
            # The palette key always shows: it reaches every action that did not fit.
            tail.append(f" {self.app.get_key_display(palette.binding)}", style=key_style)
            tail.append(f" {palette.binding.description} ")
        room = self.size.width - text.cell_len - tail.cell_len
        shown = (fitting([e.cell_len for e in entries], kept, room) if self.size.width > 0
                 else list(range(len(entries))))  # not laid out yet: on_resize draws again
        for i in shown:
            text.append_text(entries[i])
        if len(shown) < len(entries):
            text.append("…")
        if tail:
            if self.size.width > text.cell_len + tail.cell_len:
                text.append(" " * (self.size.width - text.cell_len - tail.cell_len))
            text.append_text(tail)
        if text.markup != self._shown:
            self._shown = text.markup
            self.update(text)

    def on_resize(self) -> None:
        self.draw()
