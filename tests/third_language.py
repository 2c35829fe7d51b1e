"""A third language added the way the README says: one catalog file, nothing else."""

from __future__ import annotations

import pytest

from facilitator.core import catalog


@pytest.fixture
def xx(tmp_path, monkeypatch):
    folder = tmp_path / "more_languages"
    folder.mkdir()
    (folder / "xx.py").write_text(
        "from facilitator.core.catalog.en import STRINGS as _EN\n"
        "STRINGS = {k: (v if k.startswith('language.') or not isinstance(v, str) else 'XX ' + v)"
        " for k, v in _EN.items()}\n"
        "STRINGS['language.name'] = 'Xxish'\n"
        "STRINGS['language.date_input'] = '%d-%m-%Y'\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(catalog, "__path__", [*catalog.__path__, str(folder)])
    catalog.languages.cache_clear()
    catalog.strings.cache_clear()
    yield "xx"
    monkeypatch.undo()
    catalog.languages.cache_clear()
    catalog.strings.cache_clear()
