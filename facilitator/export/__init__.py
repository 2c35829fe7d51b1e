"""Exports: pure functions from a session to PDF or Markdown. Imports reportlab lazily.

- ``export.model.build_report``: what goes into the report (shared by both formats);
- ``export.pdf.write_pdf`` / ``render_pdf``: the PDF (reportlab);
- ``export.markdown.to_markdown``: the Markdown.
"""


def default_filename(session_id: str, fmt: str = "pdf", anonymous: bool = False) -> str:
    """The file name an export gets when the user names none (CLI and TUI agree on it)."""
    return f"{session_id}{'-anonymous' if anonymous else ''}.{fmt}"
