"""Key labels in one place (issue #12): every binding names a catalog key, the screens say it in the app's language.

The app's Screen and ModalScreen (tui/i18n.py) give Textual's public ``active_bindings`` with each
description from the catalog; the footer (KeyBar), Textual's key panel, the palette and the help
read that, so a language switch is one ``refresh_bindings()``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from textual.binding import Binding

import facilitator
import facilitator.tui
from facilitator.core.catalog import languages, strings
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.i18n import describe
from tests.tui.helpers import make_app, open_first_session, screen_text, sync, wait_until

PACKAGE = Path(facilitator.__file__).parent


def tui_bindings() -> list[tuple[str, Binding]]:
    found = []
    for info in pkgutil.walk_packages(facilitator.tui.__path__, "facilitator.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__:
                found += [(f"{cls.__module__}.{cls.__qualname__}", b)
                          for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found


def test_the_scan_finds_the_apps_bindings():
    assert len(tui_bindings()) > 100


@pytest.mark.parametrize("lang", languages())
def test_every_binding_has_an_id_and_a_catalog_key_in_every_language(lang):
    bad = []
    for where, b in tui_bindings():
        key = b.description.partition(":")[0]
        if not b.id or not key.startswith("keys.") or key not in strings(lang):
            bad.append(f"{where}: {b.key} id={b.id!r} description={b.description!r}")
    assert bad == []


def test_a_description_is_said_from_the_catalog():
    assert describe("keys.next_question", "nl") == "Volgende vraag"
    assert describe("keys.next_question", "en") == "Next question"
    assert describe("keys.factor:3", "en") == "Factor 3"
    assert describe("palette", "nl") == "opdrachten"  # Textual's own palette key


def test_no_code_reaches_into_textuals_private_bindings():
    # `_bindings` and `_merged_bindings` as names of their own (refresh_bindings, active_bindings are public)
    private = re.compile(r"\b_(merged_)?bindings\b|\bKEYS_NL\b|\bENGLISH\b|\blocalize_bindings\b")
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if private.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def labels(screen) -> set[str]:
    return {a.binding.description for a in screen.active_bindings.values() if a.binding.show}


@sync
async def test_the_footer_and_a_dialog_speak_dutch_then_english(isolated_dirs, clock, library):
    svc = library.create("Toetsen", participants=["Anna", "Bram"])
    svc.clock_event("start")
    svc.clock_event("goto", phase="dialoog")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(160, 40)) as pilot:
        run = await open_first_session(app, pilot)
        await wait_until(pilot, lambda: run.view is not None and run.view.is_mounted, what="the dialogue view")
        run.view.query("Input").first().focus()
        await wait_until(pilot, lambda: "Volgende vraag" in labels(run), what="the phase's keys")
        assert "Veld verlaten / terug" in labels(run)  # the run screen's own key beside the phase's
        assert "Volgende vraag" in screen_text(app)
        app.action_switch_lang()
        await wait_until(pilot, lambda: "Next question" in screen_text(app), what="the English footer")
        assert "Next question" in labels(run) and not labels(run) & {"Volgende vraag", "Stoppen"}
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: "Esc" in screen_text(app) and run is not app.screen, what="the help")
        assert "Next question" in screen_text(app)  # the help says what the footer says
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is run, what="back on the run screen")
        app.action_switch_lang()
        dialog = ConfirmDialog("Doorgaan?", app.lang)
        app.push_screen(dialog)
        await wait_until(pilot, lambda: app.screen is dialog, what="the dialog")
        assert {"Ja", "Nee"} <= labels(dialog)
        app.action_switch_lang()
        await wait_until(pilot, lambda: {"Yes", "No"} <= labels(dialog), what="English in the dialog")
