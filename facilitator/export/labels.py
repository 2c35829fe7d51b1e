"""Every word the exports print themselves, in Dutch and English.

Kept apart from the layout code so that the PDF and the Markdown say exactly
the same thing, and so a missing translation is a KeyError in a test, not a
blank on paper.
"""

from __future__ import annotations

from facilitator.core.plain import pick

LABELS: dict[str, tuple[str, str]] = {
    # cover
    "report": ("Verslag van de intervisiebijeenkomst", "Report of the peer consultation meeting"),
    "report_followup": ("Verslag van de vervolgbijeenkomst", "Report of the follow-up meeting"),
    "date": ("Datum", "Date"),
    "school": ("School", "School"),
    "facilitator": ("Begeleider", "Facilitator"),
    "participants": ("Deelnemers", "Participants"),
    "groups": ("Groepjes voor de dialoog", "Dialogue groups"),
    "practice_groups": ("Groepjes voor het oefenen", "Practice groups"),
    "pair": ("tweetal", "pair"),
    "trio": ("drietal", "trio"),
    "next_talks": ("Volgende tienminutengesprekken", "Next ten-minute talks"),
    "contents": ("Inhoud", "Contents"),
    "anonymous_note": (
        "Zonder namen: deelnemers heten hier deelnemer 1, 2, … (in de volgorde van de deelnemerslijst, "
        "dezelfde nummers als in het verslag van de vervolgbijeenkomst) en de begeleider heet begeleider. "
        "Notities staan er onveranderd in.",
        "Without names: participants are called participant 1, 2, … (in the order of the list of participants, "
        "the same numbers as in the follow-up report) and the facilitator is called facilitator. "
        "Notes are shown as written.",
    ),
    "none": ("geen", "none"),
    "nothing": ("Hier is (nog) niets over vastgelegd.", "Nothing was recorded here (yet)."),
    "page_of": ("pagina {page} van {total}", "page {page} of {total}"),
    "team": ("team", "team"),
    # agenda
    "agenda": ("Agenda: gepland en werkelijk", "Agenda: planned and actual"),
    "phase": ("Onderdeel", "Phase"),
    "planned": ("Gepland", "Planned"),
    "allotted": ("Na bijstellen", "After adjusting"),
    "actual": ("Werkelijk", "Actual"),
    "difference": ("Verschil", "Difference"),
    "minutes_short": ("min", "min"),
    "total": ("Totaal", "Total"),
    "started_at": ("Begonnen om", "Started at"),
    "ended_at": ("Afgesloten om", "Ended at"),
    "not_started": (
        "De agendaklok is niet gestart: hieronder staat alleen de planning.",
        "The agenda clock was never started: below is the plan only.",
    ),
    "still_running": ("(klok liep nog)", "(clock still running)"),
    "skipped": ("niet aan toe gekomen", "not reached"),
    # survey
    "survey": ("Het onderzoek in cijfers", "The survey in figures"),
    "mentors": ("mentoren", "mentors"),
    "parents": ("ouders", "parents"),
    "survey_missing": ("De onderzoekscijfers konden niet worden geladen.", "The survey figures could not be loaded."),
    # notes
    "dialogue": ("Dialoog: de flappen", "Dialogue: the flip-overs"),
    "notes_in": ("Notities: {phase}", "Notes: {phase}"),
    "other_notes": ("Overige notities", "Other notes"),
    "no_question": ("Zonder vraag", "No question"),
    "no_group": ("Zonder groepje", "No group"),
    "unknown_group": ("Onbekend groepje", "Unknown group"),
    "question": ("Vraag", "Question"),
    "tip": ("tip", "tip"),
    "merged": ("samengevoegd", "merged"),
    "by": ("door", "by"),
    "factors": ("Succesfactoren", "Success factors"),
    "template_missing": (
        "Het agendasjabloon '{name}' is niet gevonden; vragen staan als code vermeld.",
        "Agenda template '{name}' was not found; questions are shown by their code.",
    ),
    # plenary
    "tips": ("Tips uit de plenaire ronde", "Tips from the plenary"),
    "tips_intro": (
        "Alle notities die als tip zijn gemarkeerd, van alle groepjes samen.",
        "Every note marked as a tip, from all groups together.",
    ),
    # role-play
    "roleplay": ("Oefengesprekken", "Practice talks"),
    "talk": ("Gesprek {n}", "Talk {n}"),
    "set": ("Set {n}", "Set {n}"),
    "cards": ("Kaarten", "Cards"),
    "situation": ("situatie", "situation"),
    "role_mentor": ("Mentor", "Mentor"),
    "role_parent": ("Ouder", "Parent"),
    "role_pupil": ("Leerling", "Pupil"),
    "absent": ("afwezig", "absent"),
    "observers": ("Observatoren", "Observers"),
    "duration": ("Duur", "Duration"),
    "feedback": ("Feedback", "Feedback"),
    "no_feedback": ("Geen feedback vastgelegd.", "No feedback recorded."),
    # the feedback categories: one meaning each, as in docs/glossary.md
    "cat_perspective": ("perspectief van de ouder ingenomen", "took the parent's perspective"),
    "cat_helpful": ("helpende vraag", "helpful question"),
    "cat_hindering": ("belemmerende vraag", "hindering question"),
    "cat_differently": ("volgende keer anders", "try differently next time"),
    "cat_free": ("vrije notitie", "free note"),
    # evaluation
    "evaluation": ("Evaluatie", "Evaluation"),
    "eval_mentor": ("Hulpvragen voor wie mentor was", "Helper questions for those who played the mentor"),
    "eval_parent": ("Hulpvragen voor wie ouder was", "Helper questions for those who played a parent"),
    "eval_other": ("Overige antwoorden", "Other answers"),
    "no_answers": ("geen antwoorden", "no answers"),
    # action points
    "actions": ("Actiepunten voor de volgende tienminutengesprekken", "Action points for the next ten-minute talks"),
    "actions_intro": (
        "Probeer deze afspraken in de volgende gesprekken. Vul de laatste drie kolommen in op de vervolgbijeenkomst.",
        "Try these agreements in the next talks. Fill in the last three columns at the follow-up meeting.",
    ),
    "col_no": ("#", "#"),
    "col_what": ("Wat", "What"),
    "col_who": ("Wie", "Who"),
    "col_due": ("Wanneer", "By when"),
    "col_factors": ("Succesfactoren", "Success factors"),
    "col_tried": ("Geprobeerd?", "Tried?"),
    "col_happened": ("Wat gebeurde er?", "What happened"),
    "col_next": ("Volgende stap", "Next step"),
    "factor_chart": ("Actiepunten per succesfactor", "Action points per success factor"),
    "cluster_chart": ("Per cluster", "Per cluster"),
    "untagged": ("zonder succesfactor: {n}", "without a success factor: {n}"),
    "status_open": ("", ""),
    "status_not_tried": ("niet geprobeerd", "not tried"),
    "status_helped": ("geprobeerd, het hielp", "tried, it helped"),
    "status_not_helped": ("geprobeerd, hielp niet", "tried, didn't help"),
    "status_adjusted": ("aangepast", "adjusted"),
    "status_dropped": ("geschrapt", "dropped"),
    # pocket card
    "pocket": ("Mijn zakkaart voor het tienminutengesprek", "My pocket card for the ten-minute talk"),
    "pocket_open": ("Hoe ik begin", "How I open"),
    "pocket_open_hint": (
        "Eén zin over iets wat goed gaat bij uw kind, en de vraag wat ú vandaag wilt bespreken.",
        "One sentence about something that goes well for your child, and the question what you want to discuss today.",
    ),
    "pocket_ask": ("Wat ik wil vragen", "What I want to ask"),
    "pocket_ask_hint": (
        "Over thuis, over wat ouders zien en wat zij kunnen doen: schrijf je vragen hier vooraf op.",
        "About home, about what the parents see and what they can do: write your questions here beforehand.",
    ),
    "pocket_back": ("Achterkant: voor mezelf", "Back: for my eyes"),
    "pocket_back_note": (
        "Wat het team afsprak en de tips uit de bijeenkomst. Deze kant blijft bij jou; de voorkant mag op tafel.",
        "What the team agreed and the tips from the meeting. This side stays with you; the front may go on the table.",
    ),
    "pocket_tips": ("Tips uit de bijeenkomst", "Tips from the meeting"),
    "pocket_actions": ("Wat we als team gaan proberen", "What we as a team will try"),
    "pocket_more": ("… en nog {n} in het verslag", "… and {n} more in the report"),
    "pocket_no_tips": ("Nog geen tips vastgelegd.", "No tips recorded yet."),
    "pocket_agenda": ("Agenda voor het gesprek", "Agenda for the talk"),
    "pocket_why": (
        "42% van de ouders zegt dat er (bijna) nooit een agenda is. Deze kant mag op tafel: loop de agenda samen door.",
        "42% of parents say there is (almost) never an agenda. This side may go on the table: go through the agenda together.",
    ),
    "pocket_step1": ("Welkom en doel: wat willen we vandaag samen bespreken? (1 min)",
                     "Welcome and purpose: what do we want to talk about today? (1 min)"),
    "pocket_step2": ("De leerling vertelt: hoe gaat het, wat gaat goed? (2 min)",
                     "The pupil speaks: how are things going, what goes well? (2 min)"),
    "pocket_step3": ("Thuis: wat ziet u thuis, en hoe kunt u het leren steunen? (3 min)",
                     "At home: what do you see at home, and how can you support learning? (3 min)"),
    "pocket_step4": ("Afspraken: wie doet wat, en wanneer? (3 min)",
                     "Agreements: who does what, and by when? (3 min)"),
    "pocket_step5": ("Afronden: samenvatten en het volgende contact plannen (1 min)",
                     "Wrap up: summarise and plan the next contact (1 min)"),
}


def label(key: str, lang: str, **fields: object) -> str:
    nl, en = LABELS[key]
    text = pick(lang, nl, en)
    return text.format(**fields) if fields else text
