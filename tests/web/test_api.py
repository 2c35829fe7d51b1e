"""The web API as a phone would use it: join code, group isolation, durable feedback."""

from __future__ import annotations

import asyncio
import json
from contextlib import asynccontextmanager
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from facilitator.storage.sessionfile import load_session
from facilitator.web import server as web_server
from facilitator.web.api import MAX_FEEDBACK
from facilitator.web.app import create_app
from facilitator.web.state import WebState
from tests.web.fixtures import add_observer, practice_session, start_talk

CODE = "424242"
STATIC = Path(web_server.__file__).parent / "static"


@asynccontextmanager
async def client_for(service, **kw):
    state = WebState(service=service, code=CODE, auto_refresh=False, **kw)
    async with TestClient(TestServer(create_app(state))) as client:
        client.state = state
        yield client


async def join(client, group, participant):
    """Code, then group, then one's own name from that group's roster."""
    r = await client.post("/api/login", json={"code": CODE})
    assert r.status == 200, await r.text()
    roster = {g["id"]: g["members"] for g in (await r.json())["groups"]}
    assert participant in [m["id"] for m in roster[group]]
    r = await client.post("/api/profile", json={"group": group, "participant": participant})
    assert r.status == 200, await r.text()
    return await r.json()


def run(coro):
    return asyncio.run(coro)


def test_nothing_without_the_code(service):
    setup = practice_session(service)

    async def go():
        async with client_for(service) as c:
            for path in ("/api/me", "/api/talk", "/api/room"):
                r = await c.get(path)
                assert r.status == 401, path
                assert (await r.json())["error"] == "login_needed"
            r = await c.post("/api/feedback", json={"round": setup["r1"].id, "category": "free", "text": "x"})
            assert r.status == 401
            r = await c.post("/api/profile", json={"participant": setup["ids"]["Cem"], "group": setup["g1"].id})
            assert r.status == 401
            # The page shells carry no session data at all.
            for path in ("/", "/room"):
                html = await (await c.get(path)).text()
                assert "Groep 1" not in html and "Anna" not in html and service.session.title not in html
    run(go())
    assert not any(r.observations for r in load_session(service.path).rounds)


def test_wrong_code_refused_and_guessing_limited(service):
    practice_session(service)

    async def go():
        async with client_for(service) as c:
            r = await c.post("/api/login", json={"code": "000000"}, headers={"Accept-Language": "en"})
            assert r.status == 403
            body = await r.json()
            assert body["error"] == "code_wrong" and "not right" in body["message"]
            assert "fac_token" not in {m.key for m in c.session.cookie_jar}
            for _ in range(4):
                r = await c.post("/api/login", json={"code": "111111"})
            assert r.status == 429
            assert int(r.headers["Retry-After"]) > 0
            assert "Te veel" in (await r.json())["message"]
            # Even the right code waits now: a guesser cannot tell which try was right.
            r = await c.post("/api/login", json={"code": CODE})
            assert r.status == 429
            c.state.throttle.reset("127.0.0.1")
            r = await c.post("/api/login", json={"code": " 424 242 "})
            assert r.status == 200
    run(go())


def test_observer_sees_only_its_group(service, clock):
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            view = await (await c.get("/api/talk")).json()
            assert view["group"]["name"] == "Groep 1"
            assert view["current"]["id"] == s["r1"].id
            shown = [card["text"] for card in view["current"]["cards"]]
            assert shown == s["texts"][s["r1"].id]  # the observer sees mentor and parent card
            raw = json.dumps(view, ensure_ascii=False)
            for text in s["texts"][s["r2"].id]:
                if text not in s["texts"][s["r1"].id]:
                    assert text not in raw
            assert s["r2"].id not in raw
            # Feedback on the other group's talk is refused and nothing is written.
            r = await c.post("/api/feedback", json={"round": s["r2"].id, "category": "free", "text": "sneaky"})
            assert r.status == 403
            assert (await r.json())["error"] == "talk_unknown"
    run(go())
    assert all(not r.observations for r in load_session(service.path).rounds)


