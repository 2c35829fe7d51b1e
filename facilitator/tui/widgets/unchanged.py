"""Set a widget's content only when it differs from what this helper last set.

``Static.update`` and ``Digits.update`` repaint even when handed the same value;
a tick that runs twice a second would redraw unchanged text each time. Only
for widgets whose content is set through here alone.
"""

from __future__ import annotations

from typing import Any, Callable

_NOTHING = object()


def update_if_changed(widget: Any, value: Any, make: Callable[[Any], Any] | None = None) -> bool:
    """``widget.update(make(value) or value)`` unless `value` equals the last one; True when it updated."""
    if getattr(widget, "_last_set_value", _NOTHING) == value:
        return False
    widget._last_set_value = value
    widget.update(make(value) if make is not None else value)
    return True
