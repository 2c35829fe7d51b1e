"""Issue #13 point 9: the home screen's folder key opens the sessions folder.

Through the one opener (tui/opener.py, ``app.opener``), as Afronden opens its folder; when nothing
can open it (no display), one line says where it is.
"""

from __future__ import annotations

from tests.tui.helpers import make_app, settle, sync
from tests.tui.test_notices import notices


@sync
async def test_f_opens_the_sessions_folder(isolated_dirs, clock, library):
    library.create("Map").close()
    opened: list[str] = []
    app = make_app(isolated_dirs, clock)
    app.opener = lambda target: opened.append(target) or True
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.pause()
        assert opened == [str(isolated_dirs)]
        assert notices(app) == [f"De sessiemap gaat open: {isolated_dirs}"]


@sync
async def test_f_without_a_display_says_where_the_folder_is_in_one_line(isolated_dirs, clock):
    opened: list[str] = []
    app = make_app(isolated_dirs, clock)
    app.opener = lambda target: opened.append(target) and False  # nothing can open it
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("f", "f")  # pressed twice: still one line
        await pilot.pause()
        assert opened == [str(isolated_dirs)] * 2
        assert isolated_dirs.is_dir()  # no session yet: made, so there is a folder to go to
        said = notices(app)
        assert said == [f"Sessiemap: {isolated_dirs}"] and "\n" not in said[0]