def test_a_player_sees_only_their_own_card(service):
    """The mentor never reads the parent card, nor the parent the mentor's; observers read all."""
    s = practice_session(service)
    mentor_text, parent_text = s["texts"][s["r1"].id]

    async def go():
        async with client_for(service) as anna, client_for(service) as bram, client_for(service) as cem:
            await join(anna, s["g1"].id, s["ids"]["Anna"])
            await join(bram, s["g1"].id, s["ids"]["Bram"])
            await join(cem, s["g1"].id, s["ids"]["Cem"])
            seen = {}
            for who, c in (("Anna", anna), ("Bram", bram), ("Cem", cem)):
                view = await (await c.get("/api/talk")).json()
                seen[who] = (view["current"]["role"], view["current"]["withheld"],
                             [card["role"] for card in view["current"]["cards"]],
                             json.dumps(view, ensure_ascii=False))
            assert seen["Anna"][:3] == ("mentor", "player", ["mentor"])
            assert parent_text not in seen["Anna"][3]
            assert seen["Bram"][:3] == ("parent", "player", ["parent"])
            assert mentor_text not in seen["Bram"][3]
            assert seen["Cem"][:3] == ("observer", None, ["mentor", "parent"])
    run(go())


def test_a_trio_pupil_sees_only_the_pupil_card_and_others_in_the_group_see_none(service):
    s = practice_session(service)
    extra = add_observer(service, s, "Gijs", group="g2", rnd="r2")
    service.update_round(s["r2"].id, observers=[s["ids"]["Femke"]])  # Gijs sits this talk out
    service.update_round(s["r2"].id, pupil=extra)

    async def go():
        async with client_for(service) as gijs, client_for(service) as dewi:
            await join(gijs, s["g2"].id, extra)
            view = (await (await gijs.get("/api/talk")).json())["current"]
            assert view["role"] == "pupil" and [c["role"] for c in view["cards"]] == ["pupil"]
            # Dewi (mentor) sees the mentor card only, never the parent or pupil card.
            await join(dewi, s["g2"].id, s["ids"]["Dewi"])
            view = (await (await dewi.get("/api/talk")).json())["current"]
            assert [c["role"] for c in view["cards"]] == ["mentor"]
            for text in s["texts"][s["r2"].id][1:]:
                assert text not in json.dumps(view, ensure_ascii=False)
    run(go())

    # A member of the group without a part in the current talk sees no card at all.
    service.update_round(s["r2"].id, pupil=None)

    async def outsider():
        async with client_for(service) as gijs:
            await join(gijs, s["g2"].id, extra)
            view = (await (await gijs.get("/api/talk")).json())["current"]
            assert view["role"] is None and view["cards"] == [] and view["withheld"] == "outsider"
    run(outsider())


def test_identity_comes_from_the_groups_roster_only(service):
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            r = await c.post("/api/login", json={"code": CODE})
            groups = {g["name"]: g for g in (await r.json())["groups"]}
            assert [m["name"] for m in groups["Groep 1"]["members"]] == ["Anna", "Bram", "Cem"]
            assert [m["name"] for m in groups["Groep 2"]["members"]] == ["Dewi", "Eva", "Femke"]
            # The old free-text way ("Anna B.") no longer identifies anyone.
            r = await c.post("/api/profile", json={"name": "Anna B.", "group": s["g1"].id})
            assert r.status == 400 and (await r.json())["error"] == "participant_missing"
            for pid in ("p-nobody", "Anna", s["ids"]["Femke"]):  # unknown, a name, another group's member
                r = await c.post("/api/profile", json={"group": s["g1"].id, "participant": pid},
                                 headers={"Accept-Language": "en"})
                assert r.status == 400, pid
                body = await r.json()
                assert body["error"] == "participant_unknown" and "not in this practice group" in body["message"]
            r = await c.get("/api/talk")
            assert r.status == 401 and (await r.json())["error"] == "profile_needed"
    run(go())


