"""The layers hold: import contracts (pyproject.toml, import-linter), no circles, no big modules.

core <- storage <- services <- export, web, tui, cli: each imports only from below
(docs/architecture.md). The contracts are checked on every test run, so a shortcut
across a layer fails the suite the day it is written.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "facilitator"


def test_the_import_contracts_are_kept():
    from importlinter import cli

    assert cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == cli.EXIT_STATUS_SUCCESS


def test_a_shortcut_across_the_layers_breaks_a_contract(tmp_path):
    """The contracts really check something: a core module that imports the TUI is refused."""
    copy = tmp_path / "facilitator"
    import shutil

    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("data", "static", "__pycache__"))
    model = copy / "core" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom facilitator.tui import app  # noqa\n",
                     encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    run = subprocess.run([sys.executable, "-c", "from importlinter import cli; import sys; "
                          "sys.exit(cli.lint_imports(no_cache=True))"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert run.returncode != 0 and "BROKEN" in run.stdout.upper(), run.stdout[-2000:] + run.stderr[-2000:]


def imports_of(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_no_import_circles_between_modules():
    """Every import statement, nested and TYPE_CHECKING ones too: no module reaches back to itself."""
    mods = {".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): p
            for p in PACKAGE.rglob("*.py")}
    graph = {m: {t for t in imports_of(p) if t in mods and t != m and not m.startswith(t + ".")}
             for m, p in mods.items()}
    seen, stack, circles = set(), [], []

    def visit(m: str) -> None:
        if m in stack:
            circles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for t in sorted(graph[m]):
            visit(t)
        stack.pop()

    for m in sorted(graph):
        visit(m)
    assert circles == []


def test_modules_stay_small_or_say_why():
    """~400 lines at most, unless the opening comment gives the reason (the word 'long')."""
    big = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 420 and not re.search(r"(?i)\blong\b", text.split('"""')[1] if '"""' in text else ""):
            big.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
    assert big == []


@pytest.mark.parametrize("front", ["facilitator.tui.app", "facilitator.cli.main"])
def test_the_first_screen_loads_no_pdf_or_web_code(front):
    code = (f"import sys, {front};"
            "bad=[m for m in sys.modules if m.split('.')[0] in ('reportlab','aiohttp')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_importing_the_core_loads_no_textual():
    code = (
        "import sys, facilitator.core.model, facilitator.core.clock, facilitator.core.cards, "
        "facilitator.core.ops, facilitator.core.content, facilitator.services.session;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('textual','reportlab','aiohttp')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
