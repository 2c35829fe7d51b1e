"""Evaluatie: the helper questions for mentors (6) and parents (4), answers
typed per question, and beside them what the observers noted during role-play.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.core import catalog
from facilitator.core.content import Prompt
from facilitator.core.model import MAX_TEXT, EvaluationAnswer
from facilitator.core.plain import one_line
from facilitator.core.talk import fmt_mmss
from facilitator.tui.dialogs.confirm import ConfirmDialog
from facilitator.tui.dialogs.text_edit import TextEditDialog
from facilitator.tui.phases.base import PhaseView
from facilitator.tui.phases.shared import PHASES_TCSS, StopAtEndsList, literal, save_status
from facilitator.tui.widgets.fields import TextInput, give_back


class AnswerList(StopAtEndsList):
    BINDINGS = [
        Binding("e,enter", "edit", "keys.edit", id="evaluation.edit"),
        Binding("delete,d", "delete", "keys.delete", id="evaluation.delete"),
        Binding("i", "back", "keys.type", id="evaluation.type"),
        Binding("escape", "leave", "keys.keys", id="evaluation.leave_answers"),
    ]

    def __init__(self, lang: str, **kwargs) -> None:
        super().__init__(**kwargs)

    @property
    def phase(self) -> "EvaluationPhase":
        return self.query_ancestor(EvaluationPhase)

    def action_edit(self) -> None:
        self.phase.edit_answer()

    def action_delete(self) -> None:
        self.phase.delete_answer()

    def action_back(self) -> None:
        self.phase.query_one("#ev-input", Input).focus()

    def action_leave(self) -> None:
        self.phase.leave_field()


class EvaluationPhase(PhaseView):
    DEFAULT_CSS = PHASES_TCSS
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+down", "question(1)", "keys.next_question", id="evaluation.next_question"),
        Binding("ctrl+up", "question(-1)", "keys.previous_question", id="evaluation.prev_question"),
        Binding("ctrl+o", "observations", "keys.feedback", id="evaluation.observations"),
        Binding("down", "to_answers", "keys.to_answers", show=False, id="evaluation.to_answers"),
        # Typing starts only when chosen (i or Enter); arriving never focuses the field.
        Binding("i,enter", "type", "keys.type", id="evaluation.focus_input"),
    ]
    # Typing the room's answers is this phase's work: a narrow key bar keeps "i Typen".
    KEEP_IN_BAR = ("evaluation.focus_input",)

    def __init__(self, service, plan, template, lang, **kwargs) -> None:
        super().__init__(service, plan, template, lang, **kwargs)
        prompts = list(template.prompts) if template else []
        # Mentors' questions first, then the parents': the order the method discusses them.
        self.questions: list[Prompt] = [p for p in prompts if p.role == "mentor"] + [
            p for p in prompts if p.role == "parent"]
        self.q_index = 0
        self.return_to_place()

    def place(self) -> str:
        """The question: its id."""
        return self.question.id if self.question else ""

    def go_to_place(self, place: str) -> None:
        qids = [q.id for q in self.questions]
        if place in qids:
            self.q_index = qids.index(place)

    def compose(self) -> ComposeResult:
        with Horizontal(id="ev-body"):
            with Vertical(id="ev-main"):
                yield Static(id="ev-questions", markup=False)
                yield Static(id="ev-question", markup=False)
                yield AnswerList(self.lang, id="ev-answers")
                yield TextInput(placeholder=catalog.t("tui.phases.evaluation.type_an_answer_and_press", self.lang), id="ev-input",
                            max_length=MAX_TEXT, compact=True, clear_on_submit=True)
                yield Static(id="ev-status", markup=False)
            with Vertical(id="ev-side"):
                yield Static(catalog.t("tui.phases.evaluation.observers_feedback", self.lang), id="ev-side-title")
                yield OptionList(id="ev-observations")

    def on_mount(self) -> None:
        self.refresh_answers()
        self.refresh_observations()

    def on_resize(self) -> None:
        self.refresh_answers()

    @property
    def question(self) -> Prompt | None:
        return self.questions[self.q_index] if self.questions else None

    def role_label(self, role: str | None) -> str:
        return "Mentor" if role == "mentor" else catalog.t("role.parent", self.lang)

    def answers(self) -> list[EvaluationAnswer]:
        q = self.question
        return [a for a in self.service.session.evaluation if q and a.question == q.id]

    def refresh_answers(self, keep: str | None = None) -> None:
        counts: dict[str, int] = {}
        for a in self.service.session.evaluation:
            counts[a.question] = counts.get(a.question, 0) + 1
        row = Text()
        role = None
        for i, q in enumerate(self.questions):
            if q.role != role:
                role = q.role
                label = self.role_label(role)
                if self.size.width and self.size.width < 110:
                    label = label[0]  # "M" / "O" ("P"): the full names don't fit beside the feedback
                row.append(("  " if i else "") + label + ": ", style="bold")
            style = "reverse bold" if i == self.q_index else "dim"
            row.append(f"{q.id[-1]}·{counts.get(q.id, 0)}", style)
            row.append(" ")
        self.query_one("#ev-questions", Static).update(row)
        q = self.question
        self.query_one("#ev-question", Static).update(
            Text.assemble((self.role_label(q.role) + ": ", "dim"), (q.text.get(self.lang), "bold")) if q else
            Text(catalog.t("tui.phases.evaluation.this_phase_has_no_helper", self.lang), style="italic"))
        answers = self.answers()
        lst = self.query_one("#ev-answers", AnswerList)
        lst.set_options(Option(Text.assemble(("• ", "dim"), literal(a.text)), id=a.id) for a in answers)
        if answers:
            ids = [a.id for a in answers]
            lst.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
        else:
            lst.add_option(Option(Text(catalog.t("tui.phases.evaluation.no_answers_yet", self.lang), style="dim italic"),
                                  disabled=True))

    def refresh_observations(self) -> None:
        session = self.service.session
        names = {g.id: g.name for g in session.practice_groups + session.groups}
        options: list[Option] = []
        for rnd in sorted(session.rounds, key=lambda r: (r.talk, names.get(r.group, r.group))):
            if not rnd.observations:
                continue
            head = Text.assemble(
                literal(names.get(rnd.group, rnd.group), "bold"),
                (catalog.t("tui.phases.evaluation.talk", self.lang, talk=rnd.talk), "bold"),
            )
            options.append(Option(head, disabled=True))
            for obs in sorted(rnd.observations, key=lambda o: o.offset):
                key = f"tui.phases.evaluation.category.{obs.category}"
                category = catalog.t(key, self.lang) if key in catalog.strings(self.lang) else obs.category
                line = Text.assemble(
                    (fmt_mmss(obs.offset) + " ", "cyan"), (category + ": ", "italic"), literal(obs.text),
                )
                who = session.participant_name(obs.observer)
                if who:
                    line.append_text(literal(f" ({who})", "dim"))
                options.append(Option(line, id=obs.id))
        lst = self.query_one("#ev-observations", OptionList)
        lst.set_options(options)
        if not options:
            lst.add_option(Option(Text(catalog.t("tui.phases.evaluation.no_feedback_from_the_practice", self.lang), style="dim italic"),
                                  disabled=True))

    def show_status(self, message: str = "") -> None:
        status = save_status(self.service, self.lang)
        if message and self.service.saved:
            status = Text.assemble(status, ("  " + message, "dim"))
        self.query_one("#ev-status", Static).update(status)

    # -- PhaseView contract ------------------------------------------------------
    def session_changed(self) -> None:
        self.refresh_answers()
        self.refresh_observations()

    def room_prompt(self) -> str | None:
        return self.question.text.get(self.lang) if self.question else None

    # -- typing and actions --------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "ev-input":
            return
        event.stop()
        text = event.value.strip()
        q = self.question
        if not text:
            return
        if q is None:
            give_back(event)  # no question to answer: the words stay in the field
            return
        try:
            answer = self.service.add_answer(q.id, q.role or "mentor", text)
        except BaseException:
            give_back(event)  # not saved: the words stay in the field (the error itself goes on up)
            raise
        self.refresh_answers(keep=answer.id)
        self.show_status()

    def action_question(self, step: int) -> None:
        if self.questions:
            self.q_index = (self.q_index + step) % len(self.questions)
            self.refresh_answers()
            self.remember_place()

    def action_type(self) -> None:
        self.query_one("#ev-input", Input).focus()

    def leave_field(self) -> None:
        """Back to keys mode: the phase itself holds the focus."""
        if self.can_focus:
            self.focus()
        else:
            self.screen.set_focus(None)

    def action_to_answers(self) -> None:
        if self.answers():
            self.query_one("#ev-answers", AnswerList).focus()

    def action_observations(self) -> None:
        self.query_one("#ev-observations", OptionList).focus()

    def selected_answer(self) -> EvaluationAnswer | None:
        option = self.query_one("#ev-answers", AnswerList).highlighted_option
        if option is None or option.id is None:
            return None
        return next((a for a in self.service.session.evaluation if a.id == option.id), None)

    def edit_answer(self) -> None:
        answer = self.selected_answer()
        if answer is None:
            return

        def done(text: str | None) -> None:
            if text is not None and text != answer.text:
                self.service.edit_answer(answer.id, text)
                self.refresh_answers(keep=answer.id)
                self.show_status()

        self.app.push_screen(TextEditDialog(catalog.t("tui.phases.evaluation.edit_answer", self.lang), answer.text,
                                            lang=self.lang), done)

    def delete_answer(self) -> None:
        answer = self.selected_answer()
        if answer is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.service.delete_answer(answer.id)
                self.refresh_answers()
                self.show_status(catalog.t("tui.phases.evaluation.deleted", self.lang))

        self.app.push_screen(ConfirmDialog(catalog.t("tui.phases.evaluation.delete_this_answer", self.lang),
                                           self.lang, detail=one_line(answer.text)), done)
