"""Decks: validation with clear messages, and fair, reproducible drawing."""

from __future__ import annotations

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from facilitator.core.cards import Deck, draw
from facilitator.core.errors import FileFormatError
from facilitator.services.content import default_deck, load_decks
from facilitator.storage.content import load_toml_model

GOOD = Path(__file__).resolve().parents[2] / "cards" / "default.toml"

MINI = """
schema = 1
name = "mini"
title = { nl = "Mini", en = "Mini" }
[[sets]]
number = 1
title = { nl = "Set", en = "Set" }
[[cards]]
id = "m"
role = "mentor"
set = 1
title = { nl = "M", en = "M" }
text = { nl = "Mentor", en = "Mentor" }
[[cards]]
id = "p1"
role = "parent"
set = 1
title = { nl = "P", en = "P" }
text = { nl = "Ouder", en = "Parent" }
"""


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args], capture_output=True, text=True, timeout=60
    )


def test_default_deck_matches_the_booklet():
    deck = default_deck()
    assert len(deck.parents(1)) == 5 and len(deck.parents(2)) == 5
    assert deck.mentor(1).id == "s1-mentor" and deck.mentor(2).id == "s2-mentor"
    assert len(deck.pupils) == 4
    fill = [c for c in deck.pupils if c.situations]
    assert len(fill) == 1 and "{situation}" in fill[0].text.nl and "{situation}" in fill[0].text.en
    for card in deck.cards:
        assert card.text.nl.strip() and card.text.en.strip() and card.text.nl != card.text.en


@pytest.mark.parametrize(
    "mutation, expected",
    [
        (lambda t: t.replace('name = "mini"', 'name = "mini'), "line 3"),
        (lambda t: t.replace('id = "p1"\n', ""), "cards.1.id"),
        (lambda t: t.replace("number = 1", 'number = "one"'), "sets.0.number"),
        (lambda t: t.replace('id = "p1"', 'id = "m"'), "line 15: field 'cards.1.id': card id 'm' is used twice"),
        (lambda t: t.replace('role = "mentor"', 'role = "parent"'), "line 5: field 'sets.0': set 1 has no mentor card"),
        (lambda t: t + '\ncolour = "red"\n', "colour"),
        (lambda t: t.replace('role = "parent"', 'role = "mentor"'), "set 1 has 2 mentor cards; it needs exactly one"),
        (lambda t: t.split("[[cards]]")[0] + "cards = []\n", "cards"),
    ],
)
def test_broken_decks_get_one_clear_message(tmp_path, mutation, expected):
    bad = tmp_path / "bad.toml"
    bad.write_text(mutation(MINI), encoding="utf-8")
    with pytest.raises(FileFormatError) as err:
        load_toml_model(bad, Deck)
    assert str(bad) in str(err.value)
    assert expected in str(err.value)
    result = run_cli("--lang", "en", "cards", "check", str(bad))  # the message in the English of str()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and expected in lines[0]


def test_empty_set_and_unknown_key_messages(tmp_path):
    text = MINI.replace('[[sets]]\nnumber = 1', '[[sets]]\nnumber = 2\ntitle = { nl = "x", en = "x" }\n[[sets]]\nnumber = 1')
    bad = tmp_path / "empty.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FileFormatError, match="field 'sets.0': set 2 has no cards"):
        load_toml_model(bad, Deck)
    bad.write_text(MINI.replace('role = "parent"', 'role = "parent"\nsecret = true'), encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"cards\.1\.secret': unknown key"):
        load_toml_model(bad, Deck)


def test_a_broken_user_deck_never_stops_the_others(tmp_path, monkeypatch):
    user = tmp_path / "userdata"
    (user / "cards").mkdir(parents=True)
    (user / "cards" / "broken.toml").write_text("name = [", encoding="utf-8")
    (user / "cards" / "mini.toml").write_text(MINI, encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(user))
    catalog = load_decks()
    assert {"default", "mini"} <= set(catalog.decks)
    assert len(catalog.skipped) == 1 and "broken.toml" in str(catalog.skipped[0])
    result = run_cli("--lang", "en", "cards", "draw", "--deck", "mini", "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert "skipped deck" in result.stderr and "broken.toml" in result.stderr
    assert "Parent" in result.stdout


def test_no_parent_card_repeats_until_the_set_is_used_up():
    deck = default_deck()
    rng = random.Random(11)
    drawn: list[str] = []
    for round_no in range(15):
        d = draw(deck, 1, rng, drawn)
        drawn += d.card_ids
        counts = Counter(c for c in drawn if c.startswith("s1-parent"))
        # After k draws, every card has been drawn floor(k/5) or ceil(k/5) times.
        assert max(counts.values()) - min(counts.get(c.id, 0) for c in deck.parents(1)) <= 1


def test_seeded_draws_are_reproducible_and_fill_the_pupil_situation():
    deck = default_deck()
    a = [draw(deck, 2, random.Random(5), pupil=True).card_ids for _ in range(3)]
    b = [draw(deck, 2, random.Random(5), pupil=True).card_ids for _ in range(3)]
    assert a == b
    fill = next(c for c in deck.pupils if c.situations)
    d = draw(deck, 1, random.Random(1), [c.id for c in deck.pupils if c is not fill], pupil=True)
    assert d.pupil is fill and d.situation
    assert "{situation}" not in fill.render("nl", d.situation)
    chosen = draw(deck, 1, random.Random(1), [c.id for c in deck.pupils if c is not fill], pupil=True,
                  situation="heel streng")
    assert "heel streng" in chosen.pupil.render("nl", chosen.situation)


def test_draws_are_recorded_in_the_session(service):
    rnd = service.draw_round("pg-1", 1, 1, pupil=True)
    from facilitator.storage.sessionfile import load_session

    stored = load_session(service.path).rounds
    assert stored[-1].id == rnd.id and stored[-1].cards == rnd.cards and len(rnd.cards) == 3


def test_cli_draw_is_reproducible():
    one = run_cli("cards", "draw", "--seed", "42", "--pupil")
    two = run_cli("cards", "draw", "--seed", "42", "--pupil")
    assert one.returncode == 0 and one.stdout == two.stdout
    assert "Mentor" in one.stdout and "Ouder" in one.stdout and "Leerling" in one.stdout
    en = run_cli("--lang", "en", "cards", "draw", "--seed", "42", "--set", "2")
    assert "Parent" in en.stdout and en.returncode == 0
    bad = run_cli("--lang", "en", "cards", "draw", "--set", "9")
    assert bad.returncode == 1 and "no set 9" in bad.stderr and "Traceback" not in bad.stderr
