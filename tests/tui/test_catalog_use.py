"""The terminal app speaks from the catalog: no inline (Dutch, English) pairs of plain text, no unknown keys."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from facilitator.core.catalog import languages, strings

TUI = Path(__file__).resolve().parents[2] / "facilitator" / "tui"

#: Files whose pairs have not moved to the catalog yet. The test fails once a file is clean,
#: so this list only shrinks; it is empty now.
NOT_YET: set[str] = set()


def sources() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(TUI).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(TUI.rglob("*.py"))]


def is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def inline_pairs(tree: ast.Module) -> list[tuple[int, str, str]]:
    """Calls of the old pickers, tr/pick/t(lang, "nl", "en") or (self.)t("nl", "en"), with two plain texts."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        args = node.args
        if name in ("tr", "pick", "t") and len(args) >= 2 and all(is_text(a) for a in args[-2:]) \
                and not (isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "catalog"):
            if len(args) == 3 or (len(args) == 2 and name == "t"):
                found.append((node.lineno, args[-2].value, args[-1].value))
    return found


def catalog_keys(tree: ast.Module) -> list[tuple[int, str]]:
    """Every literal key of a catalog.t(...) or catalog.plural(...) call."""
    return [(node.lineno, node.args[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and getattr(node.func.value, "id", "") == "catalog" and node.func.attr in ("t", "plural")
            and node.args and is_text(node.args[0])]


def test_no_inline_pair_of_plain_texts_is_left():
    left = [f"{name}:{line}: {nl!r} / {en!r}" for name, tree in sources() if name not in NOT_YET
            for line, nl, en in inline_pairs(tree)]
    assert left == [], "move these to the catalog:\n" + "\n".join(left)


def test_the_not_yet_list_only_names_files_that_still_need_it():
    trees = dict(sources())
    assert all(inline_pairs(trees[name]) for name in NOT_YET), "a file is clean now: take it off NOT_YET"


def test_the_scan_sees_an_inline_pair():
    tree = ast.parse('x = tr(lang, "Opslaan", "Save")\ny = self.t("Ja", "Yes")\nz = catalog.t("tui.a", lang)')
    assert [(nl, en) for _, nl, en in inline_pairs(tree)] == [("Opslaan", "Save"), ("Ja", "Yes")]
    assert catalog_keys(tree) == [(3, "tui.a")]


@pytest.mark.parametrize("lang", languages())
def test_every_key_the_terminal_app_uses_is_in_the_catalog(lang):
    used = [(name, line, key) for name, tree in sources() for line, key in catalog_keys(tree)]
    assert len(used) > 200  # the scan really finds the app's keys
    missing = [f"{name}:{line}: {key}" for name, line, key in used if key not in strings(lang)]
    assert missing == [], f"missing in {lang}.py:\n" + "\n".join(missing)
