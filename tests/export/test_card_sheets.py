"""The printable deck and role slips, read back with poppler's pdftotext as a user would."""

from __future__ import annotations

import random
import re
import subprocess

import pytest

from facilitator.cli import main as cli
from facilitator.core.talk import rounds_for_talk
from facilitator.export.pdf.cards import SlipSpec, slips_pdf
from facilitator.services import content
from facilitator.services.roleplay.cards import draw_talk, slips
from facilitator.services.roleplay.groups import group_of, setup_groups

A4_W, A4_H = 595, 842


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdftotext(path, page=None, crop=None) -> str:
    cmd = ["pdftotext", "-layout"]
    if page is not None:
        cmd += ["-f", str(page), "-l", str(page)]
    if crop is not None:
        x, y, w, h = crop
        cmd += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
    return subprocess.run([*cmd, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pages_of(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_card_printed_whole_on_one_page(tmp_path, lang, capsys):
    out = tmp_path / f"cards-{lang}.pdf"
    assert cli.main(["cards", "print", "--lang", lang, "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    deck = content.default_deck()
    n = pages_of(out)
    assert n == 2
    # Each column of each page, read on its own so the two columns don't interleave.
    halves = {
        (page, side): norm(pdftotext(out, page, (side * A4_W // 2, 0, A4_W // 2, A4_H)))
        for page in range(1, n + 1) for side in (0, 1)
    }
    pages = {page: norm(pdftotext(out, page)) for page in range(1, n + 1)}
    header = {"nl": {"mentor": "MENTOR", "parent": "OUDER", "pupil": "LEERLING"},
              "en": {"mentor": "MENTOR", "parent": "PARENT", "pupil": "PUPIL"}}[lang]
    for card in deck.cards:
        text = norm(card.render(lang))
        where = [k for k, v in halves.items() if text in v]
        assert len(where) == 1, f"{card.id}: text found in {where}"
        column = halves[where[0]]
        assert norm(card.title.get(lang)) in column
        assert header[card.role] in column
        for s in card.situations:
            assert s.get(lang) in column
        # Never split: no part of the card's text shows up on another page.
        head, tail = text[:30], text[-30:]
        for page, ptext in pages.items():
            if page != where[0][0]:
                assert head not in ptext and tail not in ptext
    other = "nl" if lang == "en" else "en"
    assert norm(deck.cards[1].text.get(other)) not in " ".join(pages.values())


def test_cards_print_errors_are_one_line(tmp_path, capsys):
    assert cli.main(["cards", "print", "--deck", "nope", "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err
    assert cli.main(["--lang", "en", "cards", "print", "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert cli.main(["--lang", "nl", "cards", "print", "-o", str(tmp_path)]) == 1
    assert "dit is een map" in capsys.readouterr().err


def test_role_slips_show_name_role_and_card(tmp_path, service):
    for i in range(4):
        service.add_participant(f"<b>Extra</b> [bold red]{i}[/]")
    setup_groups(service, "trio", 3, rng=random.Random(3))
    draw_talk(service, 1, "alternate")
    deck = content.default_deck()
    specs = []
    for rnd in rounds_for_talk(service.session, 1):
        group = group_of(service.session, rnd.group).name
        for slip in slips(service.session, rnd, "nl"):
            specs.append(SlipSpec(slip.name, slip.role, group, 1, slip.cards, slip.situation))
    assert len(specs) == 8
    out = tmp_path / "slips.pdf"
    out.write_bytes(slips_pdf(specs, deck, "nl", "Rolbriefjes — gesprek 1"))
    text = norm(pdftotext(out))
    for spec in specs:
        assert spec.name in text, "hostile names are printed literally"
    for rnd in rounds_for_talk(service.session, 1):
        for cid in rnd.cards:
            card = deck.card(cid)
            assert norm(card.render("nl", rnd.situation)) in text
    # Each slip whole on one page.
    for page in range(1, pages_of(out) + 1):
        ptext = pdftotext(out, page)
        assert ptext.count("Knip langs de stippellijnen") == 1


def test_user_deck_with_hostile_and_wide_text_prints_literally(tmp_path, isolated_dirs, monkeypatch):
    import os

    cards_dir = tmp_path / "userdata" / "cards"
    cards_dir.mkdir(parents=True)
    (cards_dir / "odd.toml").write_text('''
name = "odd"
title = { nl = "Vreemd <b>deck</b>", en = "Odd deck" }
[[sets]]
number = 1
title = { nl = "Eén", en = "One" }
[[cards]]
id = "m"
role = "mentor"
set = 1
title = { nl = "Ψ mentor ș", en = "Mentor" }
text = { nl = "Zeg <b>niet</b> [bold red]alles[/] &amp; meer", en = "x" }
[[cards]]
id = "p"
role = "parent"
set = 1
title = { nl = "<script>alert(1)</script>", en = "p" }
text = { nl = "Thuis is het Ελληνικά en țară", en = "p" }
''', encoding="utf-8")
    out = tmp_path / "odd.pdf"
    assert os.environ["FACILITATOR_DATA_DIR"] == str(tmp_path / "userdata")
    assert cli.main(["cards", "print", "--deck", "odd", "-o", str(out)]) == 0
    text = " | ".join(norm(pdftotext(out, 1, (side * A4_W // 2, 0, A4_W // 2, A4_H))) for side in (0, 1))
    for literal in ("Zeg <b>niet</b> [bold red]alles[/] &amp; meer", "<script>alert(1)</script>",
                    "Ψ mentor ș", "Thuis is het Ελληνικά en țară"):
        assert literal in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_card_sheet_and_slips_speak_from_the_catalog(tmp_path, service, lang):
    """The sheets' own words (roles, set, page footer, cut line, secret, observer's note) are the catalog's."""
    from facilitator.core.catalog import t

    out = tmp_path / "cards.pdf"
    assert cli.main(["cards", "print", "--lang", lang, "-o", str(out)]) == 0
    sheet = norm(pdftotext(out))
    assert t("export.page_of", lang, page=1, total=2) in sheet
    assert t("export.card_sheet.cut", lang) in sheet
    assert t("export.card_sheet.secret", lang) in sheet
    assert f'{t("role.parent", lang).upper()} · {t("export.set", lang, n=1)}' in sheet

    for i in range(4):
        service.add_participant(f"Deelnemer {i}")
    setup_groups(service, "trio", 3, rng=random.Random(3))
    draw_talk(service, 1, "alternate")
    rnd = rounds_for_talk(service.session, 1)[0]
    group = group_of(service.session, rnd.group).name
    specs = [SlipSpec(s.name, s.role, group, 1, s.cards, s.situation) for s in slips(service.session, rnd, lang)]
    out = tmp_path / "slips.pdf"
    out.write_bytes(slips_pdf(specs, content.default_deck(), lang))
    text = norm(pdftotext(out))
    assert t("export.card_sheet.slips", lang) in text
    assert t("export.card_sheet.observer_note", lang) in text
    assert f'{group} · {t("export.talk", lang, n=1)}' in text
    for role in {s.role for s in specs}:
        assert t(f"role.{role}", lang).upper() in text
    other = {"nl": "en", "en": "nl"}[lang]
    for key in ("export.card_sheet.cut", "export.card_sheet.observer_note", "export.card_sheet.slips"):
        assert t(key, other) not in text
