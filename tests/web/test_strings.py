"""The phone pages speak from the catalog: /strings.js carries its web.* keys, the JS has no table of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from facilitator.core.catalog import languages, strings, t
from facilitator.core.talk import CATEGORIES
from facilitator.web.i18n import ERRORS, PAGES, SHARED, message, page_strings, strings_script
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


def test_a_role_and_a_category_are_the_apps_one_word_on_the_phone_too():
    """One text, one key: the phones' role and category names are role.* and category.*, no web.* copy."""
    for lang in languages():
        page = page_strings(lang)
        assert page["role_parent"] == t("role.parent", lang)
        assert page["cat_differently"] == t("category.differently", lang)
        assert not any(k.startswith(("web.role_mentor", "web.cat_free")) for k in strings(lang))


def test_every_page_key_in_the_catalog_is_used():
    unused = sorted(set(page_strings("nl")) - used_keys())
    assert unused == [], f"web.* keys no page uses: {unused}"


def _texts(value) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.js")))
def test_the_js_has_no_words_of_its_own(name):
    """The pages' JS looks labels up; none holds a table (the rating page once had its own nl/en table
    in rates-i18n.js, and /rate did not even load the catalog: English phones read Dutch there)."""
    text = re.sub(r"(^|\s)//.*", "", (STATIC / name).read_text(encoding="utf-8"))  # comments may quote a label
    assert not re.search(r'^\s+\w+: "', text, re.M)
    assert not re.search(r'^\s+(?:%s): \{' % "|".join(languages()), text, re.M), "a table per language"
    for lang in languages():
        for value in page_strings(lang).values():
            for form in _texts(value):
                if len(form) > 12:
                    assert form not in text, form


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.html")))
def test_every_page_loads_the_catalog_and_its_words_are_the_catalogs(name):
    """Each page loads /strings.js before i18n.js; a text the HTML holds until the script runs is the
    catalog's Dutch for the key it is marked with, so it cannot drift from it."""
    html = (STATIC / name).read_text(encoding="utf-8")
    assert html.index('src="/strings.js"') < html.index('src="/static/i18n.js"')
    dutch = page_strings("nl")
    for key, shown in re.findall(r'data-i18n="(\w+)"[^>]*>([^<]*)<', html):
        assert shown.strip() in ("", dutch[key]), f"{name}: {key} shows {shown!r}"


def test_a_count_has_its_plural_forms_on_the_page():
    """Counts on the room page are CLDR plural tables, picked by Intl.PluralRules in i18n.js (no `n === 1`)."""
    assert page_strings("nl")["room_dots_count"] == {"one": "{n} stip", "other": "{n} stippen"}
    assert page_strings("en")["room_qs_raters"]["one"] == "{n} phone took part"
    for path in STATIC.glob("*.js"):
        assert "=== 1 ?" not in path.read_text(encoding="utf-8"), path.name
    assert "Intl.PluralRules" in (STATIC / "i18n.js").read_text(encoding="utf-8")


def test_strings_js_is_the_catalog_in_every_language():
    body = strings_script()
    table = json.loads(body[body.index("=") + 1:].strip().rstrip(";"))
    assert set(table) == set(languages())
    for lang in languages():
        assert table[lang] == page_strings(lang)
        assert table[lang]["cat_differently"] == t("category.differently", lang)
    assert table["nl"]["cat_differently"] == "Volgende keer anders"
    assert table["en"]["cat_differently"] == "Try differently next time"
    # the switch names a language the page has, so toggling always lands on one
    assert all(table[lang]["lang_switch_lang"] in table for lang in table)


def test_the_pages_load_the_strings_before_the_lookup(service):
    practice_session(service)

    async def go():
        async with client_for(service) as c:
            for page in ("/", "/room", "/rate"):
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
