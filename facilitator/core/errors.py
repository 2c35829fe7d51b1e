"""Errors a user can cause and fix. The CLI prints them as one line, exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic costs ~40 ms to import; the CLI parser must not pay it
    from pydantic import ValidationError


def said(key: str, lang: str, fields: dict) -> str:
    """The catalog's text for an error's key, said in ``lang``.

    A field that is itself a ``file.*`` key is said too, and so is a field that is a
    nested problem, ``{"key": ..., "fields": {...}}`` (plain data, so a summary cache
    can keep it). A key with plural forms takes its count from the field ``n``.
    """
    from facilitator.core.catalog import entry, plural, t

    done = {k: _said_field(v, lang) for k, v in fields.items()}
    if isinstance(entry(key, lang), str):
        return t(key, lang, **done)
    return plural(key, lang, done.pop("n"), **done)


def say_reason(reason: str | dict, lang: str) -> str:
    """A reason as ``os_reason`` or ``toml_reason`` give it, said on its own in ``lang``."""
    return str(_said_field(reason, lang))


def _said_field(value: object, lang: str) -> object:
    from facilitator.core.catalog import t

    if isinstance(value, str) and value.startswith("file."):
        return t(value, lang)
    if isinstance(value, dict) and isinstance(value.get("key"), str):
        return said(value["key"], lang, value.get("fields") or {})
    return value


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

    def what_said(self, lang: str) -> str:
        """What is wrong with the file, without its path, in ``lang`` (English when it has no key)."""
        return self.what if self.what_key is None else self._said(lang)

    def say(self, lang: str) -> str:
        if self.what_key is None:
            return str(self)
        from facilitator.core.catalog import t

        where = f"{self.path}" + (t("error.file.line", lang, n=self.line) if self.line else "")
        return f"{where}: {self._said(lang)}"


class StorageError(UserError):
    """The disk refused a write (full, read-only, gone). Nothing acknowledged is lost."""


#: pydantic's error types the catalog says itself (``error.validation.<problem>``); any other
#: type falls back to pydantic's own (English) message.
PROBLEMS = {
    "missing": "missing",
    "extra_forbidden": "unknown_key",
    "string_type": "not_text",
    "int_type": "not_whole_number", "int_parsing": "not_whole_number", "int_from_float": "not_whole_number",
    "float_type": "not_number", "float_parsing": "not_number",
    "bool_type": "not_bool", "bool_parsing": "not_bool",
    "list_type": "not_list", "tuple_type": "not_list", "set_type": "not_list",
    "dict_type": "not_table", "model_type": "not_table", "model_attributes_type": "not_table",
    "string_too_long": "text_too_long", "too_long": "too_many",
    "string_too_short": "text_too_short", "too_short": "too_few",
    "date_type": "not_date", "date_parsing": "not_date", "date_from_datetime_parsing": "not_date",
    "date_from_datetime_inexact": "not_date",
    "datetime_type": "not_datetime", "datetime_parsing": "not_datetime",
    "datetime_from_date_parsing": "not_datetime", "datetime_object_invalid": "not_datetime",
    "literal_error": "choices", "enum": "choices", "string_pattern_mismatch": "pattern",
    "greater_than_equal": "at_least", "greater_than": "more_than",
    "less_than_equal": "at_most", "less_than": "less_than",
}


def _plain(value: object) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _ours(err: dict) -> dict | None:
    """A refusal of our own checks (core/invalid.py): its type is a catalog key, its context the fields."""
    from facilitator.core.catalog import DEFAULT, strings

    kind = err.get("type", "")
    if "." not in kind or kind not in strings(DEFAULT):  # pydantic's own types have no dot
        return None
    fields = {k: v for k, v in (err.get("ctx") or {}).items() if k != "at"}  # "at": core/invalid.AT, a place
    return {"key": kind, "fields": fields} if all(_plain(v) for v in fields.values()) else None


def error_loc(err: dict) -> tuple:
    """Where an error is: pydantic's ``loc``, and below it the ``at`` a check of ours names."""
    at = (err.get("ctx") or {}).get("at") if "." in err.get("type", "") else None
    return tuple(err.get("loc", ())) + (tuple(at) if isinstance(at, (tuple, list)) else ())


def _problem(err: dict) -> dict:
    """One pydantic error as a catalog problem: ``{"key": ..., "fields": {...}}``, plain data."""
    import re

    ours = _ours(err)
    if ours is not None:
        return ours
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    name = PROBLEMS.get(kind)
    fields: dict[str, object] = {}
    if name in ("text_too_long", "too_many"):
        fields["n"] = ctx.get("max_length")
    elif name in ("text_too_short", "too_few"):
        fields["n"] = ctx.get("min_length")
    elif name == "choices":
        expected = str(ctx.get("expected", ""))
        fields["choices"] = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
    elif name in ("at_least", "more_than", "at_most", "less_than"):
        fields["limit"] = next((ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx), "")
    elif name == "pattern":
        fields["pattern"] = ctx.get("pattern")
    if name is None or not all(_plain(v) for v in fields.values()):
        return {"key": "error.validation.other", "fields": {"message": str(err.get("msg", "invalid"))}}
    return {"key": f"error.validation.{name}", "fields": fields}


