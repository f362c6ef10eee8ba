"""The inclusion, equality and accessibility checklist (``data/inkludering.yaml``) and its action list.

:func:`action_plan` turns answers into a short Swedish action list: every item answered with an answer that
needs action gives its action, ordered by the item's priority (1 = required by law), then by how urgent the
answer is (no before don't know before partly), then by file order; at most ``max_actions`` are listed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError, DomainError
from ..paths import DATA_DIR
from . import messages as msg

CHECKLIST_FILE = DATA_DIR / "inkludering.yaml"
KIND = "inclusion"


@dataclass(frozen=True)
class AnswerOption:
    id: str
    text: str
    needs_action: bool
    urgency: int | None = None
    label: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    action: str
    priority: int
    source: str  # the item's own source, else its area's
    help: str | None = None


@dataclass(frozen=True)
class Area:
    id: str
    title: str
    source: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Checklist:
    title: str
    answers: tuple[AnswerOption, ...]
    areas: tuple[Area, ...]
    max_actions: int
    intro: str | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for a in self.areas for i in a.items)


@dataclass(frozen=True)
class Action:
    area: Area
    item: Item
    answer: AnswerOption

    @property
    def text(self) -> str:
        """``Publicera en tillgänglighetsredogörelse … (ni svarade nej).``"""
        return f"{self.item.action.rstrip('.')} ({self.answer.label})."


@dataclass(frozen=True)
class ActionPlan:
    actions: tuple[Action, ...]  # the first max_actions, most important first
    more: int  # further actions not listed
    done: int  # items answered without need for action
    unanswered: tuple[Item, ...]
    total: int

    def lines(self) -> tuple[str, ...]:
        """The list as numbered Swedish lines, e.g. for an export."""
        return tuple(f"{n}. {a.text}" for n, a in enumerate(self.actions, 1))


def parse_checklist(data: dict[str, Any], name: str = "") -> Checklist:
    seen: dict[str, str] = {}
    for i, a in enumerate(data["areas"], 1):
        for j, item in enumerate(a["items"], 1):
            field = f"areas[{i}].items[{j}].id"
            if item["id"] in seen:
                raise ContentError(name, field, f"'{item['id']}' används redan ({seen[item['id']]})")
            seen[item["id"]] = field
    answer_ids = [a["id"] for a in data["answers"]]
    for i, ident in enumerate(answer_ids, 1):
        if answer_ids.index(ident) != i - 1:
            raise ContentError(name, f"answers[{i}].id", f"'{ident}' används redan")
    return Checklist(
        title=data["title"],
        intro=data.get("intro"),
        max_actions=data["max_actions"],
        answers=tuple(
            AnswerOption(a["id"], a["text"], a["needs_action"], a.get("urgency"), a.get("label"))
            for a in data["answers"]
        ),
        areas=tuple(
            Area(
                a["id"],
                a["title"],
                a["source"],
                tuple(
                    Item(
                        i["id"],
                        i["question"],
                        i["action"],
                        i["priority"],
                        i.get("source", a["source"]),
                        i.get("help"),
                    )
                    for i in a["items"]
                ),
            )
            for a in data["areas"]
        ),
    )


def load_checklist_file(path: Path | str) -> Checklist:
    path = Path(path)
    return parse_checklist(content.load_yaml(path, KIND), content.display_name(path))


@cache
def default_checklist() -> Checklist:
    """``data/inkludering.yaml``."""
    return load_checklist_file(CHECKLIST_FILE)


def action_plan(answers: Mapping[str, str], checklist: Checklist | None = None) -> ActionPlan:
    """A short action list from ``{item_id: answer_id}``; unknown ids raise :class:`DomainError`."""
    checklist = checklist or default_checklist()
    options = {a.id: a for a in checklist.answers}
    items = {i.id for i in checklist.items}
    for item_id, answer_id in answers.items():
        if item_id not in items:
            raise DomainError(item_id, msg.UNKNOWN_ITEM.format(item=item_id))
        if answer_id not in options:
            known = ", ".join(a.text for a in checklist.answers)
            raise DomainError(item_id, msg.UNKNOWN_ANSWER.format(answer=answer_id, known=known))
    ranked = []
    for position, (area, item) in enumerate((a, i) for a in checklist.areas for i in a.items):
        answer = options.get(answers.get(item.id, ""))
        if answer is not None and answer.needs_action:
            ranked.append(((item.priority, answer.urgency or 0, position), Action(area, item, answer)))
    ranked.sort(key=lambda pair: pair[0])
    actions = tuple(action for _, action in ranked)
    answered_fine = sum(
        1 for i in checklist.items if i.id in answers and not options[answers[i.id]].needs_action
    )
    return ActionPlan(
        actions=actions[: checklist.max_actions],
        more=max(0, len(actions) - checklist.max_actions),
        done=answered_fine,
        unanswered=tuple(i for i in checklist.items if i.id not in answers),
        total=len(checklist.items),
    )
