"""Shared bits of the follow-up screens: language picking, translated bindings, labels."""

from __future__ import annotations


from rich.text import Text

from facilitator.core import catalog, followup as core
from facilitator.core.dates import format_date
from facilitator.core.model import ActionPoint
from facilitator.core.plain import visible

#: Status keys on the review screen, in the order the room decides.
STATUS_KEYS = {"1": "not_tried", "2": "helped", "3": "not_helped", "4": "adjusted", "5": "dropped", "0": "open"}

#: Quickscan keys 1-6 in the order of the scale (++ first).
RATING_KEYS = {"1": "++", "2": "+", "3": "+-", "4": "-", "5": "--", "6": "?"}

STATUS_STYLE = {
    "open": "bold",
    "not_tried": "bold yellow",
    "helped": "bold green",
    "not_helped": "bold red",
    "adjusted": "bold cyan",
    "dropped": "bold magenta",
}




def status_text(status: str, lang: str, short: bool = False) -> Text:
    labels = core.STATUS_SHORT if short else core.STATUS_LABELS
    return Text(labels[status].get(lang), style=STATUS_STYLE[status])


def counts_text(counts: dict[str, int], lang: str) -> Text:
    """'helped 3  not tried 1 ...' with the status colours, zeros left out."""
    out = Text()
    for status, n in counts.items():
        if n:
            if out:
                out.append("  ")
            out.append(f"{core.STATUS_SHORT[status].get(lang)} ", style=STATUS_STYLE[status])
            out.append(str(n), style="bold")
    return out or Text(catalog.t("tui.widgets.followup_common.no_action_points", lang), style="dim")


def point_meta(point: ActionPoint, lang: str) -> Text:
    meta = Text()
    meta.append(catalog.t("tui.widgets.followup_common.who", lang), style="dim")
    meta.append(visible(point.owner))
    if point.due:
        meta.append(catalog.t("tui.widgets.followup_common.due", lang), style="dim")
        meta.append(format_date(point.due, lang))
    return meta
