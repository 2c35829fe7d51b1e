"""A corpus of hostile files run through every command that reads them.

Each case must end in ONE line on stderr (never a traceback), the right exit
code, the hostile file byte-for-byte unchanged, and within hard limits: the
whole corpus runs in a runner subprocess under RLIMIT_AS = 1 GiB, each command
under a 5 s CPU timer (ITIMER_PROF), and the runner's peak RSS must stay under
200 MB. A command that blocks (a FIFO opened without O_NONBLOCK) uses no CPU:
the subprocess timeout catches it, and the results file says which case hung.
"""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[2]
SID = "2026-11-23-hostile-0000"
GOOD_TOML = f'''schema = 1
id = "{SID}"
title = "Gezonde sessie"
date = 2026-11-23
created = 2026-11-23T12:00:00Z
'''
HUGE = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000
SPARSE = 2 * 1024**3


def good_deck(name: str = "eigen", sets: int = 1) -> str:
    parts = [f'schema = 1\nname = "{name}"\ntitle = {{ nl = "x", en = "x" }}\n']
    for n in range(1, sets + 1):
        parts.append(f'[[sets]]\nnumber = {n}\ntitle = {{ nl = "s", en = "s" }}\n')
    for n in range(1, sets + 1):
        for role in ("mentor", "parent"):
            parts.append(f'[[cards]]\nid = "{role[0]}{n}"\nrole = "{role}"\nset = {n}\n'
                         'title = { nl = "t", en = "t" }\ntext = { nl = "t", en = "t" }\n')
    return "".join(parts)


GOOD_TEMPLATE = '''schema = 1
name = "kapot"
title = { nl = "x", en = "x" }
description = { nl = "x", en = "x" }
[[phases]]
key = "intro"
kind = "intro"
title = { nl = "x", en = "x" }
minutes = 10
goal = { nl = "x", en = "x" }
help = { nl = "x", en = "x" }
'''


# -- building hostile files --------------------------------------------------------------------

def text(content: str | bytes) -> Callable[[Path, Path], None]:
    def make(path: Path, root: Path) -> None:
        path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return make


def fifo(path: Path, root: Path) -> None:
    os.mkfifo(path)


def to_dev_zero(path: Path, root: Path) -> None:
    path.symlink_to("/dev/zero")


def sparse(size: int) -> Callable[[Path, Path], None]:
    def make(path: Path, root: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)
    return make


def folder(path: Path, root: Path) -> None:
    path.mkdir()


def dangling(path: Path, root: Path) -> None:
    path.symlink_to(root / "nothing-here")


def loop(path: Path, root: Path) -> None:
    path.symlink_to(path)


def outside(path: Path, root: Path) -> None:
    target = root / "outside.txt"
    target.write_text("not yours\n")
    path.symlink_to(target)


def unreadable(path: Path, root: Path) -> None:
    path.write_text(GOOD_TOML)
    path.chmod(0)


@dataclass
class Case:
    kind: str  # session | journal | deck | template
    name: str
    make: Callable[[Path, Path], None]
    exit: int = 1  # 0: a damaged journal line is skipped with a warning, the rest is read
    slow: bool = False  # needs the subprocess (FIFO, device, sparse): never run in the pytest process
    skip: str = ""
    watched: list[str] = field(default_factory=list)
    says: str = ""  # words every refusal must contain (what was wrong)


