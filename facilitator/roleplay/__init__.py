"""Role-play in a session: practice groups, rounds, card draws, the talk timer, feedback.

Functions here take a SessionService and change the session only through it
(``add``/``update``/``delete``/``add_observation``), so every step is journalled
before the screen shows it. No file I/O of its own.

Layout in the session file: ``practice_groups`` holds the groups (members in
rotation order; the facilitator appears as ``"facilitator"`` when filling a
role) and ``rounds`` holds one RolePlayRound per group and talk, created up
front with the rotation's assignment and no cards. Drawing fills in set,
cards and situation; a redraw replaces them. The talk timer lives on the
rounds of one talk (all groups talk at the same time).

Split by what happens in the room: ``groups`` (who plays what), ``cards`` (what
they read) and ``talk`` (the timer and the observers' feedback); everything is
importable from ``facilitator.roleplay`` as before.
"""

from __future__ import annotations

from .cards import (
    Slip, card_for, choose_set, deck_of, draw, draw_talk, set_situation, situations, slips, used_cards,
)
from .groups import (
    CATEGORIES, CATEGORY_LABELS, ROLE_LABELS, SET_CHOICES, RoleplayError, RuleProblems, SetChoice, assign,
    assignment, facilitator_name, fmt_mmss, group_of, move_member, name_of, rerotate, round_of,
    rounds_for_talk, set_mode, setup_groups, started, talk_minutes, talks_in_session, talks_planned,
)
from .talk import (
    TalkClock, TalkFeedback, add_feedback, end_talk, feedback_by_talk, pause_talk, resume_talk, start_talk,
    talk_clock,
)

__all__ = [
    "CATEGORIES", "CATEGORY_LABELS", "ROLE_LABELS", "SET_CHOICES", "RoleplayError", "RuleProblems", "SetChoice",
    "Slip", "TalkClock", "TalkFeedback", "add_feedback", "assign", "assignment", "card_for", "choose_set",
    "deck_of", "draw", "draw_talk", "end_talk", "facilitator_name", "feedback_by_talk", "fmt_mmss", "group_of",
    "move_member", "name_of", "pause_talk", "rerotate", "resume_talk", "round_of", "rounds_for_talk",
    "set_mode", "set_situation", "setup_groups", "situations", "slips", "start_talk", "started", "talk_clock",
    "talk_minutes", "talks_in_session", "talks_planned", "used_cards",
]
