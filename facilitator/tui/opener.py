"""Handing a link or a folder to the computer (a browser, the file manager), and saying so.

One home for both: the Research phase's `o` opens the film, Afronden opens the folder with
the report and the calendar file. A school laptop on the projector often has no browser
that works offline, and a terminal over ssh (or this test machine) has no display at all:
then nothing opens, and the facilitator reads one line saying where the thing is instead.

The app holds the opener (``app.opener``), so tests inject one that records what it was
given and says whether it worked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from textual.dom import DOMNode
from textual.notifications import SeverityLevel

#: Opens a URL or a folder; True when something took it, False when nothing could.
Opener = Callable[[str], bool]


def system_open(target: str) -> bool:
    """A URL to the default browser, a folder to the file manager; False when there is none."""
    if "://" in target:
        import webbrowser

        try:
            browser = webbrowser.get()  # is there a browser to hand the link to at all?
        except webbrowser.Error:
            return False
        return bool(browser.open(target, new=2))
    command = _folder_command(target)
    if command is None:
        return False
    try:
        if command[0] == "startfile":
            os.startfile(target)  # type: ignore[attr-defined]  # Windows only
        else:
            subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True


def _folder_command(folder: str) -> list[str] | None:
    if sys.platform == "darwin":
        return ["open", folder]
    if sys.platform.startswith("win"):
        return ["startfile"]
    # Linux and the like: a file manager needs a display, and xdg-open to find it.
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    xdg = shutil.which("xdg-open")
    return [xdg, folder] if xdg else None


def open_or_say(node: DOMNode, target: str | Path, *, opened: str, unavailable: str,
                timeout: float = 10, severity: SeverityLevel = "warning") -> bool:
    """Open `target` with the app's opener and tell the facilitator, in one line either way.

    ``opened`` is said when something took it, ``unavailable`` (which should say where the
    thing is, so it can be opened by hand) when nothing could, with ``severity``: a warning
    when the facilitator now has to act, information when the line is all they need.
    """
    opener: Opener = getattr(node.app, "opener", system_open)
    ok = opener(str(target))
    if ok:
        node.notify(opened, markup=False, timeout=timeout)
    else:
        node.notify(unavailable, severity=severity, markup=False, timeout=timeout)
    return ok