def session_cases() -> list[Case]:
    t = GOOD_TOML
    c = [
        ("huge-int", t + f"journal_seq = {HUGE}\n"),
        ("huge-int-title", t.replace('"Gezonde sessie"', HUGE)),
        ("huge-int-in-table", t + f"[x]\ny = {HUGE}\n"),
        ("deep-array", t + "x = " + DEEP + "\n"),
        ("deep-inline-table", t + "x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n"),
        ("deep-array-first", "x = " + DEEP + "\n"),
        ("invalid-utf8", t.encode() + b'school = "\xff\xfe"\n'),
        ("invalid-utf8-first-byte", b"\xff" + t.encode()),
        ("nul-bytes", t.encode() + b'school = "a\x00b"\n'),
        ("nul-only", b"\x00" * 1000),
        ("lone-surrogate-escape", t + 'school = "\\ud800"\n'),
        ("lone-surrogate-raw", t.encode() + b'school = "\xed\xa0\x80"\n'),
        ("empty", ""),
        ("whitespace", " \n\t\n"),
        ("bom", b"\xef\xbb\xbf" + t.encode()),
        ("wrong-type-title", t.replace('"Gezonde sessie"', "5")),
        ("wrong-type-date", t.replace("2026-11-23\n", '"gisteren"\n', 1)),
        ("wrong-type-notes", t + 'notes = "alles"\n'),
        ("unknown-key", t + "bogus = 1\n"),
        ("newer-schema", t.replace("schema = 1", "schema = 99")),
        ("negative-seq", t + "journal_seq = -1\n"),
        ("string-seq", t + 'journal_seq = "1"\n'),
        ("missing-id", t.replace(f'id = "{SID}"\n', "")),
        ("title-too-long", t.replace("Gezonde sessie", "x" * 301)),
        ("bad-date", t.replace("2026-11-23\n", "2026-13-45\n", 1)),
        ("control-char", t + 'school = "a\x1bb"\n'),
        ("binary", bytes(range(256)) * 64),
        ("syntax", t + "[[[\n"),
        ("huge-title", t.replace("Gezonde sessie", "x" * 3_000_000)),
        ("note-wrong-shape", t + "[[notes]]\nid = 1\n"),
        ("float-inf", t + "journal_seq = inf\n"),
    ]
    cases = [Case("session", n, text(b)) for n, b in c]
    cases += [
        Case("session", "fifo", fifo, slow=True, says="FIFO"),
        Case("session", "dev-zero-symlink", to_dev_zero, slow=True, says="device"),
        Case("session", "sparse-2gb", sparse(SPARSE), slow=True, says="larger than"),
        Case("session", "sparse-65mib", sparse(65 * 1024**2), slow=True),
        Case("session", "folder", folder),
        Case("session", "dangling-symlink", dangling),
        Case("session", "symlink-loop", loop),
        Case("session", "unreadable", unreadable,
             skip="root reads a chmod-000 file" if os.geteuid() == 0 else ""),
    ]
    return cases


def journal_cases() -> list[Case]:
    line = '{"seq": 1, "op": {"op": "set", "fields": {"school": "x"}}}\n'
    c = [
        # Unreadable lines are skipped and reported, never a refusal of the whole session (docs/storage.md).
        ("deep-json", ("[" * 100_000 + "]" * 100_000 + "\n"), 0),
        ("deep-json-in-op", '{"seq": 1, "op": ' + "[" * 100_000 + "]" * 100_000 + "}\n", 0),
        ("invalid-utf8", line.encode() + b'{"seq": 2, "op": "\xff"}\n', 0),
        ("nul-bytes", line.encode() + b"\x00\x00\n", 0),
        ("huge-int-seq", '{"seq": ' + HUGE + ', "op": {}}\n', 0),
        ("lone-surrogate", '{"seq": 1, "op": {"op": "set", "fields": {"school": "\\ud800"}}}\n', 0),
        ("wrong-types", '{"seq": "x", "op": 5}\n[1, 2]\n"str"\n', 0),
        ("unknown-op", '{"seq": 1, "op": {"op": "explode"}}\n', 0),
        ("huge-float", '{"seq": 1e999, "op": {}}\n', 0),
    ]
    cases = [Case("journal", n, text(b), exit=e) for n, b, e in c]
    cases += [
        Case("journal", "symlink-outside", outside, watched=["outside.txt"], says="symbolic link"),
        Case("journal", "dangling-symlink", dangling),
        Case("journal", "folder", folder),
        Case("journal", "fifo", fifo, slow=True, says="FIFO"),
        Case("journal", "dev-zero-symlink", to_dev_zero, slow=True, says="symbolic link"),
        Case("journal", "sparse-2gb", sparse(SPARSE), slow=True, says="larger than"),
    ]
    return cases


