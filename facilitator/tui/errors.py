"""Unexpected errors in the terminal app: recorded in a log file, one line on screen that says where.

A facilitator in front of a room gets a plain sentence and the meeting goes on;
the traceback goes to `app.log` in the user's log folder (platformdirs'
user_log_dir, or $FACILITATOR_LOG_DIR), next to the web server's `serve.log`.
The file rotates at 1 MB, three old files kept.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from facilitator.services.logs import log_dir

log = logging.getLogger("facilitator.tui")
_path: Path | None = None


def log_path() -> Path:
    return log_dir() / "app.log"


def _ensure_handler() -> Path | None:
    global _path
    path = log_path()
    if _path == path:
        return path
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    except OSError:
        handler, path = logging.NullHandler(), None
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # never printed over the screen
    _path = path
    return path


def record(what: str, exc: BaseException | None = None) -> str:
    """Write `what` (and the exception's traceback) to the log; return where, for the one-line notice."""
    path = _ensure_handler()
    if exc is not None:
        log.error(what, exc_info=(type(exc), exc, exc.__traceback__))
    else:
        log.warning(what)
    return str(path) if path else "(no log folder)"
