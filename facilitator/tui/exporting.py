"""Export the session from the app, in a thread, with progress notices.

The dialog collects the options; facilitator.export does the work (reportlab
is imported only here, when the facilitator asks for an export). The worker
exports a copy of the session, so the meeting can go on while it runs.
"""

from __future__ import annotations

import time

from textual.dom import DOMNode

from facilitator.core import catalog
from facilitator.core.errors import UserError
from facilitator.tui.dialogs.export import ExportDialog, ExportOptions
from facilitator.tui.errors import record

#: The notice key of an export's progress: "Verslag maken…", "Verslag: 40%", then "Klaar: …pdf" (or
#: why not) each replace the one before (tui/notices.py), never three toasts stacked on the projector.
NOTICE = "export"


def export_pdf(node: DOMNode, service, lang: str) -> None:
    """Ask for the options, then export in a worker thread."""

    def chosen(options: ExportOptions | None) -> None:
        if options is not None:
            run_export(node, service, lang, options)

    node.app.push_screen(ExportDialog(lang, service.session.language), chosen)


def run_export(node: DOMNode, service, lang: str, options: ExportOptions) -> None:
    from facilitator.services.exports import default_filename

    session = service.session.model_copy(deep=True)  # the worker never sees later edits
    path = service.path.parent / default_filename(session.id, options.fmt, options.anonymous)
    app = node.app  # app.notify, not the widget's: only the app's takes a key
    app.notify(catalog.t("tui.exporting.making_the_report", lang), key=NOTICE)
    last = [time.monotonic()]

    def progress(done: int, total: int) -> None:
        # At most one notice every 2 s: a big session takes a second or two.
        now = time.monotonic()
        if total and done < total and now - last[0] >= 2:
            last[0] = now
            pct = int(100 * done / total)
            app.call_from_thread(app.notify, catalog.t("tui.exporting.report", lang, pct=pct), timeout=2,
                                 key=NOTICE)

    def work() -> None:
        try:
            from facilitator.services import exports

            exports.write(session, path, options.fmt, lang=options.lang, anonymous=options.anonymous,
                          pocket=options.pocket, progress=progress)
        except UserError as exc:  # a target refused, a full disk: the user's to fix, one line
            app.call_from_thread(app.notify, catalog.t("tui.exporting.export_failed", lang, exc=exc.say(lang)),
                                 severity="error", markup=False, key=NOTICE)
            return
        except Exception as exc:  # a bug of ours: recorded with its traceback, the meeting goes on
            where = record("export failed", exc)
            app.call_from_thread(app.notify, catalog.t("tui.exporting.export_failed_by_an_error_details", lang, where=where),
                                 severity="error", markup=False, key=NOTICE)
            return
        app.call_from_thread(app.notify, catalog.t("tui.exporting.ready", lang, path=path),
                             markup=False, timeout=10, key=NOTICE)

    node.run_worker(work, thread=True, exclusive=True, group="export")
