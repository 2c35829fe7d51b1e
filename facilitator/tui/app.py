"""The facilitator terminal app: home screen, new-session form, run screen.

Kept small on purpose: screens live in tui/screens, widgets in tui/widgets,
styles in app.tcss. The app owns what every screen shares: the library,
the clock (injectable for tests), the language, the theme and the bell.
"""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from facilitator.core import catalog
from facilitator.core.catalog import next_language
from facilitator.services.settings import THEMES as THEME_NAMES, Settings
from facilitator.tui.messages import LanguageChanged
from facilitator.tui.notices import NoticesMixin
from facilitator.tui.opener import Opener, system_open
from facilitator.tui.palette.app import AppCommands
from facilitator.tui.palette.observers import ObserverCommands
from facilitator.tui.palette.screen import ScreenCommands
from facilitator.tui.themes import THEMES

if TYPE_CHECKING:
    import argparse

    from facilitator.services.library import Library
    from facilitator.services.session import SessionService

# The session model (pydantic) costs more to import than Textual itself: the
# app imports it only when the home screen loads the list, off the UI thread,
# so the first screen appears at hello-world speed.

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def switch_title(lang: str) -> str:
    """The palette's language command in the current language and in the next one, naming the next by
    its own name ("Taal wisselen (Switch language: English)"): findable by whoever cannot read the current."""
    nxt = next_language(lang)
    there = f"{catalog.t('tui.app.switch_language', nxt)}: {catalog.t('language.name', nxt)}"
    return f"{catalog.t('tui.app.switch_language', lang)} ({there})"


