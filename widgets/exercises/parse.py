"""From a schema-validated dict to :class:`ModuleContent`, plus the checks a JSON schema cannot express.

Checks: ids unique within the file (choices, options and ordering items within their question, card or list);
a single-answer question has exactly one correct choice; scenario branches point at existing cards, every card
can be reached from the start card and no branch loops back (a scenario must always reach an end). Problems
are :class:`~widgets.errors.ContentError` with ``file: field: message`` (Swedish), fields numbered from 1."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import ContentError
from .model import (
    Canvas,
    CanvasField,
    CanvasLink,
    Choice,
    ChoiceQuestion,
    ExerciseGroup,
    GroupBoardSpec,
    Likert,
    LikertDimension,
    LikertStatement,
    ModuleContent,
    NumericQuestion,
    Ordering,
    OrderItem,
    Question,
    Quiz,
    ReflectionPrompt,
    Scan,
    ScanCategory,
    Scenario,
    ScenarioCard,
    ScenarioOption,
    Workshop,
    WorkshopStep,
)


def _question(q: dict[str, Any]) -> Question:
    if q["kind"] == "numeric":
        feedback = q.get("feedback", {})
        return NumericQuestion(
            id=q["id"],
            question=q["question"],
            answer=float(q["answer"]),
            tolerance=float(q.get("tolerance", 0)),
            unit=q.get("unit"),
            explanation=q.get("explanation"),
            feedback_correct=feedback.get("correct"),
            feedback_incorrect=feedback.get("incorrect"),
            source=q.get("source"),
        )
    return ChoiceQuestion(
        id=q["id"],
        question=q["question"],
        choices=tuple(
            Choice(c["id"], c["text"], bool(c.get("correct", False)), c["feedback"]) for c in q["choices"]
        ),
        multiple=bool(q.get("multiple", False)),
        explanation=q.get("explanation"),
    )


def _exercise(e: dict[str, Any]):
    kind = e["type"]
    common = {"id": e["id"], "source": e.get("source")}
    if "group_board" in e:
        board = e["group_board"] or {}
        common["group_board"] = GroupBoardSpec(board.get("dots"), board.get("shared_from"))
    if kind == "reflection":
        return ReflectionPrompt(prompt=e["prompt"], title=e.get("title"), hint=e.get("hint"), **common)
    if kind == "quiz":
        questions = tuple(_question(q) for q in e["questions"])
        return Quiz(title=e["title"], questions=questions, intro=e.get("intro"), **common)
    if kind == "likert":
        dimensions = tuple(
            LikertDimension(
                d["id"],
                d["title"],
                tuple(
                    LikertStatement(s["id"], s["text"], bool(s.get("reverse", False)))
                    for s in d["statements"]
                ),
                d.get("suggestion"),
            )
            for d in e["dimensions"]
        )
        scale = e["scale"]
        return Likert(
            title=e["title"],
            labels=tuple(scale["labels"]),
            dimensions=dimensions,
            scale_min=int(scale.get("min", 1)),
            intro=e.get("intro"),
            **common,
        )
    if kind == "ordering":
        items = tuple(OrderItem(i["id"], i["text"]) for i in e["items"])
        return Ordering(
            title=e["title"], question=e["question"], items=items, explanation=e.get("explanation"), **common
        )
    if kind == "canvas":
        commitments = e.get("commitments", {})
        return Canvas(
            title=e["title"],
            fields=tuple(CanvasField(f["id"], f["label"], f.get("hint")) for f in e["fields"]),
            commitments=int(commitments.get("count", 0)),
            commitment_label=commitments.get("label", "Åtagande"),
            digest=bool(e.get("digest", False)),
            links=tuple(CanvasLink(x["href"], x["text"]) for x in e.get("links", [])),
            intro=e.get("intro"),
            **common,
        )
    if kind == "workshop":
        steps = tuple(
            WorkshopStep(s["id"], s["title"], float(s["minutes"]), s["instruction"]) for s in e["steps"]
        )
        return Workshop(title=e["title"], steps=steps, intro=e.get("intro"), **common)
    if kind == "scan":
        return Scan(
            title=e["title"],
            categories=tuple(ScanCategory(c["id"], c["title"], c.get("hint")) for c in e["categories"]),
            labels=tuple(e["scale"]["labels"]),
            intro=e.get("intro"),
            **common,
        )
    cards = tuple(
        ScenarioCard(
            id=c["id"],
            text=c["text"],
            title=c.get("title"),
            options=tuple(
                ScenarioOption(o["id"], o["text"], o["consequence"], o.get("next"))
                for o in c.get("options", [])
            ),
        )
        for c in e["cards"]
    )
    return Scenario(title=e["title"], start=e["start"], cards=cards, intro=e.get("intro"), **common)


def parse_module(data: dict[str, Any], name: str = "") -> ModuleContent:
    """Build the model from validated data (run :func:`problems` first; this assumes a valid dict)."""
    return ModuleContent(
        module=data["module"],
        title=data["title"],
        exercises=tuple(_exercise(e) for e in data["exercises"]),
        order=data.get("order"),
        file=name,
        groups=tuple(
            ExerciseGroup(g["title"], tuple(g["exercises"]), g.get("intro")) for g in data.get("groups", [])
        ),
    )


# --- semantic checks ----------------------------------------------------------------------------------------


def _unique_within(
    name: str, parts: Iterable[dict[str, Any]], field: str, what: str
) -> Iterable[ContentError]:
    seen: dict[str, int] = {}
    for i, part in enumerate(parts, 1):
        ident = part.get("id")
        if ident in seen:
            yield ContentError(
                name,
                f"{field}[{i}].id",
                f"'{ident}' används redan av {what} {seen[ident]}; id ska vara unika här",
            )
        else:
            seen[ident] = i


def _file_ids(data: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(id, field) for every id that must be unique in the whole file, in file order."""
    for i, e in enumerate(data["exercises"], 1):
        base = f"exercises[{i}]"
        yield e["id"], f"{base}.id"
        for j, q in enumerate(e.get("questions", []), 1):
            yield q["id"], f"{base}.questions[{j}].id"
        for j, d in enumerate(e.get("dimensions", []), 1):
            yield d["id"], f"{base}.dimensions[{j}].id"
            for k, s in enumerate(d["statements"], 1):
                yield s["id"], f"{base}.dimensions[{j}].statements[{k}].id"
        if e["type"] == "scenario":
            for j, c in enumerate(e["cards"], 1):
                yield c["id"], f"{base}.cards[{j}].id"
        if e["type"] == "canvas":
            for j, f in enumerate(e["fields"], 1):
                yield f["id"], f"{base}.fields[{j}].id"
        if e["type"] == "workshop":
            for j, st in enumerate(e["steps"], 1):
                yield st["id"], f"{base}.steps[{j}].id"
        if e["type"] == "scan":
            for j, c in enumerate(e["categories"], 1):
                yield c["id"], f"{base}.categories[{j}].id"


