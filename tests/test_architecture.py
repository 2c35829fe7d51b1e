"""The core stays pure: no Textual, no terminal, no files."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "facilitator" / "core"


def test_core_never_imports_textual_or_io_layers():
    forbidden = ("textual", "rich", "reportlab", "aiohttp", "facilitator.storage.store", "facilitator.tui")
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
                if node.level and node.module in ("store", "tui", "service"):
                    names.append(f"facilitator.{node.module}")
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"


def test_importing_the_core_loads_no_textual():
    code = (
        "import sys, facilitator.core.model, facilitator.core.clock, facilitator.core.cards, "
        "facilitator.core.ops, facilitator.core.content, facilitator.services.session;"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('textual','reportlab','aiohttp')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
