"""The app's text fields: Textual's Input and TextArea with every key applied in the order typed.

Textual 8.2.8 inserts a typed character the moment the field receives it, but a key the field
binds (backspace, delete, the arrows, Home/End, Enter) first bubbles up to the app, one message
hop per ancestor, and only then runs. Keys that arrive together (a fast typist on a busy laptop,
tmux, a remote terminal) were applied out of order: "abc⌫de" became "abcd", a word typed right
after Enter went into the note just submitted. Upstream: Textualize/textual#6605 (a fix is
proposed in #6631). Until it lands, these fields run their *own* bindings at once, which is what
the app would do a few hops later; keys bound higher up (Esc, ctrl+s) still go the usual way, so
screens keep seeing them.

A typing line that saves on Enter (``clear_on_submit``) empties itself the moment Enter runs,
not when the save's handler gets to it: letters typed right after Enter start the next note
instead of landing in the one being saved. A handler that does not save hands the text back
(``give_back``), so nothing typed is dropped.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea


async def run_own_binding(field: Input | TextArea, event: events.Key) -> None:
    """Run the field's own binding for this key now, as the app would after the key bubbled up."""
    active = field.screen.active_bindings.get(event.key)
    if active is None or active.node is not field or not active.enabled or active.binding.priority:
        return  # not the field's key (or not now): it bubbles up as usual
    # The app's own call: False when the action stood aside (SkipAction: an arrow in a field that
    # cannot scroll), and then the key goes on up to the next binding, as it would have.
    if await field.app.run_action(active.binding.action, field):
        event.stop()
        event.prevent_default()  # Textual's own handler must not see it a second time


class TextInput(Input):
    """A one-line field whose editing keys and Enter keep their place among the typed letters."""

    def __init__(self, *args, clear_on_submit: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.clear_on_submit = clear_on_submit

    async def action_submit(self) -> None:
        await super().action_submit()  # the Submitted message carries the text as it is now
        if self.clear_on_submit:
            self.value = ""

    async def on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            await run_own_binding(self, event)


class TextEditor(TextArea):
    """A multi-line field whose editing keys keep their place among the typed letters."""

    async def on_key(self, event: events.Key) -> None:
        # Enter and Tab are typed into the text by TextArea itself, in order already.
        if not event.is_printable and event.key not in ("enter", "tab"):
            await run_own_binding(self, event)


def give_back(event: Input.Submitted) -> None:
    """A submitted text that was not saved goes back into its field, before anything typed since."""
    field = event.input
    if isinstance(field, TextInput) and field.clear_on_submit:
        field.value = event.value + field.value
