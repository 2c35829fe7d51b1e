"""The observer URL as a QR code made of block characters, for a terminal or a TUI widget."""

from __future__ import annotations

import io


def qr_text(url: str) -> str:
    """Half-block QR code (two modules per character row) with a quiet zone."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()
