"""Exports: pure functions from a session (and the content it prints) to PDF or Markdown bytes.

- ``export.builder.build_report``: what goes into the report (shared by both formats);
- ``export.pdf.session.render_pdf``: the PDF (reportlab, imported lazily);
- ``export.markdown.session.to_markdown``: the Markdown.
Nothing here reads or writes a file of the user's: services/exports.py does.
"""
