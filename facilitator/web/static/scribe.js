// The group scribe's part of the phone page: the flip-over of one dialogue group.
// Everything from the session goes onto the page with textContent only. A note being typed is
// kept in localStorage (text, question, key); "Op de flip-over" puts it in a queue on the phone
// and sends it: each note has its own key, so a second tab or a resend saves it once.
"use strict";
window.Scribe = (function () {
  const $ = (id) => document.getElementById(id);
  const MAX = 2000, DRAFT = "fac-note", QUEUE = "fac-notes";
  let view = null, timer = null, flushing = false, active = false, watchKey = null;
  let draft = load(DRAFT, null) || blank();
  const drawn = {};

  function load(key, fallback) {
    try { const v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; }
    catch (e) { return fallback; }
  }
  function store(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* memory only */ } }
  function blank(question) { return { key: null, question: question || null, text: "" }; }
  function queue() { return load(QUEUE, []); }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function randomKey() {
    const b = new Uint8Array(12);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  }
  function changed(part, value) {
    const sig = JSON.stringify(value);
    if (drawn[part] === sig) return false;
    drawn[part] = sig;
    return true;
  }
  function conn(ok) { if (window.Conn) window.Conn(ok); }
  function setStatus(text, kind) {
    const s = $("sc-status");
    s.className = "status" + (kind ? " " + kind : "");
    s.textContent = text;
  }
  function updateCount() {
    const n = $("sc-text").value.length;
    $("sc-count").textContent = L.t("chars", { n, max: MAX });
    $("sc-count").classList.toggle("error", n > MAX);
  }

  // Follow the facilitator: when the question on the laptop's screen changes, the phone moves
  // with it, unless a note is half typed (it stays with the question it was started for).
  function follow() {
    const now = view && view.suggested;
    const seen = load("fac-followed", null);
    if (!now || now === seen) return;
    if ((draft.text || "").trim()) return;
    store("fac-followed", now);
    draft.question = now;
    store(DRAFT, draft);
    delete drawn.notes; delete drawn.qtext; delete drawn.questions;
  }

  // The question: the one this phone chose, else the one the agenda is at, else the first.
  function question() {
    follow();
    const qs = (view && view.questions) || [];
    if (draft.question && qs.some((q) => q.id === draft.question)) return draft.question;
    if (view && view.suggested && qs.some((q) => q.id === view.suggested)) return view.suggested;
    return qs.length ? qs[0].id : null;
  }

  function render() {
    if (!view) return;
    if (changed("who", [view.me, view.group.name])) {
      $("sc-who").textContent = (view.me ? view.me.name + " · " : "") + view.group.name;
    }
    const qs = view.questions || [];
    const qid = question();
    $("sc-no-questions").hidden = qs.length > 0;
    const sel = $("sc-question");
    if (changed("questions", [qs, view.suggested, L.lang]) && document.activeElement !== sel) {
      sel.replaceChildren(...qs.map((q, i) => {
        const o = el("option", "", (i + 1) + ". " + q.text + (q.id === view.suggested ? " (" + L.t("sc_now") + ")" : ""));
        o.value = q.id;
        return o;
      }));
    }
    if (document.activeElement !== sel) sel.value = qid || "";
    const q = qs.find((x) => x.id === qid);
    if (changed("qtext", [q && q.text])) $("sc-question-text").textContent = q ? q.text : "";
    const notes = (view.notes || []).filter((n) => n.question === qid);
    if (changed("notes", [notes, L.lang])) {
      $("sc-notes").replaceChildren(...notes.map((n) => {
        const li = el("li");
        li.dataset.id = n.id;
        const meta = el("div", "meta");
        if (n.tip) meta.append(el("span", "stamp", "★ " + L.t("sc_tip")));
        if (n.mine) meta.append(el("span", "", L.t("sc_mine")));
        if (meta.childNodes.length) li.append(meta);
        li.append(el("p", "text", n.text));
        return li;
      }));
      $("sc-empty").hidden = notes.length > 0;
    }
  }

  async function poll() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!active) return;
    const r = await api("GET", "/api/flipover");
    conn(r.status !== 0);
    if (r.ok) {
      view = r.data;
      render();
      if (queue().length) flush();
    } else if (r.status === 401 || r.status === 403 || r.status === 409) {
      active = false;
      if (window.ScribeLost) window.ScribeLost(r);
      return;
    }
    timer = setTimeout(poll, 1500);
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    let later = false;
    try {
      for (;;) {
        const q = queue();
        if (!q.length) break;
        const e = q[0];
        const r = await api("POST", "/api/note", { key: e.key, question: e.question, text: e.text });
        conn(r.status !== 0);
        if (r.status === 0 || r.status === 503 || r.status === 429 || r.status >= 500 || r.status === 401) {
          if (q.some((x) => x.key === watchKey)) setStatus(L.t("queued"), "warn");
          break;
        }
        store(QUEUE, queue().filter((x) => x.key !== e.key));
        if (r.ok) {
          if (e.key === watchKey) setStatus(L.t("sc_saved"), "ok"); else later = true;
        } else if (!$("sc-text").value.trim()) {
          // Refused: back into the box with the reason (never lost).
          draft = { key: randomKey(), question: e.question, text: e.text };
          store(DRAFT, draft);
          $("sc-text").value = e.text;
          updateCount();
          setStatus(r.data.message || String(r.status), "error");
        }
      }
    } finally {
      flushing = false;
      conn(null);
    }
    if (later && !queue().length) setStatus(L.t("sent_later"), "ok");
    if (active) poll();
  }

  $("sc-question").addEventListener("change", () => {
    draft.question = $("sc-question").value || null;
    store(DRAFT, draft);
    delete drawn.notes; delete drawn.qtext;
    render();
  });

  $("sc-text").addEventListener("input", () => {
    updateCount();
    const value = $("sc-text").value;
    if (!value.trim()) draft.key = null;
    else if (!draft.key) draft.key = randomKey();
    draft.text = value;
    store(DRAFT, draft);
  });
  $("sc-text").addEventListener("focus", () => document.body.classList.add("typing"));
  $("sc-text").addEventListener("blur", () => document.body.classList.remove("typing"));

  window.addEventListener("storage", (ev) => {
    if (ev.key === DRAFT) {
      draft = load(DRAFT, null) || blank(draft.question);
      if (document.activeElement !== $("sc-text")) $("sc-text").value = draft.text || "";
      updateCount();
    }
  });

  $("sc-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("sc-text").value;
    if (!text.trim()) return;
    if (text.length > MAX) return setStatus(L.t("too_long", { length: text.length, max: MAX }), "error");
    const qid = question();
    if (!qid) { $("sc-question").focus(); return setStatus(L.t("sc_question_needed"), "error"); }
    // Into the phone's queue first, then off the form: nothing lost, nothing sent twice.
    const entry = { key: draft.key || randomKey(), question: qid, text };
    store(QUEUE, [...queue().filter((e) => e.key !== entry.key), entry]);
    draft = { key: null, question: qid, text: "" };
    store(DRAFT, draft);
    $("sc-text").value = "";
    updateCount();
    setStatus(L.t("sending"), "");
    watchKey = entry.key;
    await flush();
    $("sc-text").focus();
  });

  setInterval(() => { if (active && queue().length && !flushing) flush(); }, 3000);
  window.addEventListener("online", () => { if (active) flush(); });
  document.addEventListener("visibilitychange", () => { if (!document.hidden && active) poll(); });

  return {
    start() {
      active = true;
      $("sc-text").value = draft.text || "";
      updateCount();
      poll();
      flush();
    },
    stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      view = null;
      for (const k of Object.keys(drawn)) delete drawn[k];
    },
    relabel() { for (const k of Object.keys(drawn)) delete drawn[k]; setStatus("", ""); updateCount(); if (active) poll(); },
    waiting() { return queue().length; },
  };
})();
