"""Everyone rates in a real browser: the quickscan and the dots on a phone at 390x844, the room page
at 1920x1080 with distributions and counts only (no names, no tip text), on a fixed clock."""

from __future__ import annotations

import asyncio

import aiohttp

from facilitator.storage.sessionfile import load_session
from facilitator.web import server as web_server
from tests.e2e.cdp import Browser
from tests.e2e.test_phone_and_room_pages import shots  # noqa: F401 (fixture)

SECRET_TIP = "Vraag naar thuis bij Jantje"


def test_rating_and_dots_on_a_phone_and_counts_in_the_room(service, clock, shots, tmp_path):  # noqa: F811
    ids = {p.name: p.id for p in service.session.participants}
    g = service.add_group("Groep 1", [ids["Anna"], ids["Bram"]])
    t1 = service.add_note("dialoog", "Werk met een agenda", group=g.id, question="d1", tip=True)
    t2 = service.add_note("dialoog", SECRET_TIP, group=g.id, question="d3", tip=True)
    service.clock_event("start")
    service.clock_event("goto", phase="plenair")
    path = service.path
    service.close()
    phone_b, room_b = Browser(tmp_path / "phone"), Browser(tmp_path / "room")

    async def go():
        handle = await web_server.start(path, "127.0.0.1", 0, now=clock, remember=False)
        try:
            async with aiohttp.ClientSession() as http:
                phone = await phone_b.page(http)
                await phone.viewport(390, 844, mobile=True)
                await phone.locale("nl-NL,nl;q=0.9")
                await phone.goto(handle.url + "rate")
                await phone.wait("!document.querySelector('#join').hidden", what="code form")
                await phone.type("#code", handle.code)
                await phone.click("#join-form button[type=submit]")
                await phone.wait("!document.querySelector('#rating').hidden", what="the rating page")
                await phone.wait("document.querySelectorAll('#tips li').length === 2", what="two tips")
                # Dots: two on the second tip, one on the first; then no dot is left.
                await phone.click("#tips li:nth-child(2) .plus")
                await phone.wait("document.querySelector('#tips li:nth-child(2) .mine').textContent === '1'")
                await phone.click("#tips li:nth-child(2) .plus")
                await phone.wait("document.querySelector('#tips li:nth-child(2) .mine').textContent === '2'")
                await phone.click("#tips li:nth-child(1) .plus")
                await phone.wait("document.querySelector('#dots-left').textContent.startsWith('Nog 0 van 3')")
                assert await phone.js("document.querySelector('#tips li:nth-child(1) .plus').disabled")
                # The quickscan: factor 1 rated, then changed (the last answer counts, once).
                await phone.click("#factor-1 label:nth-child(2)")
                await phone.wait("document.querySelector('#qs-count').textContent === '1 van de 10 ingevuld'")
                await phone.click("#factor-1 label:nth-child(1)")
                await phone.wait("document.querySelector('#qs-status').textContent.endsWith('1: ++')")
                await phone.click("#factor-3 label:nth-child(6)")
                await phone.wait("document.querySelector('#qs-count').textContent === '2 van de 10 ingevuld'")
                # Every control is labelled and finger-sized.
                small = await phone.js(
                    "[...document.querySelectorAll('#rating button, #rating .scale label')]"
                    ".filter(e => e.getBoundingClientRect().height < 44 || e.getBoundingClientRect().width < 44).length")
                assert small == 0
                unlabelled = await phone.js(
                    "[...document.querySelectorAll('#rating input, #rating button')]"
                    ".filter(e => !(e.getAttribute('aria-label') || e.textContent.trim())).length")
                assert unlabelled == 0
                await phone.js("window.scrollTo(0, 0)")
                await phone.screenshot(shots / "rate-390x844.png")

                room = await room_b.page(http)
                await room.viewport(1920, 1080, mobile=False, scale=1)
                await room.locale("nl-NL,nl;q=0.9")
                await room.goto(f"{handle.room_url}#{handle.code}")
                await room.wait("document.querySelectorAll('#room-rates .rd-row').length === 2", what="dot counts")
                rows = await room.js("[...document.querySelectorAll('#room-rates .rd-row')].map(r => r.innerText)")
                assert "1 stip" in rows[0].replace("\n", " ") and "2 stippen" in rows[1].replace("\n", " ")
                text = await room.js("document.body.innerText")
                assert SECRET_TIP not in text and "Anna" not in text and "Bram" not in text
                assert await room.wait("document.documentElement.scrollHeight <= window.innerHeight + 1")
                await room.screenshot(shots / "room-dots-1920x1080.png")

                # After the plenary, the room sees the phones' quickscan as distributions.
                await handle.state.call(lambda: handle.state.service.clock_event("goto", phase="evaluatie"))
                await room.wait("document.querySelectorAll('#room-rates .rr-row').length === 10",
                                what="ten factors", timeout=15)
                total = await room.js("document.querySelector('#room-rates .rr-row[data-factor=\"1\"] .rr-total').textContent")
                assert total == "1"
                assert await room.wait("document.documentElement.scrollHeight <= window.innerHeight + 1")
                text = await room.js("document.body.innerText")
                assert "Anna" not in text and SECRET_TIP not in text
                await room.screenshot(shots / "room-quickscan-1920x1080.png")
        finally:
            await handle.stop()

    try:
        asyncio.run(go())
    finally:
        phone_b.close()
        room_b.close()
    saved = load_session(path)
    assert sorted((r.factor, r.rating) for r in saved.phone_ratings) == [(1, "++"), (3, "?")]
    assert [sorted(v.notes) for v in saved.dot_votes] == [sorted([t1.id, t2.id, t2.id])]
    assert saved.quickscan == []