def deck_cases() -> list[Case]:
    d = good_deck()
    many = good_deck(sets=6000)  # ~1.5 MiB: a quadratic check would take minutes
    c = [
        ("huge-int", d + f"x = {HUGE}\n"),
        ("huge-int-set", d.replace("number = 1", f"number = {HUGE}")),
        ("deep-array", d + "x = " + DEEP + "\n"),
        ("invalid-utf8", d.encode() + b'x = "\xff"\n'),
        ("nul-bytes", d.encode() + b"\x00"),
        ("lone-surrogate", d + 'x = "\\udc80"\n'),
        ("wrong-types", d.replace('name = "eigen"', "name = 5")),
        ("unknown-key", d + "bogus = true\n"),
        ("newer-schema", d.replace("schema = 1", "schema = 2")),
        ("duplicate-ids", d.replace('id = "p1"', 'id = "m1"')),
        ("empty", ""),
        ("no-mentor", d.replace('role = "mentor"', 'role = "parent"')),
        ("broken-default", "schema = 1\nname = \"default\"\n[[cards]\n"),
        ("syntax", d + "= = =\n"),
        ("duplicate-ids-many", many.replace('id = "p5999"', 'id = "m5999"')),
    ]
    cases = [Case("deck", n, text(b)) for n, b in c]
    cases += [
        Case("deck", "fifo", fifo, slow=True, says="FIFO"),
        Case("deck", "dev-zero-symlink", to_dev_zero, slow=True, says="device"),
        Case("deck", "sparse-2gb", sparse(SPARSE), slow=True),
        Case("deck", "folder", folder),
        Case("deck", "dangling-symlink", dangling),
    ]
    return cases


def template_cases() -> list[Case]:
    t = GOOD_TEMPLATE
    c = [
        ("huge-int", t.replace("minutes = 10", f"minutes = {HUGE}")),
        ("deep-array", t + "x = " + DEEP + "\n"),
        ("invalid-utf8", t.encode() + b'x = "\xff"\n'),
        ("negative-minutes", t.replace("minutes = 10", "minutes = -5")),
        ("duplicate-keys", t + t[t.index("[[phases]]"):]),
        ("newer-schema", t.replace("schema = 1", "schema = 7")),
        ("unknown-key", t + "bogus = 1\n"),
        ("empty", ""),
        ("lone-surrogate", t + 'x = "\\ud800"\n'),
    ]
    cases = [Case("template", n, text(b)) for n, b in c]
    cases += [
        Case("template", "fifo", fifo, slow=True, says="FIFO"),
        Case("template", "dev-zero-symlink", to_dev_zero, slow=True, says="device"),
        Case("template", "sparse-2gb", sparse(SPARSE), slow=True),
        Case("template", "folder", folder),
    ]
    return cases


ALL = session_cases() + journal_cases() + deck_cases() + template_cases()


def test_the_corpus_is_big_enough():
    assert len(ALL) >= 60, len(ALL)


def build(case: Case, root: Path) -> tuple[Path, list[Path]]:
    """Lay out one case under `root`; return (the hostile path, every path that must not change)."""
    sessions, cards, templates = root / "sessions", root / "userdata" / "cards", root / "userdata" / "templates"
    for d in (sessions, cards, templates):
        d.mkdir(parents=True)
    sessions.chmod(0o700)
    if case.kind == "session":
        (sessions / f"{SID}.toml").write_text(GOOD_TOML)  # a healthy one beside it
        hostile = sessions / "kapot.toml"
    elif case.kind == "journal":
        (sessions / f"{SID}.toml").write_text(GOOD_TOML)
        hostile = sessions / f"{SID}.journal"
    elif case.kind == "deck":
        hostile = cards / "kapot.toml"
    else:
        hostile = templates / "kapot.toml"
    case.make(hostile, root)
    watched = [hostile] + [root / w for w in case.watched]
    if case.kind in ("session", "journal"):
        watched.append(sessions / f"{SID}.toml")
    return hostile, watched


def fingerprint(paths: list[Path]) -> list:
    out = []
    for p in paths:
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            out.append((str(p), None))
            continue
        body = None
        if stat.S_ISREG(st.st_mode) and st.st_size <= 8 * 1024**2:
            body = p.read_bytes()
        out.append((str(p), st.st_mode, st.st_ino, st.st_size, st.st_mtime_ns, body))
    return out


