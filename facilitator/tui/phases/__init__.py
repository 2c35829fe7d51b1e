"""One module per phase kind. `view_class(kind)` finds the widget that runs it.

Each module defines a subclass of ``PhaseView`` (see base.py). Kinds without a
module of their own fall back to ``generic.GenericPhase``.
"""

from __future__ import annotations

import importlib

from facilitator.tui.phases.base import PhaseView

#: phase kind -> "module:Class" (relative to this package)
VIEWS: dict[str, str] = {
    "intro": "intro:IntroPhase",
    "research": "research:ResearchPhase",
    "dialogue": "dialogue:DialoguePhase",
    "plenary": "plenary:PlenaryPhase",
    "practice": "practice.view:PracticePhase",
    "evaluation": "evaluation:EvaluationPhase",
    "experiences": "dialogue:ExperiencesPhase",
    "review": "followup:ReviewPhase",
    "quickscan": "followup:QuickscanPhase",
    "new_actions": "followup:NewActionsPhase",
}
FALLBACK = "generic:GenericPhase"


def view_class(kind: str) -> type[PhaseView]:
    module, _, name = VIEWS.get(kind, FALLBACK).partition(":")
    try:
        mod = importlib.import_module(f".{module}", __package__)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.endswith(f".{module}"):
            module, _, name = FALLBACK.partition(":")
            mod = importlib.import_module(f".{module}", __package__)
        else:
            raise
    return getattr(mod, name)
