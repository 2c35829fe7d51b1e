"""The terminal app speaks from the catalog: no unknown keys (tests/test_no_inline_translations.py keeps the inline pairs out)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from facilitator.core.catalog import languages, strings

TUI = Path(__file__).resolve().parents[2] / "facilitator" / "tui"

def sources() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(TUI).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(TUI.rglob("*.py"))]


def is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def catalog_keys(tree: ast.Module) -> list[tuple[int, str]]:
    """Every literal key of a catalog.t(...) or catalog.plural(...) call."""
    return [(node.lineno, node.args[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and getattr(node.func.value, "id", "") == "catalog" and node.func.attr in ("t", "plural")
            and node.args and is_text(node.args[0])]


def test_the_scan_sees_a_key():
    tree = ast.parse('x = 1\nz = catalog.t("tui.a", lang)')
    assert catalog_keys(tree) == [(2, "tui.a")]


@pytest.mark.parametrize("lang", languages())
def test_every_key_the_terminal_app_uses_is_in_the_catalog(lang):
    used = [(name, line, key) for name, tree in sources() for line, key in catalog_keys(tree)]
    assert len(used) > 200  # the scan really finds the app's keys
    missing = [f"{name}:{line}: {key}" for name, line, key in used if key not in strings(lang)]
    assert missing == [], f"missing in {lang}.py:\n" + "\n".join(missing)
