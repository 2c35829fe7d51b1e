"""Every word the exports print themselves: the catalog's ``export.*`` keys.

The PDF and the Markdown read the same keys, so they say exactly the same thing,
and a missing translation is a failing catalog test, not a blank on paper.
"""

from __future__ import annotations

from facilitator.core import catalog


def label(key: str, lang: str, **fields: object) -> str:
    return catalog.t(f"export.{key}", lang, **fields)
