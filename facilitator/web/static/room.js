// The room display: phase title, timer, goal and prompts. It shows only what the
// server's room endpoint returns, which never includes cards or notes.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let base = null, pollTimer = null, last = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function login(code) {
    // room: true keeps an observer's identity if this browser is also a phone page.
    const r = await api("POST", "/api/login", { code, room: true });
    if (r.ok) {
      history.replaceState(null, "", location.pathname);  // drop the code from the address bar
      $("join").hidden = true;
      return poll();
    }
    $("join").hidden = false;
    $("display").hidden = true;
    $("join-error").textContent = r.status ? r.data.message || r.status : L.t("offline");
  }

  $("join-form").addEventListener("submit", (ev) => { ev.preventDefault(); login($("code").value); });
  $("lang").addEventListener("click", () => { L.toggle(); poll(); });
  // Pasting the facilitator's link (with #code) into an open room tab changes only the hash.
  window.addEventListener("hashchange", () => { if (!$("join").hidden) poll(); });

  async function poll() {
    if (pollTimer) clearTimeout(pollTimer);
    const r = await api("GET", "/api/room");
    if (r.status === 401) {
      const fromHash = location.hash.replace(/^#/, "");
      if (fromHash && /^[0-9]{4,12}$/.test(fromHash)) return login(fromHash);
      $("join").hidden = false;
      $("display").hidden = true;
      return;
    }
    if (r.ok) { last = r.data; render(r.data); }
    pollTimer = setTimeout(poll, 1000);
  }

  function render(d) {
    $("display").hidden = false;
    $("join").hidden = true;
    if (!d.phase) {
      $("phase-title").textContent = L.t("room_no_agenda");
      $("timer").textContent = "";
      base = null;
      return;
    }
    $("phase-count").textContent = L.t("room_phase", { i: d.phase.index, n: d.phase.count });
    $("phase-title").textContent = d.phase.title;
    $("goal").textContent = d.phase.goal || "";
    const list = $("prompts");
    list.replaceChildren(...(d.phase.prompts || []).map((p) => el("li", "", p)));
    $("next").textContent = d.next ? L.t("room_next", { title: d.next }) : "";
    base = { remaining: d.remaining, running: d.running, started: d.started, at: performance.now() };
    tick();
  }

  function tick() {
    if (!base) return;
    let s = base.remaining;
    if (base.running) s -= (performance.now() - base.at) / 1000;
    const over = s < 0;
    $("timer").textContent = (over ? "+" : "") + mmss(over ? Math.ceil(-s) : Math.ceil(s));
    $("timer").classList.toggle("over", over);
    $("timer").classList.toggle("paused", !base.running);
    let note = "";
    if (!base.started) note = L.t("room_waiting");
    else if (!base.running) note = L.t("room_paused");
    else if (over) note = L.t("room_over");
    $("timer-note").textContent = note;
  }
  setInterval(tick, 250);

  L.apply();
  poll();
})();
