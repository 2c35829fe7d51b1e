"""The evaluation helper questions on the players' phones, and the talk's focus on the observer's."""

from __future__ import annotations

import json

from facilitator.storage.sessionfile import load_session
from tests.web.fixtures import practice_session, start_talk
from tests.web.test_api import client_for, join, run


def end_talk(service, round_id):
    service.update_round(round_id, ended=service.now())


def test_a_player_who_has_not_played_yet_sees_no_questions(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Bram"])  # the parent of talk 1, still under way
            view = await (await c.get("/api/talk")).json()
            assert view["evaluation"] is None
            r = await c.post("/api/answer", json={"question": "ep1", "role": "parent", "text": "x", "key": "k1"})
            assert r.status == 403 and (await r.json())["error"] == "not_played"
    run(go())
    assert load_session(service.path).evaluation == []


def test_after_the_talk_the_parent_answers_once_per_key_under_the_right_question(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    clock.advance(minutes=5)
    end_talk(service, s["r1"].id)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Bram"])
            view = await (await c.get("/api/talk")).json()
            ev = view["evaluation"]
            assert [r["role"] for r in ev["roles"]] == ["parent"]  # never the mentor's six
            assert ev["roles"][0]["talks"] == [1]
            assert [q["id"] for q in ev["roles"][0]["questions"]] == ["ep1", "ep2", "ep3", "ep4"]
            assert ev["roles"][0]["questions"][0]["text"].startswith("Wanneer had je het gevoel")
            body = {"question": "ep3", "role": "parent", "text": "De vraag over huiswerk hielp", "key": "k-1"}
            r1 = await c.post("/api/answer", json=body)
            assert r1.status == 201, await r1.text()
            r2 = await c.post("/api/answer", json=body)  # a second tab, a lost answer
            assert r2.status == 200
            assert (await r1.json())["answer"]["id"] == (await r2.json())["answer"]["id"]
            # A mentor's question or an unknown one is refused for the parent.
            r = await c.post("/api/answer", json={"question": "em1", "role": "mentor", "text": "x", "key": "k-2"})
            assert r.status == 403
            r = await c.post("/api/answer", json={"question": "em1", "role": "parent", "text": "x", "key": "k-3"})
            assert r.status == 400 and (await r.json())["error"] == "eval_question_unknown"
            r = await c.post("/api/answer", json={"question": "ep1", "role": "parent", "text": "  ", "key": "k-4"})
            assert r.status == 400 and (await r.json())["error"] == "answer_missing"
            view = await (await c.get("/api/talk")).json()
            q3 = view["evaluation"]["roles"][0]["questions"][2]
            assert [a["text"] for a in q3["answers"]] == ["De vraag over huiswerk hielp"]
    run(go())
    stored = load_session(service.path).evaluation
    assert [(a.question, a.role, a.text, a.author, a.key) for a in stored] == [
        ("ep3", "parent", "De vraag over huiswerk hielp", s["ids"]["Bram"], "k-1")]


def test_in_the_evaluation_phase_the_mentor_sees_the_six_questions(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)  # never stopped by the facilitator
    service.clock_event("start")
    service.clock_event("goto", phase="evaluatie")

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Anna"])
            ev = (await (await c.get("/api/talk")).json())["evaluation"]
            assert ev["now"] is True
            assert [r["role"] for r in ev["roles"]] == ["mentor"]
            assert len(ev["roles"][0]["questions"]) == 6
            r = await c.post("/api/answer", json={"question": "em6", "role": "mentor",
                                                  "text": "Beginnen met een agenda", "key": "m-1"})
            assert r.status == 201
    run(go())
    assert [(a.question, a.role) for a in load_session(service.path).evaluation] == [("em6", "mentor")]


def test_the_store_keeps_one_answer_per_key_and_author(service):
    a = service.add_answer("em1", "mentor", "een", author="p1", key="same")
    b = service.add_answer("em1", "mentor", "twee", author="p1", key="same")
    assert a.id == b.id
    other = service.add_answer("em1", "mentor", "drie", author="p2", key="same")  # a key is per author
    assert other.id != a.id
    # The model itself refuses a second entry with that key (another process wrote it first).
    from facilitator.core import ops
    from facilitator.core.model import EvaluationAnswer
    dup = EvaluationAnswer(id="e-x", question="em1", role="mentor", text="vier", author="p1",
                           created=a.created, key="same")
    assert ops.apply(service.session, {"op": "add", "coll": "evaluation", "item": dup.model_dump(mode="json")}) is False
    assert len(load_session(service.path).evaluation) == 2


def test_the_observer_sees_the_talks_focus_and_players_do_not(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            view = await (await c.get("/api/talk")).json()
            focus = view["current"]["focus"]
            assert focus == {"theme": "De thuissituatie leren kennen", "goal": "Zicht op de thuissituatie"}
            assert view["evaluation"] is None  # observers keep their feedback form
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Bram"])
            view = await (await c.get("/api/talk")).json()
            assert view["current"]["focus"] is None
            assert "Zicht op de thuissituatie" not in json.dumps(view, ensure_ascii=False)
    run(go())
