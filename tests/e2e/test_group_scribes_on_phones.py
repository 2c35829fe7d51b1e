"""Group scribes in a real browser: three groups' scribes typing at once at 390x844, every note
in the session file once, under the right group and question (where the TUI's Dialoog and Plenair read it)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest

from facilitator.storage.sessionfile import load_session
from tests.e2e.cdp import Browser, Served
from tests.e2e.test_phone_and_room_pages import ROOT, shots  # noqa: F401 (fixture)

NOTES = 4  # per scribe: three for the question on screen, one for another question


@pytest.fixture
def dialogue(service, clock):
    """Three dialogue groups of two; the agenda clock in Dialoog."""
    clock.t = datetime.now(timezone.utc) - timedelta(seconds=30)
    for name in ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"][len(service.session.participants):]:
        service.add_participant(name)
    ids = {p.name: p.id for p in service.session.participants}
    groups = [service.add_group(f"Groep {i}", [ids[a], ids[b]])
              for i, (a, b) in enumerate([("Anna", "Bram"), ("Cem", "Dewi"), ("Eva", "Femke")], 1)]
    service.clock_event("start")
    service.clock_event("goto", phase="dialoog")
    service.close()
    return groups


async def scribe_phone(browser, http, url, code, nth_group, shot=None):
    page = await browser.page(http)
    await page.viewport(390, 844, mobile=True)
    await page.locale("nl-NL,nl;q=0.9")
    await page.goto(url)
    await page.wait("!document.querySelector('#join').hidden", what="join form")
    await page.type("#code", code)
    await page.click("#join-form button[type=submit]")
    await page.wait("!document.querySelector('#roles-box').hidden", what="role choice")
    await page.click("#roles label:nth-child(2)")
    await page.wait("document.querySelector('#group-legend').textContent === 'Groep'", what="dialogue groups")
    await page.click(f"#groups label:nth-child({nth_group})")
    await page.wait("document.querySelectorAll('#names label').length === 2")
    await page.click("#names label:nth-child(1)")
    if shot is not None:
        await page.screenshot(shot)
    await page.click("#profile-form button[type=submit]")
    await page.wait("!document.querySelector('#scribe').hidden && document.querySelector('#sc-question').value",
                    what="the flip-over")
    return page


async def write(page, text):
    await page.type("#sc-text", text)
    await page.click("#sc-save")
    await page.wait(f"[...document.querySelectorAll('#sc-notes .text')].some(e => e.textContent === {text!r})",
                    what=f"note {text!r} on the sheet")


def test_three_groups_scribing_at_once(dialogue, service, shots, tmp_path):  # noqa: F811
    groups = dialogue
    browsers = [Browser(tmp_path / f"phone{i}") for i in range(3)]  # each phone its own cookies
    srv = Served(str(service.path), ROOT)
    srv.drain()
    try:
        async def one(i, http):
            page = await scribe_phone(browsers[i], http, srv.url, srv.code, i + 1,
                                      shots / "scribe-join-390x844.png" if i == 0 else None)
            # The question on screen is the agenda's dialogue question, marked as such.
            assert await page.js("document.querySelector('#sc-question').value") == "d1"
            assert "(nu aan de beurt)" in await page.js("document.querySelector('#sc-question').selectedOptions[0].textContent")
            for n in range(NOTES - 1):
                await write(page, f"G{i + 1} note {n}")
            await page.js("(() => { const s = document.querySelector('#sc-question'); s.value = 'd3';"
                          " s.dispatchEvent(new Event('change')); })()")
            await write(page, f"G{i + 1} tip")
            # Back on d1 the sheet shows that question's notes only (this group's, nobody else's).
            await page.js("(() => { const s = document.querySelector('#sc-question'); s.value = 'd1';"
                          " s.dispatchEvent(new Event('change')); })()")
            await page.wait(f"document.querySelectorAll('#sc-notes li').length === {NOTES - 1}")
            sheet = await page.js("document.body.innerText")
            for other in range(3):
                if other != i:
                    assert f"G{other + 1} " not in sheet
            return page

        async def go():
            async with aiohttp.ClientSession() as http:
                pages = await asyncio.gather(*(one(i, http) for i in range(3)))
                await pages[0].js("document.activeElement && document.activeElement.blur()")
                await pages[0].screenshot(shots / "scribe-390x844.png")
                await pages[1].click("#lang")
                await pages[1].wait("document.querySelector('#sc-save').textContent === 'On the flip-over'")
                await pages[1].wait("document.querySelector('#sc-question').selectedOptions[0].textContent.includes('(up now)')"
                                    " || document.querySelector('#sc-question').value !== 'd1'", what="English question")
                await pages[1].screenshot(shots / "scribe-en-390x844.png")
                # The connection line says everything went out.
                assert await pages[0].js("document.querySelector('#conn').dataset.state") == "ok"
                assert await pages[0].js("document.querySelector('#sc-status').textContent") == \
                    "Staat op de flip-over (en op de laptop)."

        asyncio.run(go())
    finally:
        srv.stop()
        for b in browsers:
            b.close()
    notes = load_session(service.path).notes
    got = sorted((n.group, n.question, n.text) for n in notes)
    want = sorted((g.id, "d1", f"G{i + 1} note {n}") for i, g in enumerate(groups) for n in range(NOTES - 1))
    want += [(g.id, "d3", f"G{i + 1} tip") for i, g in enumerate(groups)]
    assert got == sorted(want)
    assert all(n.phase == "dialoog" and n.author for n in notes)
