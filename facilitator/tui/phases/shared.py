"""Small helpers the phase views share: literal text, prompts, groups, save status, a list that stops at its ends.

Nothing here writes anything; reading the packaged content (templates, success
factors) goes through ``facilitator.services.content``, which caches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList

from facilitator.core import catalog
from facilitator.core.content import AgendaTemplate, Prompt
from facilitator.core.model import Note, Session
from facilitator.core.plain import one_line, visible
from facilitator.core.text import explain
from facilitator.services import content
from facilitator.services.session import SessionService



def literal(text: str, style: str = "") -> Text:
    """User text as a Rich Text that is never parsed as markup."""
    return Text(visible(text), style=style)


@lru_cache(maxsize=8)
def _template(name: str) -> AgendaTemplate | None:
    return content.template_or_none(name)


def agenda_template(session: Session) -> AgendaTemplate | None:
    """The agenda template the session was planned from (cached: content is packaged data)."""
    return _template(session.agenda)


def dialogue_questions(session: Session) -> tuple[list[str], list[Prompt]]:
    """(dialogue phase keys, their prompts) — the flip-over questions the plenary reviews."""
    keys = [p.key for p in session.phases if p.kind == "dialogue"]
    tpl = agenda_template(session)
    prompts: list[Prompt] = []
    if tpl is not None:
        for key in keys:
            phase = tpl.phase(key)
            if phase is not None:
                prompts.extend(phase.prompts)
    return keys, prompts


@dataclass(frozen=True)
class GroupRef:
    """A flip-over owner: a session group, or the whole room when there are no groups."""

    id: str | None
    name: str


def flipover_groups(session: Session, lang: str, notes: list[Note] | None = None) -> list[GroupRef]:
    """The session's groups; a single 'everyone' group when there are none.

    Notes whose group is unknown (none, or a group deleted since) still need a
    home, so the 'everyone' column appears whenever such notes exist.
    """
    refs = [GroupRef(g.id, g.name) for g in session.groups]
    known = {g.id for g in session.groups}
    orphan = any(n.group not in known for n in notes or [])
    if not refs or orphan:
        refs.append(GroupRef(None, catalog.t("tui.phases.shared.everyone", lang)))
    return refs


def group_key(session: Session, note: Note) -> str | None:
    """The column a note belongs in (None = the 'everyone' group)."""
    return note.group if any(g.id == note.group for g in session.groups) else None


def factor_numbers(factors: list[int]) -> str:
    return ",".join(str(f) for f in factors)


def save_status(service: SessionService, lang: str) -> Text:
    """What the screen may claim: 'saved' only once the service says the write is durable."""
    if service.saved:
        return Text("✓ " + catalog.t("tui.phases.shared.saved", lang), style="bold green")
    problem = service.last_problem
    why = explain(problem, lang) if problem is not None else catalog.t("tui.phases.shared.disk_refused", lang)
    return Text(
        "! " + catalog.t("tui.phases.shared.not_saved_kept_in_memory", lang) + one_line(why),
        style="bold red",
    )


def find_note(session: Session, note_id: str) -> Note | None:
    return next((n for n in session.notes if n.id == note_id), None)


#: Styles of every phase view, one file next to them. Widgets cannot use
#: CSS_PATH (only apps and screens can), so each view takes the file as its
#: default CSS; selectors in it are written fully (``DialoguePhase #x``).
PHASES_TCSS = Path(__file__).with_name("phases.tcss").read_text(encoding="utf-8")


def note_prompt(note: Note, lang: str, merged_label: str = "") -> Text:
    """One note as a list entry: tip star, the text as typed, factors."""
    text = Text()
    if note.merged_into:
        text.append("≡ ", style="dim")
    text.append("★ " if note.tip else "• ", style="bold yellow" if note.tip else "dim")
    text.append_text(literal(note.text, "dim" if note.merged_into else ("bold" if note.tip else "")))
    if note.factors:
        text.append(f"  [SF {factor_numbers(note.factors)}]", style="cyan")
    if merged_label:
        text.append(f"  {merged_label}", style="dim italic")
    return text


class StopAtEndsList(OptionList):
    """A list of notes (or answers) whose ↑/↓ stop at its first and last entry.

    Textual's OptionList goes round: ↓ on the last note jumps to the first. Reading down a long
    flip-over, that lands at the top without a sign; at the ends the highlight now stays put.
    """

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:  # nothing highlighted yet: Textual's own choice of where to start
            super().action_cursor_down() if direction > 0 else super().action_cursor_up()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction
