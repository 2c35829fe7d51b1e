"""The agenda strip: every phase with planned and actual minutes, and the end.

Pure rendering from an AgendaState; ``show`` only repaints when the text it
would draw differs, so a running meeting costs one string compare a second.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Sequence

from rich.text import Text
from textual.widgets import Static

from facilitator.core import catalog
from facilitator.core.clock import AgendaState, suggest_cuts
from facilitator.core.dates import format_date
from facilitator.core.model import PhasePlan


def minutes(td: timedelta) -> int:
    return int(td.total_seconds() // 60)


def clock_time(at: datetime | None, tz: tzinfo | None) -> str:
    return "--:--" if at is None else at.astimezone(tz).strftime("%H:%M")


def shown_minutes(at: datetime, tz: tzinfo | None) -> int:
    """A moment as the wall-clock minute clock_time() shows it, counted from year 1."""
    local = at.astimezone(tz)
    return local.toordinal() * 24 * 60 + local.hour * 60 + local.minute


def ended_text(ended: datetime, now: datetime, lang: str, tz: tzinfo | None) -> str:
    """'afgerond om 15:42', with the day when that was not today (a session reopened later)."""
    time = clock_time(ended, tz)
    day = ended.astimezone(tz).date()
    if day == now.astimezone(tz).date():
        return catalog.t("clock.ended_at", lang, time=time)
    return catalog.t("tui.widgets.agenda_strip.ended_on", lang, day=format_date(day, lang), time=time)


def render_strip(
    state: AgendaState, plans: Sequence[PhasePlan], lang: str, tz: tzinfo | None, width: int = 0
) -> Text:
    """The strip as text; with `width`, phases wrap between labels, never inside one."""
    out = Text(no_wrap=False, overflow="fold")
    used = 0
    for i, (plan, ph) in enumerate(zip(plans, state.phases)):
        allotted = minutes(ph.allotted)
        planned = f"{allotted}" if ph.adjusted == timedelta() else f"{minutes(ph.planned)}→{allotted}"
        label = f"{plan.title.get(lang)} {minutes(ph.elapsed)}/{planned}"
        if i == state.current:
            style = "reverse bold"
        elif ph.overrun > timedelta():
            style = "bold red"
        elif i < state.current or ph.elapsed > timedelta():
            style = "dim"
        else:
            style = ""
        label = ("▶ " if i == state.current else "") + label
        if i and width and used + 2 + len(label) > width:
            out.append("\n")
            used = 0
        elif i:
            out.append("  ")
            used += 2
        out.append(label, style=style)
        used += len(label)
    out.append("\n")
    if state.ended is not None:
        # Afronden ended it: what was planned and when it ended, no projection and no cuts.
        if state.planned_end is not None:
            out.append(catalog.t("tui.widgets.agenda_strip.planned_end", lang) + clock_time(state.planned_end, tz) + " · ")
        out.append(ended_text(state.ended, state.now, lang, tz), style="bold")
        return out
    if state.started is None:
        total = minutes(state.planned_total)
        out.append(catalog.t("tui.widgets.agenda_strip.planned_min_space_starts_the_clock", lang, total=total))
        return out
    delay = state.delay
    planned_day = state.planned_end.astimezone(tz).date()
    if not state.running and planned_day != state.now.astimezone(tz).date():
        # A meeting paused on another day: a projection from today would be noise.
        day = format_date(planned_day, lang)  # as every date the app prints, in the reader's words
        out.append(catalog.t("tui.widgets.agenda_strip.planned_end_on_paused", lang, time=clock_time(state.planned_end, tz), day=day))
        return out
    out.append(catalog.t("tui.widgets.agenda_strip.planned_end", lang) + clock_time(state.planned_end, tz))
    out.append(" · " + catalog.t("tui.widgets.agenda_strip.projected", lang) + clock_time(state.projected_end, tz))
    # Count the minutes between the two times as they are shown (hh:mm), so the
    # line never says "(1 min later)" beside two times two minutes apart.
    shown = shown_minutes(state.projected_end, tz) - shown_minutes(state.planned_end, tz)
    late = shown if delay > timedelta() else 0
    if late > 0:
        out.append(catalog.t("tui.widgets.agenda_strip.min_late", lang, late=late), style="bold red")
        cuts = suggest_cuts(state)
        if cuts:
            titles = {p.key: p.title.get(lang) for p in plans}
            parts = ", ".join(f"{titles[k]} −{m}" for k, m in cuts.items())
            out.append(catalog.t("tui.widgets.agenda_strip.cut_k", lang, parts=parts), style="bold")
    elif delay < -timedelta(minutes=1) and shown < 0:
        ahead = -shown
        out.append(catalog.t("tui.widgets.agenda_strip.min_early", lang, ahead=ahead))
    return out


class AgendaStrip(Static):
    DEFAULT_CSS = """
    AgendaStrip { height: auto; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._last: str | None = None
        self._args: tuple | None = None

    def on_resize(self) -> None:
        if self._args is not None:
            self.show(*self._args)

    def show(self, state: AgendaState, plans: Sequence[PhasePlan], lang: str, tz: tzinfo | None) -> None:
        self._args = (state, plans, lang, tz)
        text = render_strip(state, plans, lang, tz, self.content_size.width)
        key = text.markup  # plain text plus styles: enough to tell a change
        if key != self._last:
            self._last = key
            self.update(text)