def test_the_rating_page_and_the_rooms_counts_speak_the_phones_language(service, clock, shots, tmp_path):  # noqa: F811
    """/rate once kept its own word table and did not load the catalog: an English phone read the code form
    in Dutch. Now every word is the catalog's, and a count takes its plural form (1 dot, 2 dots)."""
    from facilitator.core.catalog import plural, t

    ids = {p.name: p.id for p in service.session.participants}
    g = service.add_group("Groep 1", [ids["Anna"], ids["Bram"]])
    service.add_note("dialoog", "Werk met een agenda", group=g.id, question="d1", tip=True)
    service.add_note("dialoog", "Vraag eerst naar thuis", group=g.id, question="d3", tip=True)
    service.clock_event("start")
    service.clock_event("goto", phase="plenair")
    path = service.path
    service.close()
    browsers = {lang: Browser(tmp_path / f"phone-{lang}") for lang in ("nl", "en")}
    room_b = Browser(tmp_path / "room")

    async def go():
        handle = await web_server.start(path, "127.0.0.1", 0, now=clock, remember=False)
        try:
            async with aiohttp.ClientSession() as http:
                for lang, accept in (("en", "en-GB,en;q=0.9"), ("nl", "nl-NL,nl;q=0.9")):
                    phone = await browsers[lang].page(http)
                    await phone.viewport(390, 844, mobile=True)
                    await phone.locale(accept)
                    await phone.goto(handle.url + "rate")
                    await phone.wait("!document.querySelector('#join').hidden", what="code form")
                    form = await phone.js("document.querySelector('#join').innerText")
                    assert t("web.join_intro", lang) in form and t("web.next", lang) in form
                    assert await phone.js("document.title") == t("web.rate_title", lang)
                    await phone.screenshot(shots / f"rate-join-{lang}-390x844.png")
                    await phone.type("#code", handle.code)
                    await phone.click("#join-form button[type=submit]")
                    await phone.wait("document.querySelectorAll('#tips li').length === 2", what="two tips")
                    if lang == "en":  # one dot on tip 1, two on tip 2
                        for nth, mine in ((1, "1"), (2, "1"), (2, "2")):
                            await phone.click(f"#tips li:nth-child({nth}) .plus")
                            await phone.wait(f"document.querySelector('#tips li:nth-child({nth}) .mine').textContent"
                                             f" === '{mine}'")
                    left = await phone.js("document.querySelector('#dots-left').textContent")
                    assert left == t("web.dots_left", lang, n=0 if lang == "en" else 3, max=3)
                    page = await phone.js("document.body.innerText")
                    assert t("web.rate_intro", lang) in page and t("web.qs_title", lang) in page
                    await phone.js("window.scrollTo(0, 0)")
                    await phone.screenshot(shots / f"rate-{lang}-390x844.png")

                room = await room_b.page(http)
                await room.viewport(1920, 1080, mobile=False, scale=1)
                await room.locale("en-GB,en;q=0.9")
                await room.goto(f"{handle.room_url}#{handle.code}")
                await room.wait("document.querySelectorAll('#room-rates .rd-row').length === 2", what="dot counts")
                rows = [r.replace("\n", " ") for r in
                        await room.js("[...document.querySelectorAll('#room-rates .rd-row')].map(r => r.innerText)")]
                assert plural("web.room_dots_count", "en", 1) == "1 dot"
                assert "1 dot" in rows[0] and "2 dots" in rows[1]
                text = await room.js("document.querySelector('#room-rates').innerText")
                assert plural("web.room_dots_voters", "en", 1) in text  # "1 phone voted", not "1 phones"
        finally:
            await handle.stop()

    try:
        asyncio.run(go())
    finally:
        for b in browsers.values():
            b.close()
        room_b.close()
