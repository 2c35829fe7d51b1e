"""Export the session as a PDF from the app, in a thread, with progress notices.

reportlab is imported only here, when the facilitator asks for a PDF.
"""

from __future__ import annotations

from textual.dom import DOMNode

from .i18n import tr


def export_pdf(node: DOMNode, service, lang: str) -> None:
    t = lambda nl, en: tr(lang, nl, en)  # noqa: E731
    try:
        from ..export.pdf import write_pdf
    except ImportError:
        node.notify(t("PDF-export is nog niet beschikbaar.", "PDF export is not available yet."))
        return
    session = service.session.model_copy(deep=True)  # the worker never sees later edits
    path = service.path.with_suffix(".pdf")
    node.notify(t("PDF maken…", "Making the PDF…"))
    app = node.app

    def work() -> None:
        try:
            write_pdf(session, path, lang=lang)
        except Exception as exc:  # noqa: BLE001 - any failure becomes one plain line
            app.call_from_thread(node.notify, t(f"PDF mislukt: {exc}", f"PDF failed: {exc}"),
                                 severity="error", markup=False)
            return
        app.call_from_thread(node.notify, t(f"PDF klaar: {path}", f"PDF ready: {path}"),
                             markup=False, timeout=10)

    node.run_worker(work, thread=True, exclusive=True, group="pdf")
