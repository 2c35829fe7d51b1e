"""The run screen's entries in the command palette: its own, the observers' server, the phase's."""

from __future__ import annotations

from textual.screen import Screen

from facilitator.core import catalog


def palette_commands(screen: Screen) -> list[tuple[str, str, object]]:
    """`screen` is the run screen (it calls this); typed loosely so this module never imports it."""
    cmds: list[tuple[str, str, object]] = []
    for plan in screen.service.session.phases:
        title = plan.title.get(screen.lang)
        cmds.append((catalog.t("tui.palette.run.go_to_phase", screen.lang, phase=title),
                     catalog.t("tui.palette.run.jumps_to_this_phase_of", screen.lang),
                     lambda key=plan.key: screen.goto(key)))
    cmds += [
        (catalog.t("tui.palette.run.add_note", screen.lang), catalog.t("tui.palette.run.go_to_this_phases_input", screen.lang), screen.action_add_note),
        (catalog.t("tui.palette.run.add_action_point", screen.lang), catalog.t("tui.palette.run.action_points_what_who_when", screen.lang), screen.action_actions),
        (catalog.t("tui.palette.run.people_and_groups", screen.lang), catalog.t("tui.palette.run.late_arrival_absent_move_rename", screen.lang), screen.action_people),
        (catalog.t("tui.palette.run.export_the_report_pdf_or", screen.lang), catalog.t("tui.palette.run.choose_options_without_names_pocket", screen.lang), screen.action_export_pdf),
        (catalog.t("tui.palette.run.finish_close_the_meeting", screen.lang), catalog.t("tui.palette.run.stop_the_clock_action_points", screen.lang), screen.action_finish),
    ]
    if screen.service.ended() is not None:
        cmds.append((catalog.t("tui.palette.run.reopen_the_meeting", screen.lang),
                     catalog.t("tui.palette.run.clears_the_end", screen.lang), screen.action_reopen))
    cmds += [
        (catalog.t("tui.palette.run.room_view_on_off", screen.lang), catalog.t("tui.palette.run.only_clock_phase_and_question", screen.lang), screen.action_room),
        (catalog.t("keys.start_pause", screen.lang), catalog.t("tui.palette.run.the_clock_of_this_phase", screen.lang), screen.action_toggle),
        (catalog.t("tui.palette.run.help_for_this_phase", screen.lang), catalog.t("tui.palette.run.what_to_do_now_per", screen.lang), screen.action_help),
        (catalog.t("tui.palette.run.back_to_sessions", screen.lang), catalog.t("tui.palette.run.close_this_session_everything_is", screen.lang), screen.action_home),
    ]
    # The phase body's own actions (the practice phase has many) come after ours.
    view_cmds = getattr(screen.view, "palette_commands", None)
    if callable(view_cmds):
        cmds += view_cmds()
    return cmds
