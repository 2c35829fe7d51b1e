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
    setText("phase-count", L.t("room_phase", { i: d.phase.index, n: d.phase.count }));
    setText("phase-title", d.phase.title);
    setText("goal", d.phase.goal || "");
    const sig = JSON.stringify(d.phase.prompts || []);
    if ($("prompts").dataset.sig !== sig) {
      $("prompts").dataset.sig = sig;
      $("prompts").replaceChildren(...(d.phase.prompts || []).map((p) => el("li", "", p)));
      fitted = false;
    }
    setText("next", d.next ? L.t("room_next", { title: d.next }) : "");
    // During a practice talk the room sees the talk timer, as on the laptop's room view.
    const t = d.talk;
    if (t && t.state !== "ready") {
      const ended = t.state === "ended";
      base = { remaining: ended ? -t.since_end : t.remaining, running: t.state === "running" || ended,
               started: true, at: performance.now(), talk: t, up: ended };
      setText("clock-label", ended ? L.t("room_talk_feedback", { i: t.number, n: t.total })
        : L.t("room_talk", { i: t.number, n: t.total }) + " · " + L.t("room_phase_left", { time: mmss(Math.max(0, d.remaining)) }));
    } else {
      base = { remaining: d.remaining, running: d.running, started: d.started, ended: d.ended, at: performance.now() };
      setText("clock-label", t ? L.t("room_talk_next", { i: t.number, n: t.total }) : "");
    }
    tick();
    fit();
  }

  function setText(id, text) {
    if ($(id).textContent !== text) { $(id).textContent = text; fitted = false; }
  }

  // Everything on one screen, whatever the projector: shrink the text until nothing scrolls.
  let fitted = false;
  function fit() {
    if (fitted) return;
    const main = $("display");
    let scale = 1;
    main.style.setProperty("--fit", "1");
    for (let i = 0; i < 30 && main.scrollHeight > window.innerHeight + 1; i++) {
      scale *= 0.93;
      main.style.setProperty("--fit", scale.toFixed(3));
    }
    fitted = true;
  }
  window.addEventListener("resize", () => { fitted = false; fit(); });

  function tick() {
    if (!base) return;
    let s = base.remaining;
    if (base.running) s -= (performance.now() - base.at) / 1000;
    let text, over = false;
    if (base.ended) {
      // Afronden: the time it ended instead of a countdown, as on the laptop's room view.
      text = new Date(base.ended).toLocaleTimeString(document.documentElement.lang || "nl",
                                                      { hour: "2-digit", minute: "2-digit", hour12: false });
    } else if (base.up) {
      text = mmss(Math.floor(-s));  // the feedback slot counts up, as on the laptop
    } else {
      over = s < 0;
      text = (over ? "+" : "") + mmss(over ? Math.ceil(-s) : Math.ceil(s));
    }
    if ($("timer").textContent !== text) $("timer").textContent = text;
    const paused = base.started && !base.running && !base.ended;  // ended (Afronden) is not a pause
    $("timer").classList.toggle("over", over);
    $("timer").classList.toggle("paused", paused);
    $("paused").hidden = !paused;
    document.body.classList.toggle("is-paused", paused);
    let note = "";
    if (base.ended) note = L.t("room_ended");
    else if (!base.started) note = L.t("room_waiting");
    else if (over) note = L.t("room_over");
    if ($("timer-note").textContent !== note) $("timer-note").textContent = note;
  }
  setInterval(tick, 250);

  L.apply();
  poll();
})();
