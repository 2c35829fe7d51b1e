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
they read) and ``talk`` (the timer and the observers' feedback).
"""
