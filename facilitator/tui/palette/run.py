"""The run screen's entries in the command palette: its own, the observers' server, the phase's."""

from __future__ import annotations

from textual.screen import Screen


def palette_commands(screen: Screen) -> list[tuple[str, str, object]]:
    """`screen` is the run screen (it calls this); typed loosely so this module never imports it."""
    t = screen.t
    cmds: list[tuple[str, str, object]] = []
    for plan in screen.service.session.phases:
        title = plan.title.get(screen.lang)
        cmds.append((t(f"Ga naar fase: {title}", f"Go to phase: {title}"),
                     t("Springt naar deze fase van de agenda", "Jumps to this phase of the agenda"),
                     lambda key=plan.key: screen.goto(key)))
    cmds += [
        (t("Notitie toevoegen", "Add note"), t("Naar het invoerveld van deze fase", "Go to this phase's input"), screen.action_add_note),
        (t("Actiepunt toevoegen", "Add action point"), t("Actiepunten: wat, wie, wanneer", "Action points: what, who, when"), screen.action_actions),
        (t("Deelnemers en groepen", "People and groups"), t("Laatkomer, afwezig, verplaatsen, groep hernoemen, opnieuw indelen", "Late arrival, absent, move, rename a group, regroup"), screen.action_people),
        (t("Verslag exporteren (PDF of Markdown)", "Export the report (PDF or Markdown)"), t("Kies opties: zonder namen, zakkaart, taal", "Choose options: without names, pocket card, language"), screen.action_export_pdf),
        (t("Afronden: bijeenkomst sluiten", "Finish: close the meeting"), t("Klok stoppen, actiepunten, PDF en agendabestand (.ics)", "Stop the clock, action points, PDF and calendar file (.ics)"), screen.action_finish),
        (t("Zaalweergave aan/uit", "Room view on/off"), t("Alleen klok, fase en vraag: voor de beamer", "Only clock, phase and question: for the projector"), screen.action_room),
        (t("Start/pauze", "Start/pause"), t("De klok van deze fase", "The clock of this phase"), screen.action_toggle),
        (t("Hulp bij deze fase", "Help for this phase"), t("Wat je nu doet, volgens de methode", "What to do now, per the method"), screen.action_help),
        (t("Terug naar sessies", "Back to sessions"), t("Sluit deze sessie (alles is opgeslagen)", "Close this session (everything is saved)"), screen.action_home),
    ]
    # The phase body's own actions (the practice phase has many) come after ours.
    view_cmds = getattr(screen.view, "palette_commands", None)
    if callable(view_cmds):
        cmds += view_cmds()
    return cmds
