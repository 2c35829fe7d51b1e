"""User preferences of the terminal app: language, theme, bell (read and written here, shown by the TUI).

A small TOML in the user data folder, written atomically. A missing or broken
file is never an error: the app starts with the defaults and says nothing,
because a preference is not worth stopping a meeting for.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from facilitator.core.catalog import known_language
from facilitator.storage import paths

THEMES = ("facilitator-dark", "facilitator-light")


@dataclass
class Settings:
    lang: str = "nl"
    theme: str = THEMES[0]
    bell: bool = True

    @staticmethod
    def path() -> Path:
        return paths.user_dir() / "settings.toml"

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        from facilitator.core.errors import FileFormatError
        from facilitator.storage.fsutil import load_toml

        path = path or cls.path()
        try:  # bounded and regular-files-only, like every file the app reads
            data = load_toml(path, 64 * 1024)
        except FileFormatError:
            return cls()
        out = cls()
        if known_language(data.get("lang")):
            out.lang = data["lang"]
        if data.get("theme") in THEMES:
            out.theme = data["theme"]
        if isinstance(data.get("bell"), bool):
            out.bell = data["bell"]
        return out

    def save(self, path: Path | None = None) -> bool:
        """False when the preference could not be written (it still applies now)."""
        import tomli_w

        from facilitator.core.errors import StorageError
        from facilitator.storage.fsutil import atomic_write, ensure_dir

        path = path or self.path()
        try:
            ensure_dir(path.parent)
            atomic_write(path, tomli_w.dumps(asdict(self)).encode("utf-8"))
        except StorageError:
            return False
        return True
