"""Sessions for the export tests, built the way the app builds them: through the service."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

from facilitator.core.model import ActionPoint, Note, Participant, PracticeGroup, Session, new_id

NAMES = ["Anneke Verbeek", "Bram Şahin", "Ștefan Țurcanu", "Nguyễn Thị Dương", "Ελένη Παπαδοπούλου",
         "Małgorzata Wójcik", "Дмитрий Петров"]
NOTE_DONE_WELL = "Huisbezoek helpt om de thuissituatie te zien"


def rich_session(library, clock):
    """A whole meeting: groups, flip-overs, tips, a merge, role-play, evaluation, action points."""
    svc = library.create(
        "Intervisie 2B", school="Het Maasland College", facilitator="Marieke Jansen",
        participants=NAMES, next_talks=date(2026, 12, 10),
    )
    svc.rng = random.Random(11)
    ps = svc.session.participants
    g1 = svc.add_group("Groep Noord", [ps[0].id, ps[1].id, ps[2].id])
    g2 = svc.add_group("Groep Zuid", [p.id for p in ps[3:]])
    pair = PracticeGroup(id=new_id("g"), name="Tweetal A", mode="pair", members=[ps[0].id, ps[1].id, ps[2].id])
    trio = PracticeGroup(id=new_id("g"), name="Drietal B", mode="trio", members=[p.id for p in ps[3:]])
    svc.add_practice_group(pair)
    svc.add_practice_group(trio)

    svc.clock_event("start")  # 13:00
    clock.advance(minutes=6)
    svc.clock_event("next")  # intro took 6 of 5 minutes
    clock.advance(minutes=4)
    svc.clock_event("next")
    svc.add_note("dialoog", NOTE_DONE_WELL, group=g1.id, question="d1", author=ps[0].name)
    svc.add_note("dialoog", "Tijdsdruk hindert: tien minuten is kort", group=g2.id, question="d1")
    svc.add_note("dialoog", "Vraag eerst wat goed gaat", group=g1.id, question="d2", factors=[7])
    tip = svc.add_note("dialoog", "Stuur vooraf een agenda naar ouders", group=g1.id, question="d3",
                       tip=True, factors=[5, 9], author=ps[1].id)
    dup = svc.add_note("dialoog", "Agenda vooraf mailen", group=g2.id, question="d3")
    svc.merge_note(dup.id, tip.id)
    svc.add_note("dialoog", "Luister zonder oordeel", group=g2.id, question="d5", tip=True)
    clock.advance(minutes=20)
    svc.clock_event("next")
    svc.add_note("plenair", "Leerling opent het gesprek", question="p2", tip=True, factors=[4])
    clock.advance(minutes=10)
    svc.clock_event("next")

    r1 = svc.draw_round(pair.id, 1, 1, mentor=ps[0].id, parent=ps[1].id, observers=[ps[2].id])
    svc.update_round(r1.id, started=clock())
    clock.advance(seconds=75)
    svc.add_observation(r1.id, ps[2].id, "helpful", "Open vraag over thuis werkte goed")
    clock.advance(seconds=150)
    svc.add_observation(r1.id, ps[2].name, "hindering", "Te snel naar een oplossing")
    svc.update_round(r1.id, ended=clock())
    r2 = svc.draw_round(trio.id, 1, 2, pupil=True, mentor=ps[3].id, parent=ps[4].id, observers=[ps[6].id])
    svc.update_round(r2.id, pupil=ps[5].id)
    svc.add_observation(r2.id, ps[6].id, "perspective", "Mentor verplaatste zich in de ouder", offset=95)
    clock.advance(minutes=11)
    svc.clock_event("next")

    svc.add_answer("em1", "mentor", "Lastig bij de ouder die alles wegwuifde", author=ps[0].name)
    svc.add_answer("em6", "mentor", "Ik begin met een agenda")
    svc.add_answer("ep1", "parent", "Toen de mentor vroeg hoe het thuis ging", author=ps[1].name)
    clock.advance(minutes=14)
    svc.add_action_point("Agenda vooraf naar ouders sturen", owner="team", factors=[5, 9])
    svc.add_action_point("Leerling laat eerst zien wat goed gaat", owner=ps[0].name, factors=[4, 7])
    svc.add_action_point("Eén vraag over thuis in elk gesprek", owner=ps[3].id, factors=[2])
    clock.advance(minutes=1)
    svc.clock_event("pause")
    return svc


def big_session(base: Session, notes: int = 2000, actions: int = 100, rounds: int = 60,
                note_chars: int = 120) -> Session:
    """`base` with thousands of items, built in memory (journalling 2,000 fsyncs is not the point)."""
    rng = random.Random(5)
    groups = base.groups or []
    questions = ["d1", "d2", "d3", "d4", "d5"]
    t0 = base.created
    words = "ouder mentor thuis school agenda vertrouwen gesprek leerling vraag tip huiswerk steun".split()

    def text(n: int) -> str:
        out = []
        while sum(len(w) + 1 for w in out) < n:
            out.append(rng.choice(words))
        return " ".join(out)

    note_list = list(base.notes)
    for i in range(notes):
        g = groups[i % len(groups)].id if groups else None
        note_list.append(Note(id=f"n-big{i}", phase="dialoog", group=g, question=questions[i % 5],
                              text=f"{i}: {text(note_chars)}", created=t0 + timedelta(seconds=i),
                              tip=i % 40 == 0, factors=[1 + i % 10] if i % 3 == 0 else []))
    ap = list(base.action_points)
    for i in range(actions):
        ap.append(ActionPoint(id=f"a-big{i}", text=f"Actie {i}: {text(90)}", owner="team",
                              factors=[1 + i % 10, 1 + (i * 3) % 10], created=t0))
    rnds = list(base.rounds)
    if base.rounds:
        proto = base.rounds[0]
        for i in range(rounds):
            rnds.append(proto.model_copy(update={"id": f"r-big{i}", "talk": 2 + i // 2}))
    return base.model_copy(update={"notes": note_list, "action_points": ap, "rounds": rnds})


def pdftotext(path: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args = ["pdftotext"]
    if layout:
        args.append("-layout")
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def have_poppler() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def participant(name: str) -> Participant:
    return Participant(id=new_id("p"), name=name)


def content_streams(raw: bytes) -> list[bytes]:
    """Every stream of a reportlab PDF, decoded (ASCII85 and/or Flate)."""
    import base64
    import zlib

    out = []
    for m in re.finditer(rb"/Filter \[([^\]]*)\][^>]*>>\s*stream\r?\n(.*?)\r?\n?endstream", raw, re.S):
        filters, data = m.group(1), m.group(2)
        try:
            if b"ASCII85Decode" in filters:
                data = base64.a85decode(data.strip().removesuffix(b"~>"))
            if b"FlateDecode" in filters:
                data = zlib.decompress(data)
        except (ValueError, zlib.error):
            continue
        out.append(data)
    return out
