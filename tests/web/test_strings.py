"""The phone pages speak from the catalog: /strings.js carries its web.* keys, the JS has no table of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from facilitator.core.catalog import languages, strings, t
from facilitator.core.talk import CATEGORIES
from facilitator.web.i18n import ERRORS, PAGES, message, page_strings, strings_script
from tests.web.fixtures import practice_session
from tests.web.test_api import CODE, client_for, run

STATIC = Path(__file__).resolve().parents[2] / "facilitator" / "web" / "static"

#: Keys the JS builds from a prefix and a value the server sends (``L.t("cat_" + c)``).
DYNAMIC = {
    "cat_": CATEGORIES,
    "state_": ("waiting", "running", "paused", "ended"),
    "role_": ("mentor", "parent", "pupil"),
}


def used_keys() -> set[str]:
    """Every label key the pages' JS and HTML look up, literal or built from a known prefix."""
    keys: set[str] = set()
    for path in STATIC.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        # L.t("key"), L.t(cond ? "a" : "b"), this.t("key"), dataset.i18n = "key"
        for call in re.finditer(r"\b(?:L|this)\.t\(([^;]*?)\)", text):
            args = call.group(1).split(",")[0]
            for prefix in re.findall(r'"(\w+_)"\s*\+', args):
                assert prefix in DYNAMIC, f"{path.name}: a key built from {prefix!r}: list its values in DYNAMIC"
                keys |= {prefix + v for v in DYNAMIC[prefix]}
            keys |= {k for k in re.findall(r'"(\w+)"(?!\s*\+)', args)}
        keys |= set(re.findall(r'dataset\.i18n\w*\s*=\s*"(\w+)"', text))
    for path in STATIC.glob("*.html"):
        keys |= set(re.findall(r'data-i18n(?:-\w+)?="(\w+)"', path.read_text(encoding="utf-8")))
    return keys


def test_the_scan_finds_the_keys_it_should():
    keys = used_keys()
    assert {"save", "sc_title", "cat_differently", "state_paused", "role_pupil", "dgroup_label",
            "group_label", "lang_switch", "role_practice", "code_label"} <= keys


@pytest.mark.parametrize("lang", languages())
def test_every_key_the_pages_use_is_in_the_catalog(lang):
    missing = sorted(k for k in used_keys() if k not in page_strings(lang))  # the switch's are made there
    assert missing == [], f"web.* keys missing in {lang}.py: {missing}"


def test_every_page_key_in_the_catalog_is_used():
    unused = sorted(set(page_strings("nl")) - used_keys())
    assert unused == [], f"web.* keys no page uses: {unused}"


def test_the_js_has_no_words_of_its_own():
    """i18n.js looks labels up; it holds no table (a Dutch or English sentence in it would drift)."""
    text = (STATIC / "i18n.js").read_text(encoding="utf-8")
    assert not re.search(r'^\s+\w+: "', text, re.M)
    for lang in languages():
        for value in page_strings(lang).values():
            if len(value) > 12:
                assert value not in text, value


def test_strings_js_is_the_catalog_in_every_language():
    body = strings_script()
    table = json.loads(body[body.index("=") + 1:].strip().rstrip(";"))
    assert set(table) == set(languages())
    for lang in languages():
        assert table[lang] == page_strings(lang)
        assert table[lang]["cat_differently"] == t("web.cat_differently", lang)
    assert table["nl"]["cat_differently"] == "Volgende keer anders"
    assert table["en"]["cat_differently"] == "Try differently next time"
    # the switch names a language the page has, so toggling always lands on one
    assert all(table[lang]["lang_switch_lang"] in table for lang in table)


def test_the_pages_load_the_strings_before_the_lookup(service):
    practice_session(service)

    async def go():
        async with client_for(service) as c:
            for page in ("/", "/room"):
                html = await (await c.get(page)).text()
                assert html.index('src="/strings.js"') < html.index('src="/static/i18n.js"')
            r = await c.get("/strings.js")
            assert r.status == 200 and r.content_type == "text/javascript"
            assert "Volgende keer anders" in await r.text() and "Try differently next time" in await r.text()
    run(go())


def test_server_messages_come_from_the_catalog(service):
    practice_session(service)

    async def go():
        async with client_for(service) as c:
            c.session.cookie_jar.update_cookies({"lang": "en"})
            r = await c.post("/api/login", json={"code": "000000" if CODE != "000000" else "111111"})
            body = await r.json()
            assert body["error"] == "code_wrong"
            assert body["message"] == t(ERRORS + "code_wrong", "en") == message("code_wrong", "en")
    run(go())