def test_the_facilitator_may_appear_in_a_roster(service):
    s = practice_session(service)
    service.update_practice_group(s["g1"].id, members=[*s["g1"].members, "facilitator"])
    service.set_details(facilitator="Marieke")

    async def go():
        async with client_for(service) as c:
            r = await c.post("/api/login", json={"code": CODE})
            g1 = next(g for g in (await r.json())["groups"] if g["id"] == s["g1"].id)
            assert g1["members"][-1] == {"id": "facilitator", "name": "Marieke"}
            me = await join(c, s["g1"].id, "facilitator")
            assert me["me"]["name"] == "Marieke"
            view = (await (await c.get("/api/talk")).json())["current"]
            assert view["cards"] == []  # no part in this talk
    run(go())


def test_no_switching_group_or_name_on_the_same_token(service):
    """The mentor cannot hop to another group (or become its observer) without the code, and
    entering the code again ends the old token: one identity per token."""
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Anna"])
            old = c.session.cookie_jar.filter_cookies(c.make_url("/"))["fac_token"].value
            for body in ({"group": s["g2"].id, "participant": s["ids"]["Femke"]},
                         {"group": s["g1"].id, "participant": s["ids"]["Cem"]}):
                r = await c.post("/api/profile", json=body)
                assert r.status == 409
                data = await r.json()
                assert data["error"] == "already_joined" and "Anna" in data["message"]
            view = await (await c.get("/api/talk")).json()
            assert view["me"]["participant"] == s["ids"]["Anna"] and view["group"]["id"] == s["g1"].id
            assert s["texts"][s["r1"].id][1] not in json.dumps(view, ensure_ascii=False)
            # Joining again gives a fresh token; the old one is dead from then on.
            await join(c, s["g2"].id, s["ids"]["Femke"])
            assert c.state.tokens.get(old) is None
            c.session.cookie_jar.clear()
            c.session.cookie_jar.update_cookies({"fac_token": old})
            r = await c.get("/api/talk")
            assert r.status == 401 and (await r.json())["error"] == "login_needed"
    run(go())


def test_moved_out_of_the_group_means_joining_again(service):
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            service.update_practice_group(s["g1"].id, members=[s["ids"]["Anna"], s["ids"]["Bram"]])
            r = await c.get("/api/talk")
            assert r.status == 409 and (await r.json())["error"] == "roster_changed"
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "x"})
            assert r.status == 409
    run(go())


def test_feedback_identity_comes_from_the_token_and_only_observers_post(service):
    s = practice_session(service)

    async def go():
        async with client_for(service) as cem, client_for(service) as anna:
            await join(cem, s["g1"].id, s["ids"]["Cem"])
            r = await cem.post("/api/feedback", json={
                "round": s["r1"].id, "category": "free", "text": "echt van Cem",
                "observer": "Femke", "name": "Femke", "participant": s["ids"]["Femke"]})
            assert r.status == 201
            # The mentor may not post feedback on her own talk, whatever name she claims.
            await join(anna, s["g1"].id, s["ids"]["Anna"])
            for lang, words in (("nl", "geen observator"), ("en", "not an observer")):
                r = await anna.post("/api/feedback", json={
                    "round": s["r1"].id, "category": "free", "text": "ik ben Femke", "observer": "Femke"},
                    headers={"Accept-Language": lang})
                assert r.status == 403
                body = await r.json()
                assert body["error"] == "not_observer" and words in body["message"]
            assert (await (await anna.get("/api/talk")).json())["talks"][0]["observing"] is False
            assert (await (await cem.get("/api/talk")).json())["talks"][0]["observing"] is True
    run(go())
    obs = load_session(service.path).rounds[0].observations
    assert [(o.observer, o.text) for o in obs] == [(s["ids"]["Cem"], "echt van Cem")]
    assert all(not o.observations for o in load_session(service.path).rounds[1:])


