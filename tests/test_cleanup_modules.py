"""Module size and the public names that moved when roleplay.py and followup.py were split."""

from __future__ import annotations

from pathlib import Path

import facilitator

SOURCE = Path(facilitator.__file__).parent
#: The modules split for being over ~400 lines, and what came out of them.
SPLIT = ["roleplay/__init__.py", "roleplay/groups.py", "roleplay/cards.py", "roleplay/talk.py",
         "followup.py", "followup_links.py", "followup_snapshot.py",
         "tui/phases/practice.py", "tui/phases/practice_text.py"]


def test_split_modules_stay_under_400_lines():
    long = {name: n for name in SPLIT if (n := len((SOURCE / name).read_text().splitlines())) > 400}
    assert long == {}


def test_split_modules_keep_their_public_names():
    from facilitator import followup, roleplay

    for name in ("setup_groups", "assign", "move_member", "set_mode", "draw_talk", "slips", "talk_clock",
                 "start_talk", "add_feedback", "feedback_by_talk", "TalkClock", "RoleplayError", "CATEGORIES"):
        assert hasattr(roleplay, name), name
    for name in ("Review", "open_review", "rate", "locate", "resolve_ids", "create_followup", "find_followups",
                 "missing_message", "Snapshot", "load_snapshot", "snapshot_of"):
        assert hasattr(followup, name), name
    assert roleplay.__all__ and all(hasattr(roleplay, n) for n in roleplay.__all__)
