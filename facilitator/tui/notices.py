"""Notices (toasts) that replace themselves and leave with their screen.

A projector shows every toast to the room, so two rules hold for every notice of the app:

- **The same notice replaces itself.** Saying the same thing again (a key pressed three
  times) shows it once, freshly timed, not three stacked toasts. A notice that tells how
  something goes on (``key``, e.g. the export's progress) replaces its earlier text.
- **A notice leaves with its screen.** What a dialog or screen said is cleared when that
  screen is popped or dismissed, and when another screen covers it: Textual shows every toast
  on the top screen, so the home list's "Sessiemap: ..." hung over the session opened above it.
  A covered screen's notices do not come back when the cover closes (they were about a moment
  that has passed). The run screen's room view (``r``, on the projector) is no screen of its
  own: it drops the run screen's notices itself (``drop_notices``) as it starts.

Both apps (``FacilitatorApp``, ``ReviewApp``) mix in ``NoticesMixin``, so every
``self.notify(...)`` of a screen or widget (Textual's ``Widget.notify`` calls
``App.notify``) goes through here: no call site needs to know.

What Textual 8.2.8 offers publicly: ``App.notify`` (returns nothing to refer back to),
``App.clear_notifications`` (all notices at once), the ``Notification`` dataclass with its
``identity`` and the ``Notify`` message ``App.notify`` posts, and the app's
``screen_change_signal``. So this module makes the ``Notification`` itself (it then knows
each one) and listens to the signal. Taking back *one* notice has no public call:
``App._unnotify`` is what a toast itself calls when its time is up, and it is used in one
place below (``_take_back``); tests/tui/test_notices.py fails if a Textual upgrade drops it.
``clear_notifications`` is no substitute: it would also take away the notices of the
screens underneath and Textual's own.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.notifications import Notification, Notify, SeverityLevel

from facilitator.tui.later import after_refresh

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


class Notices:
    """The notices an app showed, by the screen they were said on and their key."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.live: dict[tuple[int, str], tuple[Screen, Notification]] = {}
        self._listening = False

    def show(self, message: str, *, key: str | None, title: str, severity: SeverityLevel,
             timeout: float, markup: bool) -> None:
        app = self.app
        try:
            owner = app.screen
        except Exception:  # no screen yet (or any more): a plain notice, nothing to track
            app.post_message(Notify(Notification(message, title, severity, timeout, markup=markup)))
            return
        self._listen()
        slot = (id(owner), key if key is not None else f"{severity}\0{title}\0{message}")
        earlier = self.live.pop(slot, None)
        if earlier is not None:
            self._take_back(earlier[1])
        notification = Notification(message, title, severity, timeout, markup=markup)
        self.live[slot] = (owner, notification)
        app.post_message(Notify(notification))

    def _listen(self) -> None:
        if not self._listening and self.app.is_running:
            self.app.screen_change_signal.subscribe(self.app, self.screen_changed, immediate=True)
            self._listening = True

    def screen_changed(self, _screen: Screen) -> None:
        """A screen left the stack or was covered: its notices go (expired ones are forgotten)."""
        top = self.app.screen
        for slot, (owner, notification) in list(self.live.items()):
            if owner is not top or notification.has_expired:
                del self.live[slot]
                self._take_back(notification)

    def drop(self, screen: Screen) -> None:
        """Everything `screen` said leaves now (its view changed while it stays on top)."""
        for slot, (owner, notification) in list(self.live.items()):
            if owner is screen:
                del self.live[slot]
                self._take_back(notification)

    def _take_back(self, notification: Notification) -> None:
        # See the module's docstring: no public call takes back one notice. Its Notify message
        # may still wait in the app's queue (said twice in one key handler), and a toast still
        # being mounted is not yet seen by the rack's clean-up: taking it back once more after
        # the next refresh removes that toast too.
        self.app._unnotify(notification)
        after_refresh(self.app, self.app._unnotify, notification)


class NoticesMixin:
    """Mixed into an App before ``App``: ``notify`` replaces and clears as described above."""

    NOTIFICATION_TIMEOUT: float

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True, key: str | None = None) -> None:
        """``App.notify``, plus ``key``: a later notice with the same key replaces this one."""
        app: App = self  # type: ignore[assignment]
        if not app.is_running:  # nothing on screen yet: Textual keeps it until there is
            app.post_message(Notify(Notification(message, title, severity,
                                                 self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                                 markup=markup)))
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # a worker thread: App.notify is thread-safe, so this is too
            app.call_from_thread(self.notify, message, title=title, severity=severity, timeout=timeout,
                                 markup=markup, key=key)
            return
        notices = getattr(self, "_notices", None)
        if notices is None:
            notices = self._notices = Notices(app)
        notices.show(message, key=key, title=title, severity=severity,
                     timeout=self.NOTIFICATION_TIMEOUT if timeout is None else timeout, markup=markup)

    def drop_notices(self, screen: Screen) -> None:
        """The notices said on `screen` leave now (the run screen's room view starts without them)."""
        notices = getattr(self, "_notices", None)
        if notices is not None:
            notices.drop(screen)
