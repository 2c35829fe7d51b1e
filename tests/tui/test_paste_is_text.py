"""Issue #13 point 2: a paste is text, nothing more.

Pasted escape sequences are kept in order in caret notation (the app's one rule for
control characters, `core.plain.visible`), a BEL is never a key, and the note lands
on the sheet on screen. The terminal layer (PasteGuard in front of Textual's parser)
is tested here on its own and in tests/e2e/test_paste_in_tmux.py in a real terminal.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from facilitator.core.plain import pasted
from facilitator.tui.paste import END, START, PasteGuard
from tests.tui.helpers import make_app, settle, sync, wait_until

HOSTILE = "AAA \x1b[31mBBB\x07\x1b[0m CCC"
SHOWN = "AAA ^[[31mBBB^G^[[0m CCC"


def test_pasted_text_keeps_its_order_and_shows_controls_in_caret_notation():
    assert pasted(HOSTILE) == SHOWN
    assert pasted("een\r\ntwee\rdrie", single_line=True) == "een twee drie"
    assert pasted("een\r\ntwee") == "een\ntwee"


def test_the_guard_neutralises_only_what_is_inside_a_paste_whatever_the_reads():
    stream = "x\x1b[A" + START + HOSTILE + END + "\x1by"
    expected = "x\x1b[A" + START + SHOWN.replace("^[", "^[") + END + "\x1by"
    # One read, and the same bytes cut at every possible place: the same result.
    assert PasteGuard()(stream) == expected
    for cut in range(1, len(stream)):
        guard = PasteGuard()
        assert guard(stream[:cut]) + guard(stream[cut:]) == expected, cut
    guard = PasteGuard()
    assert "".join(guard(ch) for ch in stream) == expected
    # A lone Esc key outside a paste is passed at once, never held back.
    assert PasteGuard()("\x1b") == "\x1b"


def test_the_parser_with_the_guard_gives_one_paste_event_and_no_keys():
    from textual import _xterm_parser
    from textual.drivers import linux_driver

    from facilitator.tui.paste import guard_driver

    guard_driver(linux_driver.LinuxDriver)
    parser = linux_driver.XTermParser(False)
    assert issubclass(linux_driver.XTermParser, _xterm_parser.XTermParser)
    got = list(parser.feed(START + HOSTILE + END))
    assert [type(e).__name__ for e in got] == ["Paste"]
    assert got[0].text == SHOWN


async def open_dialogue(app, pilot):
    await settle(app, pilot)
    app.open_session(app.library.files()[0])
    await wait_until(pilot, lambda: getattr(app.screen, "view", None) is not None, what="run screen")
    run = app.screen
    run.goto(next(p.key for p in app.service.session.phases if p.kind == "dialogue"))
    await wait_until(pilot, lambda: type(run.view).__name__ == "DialoguePhase", what="Dialoog")
    await pilot.pause()
    return run


@sync
async def test_a_paste_in_dialogue_is_saved_in_order_under_the_group_and_question_on_screen(
        isolated_dirs, clock, library):
    svc = library.create("Plakken", participants=["Anna", "Bram", "Cem", "Dewi"])
    svc.add_group("Groep 1")
    svc.add_group("Groep 2")
    svc.close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_dialogue(app, pilot)
        await pilot.press("ctrl+g", "ctrl+down")  # group 2, question 2: the sheet on screen
        group, question = run.view.group.id, run.view.question.id
        await pilot.press("i")
        field = run.view.query_one("#dlg-input", Input)
        app.post_message(events.Paste(HOSTILE))
        await wait_until(pilot, lambda: field.value == SHOWN, what="the pasted text in the field")
        assert (run.view.group.id, run.view.question.id) == (group, question)
        await pilot.press("enter")
        notes = app.service.session.notes
        assert [(n.text, n.group, n.question) for n in notes] == [(SHOWN, group, question)]


@sync
async def test_a_paste_in_keys_mode_goes_into_the_typing_line_never_to_the_keys(isolated_dirs, clock, library):
    library.create("Plakken", participants=["Anna", "Bram"]).close()
    app = make_app(isolated_dirs, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        run = await open_dialogue(app, pilot)
        start = run.state.current
        app.post_message(events.Paste("n p\x07 r"))
        field = run.view.query_one("#dlg-input", Input)
        await wait_until(pilot, lambda: field.value == "n p^G r", what="the paste in the line")
        assert app.focused is field and run.state.current == start and not run.room