def test_feedback_lands_in_the_session_file_with_its_stamp(service, clock):
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    clock.advance(seconds=75)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            r = await c.post("/api/feedback", json={
                "round": s["r1"].id, "category": "helpful", "text": "Goede open vraag over thuis", "key": "k1"})
            assert r.status == 201
            body = await r.json()
            assert body["saved"] is True and body["observation"]["offset"] == 75
            # On disk before the answer: a fresh reader sees it.
            obs = load_session(service.path).rounds[0].observations
            assert [(o.observer, o.category, o.text, o.offset) for o in obs] == [
                (s["ids"]["Cem"], "helpful", "Goede open vraag over thuis", 75)]
            # A resend of the same entry (lost answer) is not saved twice.
            r = await c.post("/api/feedback", json={
                "round": s["r1"].id, "category": "helpful", "text": "Goede open vraag over thuis", "key": "k1"})
            assert r.status == 200
            assert len(load_session(service.path).rounds[0].observations) == 1
            mine = (await (await c.get("/api/talk")).json())["mine"]
            assert [m["text"] for m in mine] == ["Goede open vraag over thuis"]
            # Stamped when typing began: 30 s of typing before saving at 01:15 gives 00:45.
            r = await c.post("/api/feedback", json={
                "round": s["r1"].id, "category": "free", "text": "lang getypt", "age": 30})
            assert (await r.json())["observation"]["offset"] == 45
            for age, offset in ((10_000, 0), (-5, 75)):  # clamped: before the talk began, or in the future
                r = await c.post("/api/feedback", json={
                    "round": s["r1"].id, "category": "free", "text": f"age {age}", "age": age})
                assert (await r.json())["observation"]["offset"] == offset
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "x", "age": "soon"})
            assert r.status == 400
    run(go())


def test_markup_is_stored_and_returned_as_text(service):
    s = practice_session(service)
    hostile = '<script>alert(1)</script> <b>vet</b> [bold red]x[/] \x1b[31mrood & "quotes"'
    odd = add_observer(service, s, "<img src=x onerror=alert(1)>")

    async def go():
        async with client_for(service) as c:
            me = await join(c, s["g1"].id, odd)
            assert me["me"]["name"] == "<img src=x onerror=alert(1)>"
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": hostile})
            assert r.status == 201
            assert (await r.json())["observation"]["text"] == hostile
            r = await c.get("/api/talk")
            assert r.content_type == "application/json"
            assert r.headers["X-Content-Type-Options"] == "nosniff"
            assert "script-src 'self'" in r.headers["Content-Security-Policy"]
            assert (await r.json())["mine"][0]["text"] == hostile
    run(go())
    obs = load_session(service.path).rounds[0].observations[0]
    assert obs.text == hostile and obs.observer == odd


def test_pages_never_put_data_into_html():
    """User text reaches the page only through textContent."""
    for path in STATIC.glob("*.js"):
        code = path.read_text()
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{path.name} uses {sink}"
        assert "textContent" in code


def test_oversize_and_bad_input_refused_clearly(service):
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "x" * (MAX_FEEDBACK + 1)})
            assert r.status == 413
            body = await r.json()
            assert body["error"] == "text_long" and str(MAX_FEEDBACK) in body["message"]
            r = await c.post("/api/feedback", data=json.dumps({"text": "y" * 100_000}),
                             headers={"Content-Type": "application/json"})
            assert r.status == 413 and (await r.json())["error"] == "too_large"
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "gossip", "text": "x"})
            assert r.status == 400 and (await r.json())["error"] == "category_unknown"
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "   "})
            assert r.status == 400 and (await r.json())["error"] == "text_missing"
            r = await c.post("/api/feedback", data="not json", headers={"Content-Type": "application/json"})
            assert r.status == 400
            r = await c.post("/api/feedback", json=["a", "list"])
            assert r.status == 400
            r = await c.post("/api/feedback", json={"round": 5, "category": "free", "text": "x"})
            assert r.status == 400
            r = await c.post("/api/feedback", data="text=x")  # a form post from elsewhere
            assert r.status == 415
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "x"},
                             headers={"Origin": "http://evil.example"})
            assert r.status == 403 and (await r.json())["error"] == "forbidden_origin"
            r = await c.get("/api/notes")
            assert r.status == 404
    run(go())
    assert all(not r.observations for r in load_session(service.path).rounds)


