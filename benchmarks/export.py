"""Benchmark: PDF export of a large session against plain reportlab.

    PYTHONPATH=. python benchmarks/export.py [--runs N]

Builds one session with 2,000 flip-over notes, 60 role-play talks (3
observations each) and 100 action points, then times, in the same run:

* ``facilitator``: ``write_pdf`` end to end (report model, flowables, layout,
  atomic write);
* ``plain reportlab``: the same paragraphs and tables built with hand-written
  reportlab code from pre-computed strings: no report model, no charts, no
  contents, no anonymising, no atomic write.

Prints a table (best of N runs: wall time, and the process's CPU time, which
a machine shared with other work inflates less) and the ratio between the two.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.core.model import ActionPoint, Note, Observation, PracticeGroup, RolePlayRound, new_id  # noqa: E402
from facilitator.services.library import Library

NOTES, ROUNDS, ACTIONS = 2000, 60, 100
WORDS = ("ouder mentor thuis school agenda vertrouwen gesprek leerling vraag tip huiswerk steun "
         "perspectief afspraak samen zorgen luisteren").split()


def make_session(folder: Path):
    t = [datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)]
    lib = Library(folder, now=lambda: t[0])
    svc = lib.create("Benchmark: grote sessie", school="Het Maasland College", facilitator="M. Jansen",
                     participants=[f"Deelnemer {i}" for i in range(24)])
    ps = svc.session.participants
    groups = [svc.add_group(f"Groep {i + 1}", [p.id for p in ps[i * 4:(i + 1) * 4]]) for i in range(6)]
    svc.clock_event("start")
    for minutes in (5, 4, 20, 10, 15, 15):
        t[0] += timedelta(minutes=minutes)
        svc.clock_event("next")
    svc.close()
    s = svc.session
    rng = random.Random(1)

    def text(n: int) -> str:
        out: list[str] = []
        while sum(len(w) + 1 for w in out) < n:
            out.append(rng.choice(WORDS))
        return " ".join(out)

    start = s.created
    notes = [
        Note(id=f"n{i}", phase="dialoog", group=groups[i % 6].id, question=f"d{1 + i % 5}",
             text=text(rng.randint(40, 220)), author=ps[i % 24].name, created=start + timedelta(seconds=i),
             tip=i % 25 == 0, factors=[1 + i % 10] if i % 4 == 0 else [])
        for i in range(NOTES)
    ]
    pgs = [PracticeGroup(id=new_id("g"), name=f"Tweetal {i + 1}", members=[ps[2 * i].id, ps[2 * i + 1].id])
           for i in range(12)]
    rounds = []
    for i in range(ROUNDS):
        g = pgs[i % 12]
        obs = [Observation(id=f"o{i}-{k}", observer=ps[(i + 5) % 24].id, category="helpful",
                           text=text(90), offset=30 + 60 * k, created=start) for k in range(3)]
        rounds.append(RolePlayRound(
            id=f"r{i}", group=g.id, talk=1 + i // 12, set=1 + i % 2,
            cards=["s1-mentor", "s1-parent-2"] if i % 2 == 0 else ["s2-mentor", "s2-parent-3"],
            mentor=g.members[0], parent=g.members[1], observers=[ps[(i + 5) % 24].id],
            started=start, ended=start + timedelta(minutes=5), observations=obs))
    actions = [ActionPoint(id=f"a{i}", text=text(100), owner="team", factors=[1 + i % 10], created=start)
               for i in range(ACTIONS)]
    return s.model_copy(update={"notes": notes, "practice_groups": pgs, "rounds": rounds,
                                "action_points": actions})


def plain_reportlab(session) -> tuple[bytes, int, float, float]:
    """The same kinds of paragraphs and tables, hand-written, from ready strings."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Table,
        TableStyle,
    )
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from facilitator.export.pdf.fonts import register_fonts

    regular, bold = register_fonts()
    # Strings prepared outside the timed layout; no model, no lookups in the loop below.
    notes = [(escape(n.text), f"door {escape(n.author or '')}") for n in session.notes]
    talks = [(f"Gesprek {r.talk}", [("Mentor", r.mentor or ""), ("Ouder", r.parent or "")],
              [f"<b>{o.offset // 60:02d}:{o.offset % 60:02d}</b> {escape(o.text)}" for o in r.observations])
             for r in session.rounds]
    actions = [[str(i), escape(a.text), a.owner, "", ", ".join(map(str, a.factors)), "", "", ""]
               for i, a in enumerate(session.action_points, 1)]

    start, cpu = time.perf_counter(), time.process_time()
    body = ParagraphStyle("b", fontName=regular, fontSize=9.5, leading=13, bulletFontName=regular)
    note = ParagraphStyle("n", parent=body, leftIndent=14, bulletIndent=3, spaceAfter=3)
    h1 = ParagraphStyle("h1", parent=body, fontName=bold, fontSize=15, leading=19)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15)
    cell = ParagraphStyle("c", parent=body, fontSize=8.5, leading=11)
    story = [Paragraph("Dialoog", h1)]
    meta = ParagraphStyle("m", parent=body, fontSize=7.5, leading=9.5, leftIndent=14, spaceAfter=4)
    for i, (text, author) in enumerate(notes):
        if i % 400 == 0:
            story.append(Paragraph(f"Vraag {i // 400 + 1}", h2))
        story.append(Paragraph(text, note, bulletText="•"))
        story.append(Paragraph(author, meta))
    story.append(Paragraph("Oefengesprekken", h1))
    for title, roles, obs in talks:
        story.append(Paragraph(title, h2))
        story.append(Table([[Paragraph(k, cell), Paragraph(v, cell)] for k, v in roles], colWidths=[50 * mm, 120 * mm]))
        story += [Paragraph(o, note) for o in obs]
    story += [NextPageTemplate("wide"), PageBreak(), Paragraph("Actiepunten", h1)]
    head = [Paragraph(h, cell) for h in ("#", "Wat", "Wie", "Wanneer", "Factoren", "Geprobeerd?", "Wat gebeurde er?", "Volgende stap")]
    rows = [head] + [[Paragraph(c, cell) for c in row] for row in actions]
    table = Table(rows, colWidths=[8 * mm, 60 * mm, 26 * mm, 22 * mm, 38 * mm, 26 * mm, 49 * mm, 39 * mm],
                  repeatRows=1, minRowHeights=[0] + [12 * mm] * len(actions))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)

    def footer(canv, doc):
        canv.setFont(regular, 7.5)
        canv.drawString(20 * mm, 20 * mm, f"{session.title} · pagina {canv.getPageNumber()}")

    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=A4, initialFontName=regular)
    pw, ph = A4
    lw, lh = landscape(A4)
    doc.addPageTemplates([
        PageTemplate("tall", [Frame(20 * mm, 30 * mm, pw - 40 * mm, ph - 50 * mm)], onPage=footer, pagesize=A4),
        PageTemplate("wide", [Frame(20 * mm, 30 * mm, lw - 40 * mm, lh - 50 * mm)], onPage=footer, pagesize=(lw, lh)),
    ])
    doc.build(story)
    data = buf.getvalue()
    return data, doc.page, time.perf_counter() - start, time.process_time() - cpu


