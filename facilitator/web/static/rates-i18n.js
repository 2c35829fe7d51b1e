// Labels of the rating page (/rate) and of the room page's rating panels, Dutch first.
// Kept apart from i18n.js: merged into its table (I18N) when both are loaded, and applied to
// elements marked data-ri18n, so pages that only load this file still get their words.
"use strict";
(function () {
  const RATES = {
    nl: {
      rate_title: "Beoordelen",
      rate_intro: "Anoniem: je naam wordt nergens bij opgeslagen. Je kunt je antwoord veranderen.",
      rate_link: "Quickscan en stippen (anoniem)",
      qs_title: "Quickscan: hoe gaat het bij ons?",
      qs_count: "{n} van de 10 ingevuld",
      qs_saved: "Bewaard.",
      dots_title: "Stippen op de tips",
      dots_intro: "Zet je stippen op de tips die jullie actiepunten moeten worden. Meer stippen op één tip mag.",
      dots_left: "Nog {n} van {max} stippen over",
      dots_none: "Nog geen tips. De begeleider markeert ze in Plenair.",
      dots_closed: "Het stemmen is gesloten.",
      dots_add: "Stip erbij op tip {n}",
      dots_remove: "Stip eraf van tip {n}",
      dots_on: "{n} van jouw stippen",
      dots_saved: "Je stippen zijn bewaard.",
      tip: "Tip {n}",
      rate_offline: "Geen verbinding met de laptop. Probeer het zo opnieuw.",
      room_qs_title: "Quickscan van de zaal",
      room_qs_raters: "{n} telefoons deden mee",
      room_qs_factor: "{n}. {title}",
      room_dots_title: "Stippen op de tips",
      room_dots_voters: "{n} telefoons stemden",
      room_dots_closed: "stemmen gesloten",
      room_dots_count: "{n} stippen",
      room_dots_one: "1 stip",
      room_rate_hint: "Doe mee op je telefoon: {url}",
    },
    en: {
      rate_title: "Rate",
      rate_intro: "Anonymous: your name is never stored with it. You can change your answer.",
      rate_link: "Quickscan and dots (anonymous)",
      qs_title: "Quickscan: how are we doing?",
      qs_count: "{n} of 10 rated",
      qs_saved: "Kept.",
      dots_title: "Dots on the tips",
      dots_intro: "Put your dots on the tips that should become our action points. Several dots on one tip is fine.",
      dots_left: "{n} of {max} dots left",
      dots_none: "No tips yet. The facilitator marks them in the plenary.",
      dots_closed: "The vote is closed.",
      dots_add: "One more dot on tip {n}",
      dots_remove: "One dot less on tip {n}",
      dots_on: "{n} of your dots",
      dots_saved: "Your dots are kept.",
      tip: "Tip {n}",
      rate_offline: "No connection with the laptop. Try again in a moment.",
      room_qs_title: "The room's quickscan",
      room_qs_raters: "{n} phones took part",
      room_qs_factor: "{n}. {title}",
      room_dots_title: "Dots on the tips",
      room_dots_voters: "{n} phones voted",
      room_dots_closed: "vote closed",
      room_dots_count: "{n} dots",
      room_dots_one: "1 dot",
      room_rate_hint: "Join on your phone: {url}",
    },
  };
  if (window.I18N) {
    for (const lang of Object.keys(RATES)) window.I18N[lang] = Object.assign({}, RATES[lang], window.I18N[lang] || {});
  }
  window.RATES = RATES;
  window.RT = function (key, params) {
    const lang = document.documentElement.lang === "en" ? "en" : "nl";
    let s = RATES[lang][key] || RATES.nl[key] || key;
    for (const [k, v] of Object.entries(params || {})) s = s.split("{" + k + "}").join(String(v));
    return s;
  };
  window.RT.apply = function (root) {
    for (const el of (root || document).querySelectorAll("[data-ri18n]")) el.textContent = window.RT(el.dataset.ri18n);
  };
  document.addEventListener("DOMContentLoaded", () => window.RT.apply());
})();
