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
- the run screen, session model and phase views are imported;
- then, on the UI thread, the run screen's stylesheet is parsed: it is no
  longer part of the app's (which Textual parses before the first paint), and
  a screen's own stylesheet makes Textual reparse every source when that
  screen is first shown (10-50 ms of opening a session).

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


def _stylesheets() -> list[Path]:
    """The stylesheets of the screens an open shows (the run screen's)."""
    from facilitator.tui.screens.run import RunScreen

    paths = RunScreen.CSS_PATH
    return [Path(p) for p in (paths if isinstance(paths, (list, tuple)) else [paths])]


def load_stylesheets(app) -> bool:
    """On the UI thread: parse the run screen's stylesheet now, as Textual would when it is first shown.

    Textual then finds it loaded (``has_source``) and skips its reparse. True when anything was
    parsed; nothing when an open began meanwhile (it parses the stylesheet itself).
    """
    if _open_began():
        return False
    sheet = app.stylesheet
    new = [p for p in _stylesheets() if not sheet.has_source(str(p), "")]
    if not new:
        return False
    for path in new:
        sheet.read(path)
    sheet.reparse()
    sheet.update(app)
    return True


def head_start(path: Path | None = None, app=None) -> None:
    """The session under the cursor first (the next open may want it at once), then the code,
    then (on `app`'s UI thread) the run screen's stylesheet."""
    read_ahead(path)
    prewarm()
    if app is not None and not _open_began():
        try:
            app.call_from_thread(load_stylesheets, app)
        except Exception:  # a head start only: the app is gone, or the open parses it itself
            pass


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
    app = screen.app
    screen.run_worker(lambda: head_start(path, app), thread=True, group="prewarm", exclusive=True,
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
