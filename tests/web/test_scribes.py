"""Group scribes: a dialogue group's flip-over typed on phones, each note its own entry, saved once."""

from __future__ import annotations

import asyncio

import aiohttp
from aiohttp.test_utils import TestClient

from facilitator.storage.sessionfile import load_session
from tests.web.test_api import CODE, client_for, run


def dialogue_groups(service) -> dict:
    """Three dialogue groups of two, from six participants."""
    for name in ["Anna", "Bram", "Cem", "Dewi", "Eva", "Femke"][len(service.session.participants):]:
        service.add_participant(name)
    ids = {p.name: p.id for p in service.session.participants}
    groups = {}
    for i, pair in enumerate([("Anna", "Bram"), ("Cem", "Dewi"), ("Eva", "Femke")], 1):
        groups[f"G{i}"] = service.add_group(f"Groep {i}", [ids[n] for n in pair])
    return {"ids": ids, "groups": groups}


async def scribe(client, group, participant):
    r = await client.post("/api/login", json={"code": CODE})
    assert r.status == 200, await r.text()
    offered = {g["id"]: [m["id"] for m in g["members"]] for g in (await r.json())["dialogue_groups"]}
    assert participant in offered[group]
    r = await client.post("/api/profile", json={"role": "scribe", "group": group, "participant": participant})
    assert r.status == 200, await r.text()
    assert (await r.json())["me"]["role"] == "scribe"


def test_scribe_sees_the_questions_and_saves_under_its_group(service):
    s = dialogue_groups(service)
    g1 = s["groups"]["G1"]

    async def go():
        async with client_for(service) as c:
            await scribe(c, g1.id, s["ids"]["Anna"])
            view = await (await c.get("/api/flipover")).json()
            assert view["group"]["name"] == "Groep 1"
            assert [q["id"] for q in view["questions"]] == ["d1", "d2", "d3", "d4", "d5"]
            assert view["notes"] == []
            r = await c.post("/api/note", json={"question": "d2", "text": "Agenda vooraf sturen", "key": "k1"})
            assert r.status == 201, await r.text()
            # The same key again (a second tab, the offline queue): the same note, not a second one.
            r = await c.post("/api/note", json={"question": "d2", "text": "Agenda vooraf sturen", "key": "k1"})
            assert r.status == 200
            view = await (await c.get("/api/flipover")).json()
            assert [(n["question"], n["text"], n["mine"]) for n in view["notes"]] == [
                ("d2", "Agenda vooraf sturen", True)]
            # A scribe has no talk, and no feedback form.
            assert (await c.get("/api/talk")).status == 403
    run(go())
    notes = load_session(service.path).notes
    assert [(n.phase, n.group, n.question, n.text, n.author) for n in notes] == [
        ("dialoog", g1.id, "d2", "Agenda vooraf sturen", s["ids"]["Anna"])]


def test_two_scribes_of_one_group_never_overwrite_each_other(service):
    s = dialogue_groups(service)
    g1 = s["groups"]["G1"]

    async def go():
        async with client_for(service) as a:
            # A second phone on the same server: its own cookies.
            b = TestClient(a.server, cookie_jar=aiohttp.CookieJar(unsafe=True))
            await b.start_server()
            await scribe(a, g1.id, s["ids"]["Anna"])
            await scribe(b, g1.id, s["ids"]["Bram"])
            # The same key from two different scribes is two notes: a key is per author.
            results = await asyncio.gather(*[
                c.post("/api/note", json={"question": "d1", "text": f"{who} {i}", "key": f"k{i}"})
                for i in range(5) for c, who in ((a, "Anna"), (b, "Bram"))])
            assert sorted(r.status for r in results) == [201] * 10
            view = await (await b.get("/api/flipover")).json()
            assert len(view["notes"]) == 10
            assert {n["text"] for n in view["notes"] if n["mine"]} == {f"Bram {i}" for i in range(5)}
            await b.close()
    run(go())
    texts = sorted(n.text for n in load_session(service.path).notes if n.group == g1.id)
    assert texts == sorted([f"Anna {i}" for i in range(5)] + [f"Bram {i}" for i in range(5)])


def test_scribes_are_refused_elsewhere(service):
    s = dialogue_groups(service)
    g1, g2 = s["groups"]["G1"], s["groups"]["G2"]

    async def go():
        async with client_for(service) as c:
            r = await c.post("/api/login", json={"code": CODE})
            # Not in that group's roster: refused.
            r = await c.post("/api/profile", json={"role": "scribe", "group": g2.id,
                                                   "participant": s["ids"]["Anna"]})
            assert r.status == 400 and (await r.json())["error"] == "participant_unknown"
            r = await c.post("/api/profile", json={"role": "boss", "group": g1.id, "participant": s["ids"]["Anna"]})
            assert r.status == 400
            await scribe(c, g1.id, s["ids"]["Anna"])
            # A question that is not a dialogue question, empty text, too long: refused, nothing saved.
            for body, status, err in (
                ({"question": "p1", "text": "x"}, 400, "question_unknown"),
                ({"question": "d1", "text": "  "}, 400, "note_missing"),
                ({"question": "d1", "text": "x" * 2001}, 413, "note_long"),
            ):
                r = await c.post("/api/note", json=body, headers={"Accept-Language": "en"})
                assert r.status == status and (await r.json())["error"] == err
                assert (await r.json())["message"] and "Traceback" not in await r.text()
            # Feedback on a talk is not a scribe's.
            r = await c.post("/api/feedback", json={"round": "r-x", "category": "free", "text": "x"})
            assert r.status == 403
    run(go())
    assert load_session(service.path).notes == []


def test_an_observer_cannot_write_a_flipover(service):
    from tests.web.fixtures import practice_session
    from tests.web.test_api import join

    s = practice_session(service)
    dialogue_groups(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            assert (await c.get("/api/flipover")).status == 403
            r = await c.post("/api/note", json={"question": "d1", "text": "x"})
            assert r.status == 403
    run(go())
    assert load_session(service.path).notes == []


def test_scribe_identity_survives_a_restart(service):
    """The role is remembered with the token: after a restart the scribe is still a scribe."""
    from facilitator.web.auth import Tokens

    s = dialogue_groups(service)
    tokens = Tokens()
    v = tokens.issue("1.2.3.4")
    v.participant, v.group, v.name, v.role = s["ids"]["Anna"], s["groups"]["G1"].id, "Anna", "scribe"
    again = Tokens()
    again.restore(tokens.snapshot())
    assert again.get(v.token).role == "scribe"
