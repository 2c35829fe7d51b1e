"""One word per concept: the glossary's retired words appear nowhere a user reads them.

facilitator/data, facilitator/export, facilitator/cli, the catalog they all speak from,
the terminal app (facilitator/tui), the phones' server (facilitator/web/*.py) and the
phone pages' static files must be clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "facilitator"
GLOSSARY = ROOT / "docs" / "glossary.md"

#: Text that is about a retired word, not a use of it.
ALLOWED = {
    # "Stiltes laten vallen" (let silences fall) is good advice, not the action-point status.
    "laten vallen": [re.compile(r"[Ss]tiltes? laten vallen")],
}


def retired_words() -> list[str]:
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split("## Retired words", 1)[1]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    return [w for w in rows if w and w != "retired"]


def text_files(*paths) -> list[Path]:
    return [f for f in paths if f.is_file() and f.suffix in (".py", ".toml", ".js", ".html", ".css")]


def clean_files() -> list[Path]:
    return text_files(*(PACKAGE / "data").rglob("*.toml"), *(PACKAGE / "export").rglob("*.py"),
                      *(PACKAGE / "cli").rglob("*.py"), *(PACKAGE / "core" / "catalog").rglob("*.py"),
                      ROOT / "cards" / "default.toml")


def phone_page_files() -> list[Path]:
    return text_files(*(PACKAGE / "web" / "static").iterdir())


def hits(path: Path, word: str) -> list[str]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if pattern.search(line) and not any(a.search(line) for a in ALLOWED.get(word, [])):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
            out.append(f"{where}:{n}: {line.strip()[:100]}")
    return out


def test_the_glossary_retires_the_known_synonyms():
    words = retired_words()
    for w in ("observant", "Anders proberen", "anders dan anders", "laten vallen"):
        assert w in words


@pytest.mark.parametrize("word", retired_words())
def test_no_retired_word_where_users_read(word):
    found = [h for f in clean_files() for h in hits(f, word)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("word", retired_words())
def test_no_retired_word_on_the_phone_pages(word):
    found = [h for f in phone_page_files() for h in hits(f, word)]
    assert found == [], "\n".join(found)


def test_the_glossary_names_each_phase_and_status_as_the_code_does():
    from facilitator.core.followup import STATUS_LABELS

    text = GLOSSARY.read_text(encoding="utf-8")
    for key, label in STATUS_LABELS.items():
        assert f"| `{key}` | {label.nl}" in text and f"| {label.en} |" in text, key
    from facilitator.export.labels import label as export_label

    for key in ("perspective", "helpful", "hindering", "differently", "free"):
        nl, en = export_label(f"cat_{key}", "nl"), export_label(f"cat_{key}", "en")
        assert f"| `{key}` | {nl[0].upper() + nl[1:]} | {en[0].upper() + en[1:]} |" in text, key


def app_files() -> list[Path]:
    return text_files(*(PACKAGE / "tui").rglob("*.py"), *(PACKAGE / "web").glob("*.py"))


@pytest.mark.parametrize("word", retired_words())
def test_no_retired_word_in_the_terminal_app_or_the_server(word):
    found = [h for f in app_files() for h in hits(f, word)]
    assert found == [], "\n".join(found)


def test_the_check_finds_a_retired_word(tmp_path):
    """The gate above really sees a retired word in a string."""
    sample = tmp_path / "sample.py"
    sample.write_text('label = "Observanten via telefoon"\nok = "Stiltes laten vallen"\n', encoding="utf-8")
    assert len(hits(sample, "Observanten")) == 1 and hits(sample, "laten vallen") == []
