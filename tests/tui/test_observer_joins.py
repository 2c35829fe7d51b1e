"""The in-app server tells the facilitator who joined as whom, and flags a name on two phones."""

from __future__ import annotations

import asyncio

import aiohttp

from facilitator.tui.observers import ObserverServer, join_line
from tests.web.fixtures import practice_session


class FakeApp:
    def __init__(self, service, lang="nl"):
        self.service, self.lang = service, lang
        self.notes: list[tuple[str, str]] = []
        self.broadcasts = 0

    def notify(self, text, severity="information", **_kw):
        self.notes.append((text, severity))

    def broadcast(self, make):
        self.broadcasts += 1


def test_join_line_in_both_languages_and_escaped():
    event = {"kind": "join", "name": "Cem\x1b[31m", "group": "Groep 1", "others": 0}
    assert join_line(event, "nl") == "Cem\\x1b[31m (Groep 1) heeft zich aangemeld"
    assert join_line({**event, "others": 1}, "en").endswith("note: Cem\\x1b[31m has now joined on 2 devices")
    assert "schrijft de flip-over" in join_line({**event, "role": "scribe"}, "nl")


def test_joins_and_a_doubled_name_reach_the_app(service):
    s = practice_session(service)
    app = FakeApp(service)
    obs = ObserverServer(app)
    obs.host, obs.port = "127.0.0.1", 0

    async def go():
        handle = await obs.start()
        try:
            for _ in range(2):  # two phones pick Cem
                async with aiohttp.ClientSession(base_url=handle.url, cookie_jar=aiohttp.CookieJar(unsafe=True)) as h:
                    assert (await h.post("/api/login", json={"code": handle.code})).status == 200
                    r = await h.post("/api/profile", json={"group": s["g1"].id, "participant": s["ids"]["Cem"]})
                    assert r.status == 200
        finally:
            await obs.stop()

    asyncio.run(go())
    assert app.notes[0] == ("Cem (Groep 1) heeft zich aangemeld", "information")
    text, severity = app.notes[1]
    assert severity == "warning" and "let op: Cem is nu op 2 toestellen aangemeld" in text
