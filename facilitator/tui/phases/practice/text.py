"""The practice phase's words and its feedback dialog, kept apart from the view's logic."""

from __future__ import annotations

from typing import Callable

from facilitator.core import catalog
from facilitator.core.model import RolePlayRound
from facilitator.core.talk import CATEGORIES, TalkClock, fmt_mmss
from facilitator.services.roleplay.groups import category_labels, group_of
from facilitator.services.roleplay.talk import add_feedback
from facilitator.services.session import SessionService
from facilitator.tui.dialogs.roleplay_forms import FeedbackForm

def state_line(st: TalkClock, lang: str) -> str:
    return {
        "ready": catalog.t("tui.phases.practice.text.ready_to_start_t", lang),
        "running": catalog.t("clock.running", lang),
        "paused": catalog.t("clock.paused", lang),
        "ended": catalog.t("tui.phases.practice.text.feedback_the_talk_took_f_log", lang, elapsed=fmt_mmss(st.elapsed)),
    }[st.state]


def feedback_form(
    service: SessionService, rnd: RolePlayRound, lang: str, who: Callable[[str], str],
) -> FeedbackForm:
    """The observer feedback dialog for one group's talk; it saves through `service`."""
    session = service.session
    group = group_of(session, rnd.group)
    observers = [(o, who(o)) for o in rnd.observers] or [(m, who(m)) for m in group.members]
    labels = category_labels(lang)
    categories = [(c, labels[c]) for c in CATEGORIES]

    def save(observer: str, category: str, text: str) -> str:
        obs = add_feedback(service, rnd.id, observer, category, text)
        return fmt_mmss(obs.offset)

    title = catalog.t("tui.phases.practice.text.feedback_talk", lang, name=group.name, talk=rnd.talk)
    return FeedbackForm(title, observers, categories, save, lang)
