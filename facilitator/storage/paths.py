"""Where sessions, decks and templates live.

Sessions folder, first match wins:
1. ``--sessions-dir`` on the command line;
2. the ``FACILITATOR_SESSIONS_DIR`` environment variable;
3. ``sessions/`` of the checkout, when facilitator runs from a source checkout
   that has one (the example session lives there);
4. the user data folder (platformdirs), e.g. ``~/.local/share/facilitator/sessions``.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

ENV_SESSIONS = "FACILITATOR_SESSIONS_DIR"
ENV_DATA = "FACILITATOR_DATA_DIR"  # user decks/templates; tests point it at a temp folder

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DATA_DIR = PACKAGE_DIR / "data"


def checkout_dir() -> Path | None:
    """The source checkout the package runs from, if any."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "facilitator").is_dir():
        return root
    return None


def user_dir() -> Path:
    env = os.environ.get(ENV_DATA)
    return Path(env).expanduser() if env else user_data_path("facilitator", appauthor=False)


def sessions_dir(flag: str | os.PathLike | None = None) -> tuple[Path, str]:
    """(folder, why) — `why` says which rule chose it, for `facilitator list`."""
    if flag:
        return Path(flag).expanduser(), "--sessions-dir"
    env = os.environ.get(ENV_SESSIONS)
    if env:
        return Path(env).expanduser(), ENV_SESSIONS
    root = checkout_dir()
    if root is not None and (root / "sessions").is_dir():
        return root / "sessions", "checkout"
    return user_dir() / "sessions", "user data folder"


def deck_dirs() -> list[Path]:
    """Folders searched for decks, built-in first; later decks with the same name win."""
    dirs = [DATA_DIR / "cards"]
    root = checkout_dir()
    if root is not None:
        dirs.append(root / "cards")
    dirs.append(user_dir() / "cards")
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [s.resolve() for s in seen]:
            seen.append(d)
    return seen


def template_dirs() -> list[Path]:
    dirs = [DATA_DIR / "agendas", user_dir() / "templates"]
    return [d for d in dirs if d.is_dir()]