class FacilitatorApp(NoticesMixin, App[int]):
    CSS_PATH = Path(__file__).parent / "app.tcss"  # absolute: subclasses may live anywhere
    TITLE = "facilitator"
    # Only our provider: Textual's system commands exist in English alone.
    COMMANDS = {AppCommands, ScreenCommands, ObserverCommands}  # one provider per concern
    BINDINGS = [
        Binding("ctrl+q", "quit", "keys.quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        sessions_dir: Path,
        lang: str | None = None,
        now: Now = utc_now,
        tz: tzinfo | None = None,
        settings_path: Path | None = None,
        opener: Opener | None = None,
    ) -> None:
        super().__init__()
        #: Opens a link or a folder (tui/opener.py); tests inject one.
        self.opener: Opener = opener or system_open
        #: The screen that is leaving while another is on its way (see screen_on_its_way).
        self._leaving: object | None = None
        self.settings_path = settings_path
        self.settings = Settings.load(settings_path)
        self.lang = lang or self.settings.lang
        self.now = now
        self.tz = tz  # None: the computer's local time zone
        self.sessions_dir = Path(sessions_dir)
        self._library: Library | None = None
        self.service: SessionService | None = None
        #: How the room sees this laptop: None (not asked yet), "mirrored" or "private". Asked
        #: before the first card is shown; the app cannot tell by itself.
        self.room_setup: str | None = None
        from facilitator.tui.observers import ObserverServer

        self.observers = ObserverServer(self)  # tests set .host/.port; stopped with the session
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.settings.theme

    def get_driver_class(self):
        from facilitator.tui.paste import guard_driver

        driver_class = super().get_driver_class()
        guard_driver(driver_class)  # a paste's escape sequences never become key presses
        return driver_class

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and self._leaving is not None:
            # Typed (or pasted) for the screen on its way, not for this one: dropped.
            if self.screen is self._leaving and getattr(event, "key", "") not in ("ctrl+q", "ctrl+c"):
                event.stop()
                return
            self._leaving = None
        if isinstance(event, events.Paste) and not event.is_forwarded:
            self._paste(event)
            return
        await super().on_event(event)

    def _paste(self, event) -> None:
        """Every paste goes through here: plain text, in order, into a text field or nowhere.

        In keys mode the screen may name the field a paste belongs in (the phase's typing
        line); it gets the focus, so what is pasted is seen where it lands.
        """
        from textual import events
        from textual.widgets import Input

        from facilitator.core.plain import pasted
        from facilitator.tui.widgets.keybar import typing

        target = self.focused
        if not typing(target):
            finder = getattr(self.screen, "paste_target", None)
            target = finder() if finder is not None else None
            if target is None:
                return  # keys mode and no field: a paste is never a key
            target.focus()
        text = pasted(event.text, single_line=isinstance(target, Input))
        if text:
            target._forward_event(events.Paste(text))  # forwarded: bubbling back up is not a new paste

    def on_mount(self) -> None:
        from facilitator.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())


    @property
    def library(self) -> Library:
        if self._library is None:
            from facilitator.services.library import Library

            self._library = Library(self.sessions_dir, now=self.now)
        return self._library

    # -- a screen on its way ---------------------------------------------------------
    def screen_on_its_way(self) -> None:
        """Another screen replaces the current one soon, not at once (e.g. the session chosen
        while the list is still being read). Until it is there, keys are dropped: none may be
        acted on by the screen that is leaving. Pushing a screen ends this by itself; a caller
        that ends up pushing nothing calls ``screen_not_coming``."""
        self._leaving = self.screen

    def screen_not_coming(self) -> None:
        self._leaving = None

    # -- sessions ----------------------------------------------------------------
    def open_session(self, path: Path) -> None:
        from facilitator.core.errors import UserError

        try:
            service = self.library.open(str(path))
        except UserError as exc:
            self.notify(exc.say(self.lang), severity="error", markup=False)
            return
        self.run_session(service)

    def run_session(self, service: SessionService) -> None:
        from facilitator.tui.screens.run import RunScreen

        self.close_session(pop=False)
        self.service = service
        self.push_screen(RunScreen(service))

    def close_session(self, pop: bool = True) -> None:
        if self.observers.running:
            # Callers that can await stop it first; this is the safety net (e.g. a sync path).
            self.run_worker(self.observers.stop(), exit_on_error=False)
        if self.service is not None:
            self.service.close()
            self.service = None
        if pop and len(self.screen_stack) > 2:
            self.pop_screen()

    def new_session(self) -> None:
        from facilitator.tui.dialogs.new_session import NewSessionScreen

        def created(service: SessionService | None) -> None:
            if service is not None:
                self.run_session(service)

        self.push_screen(NewSessionScreen(self.lang, self.now().astimezone(self.tz).date()), created)

    def broadcast(self, make: Callable[[], Message]) -> None:
        """Post a fresh app message to every screen on the stack; each handles what it cares about."""
        for screen in self.screen_stack:
            screen.post_message(make())

    # -- preferences ---------------------------------------------------------------
    def save_settings(self) -> None:
        if not self.settings.save(self.settings_path):
            self.notify(catalog.t("tui.app.preference_not_saved_folder_not", self.lang), severity="warning")

    def action_switch_lang(self) -> None:
        self.lang = next_language(self.lang)
        self.settings.lang = self.lang
        self.save_settings()
        self.screen.refresh_bindings()
        self.broadcast(lambda: LanguageChanged(self.lang))
        self.notify(catalog.t("tui.app.language_now", self.lang, name=catalog.t("language.name", self.lang)))

    def action_switch_theme(self) -> None:
        names = list(THEME_NAMES)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.settings.theme = self.theme
        self.save_settings()

    def action_toggle_bell(self) -> None:
        self.settings.bell = not self.settings.bell
        self.save_settings()
        self.notify(catalog.t("tui.app.bell_on", self.lang) if self.settings.bell else catalog.t("tui.app.bell_off", self.lang))

    # -- observers' phones ---------------------------------------------------------
    async def action_serve(self) -> None:
        from facilitator.tui.dialogs.serve_info import ServeInfoScreen
        from facilitator.web import server
        from facilitator.web.qr import qr_text

        handle = await self.observers.start()
        if handle is None:
            return
        try:
            qr = qr_text(handle.url)
        except Exception as exc:  # a QR code is a convenience; the URL and code are enough
            from facilitator.tui.errors import record

            record("drawing the QR code failed", exc)
            qr = ""
        local = server.url_host(handle.host) in ("127.0.0.1", "localhost", "[::1]")
        self.push_screen(ServeInfoScreen(handle.url, f"{handle.room_url}#{handle.code}", handle.code,
                                         qr, self.lang, local=local, rate_url=handle.rate_url))

    async def action_stop_serving(self) -> None:
        if self.observers.running:
            await self.observers.stop()
            self.notify(catalog.t("tui.app.observers_page_stopped", self.lang))

    async def leave_session(self) -> None:
        """Back to the sessions: the observers' server goes first, then the session closes."""
        await self.observers.stop()
        self.close_session()

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [
            (catalog.t("tui.app.switch_theme_dark_light", self.lang),
             catalog.t("tui.app.high_contrast_dark_or_light", self.lang),
             self.action_switch_theme),
            # Both languages in the title: findable by whoever cannot read the current one.
            (switch_title(self.lang), catalog.t("tui.app.the_whole_app_in", self.lang,
                                                name=catalog.t("language.name", next_language(self.lang))),
             self.action_switch_lang),
            (catalog.t("keys.bell_on_off", self.lang), catalog.t("tui.app.the_bell_when_time_is", self.lang),
             self.action_toggle_bell),
            (catalog.t("keys.quit", self.lang), catalog.t("tui.app.everything_is_already_saved", self.lang),
             self.action_quit),
        ]

    def get_key_display(self, binding) -> str:
        shown = super().get_key_display(binding)
        return catalog.t("key.space", self.lang) if shown == "space" else shown

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = catalog.t("tui.app.search_for_a_command", self.lang)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    async def action_quit(self) -> None:
        # A follow-up review holds services of its own: it asks first if they can't save.
        from facilitator.tui.screens.review import ReviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, ReviewScreen) and not (screen.review.saved or screen.review.flush()):
                screen.leave(lambda: self.call_later(self._quit_session))
                return
        await self._quit_session()

    async def _quit_session(self) -> None:
        if self.service is not None and not self.service.saved and not self.service.flush():
            from facilitator.tui.dialogs.confirm import ConfirmDialog

            async def answer(yes: bool | None) -> None:
                if yes:
                    await self.observers.stop()
                    self.close_session(pop=False)
                    self.exit(1)

            self.push_screen(ConfirmDialog(catalog.t("tui.app.not_everything_is_saved_the", self.lang), self.lang), answer)
            return
        await self.observers.stop()
        self.close_session(pop=False)
        self.exit(0)


def run(args: argparse.Namespace) -> int:
    from facilitator.services.library import sessions_folder as sessions_dir

    folder, _ = sessions_dir(getattr(args, "sessions_dir", None))
    app = FacilitatorApp(folder, lang=getattr(args, "lang", None))
    result = app.run()
    return int(result or 0)
