"""The app's own messages: how a change reaches the screens without anyone reaching into them.

The app posts them to every screen on its stack; a screen that cares handles
them with ``@on(...)``. Nothing else walks the stack or calls into a screen.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message


class SessionChanged(Message):
    """Another process (an observer's phone, a scribe) changed the open session."""

    def __init__(self, event: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.event = event or {}


class LanguageChanged(Message):
    """The facilitator switched the app's language: every visible string is rewritten."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
