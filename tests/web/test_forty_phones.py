"""Forty phones (ten groups of four) scribing and posting feedback together on 127.0.0.1.

Bounded in count (40 phones x 4 entries) and in time (a deadline, not a timing assert):
nothing lost, each entry on disk exactly once, every note under its own group,
every feedback entry under its own group's talk. Resends with the same key do not add.
"""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp.test_utils import TestServer

from facilitator.core.model import PracticeGroup, new_id
from facilitator.storage.sessionfile import load_session
from facilitator.web.app import create_app
from facilitator.web.state import WebState

CODE = "424242"
GROUPS, POSTS = 10, 4


def room(service) -> list[dict]:
    for i in range(4 * GROUPS):
        service.add_participant(f"Deelnemer {i}")
    ids = [p.id for p in service.session.participants][-4 * GROUPS:]
    phones = []
    for g in range(GROUPS):
        four = ids[4 * g: 4 * g + 4]
        dgroup = service.add_group(f"Groep {g + 1}", four)
        pgroup = PracticeGroup(id=new_id("pg"), name=f"Oefengroep {g + 1}", members=four)
        service.add_practice_group(pgroup)
        rnd = service.draw_round(pgroup.id, 1, 1, mentor=four[0], parent=four[1], observers=four[2:])
        service.update_round(rnd.id, started=service.now())
        phones += [{"role": "scribe", "group": dgroup.id, "participant": p} for p in four[:2]]
        phones += [{"role": "practice", "group": pgroup.id, "participant": p, "round": rnd.id} for p in four[2:]]
    return phones


async def one_phone(server: TestServer, n: int, plan: dict) -> None:
    async with aiohttp.ClientSession(base_url=str(server.make_url("/")),
                                     cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        assert (await http.post("/api/login", json={"code": CODE})).status == 200
        r = await http.post("/api/profile", json={k: plan[k] for k in ("role", "group", "participant")})
        assert r.status == 200, await r.text()
        for i in range(POSTS):
            if plan["role"] == "scribe":
                path, body = "/api/note", {"question": "d1", "key": f"{n}-{i}", "text": f"{plan['group']} {n}-{i}"}
            else:
                path, body = "/api/feedback", {"round": plan["round"], "category": "free", "key": f"{n}-{i}",
                                               "text": f"{plan['round']} {n}-{i}"}
            r = await http.post(path, json=body)
            assert r.status == 201, await r.text()
        # The last entry sent again (a lost answer, a second tab): saved once.
        r = await http.post(path, json=body)
        assert r.status == 200


def test_forty_phones_scribing_and_giving_feedback_lose_nothing(service):
    phones = room(service)

    async def go():
        state = WebState(service=service, code=CODE, auto_refresh=False)
        async with TestServer(create_app(state)) as server:
            async with asyncio.timeout(120):  # bounded: a hang fails, it never waits forever
                await asyncio.gather(*(one_phone(server, n, p) for n, p in enumerate(phones)))

    asyncio.run(go())
    session = load_session(service.path)
    notes = [n for n in session.notes if n.phase == "dialoog"]
    feedback = [(r.id, o.text) for r in session.rounds for o in r.observations]
    scribes = [p for p in phones if p["role"] == "scribe"]
    assert len(notes) == len({n.text for n in notes}) == len(scribes) * POSTS
    assert all(n.text.split()[0] == n.group and n.question == "d1" for n in notes)
    assert len(feedback) == len(set(feedback)) == (len(phones) - len(scribes)) * POSTS
    assert all(text.split()[0] == rnd for rnd, text in feedback)
