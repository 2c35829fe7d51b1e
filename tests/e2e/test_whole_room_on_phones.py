"""Issue 14 in a real browser: players find no form, drafts survive reloads and tabs, the offline
queue is sent once after a restart of serve (phones reconnect without the code), the room fits."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest

from facilitator.services.roleplay.talk import pause_talk
from facilitator.storage.sessionfile import load_session
from facilitator.web.server import open_service
from tests.e2e.cdp import Browser, Served
from tests.e2e.test_phone_and_room_pages import ROOT, browser, shots  # noqa: F401 (fixtures)
from tests.web.fixtures import practice_session, start_talk

FORM_VISIBLE = "(e => !!e && e.getClientRects().length > 0)(document.querySelector('#fb-form'))"


@pytest.fixture
def meeting(service, clock):
    """Talk 1 of group 1 running (Anna mentor, Bram parent, Cem observes); talk 2 drawn
    (Cem mentor, Anna parent, Bram observes). The server runs on the real clock."""
    clock.t = datetime.now(timezone.utc) - timedelta(seconds=70)
    s = practice_session(service)
    ids = s["ids"]
    s["t2"] = service.draw_round(s["g1"].id, 2, 1, mentor=ids["Cem"], parent=ids["Anna"], observers=[ids["Bram"]])
    start_talk(service, s["r1"].id)
    service.update_round(s["r2"].id, started=service.now())
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")
    clock.advance(seconds=70)
    service.close()
    return s


async def phone(browser, http, url):
    page = await browser.page(http)
    await page.viewport(390, 844, mobile=True)
    await page.locale("nl-NL,nl;q=0.9")
    await page.goto(url)
    return page


async def join(page, code, nth_name):
    await page.wait("!document.querySelector('#join').hidden", what="join form")
    await page.type("#code", code)
    await page.click("#join-form button[type=submit]")
    await page.wait("!document.querySelector('#profile').hidden", what="profile form")
    await page.click("#groups label:nth-child(1)")
    await page.wait("document.querySelectorAll('#names label').length === 3")
    await page.click(f"#names label:nth-child({nth_name})")
    await page.click("#profile-form button[type=submit]")
    await page.wait("!document.querySelector('#watch').hidden && document.querySelector('#talk-label').textContent",
                    what="watching")


def texts(path):
    return sorted((r.talk, o.text, o.category) for r in load_session(path).rounds for o in r.observations)


def test_players_observers_tabs_reload_offline_and_restart(browser, meeting, shots, service, tmp_path):  # noqa: F811
    s = meeting
    second = Browser(tmp_path / "cem-phone")  # another phone: its own cookies and storage
    srv = Served(str(service.path), ROOT)
    port = int(re.search(r":(\d+)/$", srv.url).group(1))
    srv.drain()
    try:
        async def go():
            nonlocal srv
            async with aiohttp.ClientSession() as http:
                # Bram plays the parent in talk 1 (and observes talk 2): his card, no form.
                bram = await phone(browser, http, srv.url)
                await join(bram, srv.code, 2)
                await bram.wait("!document.querySelector('#not-observer').hidden", what="player note")
                assert not await bram.js(FORM_VISIBLE)
                await bram.click("#cards-box summary")
                roles = await bram.wait("[...document.querySelectorAll('#cards .card')].map(c => c.className)")
                assert roles == ["card card-parent"]
                await bram.screenshot(shots / "i14-1-player-no-form.png")

                # Cem observes talk 1: the form names the talk; nothing is pre-selected.
                cem = await phone(second, http, srv.url)
                await join(cem, srv.code, 3)
                await cem.wait(FORM_VISIBLE, what="feedback form")
                assert await cem.js("document.querySelector('#fb-title').textContent") == "Feedback bij gesprek 1"
                assert await cem.js("document.querySelectorAll('#cats [aria-checked=true]').length") == 0
                assert await cem.js("document.querySelector('#cats').getAttribute('role')") == "radiogroup"
                assert await cem.js("document.querySelector('label[for=fb-text]').textContent")
                await cem.type("#fb-text", "Vraagt door naar de thuissituatie")
                await cem.click("#fb-save")
                assert "soort" in await cem.wait("document.querySelector('#fb-status').textContent")
                # The category by keyboard: one tab stop, arrows move the choice, focus stays on it.
                await cem.js("document.querySelector('#cats [tabindex=\"0\"]').focus()")
                await cem.key("ArrowRight")
                await cem.key("ArrowRight")
                assert await cem.js("document.activeElement.dataset.cat") == "hindering"
                await cem.key("ArrowLeft")
                assert await cem.js("document.activeElement.dataset.cat") == "helpful"
                assert await cem.js("document.querySelector('#cats [aria-checked=true]').dataset.cat") == "helpful"
                stamp = await cem.js("JSON.parse(localStorage.getItem('fac-entry')).typedAt")
                # A reload keeps text, category and the moment typing began.
                await cem.goto(srv.url)
                await cem.wait(FORM_VISIBLE, what="form after reload")
                assert await cem.js("document.querySelector('#fb-text').value") == "Vraagt door naar de thuissituatie"
                assert await cem.js("document.querySelector('#cats [aria-checked=true]').dataset.cat") == "helpful"
                assert await cem.js("JSON.parse(localStorage.getItem('fac-entry')).typedAt") == stamp
                # Every tap target is at least 44 px high.
                small = await cem.js("""[...document.querySelectorAll('#watch button, #watch summary, #watch select, header button')]
                    .filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 44)
                    .map(e => e.id || e.textContent)""")
                assert small == []
                await cem.screenshot(shots / "i14-2-observer-form.png")

                # The same phone in a second tab (the QR code scanned twice): both press save at once.
                tab2 = await phone(second, http, srv.url)
                await tab2.wait(FORM_VISIBLE, what="second tab's form")
                assert await tab2.js("document.querySelector('#fb-text').value") == "Vraagt door naar de thuissituatie"
                await asyncio.gather(cem.js("document.querySelector('#fb-save').click()"),
                                     tab2.js("document.querySelector('#fb-save').click()"))
                await cem.wait("JSON.parse(localStorage.getItem('fac-queue') || '[]').length === 0 &&"
                               " document.querySelectorAll('#mine li').length === 1", what="one entry listed")
                await tab2.wait("document.querySelectorAll('#mine li').length === 1", what="one entry in tab 2")
                assert texts(service.path) == [(1, "Vraagt door naar de thuissituatie", "helpful")]

                # The laptop goes away: the phone says so, keeps the note, and sends it once when back.
                assert srv.stop() == 0
                await cem.wait("document.querySelector('#conn').dataset.state === 'off'", what="offline shown")
                await cem.click("#cats .chip[data-cat=perspective]")
                await cem.type("#fb-text", "Laat de ouder uitpraten")
                await cem.click("#fb-save")
                await cem.wait("document.querySelector('#conn').textContent.includes('1 bewaard')", what="queued")
                await cem.wait("document.querySelector('#fb-status').textContent.includes('telefoon')", what="kept")
                await cem.screenshot(shots / "i14-3-offline-queued.png")
                # The longest connection line still fits: no sideways zoom-out, the bar stays in view.
                assert await cem.js("document.documentElement.scrollWidth <= 390 && window.innerHeight === 844")
                assert await cem.js("document.querySelector('#conn').getBoundingClientRect().top >= 0")
                srv = Served(str(service.path), ROOT, port=port)  # the same meeting, the same code
                srv.drain()
                await cem.wait("document.querySelector('#conn').dataset.state === 'ok'", timeout=20, what="back online")
                await cem.wait("document.querySelectorAll('#mine li').length === 2", what="queued note listed")
                await cem.wait("/Opgeslagen|alsnog/.test(document.querySelector('#fb-status').textContent)",
                               what="saved status after the queue was sent")
                # Nobody entered the code again: every phone carried on.
                assert not await cem.visible("#join") and not await bram.visible("#join")
                await bram.wait("document.querySelector('#talk-label').textContent.includes('Gesprek 1')")
                await cem.screenshot(shots / "i14-4-back-online.png")
        asyncio.run(go())
    finally:
        srv.stop()
        second.close()
    assert texts(service.path) == [(1, "Laat de ouder uitpraten", "perspective"),
                                   (1, "Vraagt door naar de thuissituatie", "helpful")]


def test_the_room_fits_shows_the_talk_clock_and_a_pause(browser, meeting, shots, service):  # noqa: F811
    srv = Served(str(service.path), ROOT)
    srv.drain()
    try:
        async def go():
            async with aiohttp.ClientSession() as http:
                page = await browser.page(http)
                await page.locale("nl-NL")
                await page.viewport(1920, 1080, mobile=False, scale=1)
                await page.goto(f"{srv.room_url}#{srv.code}")
                await page.wait("document.querySelector('#phase-title').textContent === 'Oefenen'")
                label = await page.wait("document.querySelector('#clock-label').textContent")
                assert label.startswith("Gesprek 1 van 2")
                timer = await page.wait("(t => /^\\d\\d:\\d\\d$/.test(t) && t)(document.querySelector('#timer').textContent)")
                assert "03:00" <= timer <= "03:55", timer  # the 5-minute talk, 70 s gone: not the phase's 13:xx
                for w, h in ((1920, 1080), (1280, 720)):
                    await page.viewport(w, h, mobile=False, scale=1)
                    await page.wait(f"window.innerWidth === {w}")
                    await page.wait("document.documentElement.scrollHeight <= window.innerHeight"
                                    " && document.querySelector('#display').scrollHeight <= window.innerHeight + 1",
                                    what=f"no scrolling at {w}x{h}")
                    await page.screenshot(shots / f"i14-room-talk-{w}.png")
                # The facilitator pauses the talk on the laptop.
                svc = open_service(service.path)
                pause_talk(svc, 1)
                svc.close()
                await page.wait("!document.querySelector('#paused').hidden", what="pause banner")
                assert await page.js("document.querySelector('#timer').classList.contains('paused')")
                await page.screenshot(shots / "i14-room-paused-1280.png")
                # The evaluation, with its ten questions, still fits at 720 and 1080.
                svc = open_service(service.path)
                svc.clock_event("goto", phase="evaluatie")
                svc.close()
                await page.wait("document.querySelector('#phase-title').textContent === 'Evaluatie'")
                for w, h in ((1280, 720), (1920, 1080)):
                    await page.viewport(w, h, mobile=False, scale=1)
                    await page.wait(f"window.innerWidth === {w} && document.querySelectorAll('#prompts li').length >= 10")
                    await page.wait("document.querySelector('#display').scrollHeight <= window.innerHeight + 1",
                                    what=f"evaluation fits at {w}x{h}")
                    last = await page.js("document.querySelector('#prompts li:last-child').getBoundingClientRect().bottom")
                    assert last <= h
                    await page.screenshot(shots / f"i14-room-evaluation-{w}.png")
        asyncio.run(go())
    finally:
        assert srv.stop() == 0
