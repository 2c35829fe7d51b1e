"""The survey's figures as the source gives them, Dutch that reads right, cards in our own words."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from facilitator.cli import main as cli
from facilitator.core.content import Bar
from facilitator.services import content
from facilitator.services.exports import session_markdown, write_pdf
from tests.export.data import pdftotext, rich_session

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/seeds")
SINGULAR_VERBS = {"kent", "vindt", "doet", "maakt", "ervaart", "ziet", "krijgt", "merkt", "heeft", "is", "wil"}


def more_than_half() -> Bar:
    bars = [b for topic in content.survey().topics for b in topic.bars if b.amount is not None]
    assert len(bars) == 1
    return bars[0]


def test_more_than_half_has_no_number():
    bar = more_than_half()
    assert bar.value is None
    assert bar.figure("nl") == "meer dan de helft" and bar.figure("en") == "more than half"


def test_a_figure_is_a_number_or_words_never_both_nor_neither():
    with pytest.raises(ValueError):
        Bar(who="parents", label={"nl": "x", "en": "x"})
    with pytest.raises(ValueError):
        Bar(who="parents", value=50, amount={"nl": "meer dan de helft", "en": "more than half"},
            label={"nl": "x", "en": "x"})


@pytest.fixture
def rich(library, clock):
    svc = rich_session(library, clock)
    yield svc
    svc.close()


@pytest.mark.usefixtures("utc")
@pytest.mark.parametrize("lang,words", [("nl", "meer dan de helft"), ("en", "more than half")])
def test_the_pdf_and_markdown_say_more_than_half_and_draw_no_50(rich, tmp_path, clock, lang, words):
    text = re.sub(r"\s+", " ", pdftotext(write_pdf(rich.session, tmp_path / "r.pdf", lang=lang, now=clock)))
    md = session_markdown(rich.session, lang=lang)
    label = more_than_half().label.get(lang)
    for out in (text, md):
        assert words in out and label in out
        assert "50%" not in out and "50 %" not in out


def test_the_terminal_chart_says_more_than_half_without_a_bar():
    from facilitator.tui.phases.survey_chart import BAR, topic_lines

    topic = next(t for t in content.survey().topics if any(b.amount for b in t.bars))
    lines = [line.plain for line in topic_lines(topic, "en", 100, 1, 8)]
    row = next(line for line in lines if "more than half" in line)
    assert BAR not in row and "%" not in row
    assert all("50%" not in line for line in lines)


def test_dutch_chart_labels_pair_plural_subjects_with_plural_verbs():
    for topic in content.survey().topics:
        for bar in topic.bars:
            words = bar.label.get("nl").split()
            assert words[0] in ("mentoren", "ouders"), bar.label.nl
            assert words[1] not in SINGULAR_VERBS, bar.label.nl
            assert ":" not in bar.label.nl and ":" not in bar.label.en


def test_no_word_doubled_in_any_content():
    doubled = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
    for path in [*(ROOT / "facilitator" / "data").rglob("*.toml"), ROOT / "cards" / "default.toml"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = [m.group() for m in doubled.finditer(line) if m.group().lower() != "je je"]  # reflexive: fine
            assert not found, f"{path.name}: {found}"


def test_the_example_sessions_feedback_matches_its_category():
    data = tomllib.loads((ROOT / "sessions" / "voorbeeld-intervisie-onderbouw.toml").read_text(encoding="utf-8"))
    seen = {}
    for rnd in data["rounds"]:
        for obs in rnd.get("observations", []):
            seen.setdefault(obs["text"], set()).add(obs["category"])
            if obs["text"].startswith("Volgende keer"):
                assert obs["category"] == "differently", obs
            if "klapte dicht" in obs["text"]:
                assert obs["category"] == "hindering", obs
            if "opende het gesprek" in obs["text"]:
                assert obs["category"] == "helpful", obs
    assert all(len(cats) == 1 for cats in seen.values()), seen  # one text, one meaning


def test_pupil_card_4_offers_a_situation_of_ones_own(tmp_path, capsys):
    deck = content.load_decks().get("default")
    card = next(c for c in deck.cards if c.id == "pupil-4")
    assert card.own_situation is not None and "eigen situatie" in card.own_situation.nl
    assert "of your own" in card.own_situation.en
    out = tmp_path / "cards.pdf"
    assert cli.main(["cards", "print", "--lang", "en", "-o", str(out)]) == 0
    assert "a situation of your own" in re.sub(r"\s+", " ", pdftotext(out))


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not on this machine")
def test_rewritten_texts_do_not_follow_the_seeds_sentences():
    seeds = set()
    for path in SEEDS.glob("*.txt"):
        seeds |= ngrams(path.read_text(encoding="utf-8", errors="replace"), 5)
    deck = content.load_decks().get("default")
    factor8 = content.success_factors().factor(8)
    for text in (next(c for c in deck.cards if c.id == "pupil-2").text.nl, factor8.quickscan.nl):
        shared = ngrams(text, 5) & seeds  # five words in a row: more than a common phrase
        assert not shared, (text, shared)
