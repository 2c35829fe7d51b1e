"""A real browser against `facilitator serve`: headless Chromium at phone size.

Needs Debian's `chromium`; without it these tests fail with a clear message
(CI installs it) rather than skip. Screenshots go to $FACILITATOR_SCREENSHOT_DIR
when set (to look at them), else to the test's temp folder.
"""

from __future__ import annotations

import asyncio
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp
import pytest

from facilitator.storage.sessionfile import load_session
from tests.e2e.cdp import Browser, Served
from tests.web.fixtures import practice_session, start_talk

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>window.pwned=1</script><b>vet</b> [bold]x[/] & "Goede" vraag'


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("FACILITATOR_SCREENSHOT_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser(tmp_path):
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


@pytest.fixture
def served(service, clock):
    # The server runs on the real clock: start the talk and the agenda 70 s ago.
    clock.t = datetime.now(timezone.utc) - timedelta(seconds=70)
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")
    clock.advance(seconds=70)
    service.add_note("dialoog", "Notitie over een leerling die nooit op het scherm mag")
    service.close()
    srv = Served(str(service.path), ROOT)
    yield srv, s
    assert srv.stop() == 0, "serve did not stop cleanly on SIGTERM"


def test_observer_on_a_phone_logs_feedback(browser, served, shots, service):
    srv, s = served

    async def go():
        async with aiohttp.ClientSession() as http:
            page = await browser.page(http)
            await page.viewport(390, 844, mobile=True)
            await page.locale("nl-NL,nl;q=0.9,en;q=0.5")  # a Dutch teacher's phone
            await page.goto(srv.url)
            await page.wait("document.querySelector('#join') && !document.querySelector('#join').hidden", what="join form")
            assert await page.js("document.documentElement.lang") == "nl"

            # A wrong code is refused with a clear message.
            await page.type("#code", "000000")
            await page.click("#join-form button[type=submit]")
            msg = await page.wait("document.querySelector('#join-error').textContent", what="error message")
            assert "klopt niet" in msg
            assert not await page.visible("#profile")
            await page.screenshot(shots / "observer-1-wrong-code.png")

            await page.type("#code", srv.code)
            await page.click("#join-form button[type=submit]")
            await page.wait("!document.querySelector('#profile').hidden", what="profile form")
            assert await page.js("document.querySelector('#name')") is None  # no free-text name any more
            labels = await page.js("[...document.querySelectorAll('#groups label')].map(l => l.textContent)")
            assert labels == ["Groep 1", "Groep 2"]
            assert not await page.visible("#names-box")  # names come after the group
            await page.click("#groups label:nth-child(2)")
            names = await page.wait("[...document.querySelectorAll('#names label')].map(l => l.textContent)")
            assert names == ["Dewi", "Eva", "Femke"]
            await page.click("#groups label:nth-child(1)")
            names = await page.wait("[...document.querySelectorAll('#names label')].map(l => l.textContent)")
            assert names == ["Anna", "Bram", "Cem"]
            # Without a name the page says what is missing.
            await page.click("#profile-form button[type=submit]")
            assert "lijst" in await page.wait("document.querySelector('#profile-error').textContent")
            await page.click("#names label:nth-child(3)")
            await page.screenshot(shots / "observer-2-profile.png")
            await page.click("#profile-form button[type=submit]")
            await page.wait("document.querySelector('#talk-label').textContent.includes('Gesprek 1')", what="talk")
            assert await page.js("document.querySelector('#talk-state').textContent") == "Loopt"
            timer = await page.wait("(t => /^\\d\\d:\\d\\d$/.test(t) && t)(document.querySelector('#talk-timer').textContent)")
            assert "01:05" <= timer <= "01:40", timer  # started 70 s before the server did

            # The cards stay folded until the observer opens them, then all show.
            assert not await page.visible("#cards .card")
            await page.click("#cards-box summary")
            cards = await page.wait("[...document.querySelectorAll('#cards .card p')].map(p => p.textContent)")
            assert cards == s["texts"][s["r1"].id]
            body = await page.js("document.body.innerText")
            for text in s["texts"][s["r2"].id][1:]:
                assert text not in body  # the other group's secret cards
            await page.screenshot(shots / "observer-3-cards.png")

            # Feedback with markup, in the "helpful question" category.
            await page.click("#cats .chip[data-cat=helpful]")
            await page.type("#fb-text", HOSTILE)
            await page.click("#fb-save")
            status = await page.wait(
                "(t => t.includes('Opgeslagen') && t)(document.querySelector('#fb-status').textContent)",
                what="saved status")
            assert status.startswith("Opgeslagen bij 01:")
            shown = await page.wait("(document.querySelector('#mine li .text') || {}).textContent")
            assert shown == HOSTILE
            assert await page.js("window.pwned === undefined && document.querySelectorAll('b').length === 0")
            assert await page.js("document.querySelector('#fb-text').value") == ""
            await page.js("document.querySelector('#mine').scrollIntoView()")
            await page.screenshot(shots / "observer-4-saved.png")

            # No horizontal scrolling on a phone.
            assert await page.js("document.documentElement.scrollWidth <= 390")

            # English on request.
            await page.js("window.scrollTo(0, 0)")
            assert await page.js("document.querySelector('#lang').textContent") == "EN"
            await page.click("#lang")
            await page.wait("document.querySelector('#fb-save').textContent === 'Save'")
            assert await page.js("document.querySelector('#lang').textContent") == "NL"
            assert await page.js("document.querySelector('#talk-state').textContent") == "Running"
            await page.wait("document.querySelector('#cards .card p').textContent.startsWith('You are the mentor')",
                            what="cards in English")
            await page.screenshot(shots / "observer-5-english.png")

            # Switching identity goes through the code again; the mentor then sees only her card.
            await page.click("#lang")
            await page.wait("document.querySelector('#fb-save').textContent === 'Opslaan'")
            await page.click("#change")
            await page.wait("!document.querySelector('#join').hidden", what="join form again")
            assert await page.visible("#join-back")
            await page.screenshot(shots / "observer-6-rejoin.png")
            await page.type("#code", srv.code)
            await page.click("#join-form button[type=submit]")
            await page.wait("!document.querySelector('#profile').hidden", what="profile form again")
            await page.click("#groups label:nth-child(1)")
            await page.wait("document.querySelectorAll('#names label').length === 3")
            await page.click("#names label:nth-child(1)")
            await page.click("#profile-form button[type=submit]")
            await page.wait("document.querySelector('#who').textContent.startsWith('Anna')", what="Anna's view")
            await page.wait("!document.querySelector('#not-observer').hidden", what="player note")
            assert not await page.visible("#fb-form")
            await page.click("#cards-box summary")
            roles = await page.wait("[...document.querySelectorAll('#cards .card')].map(c => c.className)")
            assert roles == ["card card-mentor"]
            body = await page.js("document.body.innerText")
            assert s["texts"][s["r1"].id][1] not in body  # the parent card stays secret
            assert "alleen je eigen kaart" in body
            await page.screenshot(shots / "observer-7-mentor.png")
            assert await page.js("document.documentElement.scrollWidth <= 390")

    asyncio.run(go())
    obs = load_session(service.path).rounds[0].observations
    assert [(o.observer, o.category, o.text) for o in obs] == [(s["ids"]["Cem"], "helpful", HOSTILE)]


def test_room_display_shows_timer_never_cards(browser, served, shots):
    srv, s = served

    async def go():
        async with aiohttp.ClientSession() as http:
            page = await browser.page(http)
            await page.viewport(1280, 720, mobile=False, scale=1)
            await page.locale("nl-NL")
            await page.goto(srv.room_url)
            # Without the code the room asks for it.
            await page.wait("!document.querySelector('#join').hidden", what="room code form")
            await page.type("#code", "999999")
            await page.click("#join-form button[type=submit]")
            assert "klopt niet" in await page.wait("document.querySelector('#join-error').textContent")
            # The facilitator's own link carries the code after '#'.
            # Pasting it into the open tab changes only the hash: that must be enough.
            await page.goto(f"{srv.room_url}#{srv.code}")
            await page.wait("document.querySelector('#phase-title').textContent === 'Oefenen'", what="phase title")
            timer = await page.wait("(t => /^\\+?\\d\\d:\\d\\d$/.test(t) && t)(document.querySelector('#timer').textContent)")
            # A talk is running: the room shows its timer (5 minutes, 70 s gone), as the laptop does.
            assert "03:00" <= timer <= "03:55", timer
            assert await page.js("location.hash") == ""  # the code left the address bar
            body = await page.js("document.body.innerText")
            assert "Oefen in tweetallen" in body
            for texts in s["texts"].values():
                for text in texts:
                    assert text not in body
            assert "Notitie over een leerling" not in body and "Anna" not in body
            await page.screenshot(shots / "room-1-projector.png")
            await page.viewport(390, 844, mobile=True)
            await page.screenshot(shots / "room-2-phone.png")

    asyncio.run(go())


def test_room_display_after_afronden_says_the_meeting_ended(browser, service, clock, shots):
    """Afronden with a talk under way: the projector shows the end time, no running or paused clock."""
    clock.t = datetime.now(timezone.utc) - timedelta(seconds=70)
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")
    clock.advance(seconds=70)
    service.finish_meeting(next_talks=None, followup_date=None)
    ended = service.ended().astimezone().strftime("%H:%M")  # the browser runs in this machine's time zone
    service.close()
    srv = Served(str(service.path), ROOT)

    async def go():
        async with aiohttp.ClientSession() as http:
            page = await browser.page(http)
            await page.viewport(1280, 720, mobile=False, scale=1)
            await page.locale("nl-NL")
            await page.goto(f"{srv.room_url}#{srv.code}")
            await page.wait("document.querySelector('#timer-note').textContent === 'De bijeenkomst is afgerond'",
                            what="the ended note")
            assert await page.js("document.querySelector('#timer').textContent") == ended
            assert await page.js("document.querySelector('#paused').hidden") is True
            assert await page.js("document.querySelector('#clock-label').textContent") == ""
            await page.screenshot(shots / "room-3-ended.png")

    try:
        asyncio.run(go())
    finally:
        assert srv.stop() == 0, "serve did not stop cleanly on SIGTERM"
