"""Keys that arrive together are applied in the order they were typed (tui/widgets/fields.py).

A fast typist on a busy laptop, tmux or a remote terminal hands the app several keys in one
read. Textual inserts letters at once but lets a field's own keys (backspace, the arrows, Enter)
bubble up to the app first, so "abc⌫de" was saved as "abcd" and a word typed right after Enter
was added to the note just saved. Here the keys are posted in one go, without waiting between
them, as such a read delivers them.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.tui.helpers import make_app, sync, wait_until
from tests.tui.test_keys_do_what_the_bar_says import open_at


def burst(app, keys: list[str]) -> None:
    """Every key posted at once, as one read of the terminal delivers them."""
    for key in keys:
        char = key if len(key) == 1 else None
        app.post_message(events.Key(key, char))


@sync
async def test_backspace_and_enter_keep_their_place_among_the_letters_in_dialogue(isolated_dirs, clock, library):
    library.create("Snel typen", participants=["Anna", "Bram", "Cem", "Dewi"]).close()
    app = make_app(isolated_dirs, clock, lang="nl")
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_at(app, pilot, "dialogue")
        await pilot.press("i")
        field = run.view.query_one("#dlg-input", Input)
        await wait_until(pilot, lambda: app.focused is field, what="the typing line")
        burst(app, [*"abc", "backspace", *"de", "left", "left", "x", "enter", *"fg", "enter", *"hij"])
        await wait_until(pilot, lambda: len(app.service.session.notes) == 2 and field.value == "hij",
                         what=lambda: f"two notes and 'hij' typed; notes {[n.text for n in app.service.session.notes]},"
                                      f" field {field.value!r}")
        assert [n.text for n in app.service.session.notes] == ["abxde", "fg"]


@sync
async def test_the_new_session_form_keeps_backspace_in_place_in_a_one_line_and_a_multi_line_field(
        isolated_dirs, clock):
    from facilitator.tui.dialogs.new_session import NewSessionScreen
    from tests.tui.helpers import settle

    app = make_app(isolated_dirs, clock, lang="nl")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewSessionScreen), what="the form")
        title = app.screen.query_one("#title", Input)
        title.focus()
        await wait_until(pilot, lambda: app.focused is title, what="the title field")
        burst(app, [*"Intervisie", "backspace", "backspace", *"ie 3"])
        await wait_until(pilot, lambda: title.value.endswith("3"), what=lambda: f"the title; it is {title.value!r}")
        assert title.value == "Intervisie 3"
        names = app.screen.query_one("#participants")
        names.focus()
        await wait_until(pilot, lambda: app.focused is names, what="the participants")
        burst(app, [*"Anja", "backspace", "backspace", *"na", "enter", *"Bram"])
        await wait_until(pilot, lambda: names.text.endswith("m"), what=lambda: f"the names; they are {names.text!r}")
        assert names.text == "Anna\nBram"


def test_every_text_field_of_the_app_is_one_that_keeps_the_order():
    import ast
    from pathlib import Path

    import facilitator.tui

    root = Path(facilitator.tui.__file__).parent
    raw = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("Input", "TextArea"):
                raw.append(f"{path.relative_to(root)}:{node.lineno} {node.func.id}(")
    assert raw == [], f"use widgets.fields.TextInput / TextEditor, whose keys keep their order: {raw}"
