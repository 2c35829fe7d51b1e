"""Issue 14: notes filed under the talk named, once; cards when drawn; own entries editable; restarts."""

from __future__ import annotations

import asyncio
import os
import stat

import aiohttp

from facilitator.storage import phones
from facilitator.storage.sessionfile import load_session
from facilitator.web import server as web_server
from tests.web.fixtures import practice_session, start_talk
from tests.web.test_api import CODE, client_for, join, run


def talk2(service, s):
    """Talk 2 of group 1, drawn: Cem mentors, Anna plays the parent, Bram observes."""
    ids = s["ids"]
    return service.draw_round(s["g1"].id, 2, 1, mentor=ids["Cem"], parent=ids["Anna"], observers=[ids["Bram"]])


def all_obs(service):
    return [(r.talk, o.text) for r in load_session(service.path).rounds for o in r.observations]


def test_a_player_cannot_file_a_note_under_a_later_talk(service):
    s = practice_session(service)
    r2 = talk2(service, s)
    start_talk(service, s["r1"].id)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Bram"])  # parent in talk 1, observer of talk 2
            view = await (await c.get("/api/talk")).json()
            assert view["current"]["talk"] == 1 and view["current"]["role"] == "parent"
            assert [t["open"] for t in view["talks"]] == [False, False]  # nothing to note on now
            for rnd in (s["r1"].id, r2.id):
                r = await c.post("/api/feedback", json={"round": rnd, "category": "free", "text": "x", "key": rnd})
                assert r.status in (403, 409)
            assert (await r.json())["error"] == "talk_not_yet"
    run(go())
    assert all_obs(service) == []


def test_cards_reach_the_phones_when_drawn_not_when_started(service):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.update_round(s["r1"].id, ended=service.now())

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            assert (await (await c.get("/api/talk")).json())["current"]["talk"] == 1  # the feedback slot
            talk2(service, s)  # drawn, not started
            cur = (await (await c.get("/api/talk")).json())["current"]
            assert cur["talk"] == 2 and cur["role"] == "mentor" and cur["state"] == "waiting"
            assert [c["role"] for c in cur["cards"]] == ["mentor"]
    run(go())


def test_one_key_is_one_entry_from_two_tabs_two_phones_and_after_a_restart(service):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    entry = {"round": s["r1"].id, "category": "helpful", "text": "Goede open vraag", "key": "k-123"}

    async def go():
        async with client_for(service) as a, client_for(service) as b:
            await join(a, s["g1"].id, s["ids"]["Cem"])
            await join(b, s["g1"].id, s["ids"]["Cem"])  # the QR code scanned twice
            first, second = await asyncio.gather(a.post("/api/feedback", json=entry),
                                                 b.post("/api/feedback", json=entry))
            assert sorted([first.status, second.status]) == [200, 201]
        async with client_for(service) as c:  # a new server (restart): the key is in the session
            await join(c, s["g1"].id, s["ids"]["Cem"])
            r = await c.post("/api/feedback", json=entry)
            assert r.status == 200
    run(go())
    assert all_obs(service) == [(1, "Goede open vraag")]


def test_own_entries_edit_and_delete_until_the_evaluation(service):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")

    async def go():
        async with client_for(service) as c, client_for(service) as other:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            await join(other, s["g1"].id, s["ids"]["Anna"])
            made = []
            for text in ("eerste", "tweede"):
                r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": text,
                                                         "key": text})
                made.append((await r.json())["observation"])
            edit = {"round": s["r1"].id, "id": made[0]["id"], "category": "helpful", "text": "eerste, beter"}
            r = await other.post("/api/feedback/edit", json=edit)  # not Anna's entry
            assert r.status == 403 and "Cem" not in await r.text()
            r = await c.post("/api/feedback/edit", json=edit)
            assert r.status == 200 and (await r.json())["observation"]["category"] == "helpful"
            r = await c.post("/api/feedback/delete", json={"round": s["r1"].id, "id": made[1]["id"]})
            assert r.status == 200
            mine = (await (await c.get("/api/talk")).json())["mine"]
            assert [(m["text"], m["category"]) for m in mine] == [("eerste, beter", "helpful")]
            service.clock_event("goto", phase="evaluatie")
            assert (await (await c.get("/api/talk")).json())["editable"] is False
            r = await c.post("/api/feedback/delete", json={"round": s["r1"].id, "id": made[0]["id"]})
            assert r.status == 409 and (await r.json())["error"] == "evaluation_started"
    run(go())
    obs = load_session(service.path).rounds[0].observations
    assert [(o.text, o.category) for o in obs] == [("eerste, beter", "helpful")]
    assert obs[0].edited is not None and obs[0].key == "eerste"


def test_a_restart_keeps_the_code_and_every_phone(service):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        first = await web_server.start(service, "127.0.0.1", 0)
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            base = f"http://127.0.0.1:{first.port}"
            assert (await http.post(base + "/api/login", json={"code": first.code})).status == 200
            r = await http.post(base + "/api/profile", json={"group": s["g1"].id, "participant": s["ids"]["Cem"]})
            assert r.status == 200
            await first.stop()
            path = phones.path_for(service.path)
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            second = await web_server.start(service, "127.0.0.1", first.port)
            assert second.code == first.code
            me = await (await http.get(base + "/api/talk")).json()  # no code entered again
            assert me["me"]["name"] == "Cem"
            await second.stop()
            third = await web_server.start(service, "127.0.0.1", first.port, fresh_code=True)
            try:
                assert third.code != first.code or len(third.state.tokens) == 0
                assert (await http.get(base + "/api/talk")).status == 401
            finally:
                await third.stop()
    run(go())


def test_the_room_shows_the_talk_clock_during_a_talk(service, clock):
    s = practice_session(service)
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")

    async def go():
        async with client_for(service) as c:
            await c.post("/api/login", json={"code": CODE, "room": True})
            room = await (await c.get("/api/room")).json()
            assert room["talk"]["state"] == "ready" and room["talk"]["number"] == 1
            start_talk(service, s["r1"].id)
            service.update_round(s["r2"].id, started=service.now())
            clock.advance(seconds=65)
            room = await (await c.get("/api/room")).json()
            assert room["talk"]["state"] == "running"
            assert room["talk"]["remaining"] == room["talk"]["planned"] - 65
    run(go())


def test_two_servers_on_one_session_keep_one_entry_per_key(service, library):
    """The same key through two processes' services (the app's server and `facilitator serve`):
    the journal keeps one entry, whichever wrote first, and both answer with that one."""
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    other = library.open(str(service.path))  # a second owner of the same file, as a second process is
    try:
        first, added_first = service.record_observation(s["r1"].id, s["ids"]["Cem"], "helpful", "Goed", 10, "k-9")
        second, added_second = other.record_observation(s["r1"].id, s["ids"]["Cem"], "helpful", "Goed", 12, "k-9")
    finally:
        other.close()
    assert added_first and not added_second and second.id == first.id
    stored = [o for r in load_session(service.path).rounds for o in r.observations]
    assert [(o.key, o.text) for o in stored] == [("k-9", "Goed")]
