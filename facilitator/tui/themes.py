"""Two themes that read well from the back of a room.

Dark: white on black with a yellow accent (high contrast on a bright
projector in a lit room). Light: black on white for projectors that wash out
dark backgrounds. Warning and error colours are saturated enough to tell
apart at a distance (the timer turns orange, then red).
"""

from textual.theme import Theme

DARK = Theme(
    name="facilitator-dark",
    primary="#FFD000",
    secondary="#00D7FF",
    accent="#00D7FF",
    warning="#FF9F1A",
    error="#FF4D4D",
    success="#4DFF88",
    foreground="#FFFFFF",
    background="#000000",
    surface="#111111",
    panel="#1E1E1E",
    dark=True,
)

LIGHT = Theme(
    name="facilitator-light",
    primary="#0040C0",
    secondary="#6A1B9A",
    accent="#0040C0",
    warning="#B34700",
    error="#C00000",
    success="#006B2E",
    foreground="#000000",
    background="#FFFFFF",
    surface="#F0F0F0",
    panel="#E2E2E2",
    dark=False,
)

THEMES = (DARK, LIGHT)
