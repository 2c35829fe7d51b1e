"""Errors a user can cause and fix. The CLI prints them as one line, exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic costs ~40 ms to import; the CLI parser must not pay it
    from pydantic import ValidationError


def said(key: str, lang: str, fields: dict) -> str:
    """The catalog's text for an error's key; a field that is itself a ``file.*`` key is said too."""
    from facilitator.core.catalog import t

    return t(key, lang, **{k: t(v, lang) if isinstance(v, str) and v.startswith("file.") else v
                           for k, v in fields.items()})


class UserError(Exception):
    """Something the user can fix: bad file, bad argument, full disk.

    ``str(error)`` is the English text. With ``key`` (a catalog key, see
    ``core/catalog``) and its ``fields``, a front end can say it in the user's
    language: ``error.say(lang)``.
    """

    exit_code = 1

    def __init__(self, message: str = "", *, key: str | None = None, **fields: object):
        if key is not None and not message:
            message = said(key, "en", fields)
        super().__init__(message)
        self.key = key
        self.fields = fields

    def say(self, lang: str) -> str:
        if self.key is None:
            return str(self)
        return said(self.key, lang, self.fields)


class FileFormatError(UserError):
    """A session, deck or template file that cannot be read as what it claims to be."""

    def __init__(self, path: Path | str, what: str = "", line: int | None = None, *,
                 key: str | None = None, **fields: object):
        """``what`` in English, or a catalog ``key`` and its ``fields`` (``say(lang)`` then translates;
        a field whose value is a ``file.*`` key, the kind of file, is said in the language too)."""
        self.path = Path(path)
        self.line = line
        self.what_key, self.what_fields = key, fields
        self.what = self._said("en") if key is not None else what
        where = f"{self.path}" + (f", line {line}" if line else "")
        super().__init__(f"{where}: {self.what}")

    def _said(self, lang: str) -> str:
        return said(self.what_key, lang, self.what_fields)

    def say(self, lang: str) -> str:
        if self.what_key is None:
            return str(self)
        from facilitator.core.catalog import t

        where = f"{self.path}" + (t("error.file.line", lang, n=self.line) if self.line else "")
        return f"{where}: {self._said(lang)}"


class StorageError(UserError):
    """The disk refused a write (full, read-only, gone). Nothing acknowledged is lost."""


def describe_validation(exc: ValidationError) -> str:
    """The first pydantic error as 'field.path: message' in plain words."""
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err.get("loc", ()) if p != "schema_") or "(top level)"
    msg = err.get("msg", "invalid")
    kind = err.get("type", "")
    if kind == "extra_forbidden":
        msg = "unknown key"
    elif kind == "missing":
        msg = "required field is missing"
    more = len(exc.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"field '{loc}': {msg}{suffix}"


def toml_error_line(exc: Exception) -> tuple[str, int | None, int | None]:
    """Split tomllib's '... (at line 3, column 5)' into its reason, line and column."""
    import re

    text = str(exc)
    m = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if not m:
        return text, None, None
    return text[: m.start()].strip(), int(m.group(1)), int(m.group(2))
