// The room page's rating panels: the phones' quickscan as a distribution per factor, and the
// dots per tip number in Plenair. Counts only (the server sends no names and no tip text).
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let last = "";

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function refit() { window.dispatchEvent(new Event("resize")); }

  function quickscan(q) {
    const box = el("div");
    box.append(el("h2", "", L.t("room_qs_title")), el("p", "sub", L.t("room_qs_raters", { n: q.raters })));
    for (const f of q.factors) {
      const row = el("div", "rr-row");
      row.dataset.factor = f.n;
      const bar = el("div", "rr-bar");
      bar.setAttribute("role", "img");
      bar.setAttribute("aria-label", q.scale.map((s) => s.value + ": " + (f.counts[s.value] || 0)).join(", "));
      q.scale.forEach((s, i) => {
        const n = f.counts[s.value] || 0;
        if (!n) return;
        const seg = el("span", "s" + i, String(n));
        seg.style.width = (100 * n / Math.max(1, f.total)) + "%";
        bar.append(seg);
      });
      row.append(el("div", "rr-title", L.t("room_qs_factor", { n: f.n, title: f.title })), bar,
                 el("div", "rr-total", String(f.total)));
      box.append(row);
    }
    const legend = el("div", "rr-legend");
    q.scale.forEach((s, i) => {
      const item = el("span");
      item.append(el("i", "s" + i), document.createTextNode(s.value + " " + s.label));
      legend.append(item);
    });
    box.append(legend);
    return box;
  }

  function dots(d) {
    const box = el("div");
    const sub = L.t("room_dots_voters", { n: d.voters }) + (d.closed ? " · " + L.t("room_dots_closed") : "");
    box.append(el("h2", "", L.t("dots_title")), el("p", "sub", sub));
    const most = Math.max(1, ...d.tips.map((t) => t.count));
    for (const t of d.tips) {
      const row = el("div", "rd-row");
      row.dataset.tip = t.n;
      const bar = el("div", "rd-bar");
      bar.style.width = (100 * t.count / most) + "%";
      const holder = el("div");
      holder.append(bar);
      row.append(el("div", "", L.t("tip", { n: t.n })), holder, el("div", "rr-total", L.t("room_dots_count", { n: t.count })));
      box.append(row);
    }
    return box;
  }

  async function poll() {
    const r = await api("GET", "/api/room/rates");
    const box = $("room-rates");
    if (r.ok && box) {
      const sig = JSON.stringify([r.data, document.documentElement.lang]);
      if (sig !== last) {
        last = sig;
        const d = r.data;
        if (d.show === "quickscan") box.replaceChildren(quickscan(d.quickscan));
        else if (d.show === "dots") box.replaceChildren(dots(d.dots));
        else box.replaceChildren();
        box.hidden = !d.show;
        refit();
      }
    }
    setTimeout(poll, 2000);
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
