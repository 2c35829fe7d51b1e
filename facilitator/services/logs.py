"""The user's log folder, shared by the terminal app (app.log) and the web server (serve.log).

platformdirs' user_log_dir, or $FACILITATOR_LOG_DIR (the tests set it). Logs never
hold what people typed: only what went wrong, and where.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "FACILITATOR_LOG_DIR"


def log_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_log_dir

    return Path(user_log_dir("facilitator", appauthor=False))
