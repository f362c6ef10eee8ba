"""Reading ``data/aiact/regler.yaml`` and ``data/aiact/fall.yaml`` through the one content loader.

Beyond the JSON schema, the loader checks what a schema cannot: ids unique, every reference, level, flag and
milestone that is used is defined, every date is a real date, and the last rule catches all answers. Each
problem is a :class:`~widgets.errors.ContentError` (``file: field: message``, fields numbered from 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError, DomainError
from ..paths import DATA_DIR
from .flow import classify, normalise
from .model import (
    Case,
    Dates,
    DateVersion,
    Duty,
    Level,
    Milestone,
    Option,
    Question,
    Reference,
    Rule,
    Rules,
)

RULES_FILE = DATA_DIR / "aiact" / "regler.yaml"
CASES_FILE = DATA_DIR / "aiact" / "fall.yaml"
RULES_KIND = "aiact"
CASES_KIND = "aiact_cases"


def _date(name: str, field: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ContentError(name, field, f"'{text}' är inget riktigt datum") from None


def _unique(name: str, items: Iterable[dict[str, Any]], field: str) -> Iterable[ContentError]:
    seen: dict[str, int] = {}
    for i, item in enumerate(items, 1):
        if item["id"] in seen:
            yield ContentError(
                name, f"{field}[{i}].id", f"'{item['id']}' används redan av {field}[{seen[item['id']]}]"
            )
        seen.setdefault(item["id"], i)


def _problems(data: dict[str, Any], name: str) -> list[ContentError]:
    """Cross-reference problems in schema-valid rules, in file order."""
    found: list[ContentError] = []
    for part in ("references", "levels", "questions", "duties"):
        found += _unique(name, data[part], part)
    refs = {r["id"] for r in data["references"]}
    levels = {lv["id"] for lv in data["levels"]}
    milestones = {m["id"] for m in data["dates"]["milestones"]}
    flags = {f for q in data["questions"] for o in q["options"] for f in o.get("sets", [])}

    def check_refs(item: dict[str, Any], field: str) -> None:
        for k, ref in enumerate(item.get("refs", []), 1):
            if ref not in refs:
                found.append(
                    ContentError(
                        name, f"{field}.refs[{k}]", f"hänvisningen '{ref}' finns inte under references"
                    )
                )

    def check_milestone(item: dict[str, Any], field: str) -> None:
        if "applies_from" in item and item["applies_from"] not in milestones:
            found.append(
                ContentError(
                    name,
                    f"{field}.applies_from",
                    f"'{item['applies_from']}' finns inte under dates.milestones; kända: {', '.join(sorted(milestones))}",
                )
            )

    def check_flags(item: dict[str, Any], field: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            for k, flag in enumerate(item.get(key, []), 1):
                if flag not in flags:
                    found.append(
                        ContentError(
                            name,
                            f"{field}.{key}[{k}]",
                            f"flaggan '{flag}' sätts inte av något svarsalternativ",
                        )
                    )

    for i, ref in enumerate(data["references"], 1):
        check_milestone(ref, f"references[{i}]")
    for i, lv in enumerate(data["levels"], 1):
        check_refs(lv, f"levels[{i}]")
    for i, q in enumerate(data["questions"], 1):
        base = f"questions[{i}]"
        check_refs(q, base)
        check_flags(q, base, ("show_if", "hide_if"))
        found += _unique(name, q["options"], f"{base}.options")
        for j, o in enumerate(q["options"], 1):
            check_refs(o, f"{base}.options[{j}]")
        if sum(1 for o in q["options"] if o.get("none")) > 1:
            found.append(ContentError(name, f"{base}.options", "högst ett alternativ får ha none: true"))
    for i, rule in enumerate(data["rules"], 1):
        field = f"rules[{i}]"
        if rule["level"] not in levels:
            found.append(
                ContentError(name, f"{field}.level", f"risknivån '{rule['level']}' finns inte under levels")
            )
        check_refs(rule, field)
        check_flags(rule, field, ("when", "unless"))
        check_milestone(rule, field)
    last = data["rules"][-1]
    if last["when"] or last.get("unless"):
        found.append(
            ContentError(
                name,
                f"rules[{len(data['rules'])}].when",
                "den sista regeln ska ha when: [] och inget unless, så att alla svar får en risknivå",
            )
        )
    for i, duty in enumerate(data["duties"], 1):
        field = f"duties[{i}]"
        for k, level in enumerate(duty["levels"], 1):
            if level not in levels:
                found.append(
                    ContentError(name, f"{field}.levels[{k}]", f"risknivån '{level}' finns inte under levels")
                )
        check_refs(duty, field)
        check_flags(duty, field, ("when_any", "when_all"))
        check_milestone(duty, field)
    dates = data["dates"]
    versions = {v["id"]: v for v in dates["versions"]}
    if dates["shown"] not in versions:
        found.append(
            ContentError(name, "dates.shown", f"versionen '{dates['shown']}' finns inte under dates.versions")
        )
    for i, version in enumerate(dates["versions"], 1):
        for part in ("dates", "notes"):
            for key in version.get(part, {}):
                if key not in milestones:
                    found.append(
                        ContentError(
                            name, f"dates.versions[{i}].{part}.{key}", "finns inte under dates.milestones"
                        )
                    )
        for key in sorted(set(version["dates"]) & set(version.get("notes", {}))):
            found.append(
                ContentError(
                    name,
                    f"dates.versions[{i}].notes.{key}",
                    "en version har antingen ett datum eller en anmärkning för en milstolpe, inte båda",
                )
            )
        if version["id"] == dates["shown"]:
            for missing in sorted(milestones - set(version["dates"])):
                found.append(
                    ContentError(
                        name,
                        f"dates.versions[{i}].dates.{missing}",
                        "saknas men måste finnas i den visade versionen",
                    )
                )
    return found


def _reference(r: dict[str, Any]) -> Reference:
    return Reference(r["id"], r["ref"], r["title"], r["summary"], r["source"], r.get("applies_from"))


def parse_rules(data: dict[str, Any], name: str = "") -> Rules:
    """Build the model from schema-valid data; the first cross-reference problem is raised."""
    found = _problems(data, name)
    if found:
        raise found[0]
    refs = {r["id"]: _reference(r) for r in data["references"]}

    def resolve(item: dict[str, Any]) -> tuple[Reference, ...]:
        return tuple(refs[r] for r in item.get("refs", []))

    questions = tuple(
        Question(
            id=q["id"],
            step=q["step"],
            text=q["text"],
            help=q.get("help"),
            multiple=bool(q.get("multiple", False)),
            refs=resolve(q),
            show_if=frozenset(q.get("show_if", [])),
            hide_if=frozenset(q.get("hide_if", [])),
            options=tuple(
                Option(
                    id=o["id"],
                    text=o["text"],
                    help=o.get("help"),
                    sets=frozenset(o.get("sets", [])),
                    ends=bool(o.get("ends", False)),
                    none=bool(o.get("none", False)),
                    reason=o.get("reason"),
                    refs=resolve(o),
                    note=o.get("note"),
                )
                for o in q["options"]
            ),
        )
        for q in data["questions"]
    )
    dates = data["dates"]
    versions = tuple(
        DateVersion(
            id=v["id"],
            name=v["name"],
            status=v["status"],
            verified=v["verified"],
            source=v["source"],
            checked=_date(name, f"dates.versions[{i}].checked", v["checked"]),
            dates={k: _date(name, f"dates.versions[{i}].dates.{k}", d) for k, d in v["dates"].items()},
            notes=dict(v.get("notes", {})),
        )
        for i, v in enumerate(dates["versions"], 1)
    )
    return Rules(
        title=data["title"],
        intro=data.get("intro"),
        source=data["source"],
        checked=_date(name, "checked", data["checked"]),
        disclaimer=data["disclaimer"],
        references=tuple(refs.values()),
        levels=tuple(
            Level(lv["id"], lv["name"], lv["summary"], resolve(lv), bool(lv.get("is_ai_system", True)))
            for lv in data["levels"]
        ),
        questions=questions,
        rules=tuple(
            Rule(
                level=r["level"],
                when=frozenset(r["when"]),
                reason=r["reason"],
                unless=frozenset(r.get("unless", [])),
                refs=resolve(r),
                applies_from=r.get("applies_from"),
            )
            for r in data["rules"]
        ),
        duties=tuple(
            Duty(
                id=d["id"],
                title=d["title"],
                text=d["text"],
                levels=frozenset(d["levels"]),
                parts=tuple(d.get("parts", [])),
                refs=resolve(d),
                when_any=frozenset(d.get("when_any", [])),
                when_all=frozenset(d.get("when_all", [])),
                applies_from=d.get("applies_from"),
            )
            for d in data["duties"]
        ),
        dates=Dates(
            shown=dates["shown"],
            notice=dates["notice"],
            milestones=tuple(Milestone(m["id"], m["title"]) for m in dates["milestones"]),
            versions=versions,
        ),
        file=name,
    )


def load_rules_file(path: Path | str) -> Rules:
    """Load and check a rules file; raises :class:`ContentError` (``file: field: message``)."""
    path = Path(path)
    return parse_rules(content.load_yaml(path, RULES_KIND), content.display_name(path))


@cache
def default_rules() -> Rules:
    """The course's rules (``data/aiact/regler.yaml``), read once per kernel."""
    return load_rules_file(RULES_FILE)


