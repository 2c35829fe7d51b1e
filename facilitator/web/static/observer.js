// The observer page. Every piece of session text is put on the page with
// textContent only (no HTML parsing): feedback and names are shown exactly as typed.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX = 4000;
  const CATS = ["perspective", "helpful", "hindering", "differently", "free"];
  // The entry being typed lives in localStorage (text, category, talk, key, start stamp), so a
  // reload or a second tab keeps all of it; sent entries wait in a queue until the laptop has them.
  const DRAFT = "fac-entry", QUEUE = "fac-queue";
  let me = null, groups = [], dialogueGroups = [], view = null;
  let draft = load(DRAFT, null) || blank();
  let editing = null;              // {id, round, talk} while changing an own entry
  let timerBase = null, pollTimer = null, online = true, flushing = false;
  let shownTalk = null;            // a new talk folds the cards again (a new secret card)
  const drawn = {};                // what is on screen, per part: redraw a part only when it changed

  function load(key, fallback) {
    try { const v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; }
    catch (e) { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: memory only */ }
  }
  function blank() { return { key: null, round: null, category: null, text: "", typedAt: null }; }
  function queue() { return load(QUEUE, []); }
  function changed(part, value) {
    const sig = JSON.stringify(value);
    if (drawn[part] === sig) return false;
    drawn[part] = sig;
    return true;
  }

  function show(which) {
    for (const id of ["join", "profile", "watch", "scribe"]) $(id).hidden = id !== which;
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
    localStorage.removeItem("fac-draft");  // the old page's draft format
    $("fb-text").value = draft.text || "";
    updateCount();
    showConn();
    flushQueue();
    const r = await api("GET", "/api/me");
    if (r.ok) return joined(r.data);
    show("join");
    $("code").focus();
  }

  function joined(data) {
    groups = data.groups || [];
    dialogueGroups = data.dialogue_groups || [];
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

  // Practice (observer or player in a practice group) or scribe of a dialogue group.
  function pickedRole() {
    const input = document.querySelector("#roles input:checked");
    return dialogueGroups.length && input ? input.value : "practice";
  }
  function offered() { return pickedRole() === "scribe" ? dialogueGroups : groups; }

  function pickedGroup() {
    const input = document.querySelector("#groups input:checked");
    return input ? offered().find((g) => g.id === input.value) : undefined;
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
    const list = offered(), scribe = pickedRole() === "scribe";
    $("roles-box").hidden = !dialogueGroups.length;
    $("group-legend").textContent = L.t(scribe ? "dgroup_label" : "group_label");
    $("profile-intro").textContent = L.t(scribe ? "scribe_intro" : "profile_intro");
    $("no-groups").textContent = L.t(scribe ? "no_dgroups" : "no_groups");
    box.replaceChildren(...list.map((g) => radio("group", g.id, g.name, g.id === keep || list.length === 1)));
    $("no-groups").hidden = list.length > 0;
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

  $("roles").addEventListener("change", () => { $("profile-error").textContent = ""; renderGroups(); });
  $("groups").addEventListener("change", () => { $("profile-error").textContent = ""; renderNames(); });
  $("names").addEventListener("change", () => { $("profile-error").textContent = ""; });

  // While choosing, pick up groups the facilitator is still making.
  async function watchGroups() {
    if ($("profile").hidden) return;
    const r = await api("GET", "/api/me");
    if (r.ok) {
      const sig = (gs) => JSON.stringify((gs || []).map((g) => [g.id, g.name, g.members]));
      if (sig(r.data.groups) !== sig(groups) || sig(r.data.dialogue_groups) !== sig(dialogueGroups)) {
        groups = r.data.groups || [];
        dialogueGroups = r.data.dialogue_groups || [];
        renderGroups();
      }
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
    const r = await api("POST", "/api/profile", { role: pickedRole(), group: group ? group.id : "", participant: person ? person.value : "" });
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
    Scribe.stop();
    view = null; shownTalk = null;
    for (const k of Object.keys(drawn)) delete drawn[k];
    $("join-error").textContent = "";
    $("join-back").hidden = !canGoBack;
    $("rejoin-hint").hidden = !canGoBack;
    if (!canGoBack) me = null;
    show("join");
    $("code").focus();
  }

  $("change").addEventListener("click", () => rejoin(true));
  $("sc-change").addEventListener("click", () => rejoin(true));
  window.Conn = (ok) => (ok === null ? showConn() : setOnline(ok));
  // The scribe's group or name is gone (the facilitator changed the groups): join again.
  window.ScribeLost = (r) => {
    if (r.status === 401) { me = null; return r.data.error === "profile_needed" ? (renderGroups(), show("profile"), watchGroups()) : show("join"); }
    rejoin(false);
    $("join-error").textContent = r.data.message || "";
  };
  $("join-back").addEventListener("click", () => {
    $("join-back").hidden = $("rejoin-hint").hidden = true;
    startWatching();
  });

  $("lang").addEventListener("click", () => {
    L.toggle();
    for (const k of Object.keys(drawn)) delete drawn[k];
    renderCats();
    showConn();
    Scribe.relabel();
    if (!$("profile").hidden) renderGroups();
    if (view) render(view);
    updateCount();
    if (me) poll();  // card texts come from the server in the new language
  });

  // -- watching --------------------------------------------------------------------
  function startWatching() {
    if (me && me.role === "scribe") {
      $("title").dataset.i18n = "sc_title";
      $("title").textContent = L.t("sc_title");
      show("scribe");
      return Scribe.start();
    }
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
    setOnline(r.status !== 0);
    if (r.ok) {
      view = r.data;
      render(view);
      if (queue().length) flushQueue();
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

  // -- the connection, always in the top bar -----------------------------------------
  function setOnline(ok) {
    if (online === ok) return showConn();
    online = ok;
    showConn();
  }

  function showConn() {
    const n = queue().length + Scribe.waiting();
    const c = $("conn");
    c.dataset.state = !online ? "off" : n ? "queue" : "ok";
    c.textContent = !online ? (n ? L.t("conn_off_queue", { n }) : L.t("conn_off"))
      : n ? L.t("conn_queue", { n }) : L.t("conn_ok");
  }

  // -- drawing: each part only when its data changed (screen readers do not restart) ----
  function render(v) {
    const cur = v.current;
    if (changed("who", [v.me, v.group.name])) {
      $("who").textContent = v.me ? v.me.name + " · " + v.group.name : v.group.name;
    }
    $("no-talk").hidden = !!cur;
    $("talk-timer").hidden = !cur;
    $("talk-limit").hidden = !cur;
    $("cards-box").hidden = !cur;
    if (cur) {
      if (changed("head", [cur.talk, cur.set, cur.state, cur.limit])) {
        $("talk-label").textContent = L.t("talk") + " " + cur.talk + (cur.set ? " · " + L.t("set") + " " + cur.set : "");
        $("talk-state").textContent = L.t("state_" + cur.state);
        $("talk-state").dataset.state = cur.state;
        $("talk-limit").textContent = "/ " + mmss(cur.limit);
      }
      timerBase = { elapsed: cur.elapsed, limit: cur.limit, running: cur.state === "running", at: performance.now() };
      tick();
      if (shownTalk !== cur.id) { $("cards-box").open = false; shownTalk = cur.id; }
      if (changed("cards", [cur.id, cur.cards, cur.withheld, cur.players, cur.set_title])) renderCards(cur);
    } else {
      $("talk-label").textContent = "";
      $("talk-state").textContent = "";
      timerBase = null;
      tick();
    }
    // A player in a talk that is coming up or under way reads the card and writes nothing.
    const playing = !!(cur && cur.role && cur.role !== "observer" && cur.state !== "ended");
    const open = (v.talks || []).filter((t) => t.open);
    $("fb-form").hidden = !editing && (playing || !open.length);
    $("not-observer").hidden = !playing;
    if (playing) $("not-observer").textContent = L.t("not_observer", { talk: cur.talk });
    if (changed("talks", [open, cur && cur.id, editing, draft.round])) renderTalkChoice(v);
    if (changed("mine", [v.mine, v.editable])) renderMine(v.mine || [], v.editable);
    if (changed("focus", cur && cur.focus)) renderFocus(cur && cur.focus);
    renderEval(v.evaluation);
  }

  // -- the talk's focus: what an observer looks for (only observers get it) ------------------
  function renderFocus(f) {
    $("focus").hidden = !f;
    if (!f) return;
    $("focus-theme").textContent = f.theme ? L.t("focus_theme", { theme: f.theme }) : "";
    $("focus-goal").textContent = f.goal ? L.t("focus_goal", { goal: f.goal }) : "";
    $("focus-theme").hidden = !f.theme;
    $("focus-goal").hidden = !f.goal;
  }

  // -- the evaluation helper questions, for the roles this player played -------------------
  // One text field per question; what is typed stays on the phone (with its key) until the laptop
  // has it, so a reload keeps it and a resend is saved once.
  const EVAL = "fac-eval";
  function evalDrafts() { return load(EVAL, {}); }
  function evalDraft(id, value) {
    const all = evalDrafts();
    if (value) all[id] = value; else delete all[id];
    store(EVAL, all);
  }

  function renderEval(ev) {
    $("eval").hidden = !ev;
    if (!ev) { delete drawn.evalShape; return; }
    // The fields are built once per set of questions (typing is never interrupted); answers update in place.
    if (changed("evalShape", ev.roles.map((r) => [r.role, r.talks, r.questions.map((q) => [q.id, q.text])]))) {
      const drafts = evalDrafts();
      const box = $("eval-roles");
      box.replaceChildren();
      for (const r of ev.roles) {
        const group = el("section", "eval-role");
        const isMentor = r.role === "mentor";
        group.append(el("h3", "", L.t(isMentor ? "eval_as_mentor" : "eval_as_parent", { talks: r.talks.join(", ") })));
        r.questions.forEach((q, i) => {
          const id = r.role + "|" + q.id;
          const form = el("form", "eval-q");
          form.noValidate = true;
          form.dataset.q = q.id;
          form.dataset.role = r.role;
          const qid = "eq-" + r.role + "-" + i;
          const text = el("p", "question-text", (i + 1) + ". " + q.text);
          text.id = qid + "-q";
          const label = el("label", "small", L.t("eval_answer_label"));
          label.htmlFor = qid;
          const area = el("textarea");
          area.id = qid;
          area.rows = 2;
          area.maxLength = MAX;
          area.setAttribute("aria-describedby", qid + "-q");
          area.value = (drafts[id] && drafts[id].text) || "";
          area.addEventListener("input", () => {
            const d = evalDrafts()[id] || {};
            if (!area.value.trim()) return evalDraft(id, null);
            evalDraft(id, { text: area.value, key: d.key || randomKey() });
          });
          const foot = el("div", "form-foot");
          const save = el("button", "primary", L.t("eval_save"));
          save.type = "submit";
          foot.append(save);
          const done = el("ul", "eval-answers");
          const status = el("p", "status");
          status.setAttribute("role", "status");
          form.append(text, label, area, foot, status, done);
          form.addEventListener("submit", (e) => { e.preventDefault(); sendAnswer(form, id, area, status); });
          group.append(form);
        });
        box.append(group);
      }
    }
    for (const r of ev.roles) {
      for (const q of r.questions) {
        const form = $("eval-roles").querySelector(`form[data-role="${r.role}"][data-q="${CSS.escape(q.id)}"]`);
        if (!form) continue;
        const list = form.querySelector(".eval-answers");
        const sig = JSON.stringify(q.answers);
        if (list.dataset.sig === sig) continue;
        list.dataset.sig = sig;
        list.replaceChildren(...q.answers.map((a) => el("li", "", a.text)));
        if (q.answers.length) list.prepend(el("li", "muted small", L.t("eval_yours")));
      }
    }
  }

  async function sendAnswer(form, id, area, status) {
    const text = area.value;
    if (!text.trim()) return;
    const d = evalDrafts()[id] || { key: randomKey() };
    evalDraft(id, { text, key: d.key });
    const btn = form.querySelector("button");
    btn.disabled = true;
    const r = await api("POST", "/api/answer", { question: form.dataset.q, role: form.dataset.role, text, key: d.key });
    btn.disabled = false;
    setOnline(r.status !== 0);
    if (r.ok) {
      evalDraft(id, null);
      if (area.value === text) area.value = "";
      status.className = "status ok";
      status.textContent = L.t("eval_saved");
      poll();
      return;
    }
    status.className = "status error";
    status.textContent = r.status ? r.data.message || String(r.status) : L.t("offline");
  }

  function tick() {
    const mini = $("mini-timer");
    if (!timerBase) { mini.hidden = true; return; }
    let s = timerBase.elapsed;
    if (timerBase.running) s += (performance.now() - timerBase.at) / 1000;
    const text = mmss(s);
    if ($("talk-timer").textContent !== text) $("talk-timer").textContent = text;
    if (mini.textContent !== text) mini.textContent = text;
    const over = s >= timerBase.limit;
    $("talk-timer").classList.toggle("over", over);
    mini.classList.toggle("over", over);
    mini.hidden = false;
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

  // The talk a note is for is always named on the form. It is the current talk when this visitor
  // observes it; otherwise the observer chooses (no silent fallback to some other talk). A note
  // being typed keeps its talk, even when the room moves on.
  function targetTalk() {
    if (editing) return editing.round;
    const talks = ((view && view.talks) || []).filter((t) => t.open);
    if (draft.round && talks.some((t) => t.id === draft.round)) return draft.round;
    const cur = view && view.current;
    if (cur && talks.some((t) => t.id === cur.id)) return cur.id;
    const picked = $("fb-talk").value;
    return talks.some((t) => t.id === picked) ? picked : null;
  }

  function renderTalkChoice(v) {
    const sel = $("fb-talk");
    const talks = (v.talks || []).filter((t) => t.open);
    const want = targetTalk();
    const options = [];
    if (!want) { const o = el("option", "", L.t("fb_pick_talk")); o.value = ""; options.push(o); }
    for (const t of talks) {
      const o = el("option", "", L.t("talk") + " " + t.talk + " · " + L.t("state_" + t.state));
      o.value = t.id;
      options.push(o);
    }
    if (document.activeElement !== sel) {
      sel.replaceChildren(...options);
      sel.value = want || "";
    }
    $("for-line").hidden = talks.length < 2 && !!want || !!editing;
    sel.disabled = !!editing;
    const t = (v.talks || []).find((x) => x.id === want);
    $("fb-title").textContent = t ? L.t("fb_for", { talk: t.talk }) : L.t("feedback");
  }

  $("fb-talk").addEventListener("change", () => {
    draft.round = $("fb-talk").value || null;
    saveDraft();
    if (view) { delete drawn.talks; renderTalkChoice(view); }
  });

  // A radio group: one tab stop, arrow keys move the choice, nothing chosen until the observer chooses.
  function renderCats() {
    const box = $("cats");
    box.replaceChildren();
    CATS.forEach((c, i) => {
      const b = el("button", "chip", L.t("cat_" + c));
      b.type = "button";
      b.setAttribute("role", "radio");
      b.dataset.cat = c;
      b.addEventListener("click", () => chooseCat(c, false));
      box.append(b);
    });
    markCats();
  }

  function markCats() {
    const cat = editing ? editing.category : draft.category;
    const buttons = [...$("cats").children];
    buttons.forEach((b, i) => {
      const on = b.dataset.cat === cat;
      b.setAttribute("aria-checked", String(on));
      b.tabIndex = on || (!cat && i === 0) ? 0 : -1;
    });
  }

  function chooseCat(c, focus) {
    if (editing) editing.category = c;
    else { draft.category = c; saveDraft(); }
    markCats();
    if (focus) $("cats").querySelector(`[data-cat="${c}"]`).focus();
    if ($("fb-status").dataset.why === "cat") setStatus("", "");
  }

  $("cats").addEventListener("keydown", (ev) => {
    const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (!(ev.key in keys)) return;
    ev.preventDefault();
    const cur = CATS.indexOf(ev.target.dataset.cat);
    chooseCat(CATS[(cur + keys[ev.key] + CATS.length) % CATS.length], true);
  });

  function renderMine(items, editable) {
    const list = $("mine");
    list.replaceChildren();
    for (const o of items) {
      const li = el("li");
      li.dataset.id = o.id;
      const meta = el("div", "meta");
      meta.append(el("span", "stamp", mmss(o.offset)), el("span", "", L.t("talk") + " " + o.talk + " · " + L.t("cat_" + o.category)));
      li.append(meta, el("p", "text", o.text));
      if (editable) {
        const row = el("div", "entry-actions");
        const edit = el("button", "link", L.t("edit"));
        edit.type = "button";
        edit.dataset.act = "edit";
        edit.addEventListener("click", () => startEdit(o));
        const del = el("button", "link danger", L.t("delete"));
        del.type = "button";
        del.dataset.act = "delete";
        // Two taps: the first asks (no browser dialog), the second removes.
        del.addEventListener("click", () => {
          if (del.dataset.sure !== "1") { del.dataset.sure = "1"; del.textContent = L.t("delete_sure"); return; }
          removeEntry(o);
        });
        row.append(edit, del);
        li.append(row);
      }
      list.append(li);
    }
    $("mine-empty").hidden = items.length > 0;
    $("mine-locked").hidden = editable !== false || !items.length;
  }

  function startEdit(o) {
    editing = { id: o.id, round: o.round, talk: o.talk, category: o.category };
    $("fb-text").value = o.text;
    $("fb-cancel").hidden = false;
    markCats();
    updateCount();
    setStatus(L.t("editing", { talk: o.talk }), "");
    if (view) { delete drawn.talks; render(view); }
    $("fb-text").focus();
  }

  function stopEdit() {
    editing = null;
    $("fb-text").value = draft.text || "";
    $("fb-cancel").hidden = true;
    markCats();
    updateCount();
    if (view) { delete drawn.talks; render(view); }
  }
  $("fb-cancel").addEventListener("click", () => { stopEdit(); setStatus("", ""); });

  async function removeEntry(o) {
    const r = await api("POST", "/api/feedback/delete", { round: o.round, id: o.id });
    setOnline(r.status !== 0);
    if (r.ok) { setStatus(L.t("deleted"), "ok"); if (editing && editing.id === o.id) stopEdit(); }
    else setStatus(r.status ? r.data.message || String(r.status) : L.t("offline"), "error");
    poll();
  }

  // -- feedback ------------------------------------------------------------------
  function setStatus(text, kind, why) {
    const s = $("fb-status");
    s.className = "status" + (kind ? " " + kind : "");
    s.textContent = text;
    s.dataset.why = why || "";
  }

  function saveDraft() { if (!editing) store(DRAFT, draft); }

  function updateCount() {
    const n = $("fb-text").value.length;
    $("fb-count").textContent = L.t("chars", { n, max: MAX });
    $("fb-count").classList.toggle("error", n > MAX);
  }

  $("fb-text").addEventListener("input", () => {
    updateCount();
    if (editing) return;
    const value = $("fb-text").value;
    if (!value.trim()) { draft.typedAt = null; draft.key = null; }
    else if (draft.typedAt === null) {
      // The first character: this is when the observer saw it, and this entry's key from now on.
      draft.typedAt = Date.now();
      draft.key = randomKey();
      if (!draft.round) draft.round = targetTalk();
    }
    draft.text = value;
    saveDraft();
  });

  // Another tab of the same phone typed: take its entry over (same key, so it is saved once).
  window.addEventListener("storage", (ev) => {
    if (ev.key === DRAFT && !editing) {
      draft = load(DRAFT, null) || blank();
      if (document.activeElement !== $("fb-text")) $("fb-text").value = draft.text || "";
      markCats();
      updateCount();
      if (view) { delete drawn.talks; renderTalkChoice(view); }
    } else if (ev.key === QUEUE) {
      // Another tab sent what this one was waiting for: say so here too.
      if (watchKey && !queue().some((x) => x.key === watchKey) && $("fb-status").classList.contains("warn")) {
        watchKey = null;
        setStatus(L.t("sent_later"), "ok");
      }
      showConn();
    }
  });

  // With the keyboard up the form is what matters: the cards fold (tap to read them again).
  $("fb-text").addEventListener("focus", () => { $("cards-box").open = false; document.body.classList.add("typing"); });
  $("fb-text").addEventListener("blur", () => document.body.classList.remove("typing"));

  $("fb-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("fb-text").value;
    if (!text.trim()) return;
    if (text.length > MAX) return setStatus(L.t("too_long", { length: text.length, max: MAX }), "error");
    if (editing) return sendEdit(text);
    const round = targetTalk();
    if (!round) { $("fb-talk").focus(); return setStatus(L.t("talk_needed"), "error", "talk"); }
    if (!draft.category) {
      const first = $("cats").querySelector('[tabindex="0"]');
      if (first) first.focus();
      return setStatus(L.t("cat_needed"), "error", "cat");
    }
    // Into the queue first (on the phone's disk), then off the form: nothing is lost, nothing sent twice.
    const entry = { key: draft.key || randomKey(), round, category: draft.category, text, typedAt: draft.typedAt || Date.now() };
    const q = queue().filter((e) => e.key !== entry.key);
    q.push(entry);
    store(QUEUE, q);
    draft = blank();
    store(DRAFT, draft);
    $("fb-text").value = "";
    updateCount();
    markCats();
    if (view) { delete drawn.talks; renderTalkChoice(view); }
    setStatus(L.t("sending"), "");
    showConn();
    watchKey = entry.key;  // whichever flush sends it reports on it
    await flushQueue();
  });

  async function sendEdit(text) {
    $("fb-save").disabled = true;
    const r = await api("POST", "/api/feedback/edit", { round: editing.round, id: editing.id, category: editing.category, text });
    $("fb-save").disabled = false;
    setOnline(r.status !== 0);
    if (r.ok) { stopEdit(); setStatus(L.t("edited"), "ok"); poll(); return; }
    setStatus(r.status ? r.data.message || String(r.status) : L.t("offline"), "error");
  }

  // Sends every queued entry, oldest first, each with its own key: the laptop saves each once,
  // whichever tab sends it and however often. Stops at the first sign the laptop is away.
  let watchKey = null;
  async function flushQueue() {
    if (flushing) return;
    flushing = true;
    let sentLater = false;
    try {
      for (;;) {
        const q = queue();
        if (!q.length) break;
        const e = q[0];
        const age = Math.max(0, (Date.now() - e.typedAt) / 1000);
        const r = await api("POST", "/api/feedback", { key: e.key, round: e.round, category: e.category, text: e.text, age });
        setOnline(r.status !== 0);
        if (r.status === 0 || r.status === 503 || r.status === 429 || r.status >= 500 || r.status === 401) {
          if (e.key === watchKey || q.some((x) => x.key === watchKey)) setStatus(L.t("queued"), "warn");
          if (r.status === 401) poll();
          break;
        }
        store(QUEUE, queue().filter((x) => x.key !== e.key));
        if (r.ok) {
          if (e.key === watchKey) {
            if (!online || sentLater) sentLater = true;
            else setStatus(L.t("saved_at", { stamp: mmss(r.data.observation.offset) }), "ok");
          } else sentLater = true;
        } else if (!$("fb-text").value.trim() && !editing) {
          // Refused (e.g. a talk that is not yours): back into the box, with the reason.
          draft = { ...e, key: randomKey() };
          store(DRAFT, draft);
          $("fb-text").value = e.text;
          updateCount();
          markCats();
          setStatus(r.data.message || String(r.status), "error");
        }
      }
    } finally {
      flushing = false;
      showConn();
    }
    if (sentLater && !queue().length) setStatus(L.t("sent_later"), "ok");
    if (view) poll();
  }
  setInterval(() => { if (queue().length && !flushing) flushQueue(); }, 3000);

  // A phone that wakes up refreshes at once instead of showing a stale timer.
  document.addEventListener("visibilitychange", () => { if (!document.hidden && me && !$("watch").hidden) poll(); });
  window.addEventListener("online", () => flushQueue());

  boot();
})();
