"""The injectable clock: every layer takes a `Now` and defaults to the real one.

Kept apart from the agenda clock (clock.py) so the app's first screen can take a
clock without importing the session model.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
