"""Load, while the home list sits idle, what opening a session needs.

The first screen paints before the session model (pydantic) and the run screen
are imported (see app.py). That is right for start-up, but it left the whole
import bill (~60% of opening a 2,000-note session) on the moment the user
chooses a session. Once the list is painted, a background thread does that
work instead, while the facilitator is still reading the list:

- the session under the cursor is read, parsed and validated ahead
  (``services.library.read_ahead``): opening it reads the file again and
  takes that work only if the bytes are the very same, so a file changed in
  between, or another row chosen, opens exactly as before;
- the agenda templates are read (kept per file content, storage/content.py);
- the run screen, session model and phase views are imported.

A session picked before this finishes opens exactly as before, just without
the head start (an open of the file being read ahead waits for that read).
"""

from __future__ import annotations

import importlib
import threading
import time
from pathlib import Path

from textual.screen import Screen

#: What `App.open_session` imports on its way to a painted phase; the phase views come from VIEWS.
MODULES = (
    "facilitator.services.session",
    "facilitator.storage.store",
    "facilitator.tui.screens.run",
    "facilitator.tui.dialogs.confirm",
)

#: Seconds the cursor must rest on a row before that session is read ahead.
SETTLE = 0.3

_wanted: Path | None = None  # the session the latest head start is for
_wanted_lock = threading.Lock()
_asked = 0.0  # time.monotonic() when the latest head start was asked for


def _open_began() -> bool:
    """An open began since the head start was asked for: it loads what it needs itself, uncontested."""
    from facilitator.services.library import opened_since  # light: the home list has it loaded

    return opened_since(_asked)


def prewarm() -> list[str]:
    """Import the modules (idempotent, thread-safe: Python's import lock). Returns what it loaded."""
    from facilitator.tui.phases import VIEWS

    done = []
    for name in MODULES + tuple(f"facilitator.tui.phases.{v.split(':')[0]}" for v in VIEWS.values()):
        if _open_began():
            break
        try:
            importlib.import_module(name)
        except Exception:  # a head start only: the real open reports any error itself
            continue
        done.append(name)
    return done


def read_ahead(path: Path | None) -> bool:
    """Read the session at `path` and the agenda templates ahead of an open; never raises."""
    if path is None:
        return False
    try:
        from facilitator.services import content
        from facilitator.services.library import read_ahead as read_session_ahead

        waiting = read_session_ahead(path, since=_asked)
        if not _open_began():
            content.load_templates()
        return waiting
    except Exception:  # a head start only: the real open reports any error itself
        return False


def head_start(path: Path | None = None) -> None:
    """The session under the cursor first (the next open may want it at once), then the code."""
    read_ahead(path)
    prewarm()


def _shown(screen: Screen) -> bool:
    """`screen` is the one on top (Screen.is_current also counts the screen just beneath)."""
    try:
        return screen.app.screen is screen
    except Exception:  # no app, or an empty stack: certainly not shown
        return False


def _want(path: Path | None) -> None:
    """Remember the session the head start is for now; a new visit to the list starts a new head start.

    `_asked` moves only when an open took place since it was set (the list is
    shown again): an open that begins while the list is up, however early,
    makes every read ahead and import of this visit stand aside.
    """
    global _wanted, _asked
    with _wanted_lock:
        _wanted = path
        if _asked == 0.0 or _open_began():
            _asked = time.monotonic()


def prewarm_in_background(screen: Screen, path: Path | None = None) -> None:
    """Start the head start in a worker thread owned by `screen` (after its first paint).

    Nothing when `screen` is no longer shown: a session was opened first, and the
    head start would only compete with painting it.
    """
    if not _shown(screen):
        return
    _want(path)
    screen.run_worker(lambda: head_start(path), thread=True, group="prewarm", exclusive=True,
                      exit_on_error=False)


def read_ahead_in_background(screen: Screen, path: Path) -> None:
    """The cursor moved to `path`: read that session ahead once the cursor rests there."""
    if not _shown(screen):
        return
    _want(path)

    def settled() -> None:
        time.sleep(SETTLE)
        if _wanted == path and _shown(screen):  # not moved on, nothing opened meanwhile
            read_ahead(path)

    screen.run_worker(settled, thread=True, group="read-ahead", exclusive=True, exit_on_error=False)
