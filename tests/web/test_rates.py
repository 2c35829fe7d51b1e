"""Everyone rates from a phone: the quickscan and dots on the tips, anonymous, one per phone."""

from __future__ import annotations

from facilitator.storage.sessionfile import load_session
from tests.web.test_api import CODE, client_for, run
from tests.web.test_scribes import dialogue_groups, scribe


async def enter(client):
    r = await client.post("/api/login", json={"code": CODE})
    assert r.status == 200, await r.text()


def goto(service, key):
    service.clock_event("start")
    service.clock_event("goto", phase=key)


def test_a_rerate_replaces_and_nothing_names_the_rater(service):
    async def go():
        async with client_for(service) as a, client_for(service) as b:
            # Without the code: nothing.
            assert (await a.post("/api/rate", json={"factor": 1, "rating": "+"})).status == 401
            await enter(a)
            await enter(b)
            view = await (await a.get("/api/rates")).json()
            assert [f["n"] for f in view["factors"]] == list(range(1, 11))
            assert [s["value"] for s in view["scale"]] == ["++", "+", "+-", "-", "--", "?"]
            assert view["mine"] == {}
            for rating in ("+", "--", "++"):  # changing one's mind: the last one counts, once
                r = await a.post("/api/rate", json={"factor": 1, "rating": rating})
                assert r.status == 200, await r.text()
            assert (await b.post("/api/rate", json={"factor": 1, "rating": "++"})).status == 200
            assert (await b.post("/api/rate", json={"factor": 2, "rating": "?"})).status == 200
            for bad in ({"factor": 11, "rating": "+"}, {"factor": True, "rating": "+"},
                        {"factor": 1, "rating": "+++"}, {"factor": "1", "rating": "+"}):
                r = await a.post("/api/rate", json=bad)
                assert r.status == 400
                assert (await r.json())["message"]
            assert (await (await a.get("/api/rates")).json())["mine"] == {"1": "++"}
            assert (await (await b.get("/api/rates")).json())["mine"] == {"1": "++", "2": "?"}
    run(go())
    dist = service.phone_quickscan()
    assert dist[1].counts["++"] == 2 and dist[1].raters == 2
    assert dist[2].counts["?"] == 1 and dist[3].raters == 0
    saved = load_session(service.path)
    assert len(saved.phone_ratings) == 3
    assert saved.quickscan == []  # the facilitator's team ratings stay apart
    for p in saved.participants:
        assert p.id not in {r.rater for r in saved.phone_ratings}


def test_dots_on_tips_one_set_per_phone_until_closed(service):
    s = dialogue_groups(service)
    g1 = s["groups"]["G1"].id
    t1 = service.add_note("dialoog", "Agenda vooraf", group=g1, question="d2", tip=True)
    t2 = service.add_note("dialoog", "Eerst luisteren", group=g1, question="d3", tip=True)
    plain = service.add_note("dialoog", "Geen tip", group=g1, question="d3")
    goto(service, "plenair")

    async def go():
        async with client_for(service) as a, client_for(service) as b:
            await enter(a)
            await enter(b)
            view = await (await a.get("/api/rates")).json()
            assert [(t["n"], t["text"]) for t in view["tips"]] == [(1, "Agenda vooraf"), (2, "Eerst luisteren")]
            assert view["dots"] == 3 and view["my_dots"] == [] and not view["closed"]
            assert (await a.post("/api/dots", json={"notes": [t1.id, t1.id, t2.id]})).status == 200
            assert (await a.post("/api/dots", json={"notes": [t2.id, t2.id]})).status == 200  # replaces
            assert (await b.post("/api/dots", json={"notes": [t2.id]})).status == 200
            r = await a.post("/api/dots", json={"notes": [t1.id] * 4})
            assert r.status == 400 and "3" in (await r.json())["message"]
            assert (await a.post("/api/dots", json={"notes": [plain.id]})).status == 409
            room = await (await a.get("/api/room/rates")).json()
            assert room == {"show": "dots", "dots": {"tips": [{"n": 1, "count": 0}, {"n": 2, "count": 3}],
                                                     "voters": 2, "closed": False}}
            service.set_voting(closed=True)
            r = await b.post("/api/dots", json={"notes": []})
            assert r.status == 409 and (await r.json())["error"] == "dots_closed"
            assert (await (await b.get("/api/rates")).json())["closed"] is True
    run(go())
    assert service.dot_counts() == {t1.id: 0, t2.id: 3}
    assert len(load_session(service.path).dot_votes) == 2


def test_room_shows_distributions_and_counts_never_names(service):
    s = dialogue_groups(service)
    goto(service, "evaluatie")

    async def go():
        async with client_for(service) as a, client_for(service) as b:
            await enter(a)
            assert (await (await a.get("/api/room/rates")).json()) == {"show": None}
            await enter(b)
            await a.post("/api/rate", json={"factor": 4, "rating": "+-"})
            await b.post("/api/rate", json={"factor": 4, "rating": "-"})
            room = await (await a.get("/api/room/rates")).json()
            assert room["show"] == "quickscan" and room["quickscan"]["raters"] == 2
            f4 = room["quickscan"]["factors"][3]
            assert f4["total"] == 2 and f4["counts"]["+-"] == 1 and f4["counts"]["-"] == 1
            text = str(room)
            for name, pid in s["ids"].items():
                assert name not in text and pid not in text
    run(go())


def test_scribe_follows_the_question_on_the_facilitators_screen(service):
    s = dialogue_groups(service)
    g1 = s["groups"]["G1"]
    goto(service, "dialoog")

    async def go():
        async with client_for(service) as c:
            await scribe(c, g1.id, s["ids"]["Anna"])
            assert (await (await c.get("/api/flipover")).json())["suggested"] == "d1"
            service.remember_place("dialoog", f"{g1.id}|d3")  # the facilitator moves on (Ctrl+Down)
            assert (await (await c.get("/api/flipover")).json())["suggested"] == "d3"
            service.remember_place("dialoog", f"{g1.id}|nonsense")
            assert (await (await c.get("/api/flipover")).json())["suggested"] == "d1"
    run(go())