def test_room_shows_phase_and_timer_never_cards_or_notes(service, clock):
    s = practice_session(service)
    note = service.add_note("dialoog", "Geheime notitie over de familie Jansen")
    service.add_action_point("Actiepunt dat niet op het scherm hoort")
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")
    clock.advance(seconds=130)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "observatie-tekst-xyz"})
            r = await c.get("/api/room")
            data = await r.json()
            raw = json.dumps(data, ensure_ascii=False)
            assert data["phase"]["title"] == "Oefenen"
            assert data["remaining"] == 15 * 60 - 130 and data["running"] is True
            assert "tweetallen" in data["phase"]["goal"]
            for texts in s["texts"].values():
                for text in texts:
                    assert text not in raw
            assert note.text not in raw and "Actiepunt" not in raw and "observatie-tekst-xyz" not in raw
            assert "Anna" not in raw and "Groep 1" not in raw
    run(go())


def test_language_from_accept_language_and_toggle(service):
    practice_session(service)

    async def go():
        async with client_for(service) as c:
            html = await (await c.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})).text()
            assert '<html lang="en">' in html
            html = await (await c.get("/", headers={"Accept-Language": "de-DE"})).text()
            assert '<html lang="nl">' in html
            c.session.cookie_jar.update_cookies({"lang": "nl"})
            html = await (await c.get("/room", headers={"Accept-Language": "en"})).text()
            assert '<html lang="nl">' in html
    run(go())


def test_cli_owned_server_follows_the_facilitators_process(service, clock):
    """`serve` opens its own service; the facilitator's process draws a new talk."""
    s = practice_session(service)

    async def go():
        import aiohttp

        handle = await web_server.start(service.path, "127.0.0.1", 0, code=CODE, now=clock)
        try:
            assert handle.port > 0 and handle.url.startswith("http://127.0.0.1:")
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(base_url=handle.url, cookie_jar=jar) as http:
                assert (await http.post("/api/login", json={"code": CODE})).status == 200
                assert (await http.post("/api/profile", json={"participant": s["ids"]["Cem"], "group": s["g1"].id})).status == 200
                r2 = service.draw_round(s["g1"].id, 2, 2, mentor=s["ids"]["Bram"], parent=s["ids"]["Anna"],
                                        observers=[s["ids"]["Cem"]])
                service.update_round(r2.id, started=clock())
                view = await (await http.get("/api/talk")).json()
                assert view["current"]["id"] == r2.id and view["current"]["talk"] == 2
                r = await http.post("/api/feedback", json={"round": r2.id, "category": "free", "text": "talk two"})
                assert r.status == 201
        finally:
            await handle.stop()
        service.refresh()  # the facilitator's process sees the phone's entry
        assert [o.text for o in service.session.rounds[-1].observations] == ["talk two"]
    run(go())


def test_observers_see_only_their_own_entries(service):
    s = practice_session(service)
    add_observer(service, s, "Zoë")

    async def go():
        async with client_for(service) as a, client_for(service) as b:
            await join(a, s["g1"].id, s["ids"]["Cem"])
            await join(b, s["g1"].id, s["ids"]["Zoë"])
            assert (await a.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "van Cem"})).status == 201
            assert (await b.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "van Zoë"})).status == 201
            assert [m["text"] for m in (await (await a.get("/api/talk")).json())["mine"]] == ["van Cem"]
            assert [m["text"] for m in (await (await b.get("/api/talk")).json())["mine"]] == ["van Zoë"]
    run(go())


def test_in_the_tui_the_apps_service_is_used_and_told(service, clock):
    """start(service) writes through the caller's service and calls on_change."""
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    clock.advance(seconds=42)
    events = []

    async def go():
        import aiohttp

        handle = await web_server.start(service, "127.0.0.1", 0, code=CODE, on_change=events.append)
        assert handle.state.auto_refresh is False  # the app refreshes its own service
        try:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(base_url=handle.url, cookie_jar=jar) as http:
                await http.post("/api/login", json={"code": CODE})
                await http.post("/api/profile", json={"participant": s["ids"]["Cem"], "group": s["g1"].id})
                r = await http.post("/api/feedback", json={"round": s["r1"].id, "category": "perspective", "text": "ok"})
                assert r.status == 201
        finally:
            await handle.stop()

    run(go())
    # Already in the app's session (no refresh needed) and on disk.
    assert [(o.text, o.offset) for o in service.session.rounds[0].observations] == [("ok", 42)]
    assert [e["kind"] for e in events] == ["join", "observation"]
    assert events[0]["name"] == "Cem" and events[0]["group"] == "Groep 1" and events[0]["others"] == 0
    assert events[1]["group"] == "Groep 1" and events[1]["observer"] == "Cem"
    assert len(load_session(service.path).rounds[0].observations) == 1


