// Looks up the pages' labels. The words themselves come from the server's catalog
// (facilitator/core/catalog, keys web.*) as /strings.js, which sets window.I18N = {lang: {key: text}}
// for every language, loaded just before this file. A label with plural forms is a table of CLDR
// categories ({one, other}); t() picks the form for params.n with the browser's Intl.PluralRules.
// Server messages come localised from the server (same language choice: the `lang` cookie, then
// Accept-Language).
"use strict";
window.I18N = window.I18N || { nl: {} };

window.L = {
  lang: document.documentElement.lang in I18N ? document.documentElement.lang : "nl",
  t(key, params) {
    let s = (I18N[this.lang] && I18N[this.lang][key]) || (I18N.nl && I18N.nl[key]) || key;
    if (typeof s === "object") {
      const n = Number((params || {}).n);
      s = s[new Intl.PluralRules(this.lang).select(n)] || s.other;
    }
    for (const [k, v] of Object.entries(params || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  },
  apply(root) {
    for (const el of (root || document).querySelectorAll("[data-i18n]")) el.textContent = this.t(el.dataset.i18n);
    for (const el of (root || document).querySelectorAll("[data-i18n-placeholder]")) el.placeholder = this.t(el.dataset.i18nPlaceholder);
    document.documentElement.lang = this.lang;
    const sw = document.getElementById("lang");
    if (sw) {  // the toggle names the other language, in that language
      sw.textContent = this.t("lang_switch");
      sw.setAttribute("aria-label", this.t("lang_switch_label"));
      sw.lang = this.t("lang_switch_lang");
    }
  },
  toggle() {  // to the language the switch names (the next one in the catalog)
    const next = this.t("lang_switch_lang");
    this.lang = next in I18N ? next : "nl";
    document.cookie = "lang=" + this.lang + "; path=/; max-age=31536000; SameSite=Strict";
    this.apply();
  },
};

// Shared helpers: JSON calls that never throw, and mm:ss.
window.api = async function (method, path, body) {
  const opts = { method, credentials: "same-origin", headers: {} };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  try {
    const resp = await fetch(path, opts);
    let data = {};
    try { data = await resp.json(); } catch (e) { data = {}; }
    return { ok: resp.ok, status: resp.status, data };
  } catch (e) {
    return { ok: false, status: 0, data: {} };
  }
};

window.mmss = function (seconds) {
  const s = Math.max(0, Math.floor(Math.abs(seconds)));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const pad = (n) => String(n).padStart(2, "0");
  return h ? h + ":" + pad(m) + ":" + pad(r) : pad(m) + ":" + pad(r);
};