def validation_problem(exc: ValidationError) -> tuple[str, dict]:
    """The first pydantic error as a catalog key and its fields: where (the field's path) and what.

    The fields are plain data (text, numbers, nested ``{"key", "fields"}``), so an error row
    can be cached and said later in the reader's language with ``said``.
    """
    errors = exc.errors()
    err = errors[0]
    loc = ".".join(str(p) for p in error_loc(err) if p != "schema_")
    more = len(errors) - 1
    fields = {
        "problem": _problem(err),
        "more": {"key": "error.validation.more", "fields": {"n": more}} if more else "",
    }
    if not loc:
        return "error.validation.top_level", fields
    return "error.validation.field", {"loc": loc, **fields}


def describe_validation(exc: ValidationError, lang: str = "en") -> str:
    """The first pydantic error as one line, "field 'path': what is wrong", in ``lang``."""
    key, fields = validation_problem(exc)
    return said(key, lang, fields)


def toml_error_line(exc: Exception, text: str = "") -> tuple[str, int | None, int | None]:
    """Split tomllib's '... (at line 3, column 5)' into its reason, line and column; '(at end of
    document)' is the last line of ``text``, without a column."""
    import re

    message = str(exc)
    if message.endswith("(at end of document)"):
        return message[: -len("(at end of document)")].strip(), max(1, len(text.splitlines())), None
    m = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if not m:
        return message, None, None
    return message[: m.start()].strip(), int(m.group(1)), int(m.group(2))


#: tomllib's reasons (Python 3.11-3.13 word them alike) the catalog says itself, ``error.toml.<name>``;
#: any other stays quoted in tomllib's English. First match wins: "Expected '='" before "Expected".
TOML_REASONS = (
    (r"Invalid value", "invalid_value"),
    (r"Expected '=' after a key in a key/value pair", "expected_equals"),
    (r"Expected newline or end of document after a statement", "expected_line_end"),
    (r"Cannot overwrite a value", "overwrite"),
    (r"Cannot declare (?P<name>\(.*\)) twice", "declared_twice"),
    (r"Unterminated string", "unterminated_string"),
    (r"Illegal character '\\n'", "unterminated_string"),  # a one-line text whose closing quote is missing
    (r"""Expected (?:"'''"|'\"\"\"')""", "unterminated_string"),  # a multi-line text the file ends in
    (r"Unclosed array", "unclosed_array"),
    (r"Unclosed inline table", "unclosed_table"),
    (r"Expected '\]' at the end of a table declaration", "table_header"),
    (r"Expected '\]\]' at the end of an array declaration", "array_header"),
    (r"Invalid statement", "invalid_statement"),
    (r"Invalid initial character for a key part", "key_start"),
    (r"(?:Illegal|Found invalid) character (?P<char>.+)", "illegal_character"),
    (r"Duplicate inline table key (?P<name>.+)", "inline_key_twice"),
    (r"Unescaped '\\' in a string", "backslash"),
    (r"Invalid date or datetime", "invalid_date"),
)


def toml_reason(reason: str) -> str | dict:
    """tomllib's reason as a catalog problem (``{"key", "fields"}``, said in the reader's language),
    or the reason itself when the catalog does not know it."""
    import ast
    import re

    for pattern, name in TOML_REASONS:
        m = re.fullmatch(pattern, reason)
        if m is None:
            continue
        fields: dict[str, object] = {}
        if "name" in m.groupdict():
            try:  # tomllib gives Python's repr of the key: ('phases', 'prompts') is said phases.prompts
                value = ast.literal_eval(m["name"])
            except (ValueError, SyntaxError):
                return reason
            fields["name"] = ".".join(map(str, value)) if isinstance(value, tuple) else str(value)
        if "char" in m.groupdict():
            fields["char"] = m["char"]
        return {"key": f"error.toml.{name}", "fields": fields}
    return reason


#: The OS's common refusals the catalog says itself (``error.os.<name>``), by errno name; any other
#: stays in the OS's own words (``strerror``, English on most machines).
OS_REASONS = {
    "EACCES": "denied", "EPERM": "denied", "ENOENT": "not_found", "ENOTDIR": "not_a_folder",
    "EISDIR": "file.is_folder", "ENAMETOOLONG": "name_too_long", "ENOSPC": "disk_full", "EDQUOT": "disk_full",
    "EROFS": "read_only", "EIO": "io", "EMFILE": "too_many_open", "ENFILE": "too_many_open",
    "EADDRINUSE": "address_in_use", "EADDRNOTAVAIL": "address_not_here",
}


def os_reason(exc: BaseException) -> str | dict:
    """Why the OS refused, as a catalog problem (``{"key", "fields"}``, said in the reader's language),
    or its own words when the catalog does not know the refusal."""
    import errno

    name = OS_REASONS.get(errno.errorcode.get(getattr(exc, "errno", None) or 0, ""))
    if name is not None:  # "file.is_folder" is said as a field (see said): one text, one key
        return name if name.startswith("file.") else {"key": f"error.os.{name}", "fields": {}}
    words = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(str(words).split())[:200]
