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


#: Run as a child: the app on a folder, headless; at the first paint that shows the home list
#: (the screen says it is loaded), what is imported and which stylesheets Textual has parsed.
FIRST_PAINT = """
import json, sys
from pathlib import Path
from textual.app import App
from textual.widgets import DataTable
from facilitator.tui.app import FacilitatorApp
seen = {}
real = App._display
def display(self, screen, renderable):
    if not seen and getattr(screen, "loaded", False):
        seen.update(rows=screen.query_one(DataTable).row_count, modules=sorted(sys.modules),
                    css=sorted(path for path, _ in self.stylesheet.source if path.endswith(".tcss")))
        self.call_later(self.exit)
    return real(self, screen, renderable)
App._display = display
FacilitatorApp(Path(sys.argv[1])).run(headless=True)
print(json.dumps(seen))
"""

#: Not needed for the home list; each loads after its first paint (the head start, Babel's thread) or never.
NOT_BEFORE_THE_LIST = ("pydantic", "aiohttp", "reportlab", "babel", "facilitator.core.model",
                       "facilitator.services.session", "facilitator.tui.screens.run", "facilitator.web",
                       "facilitator.export", "rich._emoji_codes")


def test_the_home_list_is_painted_before_the_session_model_pdf_web_babel_or_other_screens(library):
    """The home list's first paint against a bare Textual app's (benchmarks/home.py): what it
    costs beyond that is only what the list needs, so none of these is loaded, and of our
    stylesheets only the app's small one is parsed (every other screen brings its own)."""
    import json

    for i in range(3):
        library.create(f"Sessie {i}").close()
    for _ in range(2):  # the first start leaves the folder's summary cache, as any start after it finds it
        result = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(library.directory)], capture_output=True,
                                text=True, timeout=60, cwd=ROOT)
        assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["rows"] == 3
    loaded = [m for m in seen["modules"] if m.startswith(NOT_BEFORE_THE_LIST)]
    assert loaded == []
    assert [Path(p).name for p in seen["css"]] == ["app.tcss"]


def test_importing_the_core_loads_no_textual():
    code = (
        "import sys, facilitator.core.model, facilitator.core.clock, facilitator.core.cards, "
        "facilitator.core.ops, facilitator.core.content, facilitator.services.session;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('textual','reportlab','aiohttp')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
