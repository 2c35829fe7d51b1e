"""Home: the sessions folder, newest first. Open, create, archive."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from facilitator.core import catalog
from facilitator.core.dates import format_date, input_date
from facilitator.core.plain import one_line
from facilitator.tui.i18n import Screen
from facilitator.tui.later import after_refresh
from facilitator.tui.messages import LanguageChanged
from facilitator.tui.palette.base import CommandSource
from facilitator.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from facilitator.core.summary import SessionSummary

#: From this width the list shows the date as the exports do (10 februari 2027), narrower the short form.
WIDE = 110
DATE_WIDTH = {"long": 17, "medium": 12}  # the longest of each form: "10 september 2027", "10 Sept 2027"


def short(text: str, limit: int = 40) -> str:
    """The table keeps to one line; opening the row shows the whole error."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HomeScreen(CommandSource, Screen[None]):
    BINDINGS = [
        # Priority so the footer shows it over the table's own (hidden) enter key.
        Binding("enter", "open", "keys.open", id="open", priority=True),
        Binding("n", "new", "keys.new_session", id="new"),
        Binding("v", "review", "keys.follow_up_review", id="review"),
        Binding("a", "archive", "keys.archive", id="archive"),
        Binding("f", "folder", "keys.folder", id="folder", show=False),  # opens it; in the palette; 80 columns
        Binding("r", "reload", "keys.reload", id="reload", show=False),
        # Plain q only on the main screens: in forms and dialogs it is just a letter.
        Binding("q", "app.quit", "keys.quit", id="q", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SessionSummary] = []
        self.loaded = False
        self.dates_ready = False  # Babel loaded: dates in words (see date_text)
        self.dates_loading = False
        self.open_when_loaded = False  # Enter pressed while "Sessies laden…" was shown
        self._first_resume = True

    @property
    def lang(self) -> str:
        return self.app.lang

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="home-empty")
        yield KeyBar()

    def on_mount(self) -> None:
        self.relabel(load=False, refresh=False)
        # The folder's summary cache usually holds every row: a few stat calls
        # and one small JSON file, so the first paint already shows the list.
        try:
            rows = self.app.library.cached_summaries()
        except Exception as exc:  # the cache is a shortcut, never a reason not to start
            from facilitator.tui.errors import record

            record("reading the summary cache failed; the list is read from the files", exc)
            rows = None
        if rows is not None:
            self.fill(rows)
            return
        # Otherwise paint first, then read the folder: the thread reading the
        # files would compete with the first paint for the GIL.
        self.query_one(DataTable).display = False
        self.query_one("#home-empty", Static).update(catalog.t("tui.screens.home.loading_sessions", self.lang))
        after_refresh(self, self.load)

    @on(LanguageChanged)
    def _language_changed(self, _message: LanguageChanged) -> None:
        self.relabel()

    def relabel(self, load: bool = True, refresh: bool = True) -> None:
        """(Re)write every visible string in the current language."""
        lang = self.lang
        if refresh:
            self.refresh_bindings()
        self.query_one("#home-title", Static).update(
            Text(catalog.t("tui.screens.home.facilitator_sessions", lang), style="bold")
        )
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Text, not str: a str label is parsed as markup, which loads Rich's emoji table (~5 ms before
        # the first paint) and would read a "[" in a translation as markup.
        table.add_column(Text(catalog.t("tui.screens.home.date", lang)), key="date")
        table.add_column(Text(catalog.t("tui.screens.home.title", lang)), key="title")
        table.add_column(Text(catalog.t("tui.screens.home.phase", lang)), key="phase")
        table.add_column(Text(catalog.t("tui.screens.home.notes", lang)), key="notes")
        table.add_column(Text(catalog.t("tui.screens.home.actions", lang)), key="actions")
        if load:
            self.load()

    def load(self) -> None:
        """Read the folder in a thread: many or large sessions never freeze the UI."""
        self._read_summaries()

    @work(thread=True, exclusive=True, group="home-list")
    def _read_summaries(self) -> None:
        # Quick rows first (cache, or tomllib and counts without the session
        # model), then the rows that were quick reads are verified by the full
        # load and shown again only if that changes what the list says.
        rows = self.app.library.summaries(verify=False)
        self.app.call_from_thread(self.fill, rows)
        if not all(row.verified for row in rows):
            # After the list is painted: the full load would compete with that paint for the GIL.
            self.app.call_from_thread(after_refresh, self, self._verify, rows)

    @work(thread=True, exclusive=True, group="home-list")
    def _verify(self, rows: list[SessionSummary]) -> None:
        checked = self.app.library.summaries(verify=True)
        if checked != rows:
            self.app.call_from_thread(self.fill, checked)

    def on_key(self, event) -> None:
        # Enter before the list is there: open the selected row once it is.
        if event.key == "enter" and not self.loaded:
            event.stop()
            self.open_when_loaded = True
            # The session opens once the list is read: the keys pressed meanwhile are meant
            # for it, never for this screen (n would open the new-session form underneath).
            self.app.screen_on_its_way()

    def date_form(self) -> str:
        """The long date as in the exports (10 februari 2027) where there is room, else the short one."""
        return "long" if self.app.size.width >= WIDE else "medium"

    def date_text(self, value: date | None) -> str:
        """The date as the exports say it; until Babel is loaded (after the first paint), dd-mm-jjjj."""
        if value is None:
            return "—"
        if not self.dates_ready:
            return input_date(value, self.lang).ljust(DATE_WIDTH[self.date_form()])  # the same width
        return format_date(value, self.lang, "—", self.date_form())

    @work(thread=True, exclusive=True, group="home-dates")
    def _load_dates(self) -> None:
        # Babel and its CLDR data cost tens of milliseconds: the list paints without them first.
        format_date(date(2027, 2, 10), self.lang, form=self.date_form())
        self.app.call_from_thread(self._dates_loaded)

    def _dates_loaded(self) -> None:
        self.dates_ready = True
        table = self.query_one(DataTable)
        for row in self.rows:
            if row.date is not None and str(row.path) in table.rows:
                table.update_cell(str(row.path), "date", Text(self.date_text(row.date)))

    def phase_text(self, row: SessionSummary) -> str:
        """How far the meeting got: the phase reached, or that Afronden ended it and when."""
        if row.ended is not None:
            return catalog.t("clock.ended_at", self.lang, time=row.ended.astimezone(self.app.tz).strftime("%H:%M"))
        return short(row.phase, 20) or catalog.t("clock.not_started", self.lang)

    def fill(self, rows: list[SessionSummary]) -> None:
        first = not self.loaded
        self.loaded = True
        self.query_one("#home-empty", Static).update(catalog.t("tui.screens.home.no_sessions_yet_press_n", self.lang))
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        had_rows = bool(self.rows)
        self.rows = rows
        lang = self.lang
        # Titles and errors get what the other columns leave, so 80 columns fit.
        room = max(20, self.app.size.width - 40 - DATE_WIDTH[self.date_form()])
        for row in self.rows:
            if row.error:
                table.add_row(
                    Text("—"),
                    Text(short(f"{row.path.name}: {catalog.t('tui.screens.home.error', lang)}: {row.error_text(lang)}", room),
                         style="bold red"),
                    Text(""), Text(""), Text(""), key=str(row.path),
                )
                continue
            table.add_row(
                Text(self.date_text(row.date)),
                Text(short(one_line(row.title), room)),
                Text(self.phase_text(row)),
                Text(str(row.notes), justify="right"),
                Text(str(row.action_points), justify="right"),
                key=str(row.path),
            )
        if not self.dates_ready and not self.dates_loading and any(row.date for row in self.rows):
            self.dates_loading = True  # once: a second fill (the verified rows) must not cancel it
            after_refresh(self, self._load_dates)
        self.query_one("#home-empty").display = not self.rows
        table.display = bool(self.rows)
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
            table.focus()
        if had_rows != bool(self.rows):  # open/archive only apply with a row
            self.refresh_bindings()
        if first and self.open_when_loaded:
            self.open_when_loaded = False
            if self.rows:
                self.call_later(self._open_now_loaded)
            else:
                self.app.screen_not_coming()
        elif first and self.rows:
            from facilitator.tui.prewarm import prewarm_in_background

            # After this paint, load what opening a session needs while the list is being read.
            after_refresh(self, prewarm_in_background, self, self._readable_selected())

    def selected(self) -> SessionSummary | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _readable_selected(self):
        row = self.selected()
        return row.path if row is not None and not row.error else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Another row under the cursor: read that session ahead (the head start follows the cursor)."""
        path = self._readable_selected()
        if path is not None and self.loaded:
            from facilitator.tui.prewarm import read_ahead_in_background

            read_ahead_in_background(self, path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "archive", "review"):
            return self.selected() is not None
        return True

    def _open_now_loaded(self) -> None:
        try:
            self.action_open()
        finally:
            if self.app.screen is self:  # nothing opened (a damaged file): the keys are ours again
                self.app.screen_not_coming()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.error:
            self.notify(
                catalog.t("tui.screens.home.cannot_be_opened", self.lang, name=row.path.name, error=row.error_text(self.lang)),
                severity="error", markup=False,
            )
            return
        self.app.open_session(row.path)

    def action_review(self) -> None:
        """The follow-up meeting: walk through the selected session's action points."""
        row = self.selected()
        if row is None:
            return
        from facilitator.core.errors import UserError
        from facilitator.tui.screens.review import ReviewScreen

        try:
            screen = ReviewScreen(self.app.library, [row.id or str(row.path)], self.lang)
        except UserError as exc:
            self.notify(exc.say(self.lang), severity="error", markup=False)
            return
        self.app.push_screen(screen)

    def palette_commands(self) -> list[tuple[str, str, object]]:
        lang = self.lang
        cmds: list[tuple[str, str, object]] = [
            (catalog.t("keys.new_session", lang), catalog.t("tui.screens.home.title_date_participants_agenda", lang), self.action_new),
            (catalog.t("tui.screens.home.show_sessions_folder", lang), catalog.t("tui.screens.home.where_the_session_files_are", lang), self.action_folder),
        ]
        if self.selected() is not None:
            cmds += [
                (catalog.t("tui.screens.home.open_session", lang), catalog.t("tui.screens.home.continue_where_it_was_the", lang), self.action_open),
                (catalog.t("tui.screens.home.follow_up_review_go_through", lang),
                 catalog.t("tui.screens.home.tried_what_happened_keep_adjust", lang),
                 self.action_review),
                (catalog.t("tui.screens.home.archive_session", lang), catalog.t("tui.screens.home.to_the_archive_folder_nothing", lang), self.action_archive),
            ]
        return cmds

    def action_new(self) -> None:
        self.app.new_session()

    def action_archive(self) -> None:
        row = self.selected()
        if row is None:
            return
        name = row.title or row.path.name
        question = catalog.t("tui.screens.home.archive_session_it_moves_to_the", self.lang, name=name)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            from facilitator.core.errors import UserError

            try:
                target = self.app.library.archive(str(row.path))
            except UserError as exc:
                self.notify(exc.say(self.lang), severity="error", markup=False)
                return
            self.notify(catalog.t("tui.screens.home.archived", self.lang, target=target), markup=False)
            self.load()

        from facilitator.tui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(
            ConfirmDialog(question, self.lang, yes=catalog.t("keys.archive", self.lang)), done
        )

    def action_folder(self) -> None:
        """The sessions folder in the file manager; with nothing to open it (no display), where it is."""
        from facilitator.tui.opener import open_or_say

        folder = self.app.library.directory
        try:
            self.app.library.ensure_directory()  # no session yet: the folder to open is made now
        except OSError:
            pass  # unwritable: the line below still says where it should be
        open_or_say(self, folder, severity="information",
                    opened=catalog.t("tui.screens.home.sessions_folder_opens", self.lang, folder=folder),
                    unavailable=catalog.t("tui.screens.home.sessions_folder", self.lang, folder=folder))

    def action_reload(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self._first_resume:  # pushed: on_mount already shows or reads the list
            self._first_resume = False
            return
        self.load()
