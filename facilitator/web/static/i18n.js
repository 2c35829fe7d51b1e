// Labels of the observer and room pages, Dutch first. Server messages come localised
// from the server (same language choice: the `lang` cookie, then Accept-Language).
"use strict";
window.I18N = {
  nl: {
    app_title: "Observeren",
    role_label: "Wat doe je nu?",
    role_practice: "Oefenen: observant of speler",
    role_scribe: "Schrijver van een groep (Dialoog)",
    scribe_intro: "Kies je groep en dan je eigen naam. Je schrijft de flip-over van je groep.",
    dgroup_label: "Groep",
    no_dgroups: "De begeleider heeft nog geen groepen gemaakt. Even wachten…",
    sc_title: "Flip-over",
    sc_question: "Vraag",
    sc_no_questions: "Deze bijeenkomst heeft geen dialoogvragen.",
    sc_text_label: "Wat schrijft de groep op?",
    sc_save: "Op de flip-over",
    sc_sheet: "Op jullie flip-over",
    sc_empty: "Nog niets bij deze vraag.",
    sc_mine: "jij",
    sc_tip: "tip",
    sc_saved: "Staat op de flip-over (en op de laptop).",
    sc_question_needed: "Kies eerst bij welke vraag dit hoort.",
    sc_now: "nu aan de beurt",

    join_intro: "Vul de code in die op het scherm van de begeleider staat.",
    code_label: "Code",
    next: "Verder",
    profile_intro: "Kies je oefengroep en dan je eigen naam.",
    name_label: "Jouw naam",
    honour: "Kies alleen je eigen naam: de begeleider ziet wie zich als wie aanmeldt. Wisselen kan alleen opnieuw via de code.",
    change_hint: "Andere groep of naam? Vul de code opnieuw in en kies dan groep en naam.",
    back: "Terug",
    not_observer: "Je speelt mee in gesprek {talk}: feedback geven doen de observanten.",
    group_label: "Oefengroep",
    no_groups: "De begeleider heeft nog geen oefengroepen gemaakt. Even wachten…",
    start: "Beginnen",
    change: "Wissel",
    talk: "Gesprek",
    set: "Set",
    state_waiting: "Nog niet begonnen",
    state_running: "Loopt",
    state_paused: "Gepauzeerd",
    state_ended: "Afgelopen",
    no_talk: "Nog geen gesprek voor jouw groep. De begeleider trekt zo de kaarten.",
    cards: "Rolkaarten",
    cards_show: "Toon de kaarten",
    cards_hint: "Houd je scherm weg van de mentor: de ouderkaart is geheim.",
    withheld: "Je speelt zelf mee in dit gesprek: je ziet alleen je eigen kaart.",
    outsider: "Je hebt geen rol in dit gesprek: je ziet de kaarten niet.",
    role_mentor: "Mentor",
    role_parent: "Ouder",
    role_pupil: "Leerling",
    observers: "Observant",
    feedback: "Feedback",
    cat_group: "Soort feedback",
    text_label: "Wat zag of hoorde je?",
    fb_for: "Feedback bij gesprek {talk}",
    fb_pick_talk: "Kies bij welk gesprek…",
    cat_needed: "Kies eerst een soort feedback.",
    talk_needed: "Kies eerst bij welk gesprek deze feedback hoort.",
    conn_ok: "Verbonden",
    conn_off: "Geen verbinding",
    conn_queue: "{n} wacht op verzending",
    conn_off_queue: "Geen verbinding · {n} bewaard",
    queued: "Bewaard op je telefoon: wordt vanzelf verstuurd zodra de laptop er weer is.",
    sent_later: "Je bewaarde notities zijn alsnog opgeslagen.",
    edit: "Wijzig",
    delete: "Haal weg",
    delete_sure: "Echt weghalen?",
    cancel_edit: "Annuleren",
    editing: "Je wijzigt een notitie van gesprek {talk}.",
    edited: "Gewijzigd.",
    deleted: "Weggehaald.",
    locked: "De evaluatie is begonnen: je notities staan vast.",
    feedback_for: "Bij",
    cat_perspective: "Perspectief van de ouder",
    cat_helpful: "Helpende vraag",
    cat_hindering: "Belemmerende vraag",
    cat_differently: "Anders proberen",
    cat_free: "Vrije notitie",
    text_placeholder: "Wat zag of hoorde je?",
    save: "Opslaan",
    sending: "Bezig met opslaan…",
    saved_at: "Opgeslagen bij {stamp}",
    offline: "Geen verbinding met de laptop. Je tekst blijft staan; probeer het zo opnieuw.",
    too_long: "Te lang: {length} van hooguit {max} tekens.",
    mine: "Jouw feedback",
    mine_empty: "Nog niets genoteerd.",
    chars: "{n} / {max}",
    room_title: "Scherm voor de zaal",
    room_waiting: "De bijeenkomst is nog niet begonnen",
    room_paused: "Gepauzeerd",
    room_over: "over tijd",
    room_next: "Hierna: {title}",
    room_talk: "Gesprek {i} van {n}",
    room_talk_next: "Gesprek {i} van {n} begint zo",
    room_talk_feedback: "Gesprek {i} van {n}: feedback",
    room_phase_left: "onderdeel nog {time}",
    room_phase: "Onderdeel {i} van {n}",
    room_no_agenda: "Deze sessie heeft geen agenda.",
    lang_switch: "EN",
    lang_switch_label: "English",
    lang_switch_lang: "en",
  },
  en: {
    role_label: "What are you doing now?",
    role_practice: "Practice: observer or player",
    role_scribe: "Scribe of a group (Dialogue)",
    scribe_intro: "Choose your group, then your own name. You write your group's flip-over.",
    dgroup_label: "Group",
    no_dgroups: "The facilitator has not made the groups yet. One moment…",
    sc_title: "Flip-over",
    sc_question: "Question",
    sc_no_questions: "This meeting has no dialogue questions.",
    sc_text_label: "What does the group write down?",
    sc_save: "On the flip-over",
    sc_sheet: "On your flip-over",
    sc_empty: "Nothing for this question yet.",
    sc_mine: "you",
    sc_tip: "tip",
    sc_saved: "On the flip-over (and on the laptop).",
    sc_question_needed: "Choose first which question this belongs to.",
    sc_now: "up now",
    app_title: "Observe",
    join_intro: "Enter the code shown on the facilitator's screen.",
    code_label: "Code",
    next: "Next",
    profile_intro: "Choose your practice group, then your own name.",
    name_label: "Your name",
    honour: "Choose only your own name: the facilitator sees who joined as whom. Switching means entering the code again.",
    change_hint: "Another group or name? Enter the code again, then choose group and name.",
    back: "Back",
    not_observer: "You play in talk {talk}: the observers give the feedback.",
    group_label: "Practice group",
    no_groups: "The facilitator has not made practice groups yet. Please wait…",
    start: "Start",
    change: "Change",
    talk: "Talk",
    set: "Set",
    state_waiting: "Not started yet",
    state_running: "Running",
    state_paused: "Paused",
    state_ended: "Finished",
    no_talk: "No talk for your group yet. The facilitator will draw the cards shortly.",
    cards: "Role cards",
    cards_show: "Show the cards",
    cards_hint: "Keep your screen away from the mentor: the parent card is secret.",
    withheld: "You play in this talk yourself: you only see your own card.",
    outsider: "You have no part in this talk: you do not see its cards.",
    role_mentor: "Mentor",
    role_parent: "Parent",
    role_pupil: "Pupil",
    observers: "Observer",
    feedback: "Feedback",
    cat_group: "Kind of feedback",
    text_label: "What did you see or hear?",
    fb_for: "Feedback on talk {talk}",
    fb_pick_talk: "Choose which talk…",
    cat_needed: "Choose a kind of feedback first.",
    talk_needed: "Choose which talk this feedback is about first.",
    conn_ok: "Connected",
    conn_off: "No connection",
    conn_queue: "{n} waiting to be sent",
    conn_off_queue: "No connection · {n} kept",
    queued: "Kept on your phone: it is sent by itself as soon as the laptop is back.",
    sent_later: "Your kept notes have now been saved.",
    edit: "Edit",
    delete: "Remove",
    delete_sure: "Really remove?",
    cancel_edit: "Cancel",
    editing: "You are editing a note on talk {talk}.",
    edited: "Changed.",
    deleted: "Removed.",
    locked: "The evaluation has started: your notes are final.",
    feedback_for: "For",
    cat_perspective: "Parent's perspective",
    cat_helpful: "Helpful question",
    cat_hindering: "Hindering question",
    cat_differently: "Try differently",
    cat_free: "Free note",
    text_placeholder: "What did you see or hear?",
    save: "Save",
    sending: "Saving…",
    saved_at: "Saved at {stamp}",
    offline: "No connection to the laptop. Your text stays; try again in a moment.",
    too_long: "Too long: {length} of at most {max} characters.",
    mine: "Your feedback",
    mine_empty: "Nothing noted yet.",
    chars: "{n} / {max}",
    room_title: "Room display",
    room_waiting: "The meeting has not started yet",
    room_paused: "Paused",
    room_over: "over time",
    room_next: "Next: {title}",
    room_talk: "Talk {i} of {n}",
    room_talk_next: "Talk {i} of {n} starts shortly",
    room_talk_feedback: "Talk {i} of {n}: feedback",
    room_phase_left: "part has {time} left",
    room_phase: "Part {i} of {n}",
    room_no_agenda: "This session has no agenda.",
    lang_switch: "NL",
    lang_switch_label: "Nederlands",
    lang_switch_lang: "nl",
  },
};

window.L = {
  lang: document.documentElement.lang === "en" ? "en" : "nl",
  t(key, params) {
    let s = (I18N[this.lang] && I18N[this.lang][key]) || I18N.nl[key] || key;
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
  toggle() {
    this.lang = this.lang === "nl" ? "en" : "nl";
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