def load_cases_file(path: Path | str, rules: Rules) -> tuple[Case, ...]:
    """Load the example cases; answers and expected levels are checked against the rules."""
    path = Path(path)
    name = content.display_name(path)
    data = content.load_yaml(path, CASES_KIND)
    found = list(_unique(name, data["cases"], "cases"))
    if found:
        raise found[0]
    levels = {lv.id for lv in rules.levels}
    cases = []
    for i, c in enumerate(data["cases"], 1):
        field = f"cases[{i}]"
        try:
            answers = normalise(rules, c["answers"])
        except DomainError as exc:
            raise ContentError(name, f"{field}.answers.{exc.field}", exc.message) from None
        if c["expected_level"] not in levels:
            known = ", ".join(lv.id for lv in rules.levels)
            raise ContentError(
                name, f"{field}.expected_level", f"'{c['expected_level']}' är okänd; välj en av: {known}"
            )
        cases.append(
            Case(
                id=c["id"],
                title=c["title"],
                description=c["description"],
                constructed=c["constructed"],
                answers=answers,
                expected_level=c["expected_level"],
                explanation=c["explanation"],
                source=c.get("source"),
                checked=_date(name, f"{field}.checked", c["checked"]) if "checked" in c else None,
                check_note=c.get("check_note"),
                assumption=c.get("assumption"),
            )
        )
    return tuple(cases)


@cache
def default_cases() -> tuple[Case, ...]:
    """The course's example cases (``data/aiact/fall.yaml``)."""
    return load_cases_file(CASES_FILE, default_rules())


def case_problems(rules: Rules, cases: Iterable[Case], name: str = "") -> list[ContentError]:
    """Cases whose answers are incomplete or do not give the expected level (empty list: all pass)."""
    found = []
    for i, case in enumerate(cases, 1):
        try:
            got = classify(rules, case.answers).level.id
        except DomainError as exc:
            found.append(ContentError(name, f"cases[{i}].answers.{exc.field}", exc.message))
            continue
        if got != case.expected_level:
            found.append(
                ContentError(
                    name,
                    f"cases[{i}].expected_level",
                    f"svaren ger '{got}', inte '{case.expected_level}'",
                )
            )
    return found