def test_a_refusing_disk_never_says_saved_and_the_resend_lands_once(service, monkeypatch):
    from facilitator.core import ops as core_ops
    from facilitator.core.errors import StorageError

    s = practice_session(service)
    store = service.store
    real_commit, real_write = store.commit, store.write_pending

    def full_disk(op):
        core_ops.apply(store.session, op)  # what the store does before its write fails
        raise StorageError("disk full")

    def still_full(op):
        raise StorageError("disk full")

    entry = {"round": s["r1"].id, "category": "free", "text": "bewaar mij", "key": "same"}

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            monkeypatch.setattr(store, "commit", full_disk)
            monkeypatch.setattr(store, "write_pending", still_full)
            r = await c.post("/api/feedback", json=entry)
            assert r.status == 503
            body = await r.json()
            # The phone hears "not saved yet", never the laptop's error text (it names file paths).
            assert body["error"] == "not_saved" and "disk full" not in json.dumps(body)
            assert "opgeslagen" in body["message"]
            assert body.get("saved") is None
            monkeypatch.setattr(store, "commit", real_commit)
            monkeypatch.setattr(store, "write_pending", real_write)
            r = await c.post("/api/feedback", json=entry)  # the phone's retry
            assert r.status == 200 and (await r.json())["saved"] is True
    run(go())
    assert [o.text for o in load_session(service.path).rounds[0].observations] == ["bewaar mij"]


def test_the_room_page_joining_keeps_an_observers_identity(service):
    """A browser used for both pages: the room's code exchange must not log the observer out."""
    s = practice_session(service)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            r = await c.post("/api/login", json={"code": CODE, "room": True})
            assert r.status == 200 and (await r.json())["me"]["participant"] == s["ids"]["Cem"]
            assert (await c.get("/api/room")).status == 200
            assert (await (await c.get("/api/talk")).json())["me"]["name"] == "Cem"
            assert len(c.state.tokens) == 1
    run(go())


def test_a_note_posted_a_day_after_the_talk_started_is_still_saved(service, clock):
    """A talk left running overnight: the offset is capped, the note is never refused."""
    s = practice_session(service)
    start_talk(service, s["r1"].id)
    clock.advance(minutes=25 * 60)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            r = await c.post("/api/feedback", json={"round": s["r1"].id, "category": "free", "text": "laat"})
            assert r.status == 201, await r.text()
    run(go())
    obs = load_session(service.path).rounds[0].observations
    assert [(o.text, o.offset) for o in obs] == [("laat", 24 * 3600)]


def test_room_says_the_meeting_ended_after_afronden(service, clock):
    s = practice_session(service)
    service.clock_event("start")
    service.clock_event("goto", phase="oefenen")
    service.update_round(s["r1"].id, started=clock())  # a talk under way when the facilitator ends
    clock.advance(minutes=10)
    service.finish_meeting(next_talks=None, followup_date=None)
    clock.advance(minutes=5)

    async def go():
        async with client_for(service) as c:
            await join(c, s["g1"].id, s["ids"]["Cem"])
            data = await (await c.get("/api/room")).json()
            assert data["ended"] == "2026-11-23T13:10:00+00:00" and data["running"] is False
            assert data["talk"] is None and data["next"] is None  # no talk timer, no next phase
            strings = await (await c.get("/strings.js")).text()
            assert "De bijeenkomst is afgerond" in strings and "The meeting has ended" in strings
    run(go())
