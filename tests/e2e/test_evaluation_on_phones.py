"""The evaluation helper questions on a player's phone, and the talk's focus on an observer's (Chromium, 390x844)."""

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


async def join_as(page, srv, group_nth: int, name_nth: int) -> None:
    await page.viewport(390, 844, mobile=True)
    await page.locale("nl-NL,nl;q=0.9")
    await page.goto(srv.url)
    joined = await page.wait("(!document.querySelector('#join').hidden && 'join') || "
                             "(!document.querySelector('#watch').hidden && 'watch')", what="join form")
    if joined == "watch":  # one browser, one cookie: this phone is someone else now (the code again)
        await page.click("#change")
        await page.wait("!document.querySelector('#join').hidden", what="join form")
    await page.type("#code", srv.code)
    await page.click("#join-form button[type=submit]")
    await page.wait("!document.querySelector('#profile').hidden", what="profile form")
    await page.click(f"#groups label:nth-child({group_nth})")
    await page.wait("document.querySelectorAll('#names label').length === 3")
    await page.click(f"#names label:nth-child({name_nth})")
    await page.click("#profile-form button[type=submit]")
    await page.wait("!document.querySelector('#watch').hidden", what="the talk page")


def test_a_parent_after_talk_1_answers_a_helper_question(browser, service, clock, shots):
    clock.t = datetime.now(timezone.utc) - timedelta(minutes=6)
    s = practice_session(service)
    start_talk(service, s["r1"].id)  # group 1: Anna mentor, Bram parent, Cem observes
    clock.advance(minutes=5)
    service.update_round(s["r1"].id, ended=service.now())
    start_talk(service, s["r2"].id)  # group 2's talk runs: Femke observes it
    service.close()
    srv = Served(str(service.path), ROOT)
    srv.drain()
    try:
        async def go():
            async with aiohttp.ClientSession() as http:
                # The observer of group 2's running talk sees what to look for.
                obs = await browser.page(http)
                await join_as(obs, srv, 2, 3)  # Femke
                theme = await obs.wait("!document.querySelector('#focus').hidden && "
                                       "document.querySelector('#focus-theme').textContent", what="focus")
                assert "Samen werken aan resultaten of gedrag" in theme
                assert await obs.visible("#fb-form") and not await obs.visible("#eval")
                await obs.screenshot(shots / "eval-1-observer-focus.png")

                # Bram played the parent in talk 1, which ended: the four parent questions, no feedback form.
                page = await browser.page(http)
                await join_as(page, srv, 1, 2)  # Bram
                await page.wait("!document.querySelector('#eval').hidden", what="evaluation questions")
                questions = await page.js("[...document.querySelectorAll('#eval .question-text')].map(p => p.textContent)")
                assert len(questions) == 4 and questions[0].startswith("1. Wanneer had je het gevoel")
                assert "gesprek 1" in await page.js("document.querySelector('#eval h3').textContent")
                assert not await page.visible("#fb-form") and not await page.visible("#focus")
                await page.type("#eq-parent-2", "De vraag wat mijn kind thuis nodig heeft hielp")
                await page.screenshot(shots / "eval-2-parent-typing.png")
                await page.click("#eval form[data-q=ep3] button[type=submit]")
                await page.wait("(document.querySelector('#eval form[data-q=ep3] .status') || {}).textContent === "
                                "'Opgeslagen bij de begeleider.'", what="saved")
                shown = await page.wait("[...document.querySelectorAll('#eval form[data-q=ep3] .eval-answers li')]"
                                        ".map(l => l.textContent).join('|') || null", what="answer listed")
                assert "De vraag wat mijn kind thuis nodig heeft hielp" in shown
                assert await page.js("document.querySelector('#eq-parent-2').value") == ""
                await page.screenshot(shots / "eval-3-parent-saved.png", full=True)
        asyncio.run(go())
    finally:
        assert srv.stop() == 0
    stored = load_session(service.path).evaluation
    assert [(a.question, a.role, a.text, a.author) for a in stored] == [
        ("ep3", "parent", "De vraag wat mijn kind thuis nodig heeft hielp", s["ids"]["Bram"])]
    assert stored[0].key