def commands(case: Case, hostile: Path) -> list[tuple[list[str], int]]:
    """(argv, expected exit) for every command that reads this kind of file."""
    if case.kind == "session":
        ref = str(hostile)
        return [(["list"], 1), (["export", ref, "-o", "out.md"], 1), (["export", ref, "-o", "out.pdf"], 1),
                (["review", ref], 1), (["serve", ref, "--host", "127.0.0.1", "--port", "0"], 1),
                (["followup", "export", ref, "-o", "fu.md"], 1)]
    if case.kind == "journal":
        cmds = [(["list"], case.exit), (["export", SID, "-o", "out.md"], case.exit), (["review", SID], case.exit)]
        if case.exit:  # a readable session would be served; a refused one must stop before listening
            cmds.append((["serve", SID, "--host", "127.0.0.1", "--port", "0"], 1))
        return cmds
    if case.kind == "deck":
        return [(["cards", "check"], 1), (["cards", "check", str(hostile)], 1),
                (["cards", "draw", "--seed", "1"], 0)]
    return [(["new", "--title", "T", "--agenda", "kapot"], 1), (["new", "--title", "T"], 0)]


RUNNER = textwrap.dedent('''
    import io, json, os, resource, signal, sys, time, traceback
    from facilitator.cli.main import main

    class CpuLimit(BaseException):
        pass

    def on_prof(signum, frame):
        raise CpuLimit()

    signal.signal(signal.SIGPROF, on_prof)
    jobs = json.load(open(sys.argv[1]))
    results = open(sys.argv[2], "w")
    real_out, real_err = sys.stdout, sys.stderr
    for job in jobs:
        os.chdir(job["cwd"])
        os.environ["FACILITATOR_SESSIONS_DIR"] = job["sessions"]
        os.environ["FACILITATOR_DATA_DIR"] = job["data"]
        results.write(json.dumps({"start": job["id"]}) + "\\n"); results.flush()
        out, err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = out, err
        cpu = time.process_time()
        signal.setitimer(signal.ITIMER_PROF, 5.0)
        try:
            rc = main(job["argv"])
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else 1
        except CpuLimit:
            rc, err = "cpu-limit", io.StringIO("more than 5 s of CPU")
        except BaseException:
            rc = "exception"
            err.write(traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            sys.stdout, sys.stderr = real_out, real_err
        results.write(json.dumps({"id": job["id"], "rc": rc, "stderr": err.getvalue(), "stdout": out.getvalue()[-4000:],
                                  "cpu": time.process_time() - cpu}) + "\\n")
        results.flush()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    results.write(json.dumps({"maxrss": rss}) + "\\n")
    results.close()
''')


def limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))  # an OOM regression dies here, not the machine


def run_jobs(jobs: list[dict], tmp_path: Path, timeout: float) -> tuple[dict, int]:
    jobs_file, results_file = tmp_path / "jobs.json", tmp_path / "results.jsonl"
    jobs_file.write_text(json.dumps(jobs))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        proc = subprocess.run([sys.executable, "-c", RUNNER, str(jobs_file), str(results_file)],
                              capture_output=True, text=True, timeout=timeout, preexec_fn=limits,
                              env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        lines = [json.loads(x) for x in results_file.read_text().splitlines()] if results_file.exists() else []
        started = [x["start"] for x in lines if "start" in x]
        pytest.fail(f"runner hung (no CPU limit fires on a blocked open); last case started: {started[-1:]}")
    lines = [json.loads(x) for x in results_file.read_text().splitlines()]
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:], lines[-2:])
    results = {x["id"]: x for x in lines if "id" in x}
    return results, lines[-1]["maxrss"]


MAX_RSS = 200 * 1024**2


@pytest.mark.parametrize("kind", ["session", "journal", "deck", "template"])
def test_hostile_corpus_through_every_command(kind, tmp_path):
    cases = [c for c in ALL if c.kind == kind and not c.skip]
    jobs, expect, prints = [], {}, {}
    for case in cases:
        root = tmp_path / case.name
        hostile, watched = build(case, root)
        prints[case.name] = (watched, fingerprint(watched))
        for n, (argv, code) in enumerate(commands(case, hostile)):
            jid = f"{case.name}#{n}"
            # in English: the corpus names what each file must be refused with in English words
            jobs.append({"id": jid, "argv": ["--lang", "en", *argv], "cwd": str(root), "sessions": str(root / "sessions"),
                         "data": str(root / "userdata")})
            expect[jid] = (argv, code, case.says if code else "")
    results, rss = run_jobs(jobs, tmp_path, timeout=60 + len(jobs) / 2)
    problems = []
    for jid, (argv, code, says) in expect.items():
        r = results.get(jid)
        if r is None:
            problems.append(f"{jid} {argv}: no result")
            continue
        err = r["stderr"]
        lines = err.strip().splitlines()
        if ("Traceback" in err or r["rc"] != code or len(lines) > 1 or (code and len(lines) != 1)
                or says not in err + r["stdout"]):  # `list` names each broken file on stdout
            problems.append(f"{jid} {argv}: exit {r['rc']} (want {code}), stderr: {err[-600:]!r}")
    for name, (watched, before) in prints.items():
        if fingerprint(watched) != before:
            problems.append(f"{name}: a hostile file was changed")
    assert not problems, "\n".join(problems)
    assert rss < MAX_RSS, f"peak RSS {rss / 2**20:.0f} MB"


