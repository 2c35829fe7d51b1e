"""Load, while the home list sits idle, the code that opening a session needs.

The first screen paints before the session model (pydantic) and the run screen
are imported (see app.py). That is right for start-up, but it left the whole
import bill (~60% of opening a 2,000-note session) on the moment the user
chooses a session. Once the list is painted, a background thread imports those
modules instead, while the facilitator is still reading the list. Nothing is
read or opened: only code is loaded, so a session picked before it finishes
opens exactly as before, just without the head start.
"""

from __future__ import annotations

import importlib

from textual.screen import Screen

#: What `App.open_session` imports on its way to a painted phase; the phase views come from VIEWS.
MODULES = (
    "facilitator.services.session",
    "facilitator.storage.store",
    "facilitator.tui.screens.run",
    "facilitator.tui.dialogs.confirm",
)


def prewarm() -> list[str]:
    """Import the modules (idempotent, thread-safe: Python's import lock). Returns what it loaded."""
    from facilitator.tui.phases import VIEWS

    done = []
    for name in MODULES + tuple(f"facilitator.tui.phases.{v.split(':')[0]}" for v in VIEWS.values()):
        try:
            importlib.import_module(name)
        except Exception:  # a head start only: the real open reports any error itself
            continue
        done.append(name)
    return done


def prewarm_in_background(screen: Screen) -> None:
    """Start `prewarm` in a worker thread owned by `screen` (after its first paint)."""
    screen.run_worker(prewarm, thread=True, group="prewarm", exclusive=True, exit_on_error=False)
