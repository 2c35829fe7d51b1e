// The observer page. Every piece of session text is put on the page with
// textContent only (no HTML parsing): feedback and names are shown exactly as typed.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX = 4000;
  const CATS = ["perspective", "helpful", "hindering", "differently", "free"];
  let me = null, groups = [], view = null, category = "perspective";
  let chosenTalk = null;           // talk picked by hand; null follows the current talk
  let pending = null;              // {key, round, category, text}: resent with the same key
  let timerBase = null, pollTimer = null;
  let typingSince = null;          // when this entry's first character was typed
  let shownTalk = null;            // a new talk folds the cards again (a new secret card)

  function show(which) {
    for (const id of ["join", "profile", "watch"]) $(id).hidden = id !== which;
  }

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

  // -- joining -------------------------------------------------------------------
  async function boot() {
    L.apply();
    renderCats();
    $("fb-text").value = localStorage.getItem("fac-draft") || "";
    updateCount();
    const r = await api("GET", "/api/me");
    if (r.ok) return joined(r.data);
    show("join");
    $("code").focus();
  }

  function joined(data) {
    groups = data.groups || [];
    me = data.me;
    if (me) return startWatching();
    renderGroups();
    show("profile");
    watchGroups();
  }

  $("join-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("join-error").textContent = "";
    const r = await api("POST", "/api/login", { code: $("code").value });
    if (r.ok) {
      $("code").value = "";
      $("join-back").hidden = $("rejoin-hint").hidden = true;
      return joined(r.data);
    }
    $("join-error").textContent = r.status ? r.data.message || r.status : L.t("offline");
    $("code").select();
  });

  function pickedGroup() {
    const input = document.querySelector("#groups input:checked");
    return input ? groups.find((g) => g.id === input.value) : undefined;
  }

  function radio(name, value, text, checked) {
    const label = el("label", "choice");
    const input = el("input");
    input.type = "radio"; input.name = name; input.value = value; input.checked = checked;
    label.append(input, el("span", "", text));
    return label;
  }

  function renderGroups() {
    const box = $("groups");
    const keep = (box.querySelector("input:checked") || {}).value;
    box.replaceChildren(...groups.map((g) => radio("group", g.id, g.name, g.id === keep || groups.length === 1)));
    $("no-groups").hidden = groups.length > 0;
    renderNames();
  }

  // The names offered are the chosen group's roster: nobody types a name.
  function renderNames() {
    const group = pickedGroup();
    const box = $("names");
    const keep = (box.querySelector("input:checked") || {}).value;
    const members = group ? group.members || [] : [];
    box.replaceChildren(...members.map((m) => radio("participant", m.id, m.name, m.id === keep)));
    $("names-box").hidden = !group;
  }

  $("groups").addEventListener("change", () => { $("profile-error").textContent = ""; renderNames(); });
  $("names").addEventListener("change", () => { $("profile-error").textContent = ""; });

  // While choosing, pick up groups the facilitator is still making.
  async function watchGroups() {
    if ($("profile").hidden) return;
    const r = await api("GET", "/api/me");
    if (r.ok) {
      const sig = (gs) => JSON.stringify((gs || []).map((g) => [g.id, g.name, g.members]));
      if (sig(r.data.groups) !== sig(groups)) { groups = r.data.groups || []; renderGroups(); }
    } else if (r.status === 401) {
      return show("join");
    }
    setTimeout(watchGroups, 3000);
  }

  $("profile-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    $("profile-error").textContent = "";
    const group = pickedGroup();
    const person = document.querySelector("#names input:checked");
    const r = await api("POST", "/api/profile", { group: group ? group.id : "", participant: person ? person.value : "" });
    if (r.ok) {
      me = r.data.me;
      return startWatching();
    }
    if (r.status === 401 && r.data.error === "login_needed") return show("join");
    $("profile-error").textContent = r.status ? r.data.message || r.status : L.t("offline");
  });

  // Another group or name means a new join: the server ends this token when the code is entered again.
  // Until the code is entered again the old identity stays valid, so "back" can return to it.
  function rejoin(canGoBack) {
    stopPolling();
    view = null; shownTalk = null; chosenTalk = null;
    $("join-error").textContent = "";
    $("join-back").hidden = !canGoBack;
    $("rejoin-hint").hidden = !canGoBack;
    if (!canGoBack) me = null;
    show("join");
    $("code").focus();
  }

  $("change").addEventListener("click", () => rejoin(true));
  $("join-back").addEventListener("click", () => {
    $("join-back").hidden = $("rejoin-hint").hidden = true;
    startWatching();
  });

  $("lang").addEventListener("click", () => {
    L.toggle();
    renderCats();
    if (view) render(view);
    updateCount();
    if (me) poll();  // card texts come from the server in the new language
  });

  // -- watching --------------------------------------------------------------------
  function startWatching() {
    show("watch");
    poll();
  }

  function stopPolling() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  async function poll() {
    stopPolling();
    const r = await api("GET", "/api/talk");
    if (r.ok) {
      view = r.data;
      render(view);
    } else if (r.status === 401) {
      me = null;
      if (r.data.error === "profile_needed") { renderGroups(); show("profile"); watchGroups(); }
      else show("join");
      return;
    } else if (r.status === 409) {
      // The facilitator changed the groups: say so on the join form.
      rejoin(false);
      $("join-error").textContent = r.data.message || "";
      return;
    }
    pollTimer = setTimeout(poll, 1500);
  }

  function render(v) {
    $("who").textContent = v.me ? v.me.name + " · " + v.group.name : v.group.name;
    const cur = v.current;
    $("no-talk").hidden = !!cur;
    $("talk-timer").hidden = !cur;
    $("talk-limit").hidden = !cur;
    $("cards-box").hidden = !cur;
    if (cur) {
      $("talk-label").textContent = L.t("talk") + " " + cur.talk + (cur.set ? " · " + L.t("set") + " " + cur.set : "");
      $("talk-state").textContent = L.t("state_" + cur.state);
      $("talk-state").dataset.state = cur.state;
      $("talk-limit").textContent = "/ " + mmss(cur.limit);
      timerBase = { elapsed: cur.elapsed, limit: cur.limit, running: cur.state === "running", at: performance.now() };
      tick();
      if (shownTalk !== cur.id) { $("cards-box").open = false; shownTalk = cur.id; }
      renderCards(cur);
    } else {
      $("talk-label").textContent = "";
      $("talk-state").textContent = "";
      timerBase = null;
    }
    renderTalkChoice(v);
    const observing = (v.talks || []).some((t) => t.observing);
    $("fb-form").hidden = !observing;  // nothing this visitor may give feedback on (yet)
    const playing = !!(cur && cur.role && cur.role !== "observer");
    $("not-observer").hidden = !playing;
    if (playing) $("not-observer").textContent = L.t("not_observer", { talk: cur.talk });
    renderMine(v.mine || []);
  }

  function tick() {
    if (!timerBase) return;
    let s = timerBase.elapsed;
    if (timerBase.running) s += (performance.now() - timerBase.at) / 1000;
    $("talk-timer").textContent = mmss(s);
    $("talk-timer").classList.toggle("over", s >= timerBase.limit);
  }
  setInterval(tick, 250);

  function renderCards(cur) {
    const box = $("cards");
    box.replaceChildren();
    $("withheld").hidden = !cur.withheld;
    $("cards-hint").hidden = !!cur.withheld;  // "keep your screen from the mentor" is for observers
    $("withheld").textContent = cur.withheld === "outsider" ? L.t("outsider") : L.t("withheld");
    const who = { mentor: cur.players.mentor, parent: cur.players.parent, pupil: cur.players.pupil };
    for (const c of cur.cards) {
      const card = el("article", "card card-" + c.role);
      const head = el("header");
      head.append(el("strong", "", L.t("role_" + c.role)));
      if (who[c.role]) head.append(el("span", "player", who[c.role]));
      card.append(head, el("h3", "", c.title), el("p", "", c.text));
      box.append(card);
    }
    if (cur.set_title) box.prepend(el("p", "muted small", L.t("set") + " " + cur.set + ": " + cur.set_title));
  }

  // Feedback only on talks this visitor observes (the server refuses the others too).
  function renderTalkChoice(v) {
    const sel = $("fb-talk");
    const talks = (v.talks || []).filter((t) => t.observing);
    $("for-line").hidden = talks.length < 2;
    let want = chosenTalk || (v.current && v.current.id);
    if (!talks.some((t) => t.id === want)) want = talks.length ? talks[talks.length - 1].id : null;
    const options = talks.map((t) => {
      const o = el("option", "", L.t("talk") + " " + t.talk + " · " + L.t("state_" + t.state));
      o.value = t.id;
      return o;
    });
    sel.replaceChildren(...options);
    if (want) sel.value = want;
  }

  $("fb-talk").addEventListener("change", () => {
    chosenTalk = $("fb-talk").value === (view && view.current && view.current.id) ? null : $("fb-talk").value;
  });

  function renderCats() {
    const box = $("cats");
    box.replaceChildren();
    for (const c of CATS) {
      const b = el("button", "chip", L.t("cat_" + c));
      b.type = "button";
      b.setAttribute("role", "radio");
      b.setAttribute("aria-checked", String(c === category));
      b.dataset.cat = c;
      b.addEventListener("click", () => { category = c; renderCats(); });
      box.append(b);
    }
  }

  function renderMine(items) {
    const list = $("mine");
    list.replaceChildren();
    for (const o of items) {
      const li = el("li");
      const meta = el("div", "meta");
      meta.append(el("span", "stamp", mmss(o.offset)), el("span", "", L.t("talk") + " " + o.talk + " · " + L.t("cat_" + o.category)));
      li.append(meta, el("p", "text", o.text));
      list.append(li);
    }
    $("mine-empty").hidden = items.length > 0;
  }

  // -- feedback ------------------------------------------------------------------
  function updateCount() {
    const n = $("fb-text").value.length;
    $("fb-count").textContent = L.t("chars", { n, max: MAX });
    $("fb-count").classList.toggle("error", n > MAX);
  }

  $("fb-text").addEventListener("input", () => {
    const value = $("fb-text").value;
    if (!value.trim()) typingSince = null;
    else if (typingSince === null) typingSince = Date.now();
    localStorage.setItem("fac-draft", value);
    updateCount();
  });

  $("fb-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("fb-text").value;
    const round = $("fb-talk").value || (view && view.current && view.current.id);
    const status = $("fb-status");
    status.className = "status";
    if (!text.trim() || !round) return;
    if (text.length > MAX) {
      status.textContent = L.t("too_long", { length: text.length, max: MAX });
      status.classList.add("error");
      return;
    }
    // The same entry resent (after a lost answer) keeps its key: the server saves it once.
    if (!pending || pending.text !== text || pending.round !== round || pending.category !== category) {
      pending = { key: randomKey(), round, category, text };
    }
    // The stamp is the moment typing began: what the observer saw, not when they saved.
    pending.age = typingSince === null ? 0 : Math.max(0, (Date.now() - typingSince) / 1000);
    $("fb-save").disabled = true;
    status.textContent = L.t("sending");
    const r = await api("POST", "/api/feedback", pending);
    $("fb-save").disabled = false;
    if (r.ok) {
      pending = null;
      if ($("fb-text").value === text) {
        $("fb-text").value = "";
        typingSince = null;
        localStorage.removeItem("fac-draft");
        updateCount();
      }
      status.textContent = L.t("saved_at", { stamp: mmss(r.data.observation.offset) });
      status.classList.add("ok");
      poll();
      return;
    }
    status.classList.add("error");
    status.textContent = r.status ? r.data.message || String(r.status) : L.t("offline");
    if (r.status === 401) setTimeout(poll, 1500);
  });

  // A phone that wakes up refreshes at once instead of showing a stale timer.
  document.addEventListener("visibilitychange", () => { if (!document.hidden && me && !$("watch").hidden) poll(); });

  boot();
})();