def pages_of(data: bytes) -> int:
    import re

    return len(re.findall(rb"/Type /Page(?![a-z])", data))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-accel", action="store_true", help="measure without the rl-accel C extension")
    args = ap.parse_args()
    if args.no_accel:
        sys.modules["_rl_accel"] = None  # reportlab then falls back to its pure-Python text widths
    from facilitator.services.exports import write_pdf

    with tempfile.TemporaryDirectory() as tmp:
        session = make_session(Path(tmp) / "sessions")
        out = Path(tmp) / "big.pdf"
        write_pdf(session, out)  # warm-up: fonts, content files, imports
        plain_reportlab(session)
        app_times, plain_times, app_cpu, plain_cpu = [], [], [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            write_pdf(session, out)
            app_times.append(time.perf_counter() - t0)
            app_cpu.append(time.process_time() - c0)
            _, plain_pages, elapsed, cpu = plain_reportlab(session)
            plain_times.append(elapsed)
            plain_cpu.append(cpu)
        app_pages = pages_of(out.read_bytes())
        from facilitator.services.exports import session_markdown as to_markdown

        md_times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            to_markdown(session)
            md_times.append(time.perf_counter() - t0)

    app, plain = min(app_times), min(plain_times)
    print(f"session: {NOTES} notes, {ROUNDS} role-play talks ({ROUNDS * 3} observations), {ACTIONS} action points")
    accel = "without" if args.no_accel else "with"
    print(f"best of {args.runs} runs (wall time; CPU time of this process beside it), {accel} rl-accel\n")
    print(f"{'build':<22}{'wall s':>9}{'cpu s':>9}{'pages':>8}{'pages/s':>10}")
    print(f"{'facilitator write_pdf':<22}{app:>9.3f}{min(app_cpu):>9.3f}{app_pages:>8}{app_pages / app:>10.1f}")
    print(f"{'plain reportlab':<22}{plain:>9.3f}{min(plain_cpu):>9.3f}{plain_pages:>8}{plain_pages / plain:>10.1f}")
    print(f"{'facilitator markdown':<22}{min(md_times):>9.3f}")
    print(f"\nratio facilitator / plain reportlab: {app / plain:.2f}x (goal <= 1.5x); "
          f"goal <= 1.5 s: {'met' if app <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
