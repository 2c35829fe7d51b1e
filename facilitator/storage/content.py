"""Reading content files (decks, agenda templates, survey, success factors, the method's help) from disk.

Which template or deck a session uses, and caching, is services/content.py's job.

Every loader turns any problem into a FileFormatError naming the file, the
line (where TOML gives one) and the field. A broken user deck never stops the
others from loading: ``load_decks`` returns it as skipped, with the reason.
An agenda whose question names a help section the method does not have
(``help = ["causes"]``, method.toml) is refused the same way, naming the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from facilitator.core.cards import Deck
from facilitator.core.content import AgendaTemplate, Method, SuccessFactors, Survey
from facilitator.core.errors import FileFormatError, UserError
from facilitator.storage import paths
from facilitator.storage.fsutil import one_line_reason, parse_toml, read_regular, refused

M = TypeVar("M", bound=BaseModel)
MAX_CONTENT_BYTES = 4 * 1024 * 1024


def load_toml_model(path: Path, model: type[M]) -> M:
    """A content file as `model`; any problem (a FIFO, a huge or broken file) is one FileFormatError.

    The file is read every time; a frozen model made from the very same bytes
    before is handed out again instead of parsing them anew (opening a
    session reads every agenda template: ~10 ms of TOML otherwise).
    """
    path = Path(path)
    raw = read_regular(path, MAX_CONTENT_BYTES)
    key = (model, str(path))
    frozen = bool(model.model_config.get("frozen"))
    if frozen:
        hit = _made.get(key)
        if hit is not None and hit[0] == raw:
            return hit[1]  # type: ignore[return-value]
    data = parse_toml(path, raw)
    schema = data.get("schema", 1)
    if isinstance(schema, int) and schema > 1:
        raise FileFormatError(path, key="error.file.schema", schema=schema)
    try:
        made = model.model_validate(data)
    except ValidationError as exc:
        raise refused(path, raw, exc) from None
    except (RecursionError, ValueError) as exc:  # a validator tripping over a hostile value
        raise FileFormatError(path, key="error.file.not_readable", reason=one_line_reason(exc)) from None
    if frozen:
        if len(_made) >= MAX_MADE:
            _made.clear()
        _made[key] = (raw, made)
    return made


#: Frozen content models by (model, path), with the bytes they were made from.
_made: dict[tuple[type, str], tuple[bytes, BaseModel]] = {}
MAX_MADE = 256


@dataclass
class DeckCatalog:
    decks: dict[str, Deck] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    skipped: list[FileFormatError] = field(default_factory=list)

    def get(self, name: str | None = None) -> Deck:
        name = name or "default"
        if name not in self.decks:
            known = ", ".join(sorted(self.decks)) or "-"
            if self.skipped:  # the deck asked for may be one of these: say which files are broken
                raise UserError(key="error.no_deck_broken", name=name, known=known,
                                broken=", ".join(e.path.name for e in self.skipped))
            raise UserError(key="error.no_deck", name=name, known=known)
        return self.decks[name]


def load_decks(extra: list[Path] | None = None) -> DeckCatalog:
    catalog = DeckCatalog()
    files: list[Path] = []
    for d in paths.deck_dirs():
        files += sorted(d.glob("*.toml"))
    for p in extra or []:
        files += sorted(Path(p).glob("*.toml")) if Path(p).is_dir() else [Path(p)]
    for f in files:
        try:
            deck = load_toml_model(f, Deck)
        except FileFormatError as exc:
            catalog.skipped.append(exc)
            continue
        catalog.decks[deck.name] = deck
        catalog.sources[deck.name] = f
    return catalog


def load_template(path: Path, help_sections: frozenset[str]) -> AgendaTemplate:
    """One agenda file, its questions' help checked against the method's sections."""
    tpl = load_toml_model(path, AgendaTemplate)
    unknown = tpl.unknown_help(help_sections)
    if unknown is not None:
        question, name = unknown
        known = ", ".join(sorted(help_sections)) or "none"
        raise FileFormatError(path, line=_line_of(path, name), key="error.file.unknown_help",
                              question=question.id, name=name, known=known)
    return tpl


def _line_of(path: Path, name: str) -> int | None:
    """The line of a `help = [...]` naming `name` (the file was just read, so it is small)."""
    try:
        text = read_regular(path, MAX_CONTENT_BYTES).decode("utf-8", errors="replace")
    except FileFormatError:
        return None
    quoted = (f'"{name}"', f"'{name}'")
    in_help = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("help") and stripped[4:].lstrip().startswith("="):
            in_help = stripped[4:].lstrip()[1:].lstrip().startswith("[")  # a phase's help is a text
        if in_help and any(q in line for q in quoted):
            return number
        if in_help and "]" in line:
            in_help = False
    return None


def load_templates(help_sections: frozenset[str] | None = None) -> tuple[dict[str, AgendaTemplate], list[FileFormatError]]:
    """Every agenda (built-in and the user's); broken ones are listed as skipped, never fatal.

    `help_sections`: the method's section names (default: read from method.toml).
    """
    if help_sections is None:
        help_sections = load_method().names
    found: dict[str, AgendaTemplate] = {}
    skipped: list[FileFormatError] = []
    for d in paths.template_dirs():
        for f in sorted(d.glob("*.toml")):
            try:
                tpl = load_template(f, help_sections)
            except FileFormatError as exc:
                skipped.append(exc)
                continue
            found[tpl.name] = tpl
    return found, skipped


def load_survey() -> Survey:
    return load_toml_model(paths.DATA_DIR / "survey.toml", Survey)


def load_success_factors() -> SuccessFactors:
    return load_toml_model(paths.DATA_DIR / "success_factors.toml", SuccessFactors)


def load_method() -> Method:
    return load_toml_model(paths.DATA_DIR / "method.toml", Method)
