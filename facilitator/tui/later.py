"""``after_refresh``: Textual's ``call_after_refresh`` without the case where it drops the call.

Textual 8.2.8 hands an after-refresh callback to whichever screen is on top at the moment the
request is handled (``MessagePump._on_invoke_later`` forwards it to ``app.screen``), and that
screen runs it on its next refresh. A dialog that is dismissed before its next refresh is
removed with the callbacks it held: they never run. On a busy machine that happens (a
confirmation answered within a frame), and what depended on the callback stayed undone: the key
bar never redrew again (its "draw pending" flag stayed set) and a new phase never got the focus,
so its keys (`i`: type) did nothing. CI saw exactly that once.

So every after-refresh call of the app goes through here: the callback is asked for after the
refresh as before, and, should the screen that took it be dismissed first, it runs from the
node's own timer a moment later. It runs once either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message_pump import MessagePump

#: How long a dropped callback can be late: a few frames, well under what a user notices.
FALLBACK_SECONDS = 0.25


def after_refresh(node: MessagePump, callback: Callable[..., Any], *args: Any) -> None:
    """Run ``callback(*args)`` once, after the next refresh (or the fallback if that is lost)."""
    done = False
    timer = None

    def once(by_timer: bool = False) -> Any:
        nonlocal done
        if done:
            return None
        done = True
        if timer is not None and not by_timer:
            timer.stop()  # the refresh came first: the fallback is not needed (a fired timer needs no stop)
        return callback(*args)

    node.call_after_refresh(once)
    if not done:
        timer = node.set_timer(FALLBACK_SECONDS, lambda: once(by_timer=True), name="after-refresh fallback")