def _choice_problems(name: str, base: str, q: dict[str, Any]) -> Iterable[ContentError]:
    yield from _unique_within(name, q["choices"], f"{base}.choices", "alternativ")
    correct = sum(1 for c in q["choices"] if c.get("correct"))
    if q.get("multiple"):
        if correct == 0:
            yield ContentError(name, f"{base}.choices", "minst ett alternativ ska ha correct: true")
    elif correct != 1:
        yield ContentError(
            name,
            f"{base}.choices",
            f"en fråga med ett rätt svar ska ha exakt ett alternativ med correct: true (har {correct}); "
            "skriv multiple: true om flera svar är rätt",
        )


def _scenario_problems(name: str, base: str, e: dict[str, Any]) -> Iterable[ContentError]:
    cards = e["cards"]
    index = {c["id"]: i for i, c in enumerate(cards, 1)}
    known = ", ".join(index)
    for i, c in enumerate(cards, 1):
        yield from _unique_within(name, c.get("options", []), f"{base}.cards[{i}].options", "val")
        for j, o in enumerate(c.get("options", []), 1):
            target = o.get("next")
            if target is not None and target not in index:
                field = f"{base}.cards[{i}].options[{j}].next"
                yield ContentError(
                    name, field, f"kortet '{target}' finns inte i scenariot; kända kort: {known}"
                )
    if e["start"] not in index:
        yield ContentError(name, f"{base}.start", f"kortet '{e['start']}' finns inte; kända kort: {known}")
        return
    edges = {
        c["id"]: [(j, o["next"]) for j, o in enumerate(c.get("options", []), 1) if o.get("next") in index]
        for c in cards
    }
    # Depth-first search from the start card: unreached cards are unreachable, a grey target is a loop.
    colour: dict[str, str] = {}
    loops: list[ContentError] = []
    stack: list[tuple[str, int]] = [(e["start"], 0)]
    colour[e["start"]] = "grey"
    while stack:
        card, pos = stack[-1]
        if pos < len(edges[card]):
            stack[-1] = (card, pos + 1)
            j, target = edges[card][pos]
            if colour.get(target) == "grey":
                field = f"{base}.cards[{index[card]}].options[{j}].next"
                loops.append(
                    ContentError(
                        name,
                        field,
                        f"leder tillbaka till kortet '{target}' så att scenariot går i en slinga; "
                        "varje väg ska nå ett slutkort",
                    )
                )
            elif target not in colour:
                colour[target] = "grey"
                stack.append((target, 0))
        else:
            colour[card] = "black"
            stack.pop()
    yield from loops
    for c in cards:
        if c["id"] not in colour:
            yield ContentError(
                name,
                f"{base}.cards[{index[c['id']]}]",
                f"kortet '{c['id']}' kan inte nås från startkortet '{e['start']}'",
            )


