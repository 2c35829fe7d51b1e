// The rating page: the quickscan of the ten success factors and dots on the tips, anonymous.
// The server knows this phone only by its token; no name is asked and none is stored.
// Everything from the session goes onto the page with textContent only.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let view = null, timer = null, sig = {};
  const SYMBOLS = ["++", "+", "+-", "-", "--", "?"];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function changed(part, value) {
    const s = JSON.stringify(value);
    if (sig[part] === s) return false;
    sig[part] = s;
    return true;
  }
  function status(id, text, kind) {
    $(id).className = "status" + (kind ? " " + kind : "");
    $(id).textContent = text;
  }
  function apply() { L.apply(); }

  async function login(code) {
    // room: true keeps an observer's or scribe's identity if this browser has one.
    const r = await api("POST", "/api/login", { code, room: true });
    if (r.ok) return poll();
    $("join-error").textContent = r.status ? r.data.message || String(r.status) : L.t("rate_offline");
  }
  $("join-form").addEventListener("submit", (ev) => { ev.preventDefault(); login($("code").value); });
  $("lang").addEventListener("click", () => { L.toggle(); apply(); sig = {}; poll(); });

  async function poll() {
    if (timer) clearTimeout(timer);
    const r = await api("GET", "/api/rates");
    if (r.status === 401) {
      $("join").hidden = false;
      $("rating").hidden = true;
      return;
    }
    if (r.ok) { view = r.data; render(); }
    timer = setTimeout(poll, 2000);
  }

  function render() {
    $("join").hidden = true;
    $("rating").hidden = false;
    renderFactors();
    renderDots();
  }

  // -- the quickscan: one radio group per factor, the phone's own answer checked -----------
  function renderFactors() {
    const box = $("factors");
    if (changed("factors", [view.factors, view.scale, L.lang])) {
      box.replaceChildren(...view.factors.map((f) => {
        const fs = el("fieldset", "factor");
        fs.id = "factor-" + f.n;
        const lg = el("legend", "", f.n + ". " + f.title);
        lg.id = "factor-title-" + f.n;
        fs.append(lg, el("p", "what", f.text));
        const row = el("div", "scale");
        row.setAttribute("role", "radiogroup");
        row.setAttribute("aria-labelledby", lg.id);
        for (const s of view.scale) {
          const lab = el("label");
          const input = el("input");
          input.type = "radio";
          input.name = "f" + f.n;
          input.value = s.value;
          input.setAttribute("aria-label", s.value + " " + s.label);
          lab.title = s.label;
          lab.append(input, el("span", "", s.value));
          input.addEventListener("change", () => rate(f.n, s.value));
          row.append(lab);
        }
        fs.append(row);
        return fs;
      }));
    }
    for (const f of view.factors) {
      const mine = view.mine[String(f.n)];
      for (const input of box.querySelectorAll('input[name="f' + f.n + '"]')) {
        input.checked = input.value === mine;
      }
    }
    $("qs-count").textContent = L.t("qs_count", { n: Object.keys(view.mine).length });
  }

  async function rate(n, value) {
    const r = await api("POST", "/api/rate", { factor: n, rating: value });
    if (r.ok) {
      view.mine[String(n)] = r.data.rating;
      $("qs-count").textContent = L.t("qs_count", { n: Object.keys(view.mine).length });
      status("qs-status", L.t("qs_saved") + " " + n + ": " + r.data.rating, "ok");
    } else {
      status("qs-status", r.status ? r.data.message || String(r.status) : L.t("rate_offline"), "error");
    }
  }

  // -- dots: a stepper per tip; every change sends the whole set (a re-vote replaces) -------
  function renderDots() {
    const tips = view.tips || [];
    $("dots-box").hidden = false;
    const used = view.my_dots.length, left = view.dots - used;
    $("dots-left").textContent = tips.length ? L.t("dots_left", { n: left, max: view.dots }) : L.t("dots_none");
    $("dots-closed").hidden = !view.closed;
    if (changed("tips", [tips, L.lang])) {
      $("tips").replaceChildren(...tips.map((t) => {
        const li = el("li", "tip");
        li.dataset.id = t.id;
        const text = el("div", "tip-text");
        text.append(el("span", "tip-n", L.t("tip", { n: t.n })), el("span", "", t.text));
        const step = el("div", "stepper");
        const minus = el("button", "minus", "−");
        minus.type = "button";
        minus.setAttribute("aria-label", L.t("dots_remove", { n: t.n }));
        const count = el("span", "mine", "0");
        count.setAttribute("aria-label", L.t("dots_on", { n: 0 }));
        const plus = el("button", "plus", "+");
        plus.type = "button";
        plus.setAttribute("aria-label", L.t("dots_add", { n: t.n }));
        minus.addEventListener("click", () => change(t.id, -1));
        plus.addEventListener("click", () => change(t.id, 1));
        step.append(minus, count, plus);
        li.append(text, step);
        return li;
      }));
    }
    for (const li of $("tips").children) {
      const n = view.my_dots.filter((x) => x === li.dataset.id).length;
      const count = li.querySelector(".mine");
      if (count.textContent !== String(n)) count.textContent = String(n);
      count.setAttribute("aria-label", L.t("dots_on", { n }));
      li.querySelector(".minus").disabled = view.closed || n === 0;
      li.querySelector(".plus").disabled = view.closed || left <= 0;
    }
  }

  async function change(id, step) {
    let mine = view.my_dots.slice();
    if (step > 0) mine.push(id);
    else { const i = mine.lastIndexOf(id); if (i >= 0) mine.splice(i, 1); }
    const r = await api("POST", "/api/dots", { notes: mine });
    if (r.ok) {
      view.my_dots = r.data.my_dots;
      status("dots-status", L.t("dots_saved"), "ok");
    } else {
      if (r.data && r.data.error === "dots_closed") view.closed = true;
      status("dots-status", r.status ? r.data.message || String(r.status) : L.t("rate_offline"), "error");
    }
    renderDots();
  }

  apply();
  poll();
})();