# -- the Python API and the TUI, in this process (no FIFOs/devices here: those stay in the runner) --

API_CASES = [
    pytest.param(c, id=f"{c.kind}-{c.name}")
    for c in ALL if c.kind in ("session", "journal") and not c.slow and not c.skip and c.exit
]


@pytest.mark.parametrize("case", API_CASES)
def test_library_lists_and_refuses_a_hostile_session(case, tmp_path):
    from facilitator.core.errors import UserError
    from facilitator.services.library import Library

    hostile, watched = build(case, tmp_path)
    before = fingerprint(watched)
    lib = Library(tmp_path / "sessions")
    rows = lib.summaries()
    good = [r for r in rows if not r.error]
    bad = [r for r in rows if r.error]
    if case.kind == "session":
        assert [r.id for r in good] == [SID] and len(bad) == 1 and "\n" not in bad[0].error
        ref = str(hostile)
    else:
        assert [r.id for r in bad] == [SID] and "\n" not in bad[0].error
        ref = SID
    with pytest.raises(UserError) as info:
        lib.open(ref).close()
    assert "\n" not in str(info.value)
    assert fingerprint(watched) == before


def test_library_open_refuses_fifo_and_device_journals_without_blocking(tmp_path):
    from facilitator.core.errors import FileFormatError
    from facilitator.services.library import Library

    for name, make in (("fifo", fifo), ("zero", to_dev_zero), ("outside", outside)):
        root = tmp_path / name
        sessions = root / "sessions"
        sessions.mkdir(parents=True)
        (sessions / f"{SID}.toml").write_text(GOOD_TOML)
        make(sessions / f"{SID}.journal", root)
        with pytest.raises(FileFormatError, match="journal"):
            Library(sessions).open(SID)
        if name == "outside":
            assert (root / "outside.txt").read_text() == "not yours\n"


def test_tui_home_lists_healthy_sessions_beside_broken_ones(tmp_path, clock):
    from textual.widgets import DataTable

    from tests.tui.helpers import make_app, screen_text, settle, sync

    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / f"{SID}.toml").write_text(GOOD_TOML)
    (sessions / "groot.toml").write_text(GOOD_TOML + f"journal_seq = {HUGE}\n")
    (sessions / "diep.toml").write_text("x = " + DEEP)
    os.mkfifo(sessions / "pijp.toml")
    (sessions / "zero.toml").symlink_to("/dev/zero")
    (sessions / "map.toml").mkdir()

    @sync
    async def run():
        app = make_app(sessions, clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(app, pilot)
            table = app.screen.query_one(DataTable)
            assert table.row_count == 6
            shown = screen_text(app)
            assert "Gezonde sessie" in shown
            for name in ("groot.toml", "diep.toml", "pijp.toml", "zero.toml", "map.toml"):
                assert name in shown

    run()


def test_finding_a_renamed_linked_session_skips_a_fifo(tmp_path):
    """locate() peeks at every file's id when a linked session was renamed: a FIFO must not block it."""
    import signal

    from facilitator.services.followup.links import locate
    from facilitator.services.library import Library

    sessions = tmp_path / "sessions"
    sessions.mkdir()
    (sessions / "hernoemd.toml").write_text(GOOD_TOML)
    os.mkfifo(sessions / "a-pijp.toml")
    (sessions / "b-zero.toml").symlink_to("/dev/zero")

    def hung(*_):
        raise TimeoutError("locate blocked on a FIFO")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        assert locate(Library(sessions), SID) == sessions / "hernoemd.toml"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
