"""Server-side messages (errors the pages show) in Dutch and English.

Labels of the pages themselves live in static/i18n.js; only the messages the
server decides on are here, so a plain HTTP client gets a readable answer too.
"""

from __future__ import annotations

from aiohttp import web

LANGS = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "code_wrong": {
        "nl": "Die code klopt niet. Kijk op het scherm van de begeleider.",
        "en": "That code is not right. Check the facilitator's screen.",
    },
    "code_missing": {
        "nl": "Vul de code in die de begeleider laat zien.",
        "en": "Enter the code the facilitator shows.",
    },
    "too_many": {
        "nl": "Te veel verkeerde codes. Probeer het over {seconds} seconden opnieuw.",
        "en": "Too many wrong codes. Try again in {seconds} seconds.",
    },
    "login_needed": {
        "nl": "Vul eerst de code in.",
        "en": "Enter the code first.",
    },
    "profile_needed": {
        "nl": "Kies eerst je naam en je oefengroep.",
        "en": "Choose your name and practice group first.",
    },
    "participant_missing": {
        "nl": "Kies je naam uit de lijst van je oefengroep.",
        "en": "Choose your name from your practice group's list.",
    },
    "participant_unknown": {
        "nl": "Die naam staat niet in deze oefengroep. Kies je eigen naam uit de lijst.",
        "en": "That name is not in this practice group. Choose your own name from the list.",
    },
    "already_joined": {
        "nl": "Je bent al aangemeld als {name}. Wil je wisselen? Vul dan opnieuw de code in.",
        "en": "You have already joined as {name}. To switch, enter the code again.",
    },
    "roster_changed": {
        "nl": "De begeleider heeft de oefengroepen aangepast. Meld je opnieuw aan met de code.",
        "en": "The facilitator changed the practice groups. Join again with the code.",
    },
    "not_observer": {
        "nl": "Je bent geen observant in gesprek {talk}: alleen de observanten geven hier feedback.",
        "en": "You are not an observer in talk {talk}: only the observers give feedback here.",
    },
    "group_unknown": {
        "nl": "Die oefengroep bestaat niet (meer). Kies opnieuw.",
        "en": "That practice group does not exist (any more). Choose again.",
    },
    "text_missing": {"nl": "Schrijf eerst je feedback.", "en": "Write your feedback first."},
    "text_long": {
        "nl": "Je feedback is te lang: {length} tekens, hooguit {max}. Maak het korter of splits het.",
        "en": "Your feedback is too long: {length} characters, at most {max}. Shorten or split it.",
    },
    "category_unknown": {"nl": "Kies een soort feedback.", "en": "Choose a kind of feedback."},
    "talk_unknown": {
        "nl": "Dat gesprek hoort niet bij jouw oefengroep.",
        "en": "That talk does not belong to your practice group.",
    },
    "talk_not_yet": {
        "nl": "Gesprek {talk} is nog niet aan de beurt: je notitie is niet opgeslagen en staat nog op je telefoon.",
        "en": "Talk {talk} has not come up yet: your note was not saved and is still on your phone.",
    },
    "entry_unknown": {
        "nl": "Die notitie bestaat niet (meer).",
        "en": "That note does not exist (any more).",
    },
    "evaluation_started": {
        "nl": "De evaluatie is begonnen: notities kun je nu niet meer wijzigen of weghalen.",
        "en": "The evaluation has started: notes can no longer be changed or removed.",
    },
    "too_large": {
        "nl": "Dit bericht is te groot (hooguit {max} kB).",
        "en": "This message is too large (at most {max} kB).",
    },
    "bad_request": {
        "nl": "De server begreep dit verzoek niet.",
        "en": "The server did not understand this request.",
    },
    "not_saved": {
        "nl": "Nog niet opgeslagen: de laptop kan nu niet schrijven. Je tekst blijft staan; probeer het zo opnieuw.",
        "en": "Not saved yet: the laptop cannot write right now. Your text stays; try again in a moment.",
    },
    "forbidden_origin": {
        "nl": "Dit verzoek komt niet van deze pagina.",
        "en": "This request does not come from this page.",
    },
    "wrong_host": {
        "nl": "Gebruik het adres dat de begeleider laat zien.",
        "en": "Use the address the facilitator shows.",
    },
    "busy": {
        "nl": "Het is nu te druk op de laptop. Probeer het zo opnieuw.",
        "en": "The laptop is too busy right now. Try again in a moment.",
    },
    "wrong_role": {
        "nl": "Dit deel is niet voor jouw rol. Wil je iets anders doen? Vul dan opnieuw de code in.",
        "en": "This part is not for your role. Want to do something else? Enter the code again.",
    },
    "question_unknown": {
        "nl": "Kies eerst bij welke vraag deze notitie hoort.",
        "en": "Choose first which question this note belongs to.",
    },
    "note_missing": {"nl": "Schrijf eerst wat de groep opschrijft.", "en": "Write down what the group says first."},
    "note_long": {
        "nl": "Deze notitie is te lang: {length} tekens, hooguit {max}. Maak er twee notities van.",
        "en": "This note is too long: {length} characters, at most {max}. Make it two notes.",
    },
    "not_found": {"nl": "Niet gevonden.", "en": "Not found."},
    "server_error": {
        "nl": "Er ging iets mis op de laptop. Probeer het opnieuw.",
        "en": "Something went wrong on the laptop. Try again.",
    },
}


def negotiate(request: web.Request, default: str = "nl") -> str:
    """Cookie `lang` (the page's toggle) first, then Accept-Language, then the default."""
    chosen = request.cookies.get("lang")
    if chosen in LANGS:
        return chosen
    header = request.headers.get("Accept-Language", "")
    ranked: list[tuple[float, int, str]] = []
    for pos, part in enumerate(header.split(",")):
        bits = part.strip().split(";")
        tag = bits[0].strip().lower()[:2]
        q = 1.0
        for b in bits[1:]:
            b = b.strip()
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if tag in LANGS and q > 0:
            ranked.append((-q, pos, tag))
    if ranked:
        return sorted(ranked)[0][2]
    return default if default in LANGS else "nl"


def message(key: str, lang: str, **params: object) -> str:
    text = MESSAGES[key].get(lang) or MESSAGES[key]["nl"]
    return text.format(**params) if params else text
