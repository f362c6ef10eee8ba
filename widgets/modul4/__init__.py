"""Module 4 models: citizen personas walking a public e-service, and the inclusion, equality and
accessibility checklist that turns answers into a short action list. Pure functions over dataclasses; content
lives in ``data/personas.yaml`` and ``data/inkludering.yaml``. (The governance sorting exercise is exercise
content in ``exercises/modul4.yaml``, played with the exercise engine.)"""

from .inclusion import (
    Action,
    ActionPlan,
    AnswerOption,
    Area,
    Checklist,
    Item,
    action_plan,
    default_checklist,
    load_checklist_file,
)
from .personas import (
    Fact,
    Help,
    HelpCheck,
    HelpVerdict,
    Journey,
    Persona,
    PersonaSet,
    Service,
    Step,
    StepGuess,
    check_dropout,
    check_help,
    default_personas,
    load_personas_file,
)

__all__ = [
    "Action",
    "ActionPlan",
    "AnswerOption",
    "Area",
    "Checklist",
    "Fact",
    "Help",
    "HelpCheck",
    "HelpVerdict",
    "Item",
    "Journey",
    "Persona",
    "PersonaSet",
    "Service",
    "Step",
    "StepGuess",
    "action_plan",
    "check_dropout",
    "check_help",
    "default_checklist",
    "default_personas",
    "load_checklist_file",
    "load_personas_file",
]
