"""Prepared polls: the questions a teacher opens during a session, kept as content in ``exercises/omrostningar.yaml``.

The file is validated like all course content (``widgets/schemas/polls.v1.json`` through :mod:`widgets.content`);
what a schema cannot say — ids used twice, a module that does not exist, options on a scale poll, a scale of one
step — is checked here. Every problem reads ``file: field: what is wrong``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError
from ..paths import EXERCISES_DIR
from ..store.live import Scale

KIND = "polls"
POLLS_FILE = EXERCISES_DIR / "omrostningar.yaml"
MIN_STEPS, MAX_STEPS = 2, 10
#: Which optional fields belong to which kind of poll.
_ONLY_FOR = {"options": "choice", "scale": "scale", "filter": "words"}
_KIND_SV = {"choice": "flerval", "scale": "skala", "words": "ordmoln", "open": "öppen fråga", "qa": "frågor"}


@dataclass(frozen=True)
class PreparedPoll:
    """One prepared poll: what :meth:`widgets.store.live.LiveStore.create_poll` needs, with its content id."""

    id: str
    module: str
    kind: str
    question: str
    options: tuple[str, ...]
    scale: Scale | None
    anonymous: bool
    filter: tuple[str, ...]


def _known_modules() -> set[str]:
    from ..program import default_program

    return {event.id for event in default_program().events}


def problems(data: dict[str, Any], name: str, modules: Iterable[str] | None = None) -> list[ContentError]:
    """What the schema cannot check, for data that passed it (empty list: fine)."""
    known = set(_known_modules() if modules is None else modules)
    found: list[ContentError] = []
    seen: set[str] = set()
    for number, poll in enumerate(data["polls"], start=1):
        where = f"polls[{number}]"
        if poll["id"] in seen:
            found.append(
                ContentError(name, f"{where}.id", f"'{poll['id']}' används redan av en annan omröstning")
            )
        seen.add(poll["id"])
        if poll["module"] not in known:
            shown = ", ".join(sorted(known))
            found.append(
                ContentError(
                    name, f"{where}.module", f"'{poll['module']}' är ingen modul; välj ett av: {shown}"
                )
            )
        kind = poll["kind"]
        for field, owner in _ONLY_FOR.items():
            if field in poll and kind != owner:
                found.append(
                    ContentError(
                        name,
                        f"{where}.{field}",
                        f"hör bara till {_KIND_SV[owner]} ({owner}), inte till {kind}",
                    )
                )
        if kind == "choice" and "options" not in poll:
            found.append(
                ContentError(name, f"{where}.options", "saknas men måste finnas för flerval (choice)")
            )
        if kind == "scale":
            scale = poll.get("scale")
            if scale is None:
                found.append(
                    ContentError(name, f"{where}.scale", "saknas men måste finnas för skala (scale)")
                )
            else:
                steps = scale["max"] - scale["min"] + 1
                if not MIN_STEPS <= steps <= MAX_STEPS:
                    found.append(
                        ContentError(
                            name,
                            f"{where}.scale",
                            f"{scale['min']}–{scale['max']} ger {steps} steg; en skala ska ha "
                            f"{MIN_STEPS}–{MAX_STEPS} steg (max större än min)",
                        )
                    )
    return found


def _parse(poll: dict[str, Any]) -> PreparedPoll:
    scale = poll.get("scale")
    return PreparedPoll(
        id=poll["id"],
        module=poll["module"],
        kind=poll["kind"],
        question=poll["question"].strip(),
        options=tuple(option.strip() for option in poll.get("options", ())),
        scale=(
            Scale(scale["min"], scale["max"], scale.get("min_label", ""), scale.get("max_label", ""))
            if scale is not None
            else None
        ),
        anonymous=bool(poll["anonymous"]),
        filter=tuple(poll.get("filter", ())),
    )


def load_prepared(
    path: Path | str = POLLS_FILE, modules: Iterable[str] | None = None
) -> tuple[PreparedPoll, ...]:
    """Every prepared poll in the file, in file order; the first problem is raised as :class:`ContentError`.
    ``modules``: the known module ids (default: the program's events)."""
    path = Path(path)
    name = content.display_name(path)
    data = content.load_yaml(path, KIND)
    found = problems(data, name, modules)
    if found:
        raise found[0]
    return tuple(_parse(poll) for poll in data["polls"])


def check_file(path: Path | str = POLLS_FILE, modules: Iterable[str] | None = None) -> list[ContentError]:
    """All problems in the file (empty list: fine); a schema error stops at the first."""
    path = Path(path)
    try:
        data = content.load_yaml(path, KIND)
    except ContentError as exc:
        return [exc]
    return problems(data, content.display_name(path), modules)


def for_module(polls: Sequence[PreparedPoll], module: str) -> list[PreparedPoll]:
    return [poll for poll in polls if poll.module == module]


__all__ = ["POLLS_FILE", "PreparedPoll", "check_file", "for_module", "load_prepared", "problems"]