def _group_problems(data: dict[str, Any], name: str) -> Iterable[ContentError]:
    """A group names existing exercises that are not reflections (those live in the lärlogg), listed in the
    file's order and next to each other, each in one group only."""
    kinds = {e["id"]: e["type"] for e in data["exercises"]}
    position = {e["id"]: i for i, e in enumerate(data["exercises"])}
    grouped: dict[str, int] = {}
    for i, g in enumerate(data.get("groups", []), 1):
        for j, ident in enumerate(g["exercises"], 1):
            field = f"groups[{i}].exercises[{j}]"
            if ident not in kinds:
                yield ContentError(name, field, f"övningen '{ident}' finns inte i filen")
            elif kinds[ident] == "reflection":
                yield ContentError(name, field, f"'{ident}' är en reflektionsfråga; de visas i lärloggen")
            elif ident in grouped:
                yield ContentError(name, field, f"'{ident}' finns redan i grupp {grouped[ident]}")
            else:
                grouped[ident] = i
        places = [position[x] for x in g["exercises"] if x in position]
        if places and places != list(range(places[0], places[0] + len(places))):
            yield ContentError(
                name, f"groups[{i}].exercises", "övningarna ska stå i samma ordning och i följd som i filen"
            )


def problems(data: dict[str, Any], name: str) -> list[ContentError]:
    """Problems in schema-valid content that the schema cannot see, in file order."""
    found: list[ContentError] = []
    first: dict[str, str] = {}
    for ident, field in _file_ids(data):
        if ident in first:
            found.append(
                ContentError(
                    name, field, f"'{ident}' används redan ({first[ident]}); varje id ska vara unikt i filen"
                )
            )
        else:
            first[ident] = field
    found.extend(_group_problems(data, name))
    for i, e in enumerate(data["exercises"], 1):
        base = f"exercises[{i}]"
        for j, q in enumerate(e.get("questions", []), 1):
            if q["kind"] == "choice":
                found.extend(_choice_problems(name, f"{base}.questions[{j}]", q))
        if e["type"] == "ordering":
            found.extend(_unique_within(name, e["items"], f"{base}.items", "alternativ"))
        if e["type"] == "scenario":
            found.extend(_scenario_problems(name, base, e))
        shared_from = (e.get("group_board") or {}).get("shared_from")
        if shared_from is not None and shared_from not in {s["id"] for s in e["steps"]}:
            known = ", ".join(s["id"] for s in e["steps"])
            found.append(
                ContentError(
                    name,
                    f"{base}.group_board.shared_from",
                    f"steget '{shared_from}' finns inte i workshopen; kända steg: {known}",
                )
            )
        if e["type"] == "scan" and len(e["scale"]["labels"]) % 2:
            found.append(
                ContentError(
                    name,
                    f"{base}.scale.labels",
                    f"skalan har {len(e['scale']['labels'])} steg; den ska ha ett jämnt antal så att varje "
                    "faktor blir låg eller hög i diagrammet",
                )
            )
    return found
