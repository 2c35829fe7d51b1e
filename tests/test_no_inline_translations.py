"""Every text the app says comes from the catalog (core/catalog): no Dutch and English written side by side.

Issue #12 replaced `pick`, `tr` and the per-class `t(self, nl, en)` wrappers by catalog keys; these
checks read facilitator/ as code (AST) so that none of them comes back under any name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "facilitator"
RETIRED = {"pick", "tr"}
PROSE = re.compile(r"^[^<>=]*[^\W\d_]{2,}\s+\S")  # words and spaces: a sentence, not an id, a key or markup


def _modules(root: Path = PACKAGE) -> list[tuple[str, ast.AST]]:
    return [(str(p.relative_to(root.parent)), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(root.rglob("*.py"))]


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def inline_translations(modules: list[tuple[str, ast.AST]]) -> list[str]:
    """Where code takes or passes a Dutch and an English text side by side."""
    found = []
    for path, tree in modules:
        for node in ast.walk(tree):
            where = f"{path}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                names = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
                if any((a, b) == ("nl", "en") for a, b in zip(names, names[1:])):
                    found.append(f"{where}: takes (nl, en)")
                if getattr(node, "name", None) in RETIRED:
                    found.append(f"{where}: defines {node.name}")
            elif isinstance(node, ast.alias) and (node.name in RETIRED or node.asname in RETIRED):
                found.append(f"{where}: imports {node.name}")
            elif isinstance(node, ast.Name) and node.id in RETIRED:
                found.append(f"{where}: uses {node.id}")
            elif isinstance(node, ast.IfExp) and "lang" in ast.unparse(node.test):
                a, b = _text(node.body), _text(node.orelse)
                if a and b and a != b and PROSE.search(a) and PROSE.search(b):
                    found.append(f"{where}: chooses {a!r} or {b!r} by language")
            elif isinstance(node, ast.Call):
                texts = [_text(a) for a in node.args]
                for a, b in zip(texts, texts[1:]):
                    if a and b and a != b and PROSE.search(a) and PROSE.search(b):
                        found.append(f"{where}: passes {a!r} beside {b!r}")
    return found


def test_no_code_takes_or_passes_two_languages_side_by_side():
    assert inline_translations(_modules()) == []


@pytest.mark.parametrize("source", [
    "def pick(lang, nl, en):\n    return en if lang == 'en' else nl\n",
    "from facilitator.tui.i18n import tr\n",
    "class A:\n    def t(self, nl: str, en: str) -> str: ...\n",
    "t = lambda nl, en: nl\n",
    "say(lang, 'geen datum', 'no date')\n",
    "self.notify(self.say(f'Gesprek {n} van {m}', f'Talk {n} of {m}'))\n",
    "raise UserError('voeg eerst deelnemers toe' if lang == 'nl' else 'add participants first')\n",
])
def test_the_check_finds_each_way_back(source):
    assert inline_translations([("example.py", ast.parse(source))]) != []


def language_tables(modules: list[tuple[str, ast.AST]]) -> list[str]:
    """Where code keeps its own table per language: a dict literal keyed by two of the catalog's languages
    whose values are words or tables of words (a locale code per language, `{"nl": "nl_NL"}`, is no text)."""
    from facilitator.core.catalog import languages

    locale = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
    found = []
    for path, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
                texts = [v for v in node.values if not (isinstance(v, ast.Constant) and locale.match(str(v.value)))]
                if len(keys & set(languages())) >= 2 and texts:
                    found.append(f"{path}:{node.lineno}: a table per language ({', '.join(sorted(keys))})")
    return found


def test_no_module_keeps_a_table_per_language():
    """The card sheets once had their own `L = {"nl": {...}, "en": {...}}`: every word lives in the catalog."""
    assert language_tables(_modules()) == []


@pytest.mark.parametrize("source", [
    'L = {"nl": {"cut": "Knip"}, "en": {"cut": "Cut"}}\n',
    'WORDS = dict(page={"nl": "blad", "en": "page"})\n',
])
def test_the_table_check_finds_a_table(source):
    assert language_tables([("example.py", ast.parse(source))]) != []


def test_the_table_check_lets_a_locale_per_language_be():
    assert language_tables([("example.py", ast.parse('LOCALES = {"nl": "nl_NL", "en": "en_GB"}\n'))]) == []
