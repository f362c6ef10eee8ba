"""Benefit cases as YAML (schema ``benefit_case.v1.json``): load, parse, dump, round trip.

The only module of :mod:`widgets.benefit` that reads files. Structural mistakes are caught by the JSON schema,
semantic ones (low > high, end before start, a rate of −100 %) by the model; both become
:class:`~widgets.errors.ContentError` ``file: field: message`` with the field as a YAML path
(``alternatives[1].items[2].to_year``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..content import display_name, dump_yaml, load_yaml, parse_yaml_text, validate
from ..errors import ContentError, DomainError, FieldPath, field_text
from ..paths import DATA_DIR
from .model import Alternative, Case, Driver, Estimate, Item, OptimismBias, PlanEntry

KIND = "benefit_case"
CASES_DIR = DATA_DIR / "cases"
_ESTIMATE_FIELDS = (
    "hours_per_year", "cases_per_year", "minutes_per_case", "quantity", "unit_price", "share", "hourly_cost",
    "monthly_salary",
)  # fmt: skip


@contextmanager
def _at(name: str, prefix: FieldPath) -> Iterator[None]:
    """Turn a DomainError raised while building part of a case into ``file: prefix.field: message``."""
    try:
        yield
    except DomainError as exc:
        raise ContentError(name, exc.within(*prefix).field, exc.message) from None


def _estimate(value: Any) -> Estimate:
    if isinstance(value, dict):
        likely = value["likely"]
        return Estimate(
            likely=likely,
            low=likely if value.get("low") is None else value["low"],
            high=likely if value.get("high") is None else value["high"],
            source=value.get("source", ""),
            assumption=value.get("assumption", False),
            note=value.get("note", ""),
        )
    return Estimate(value)


def _item(data: dict[str, Any], name: str, where: FieldPath) -> Item:
    if "year" in data and ("from_year" in data or "to_year" in data):
        raise ContentError(
            name,
            field_text((*where, "year")),
            "ange antingen year (engångspost) eller from_year/to_year, inte båda",
        )
    if "year" in data:
        from_year = to_year = data["year"]
    else:
        from_year, to_year = data.get("from_year", 0), data.get("to_year")
    driver = None
    if "driver" in data:
        d = data["driver"]
        with _at(name, where):
            driver = Driver(
                kind=d["kind"],
                salary_method=d.get("salary_method", "inera"),
                po_rate=d.get("po_rate"),
                salary_source=d.get("salary_source", ""),
                **{key: _estimate(d[key]) for key in _ESTIMATE_FIELDS if key in d},
            )
    with _at(name, where):
        return Item(
            label=data["label"],
            kind=data["kind"],
            category=data.get("category", "finansiell"),
            stakeholder=data.get("stakeholder", "verksamheten"),
            from_year=from_year,
            to_year=to_year,
            amount=_estimate(data["amount"]) if "amount" in data else None,
            driver=driver,
            ramp=tuple(data.get("ramp", ())),
            valued_in_money=data.get("valued_in_money", True),
            investment=data.get("investment"),
            description=data.get("description", ""),
            source=data.get("source", ""),
            assumption=data.get("assumption", False),
            note=data.get("note", ""),
        )


def case_from_dict(data: dict[str, Any], name: str = "(kalkyl)") -> Case:
    """Build a case from schema-valid data; semantic errors raise ContentError naming the file and field."""
    alternatives = []
    for a, alt in enumerate(data["alternatives"]):
        items = [_item(it, name, ("alternatives", a, "items", i)) for i, it in enumerate(alt["items"])]
        with _at(name, ("alternatives", a)):
            alternatives.append(Alternative(alt["name"], tuple(items), alt.get("description", "")))
    bias = None
    if "optimism_bias" in data:
        ob = data["optimism_bias"]
        with _at(name, ()):
            bias = OptimismBias(ob["uplift"], ob["source"], ob.get("applies_to", "investeringar"))
    plan = tuple(
        PlanEntry(**{**entry, "follow_up": tuple(entry.get("follow_up", ()))})
        for entry in data.get("realisation_plan", ())
    )
    try:
        case = Case(
            name=data["name"],
            alternatives=tuple(alternatives),
            discount_rate=data["discount_rate"]["value"],
            discount_rate_source=data["discount_rate"]["source"],
            horizon_years=data["horizon_years"],
            horizon_source=data.get("horizon_source", ""),
            start_year=data["start_year"],
            description=data.get("description", ""),
            organisation=data.get("organisation", ""),
            owner=data.get("owner", ""),
            price_level=data.get("price_level", "fasta priser (reala termer)"),
            optimism_bias=bias,
            sources=tuple(data.get("sources", ())),
            realisation_plan=plan,
            schema_version=data["schema_version"],
        )
    except DomainError as exc:
        path = ("discount_rate", "value") if exc.path == ("discount_rate",) else exc.path
        raise ContentError(name, field_text(path), exc.message) from None
    benefits = {item.label for alt in case.alternatives for item in alt.items if item.kind == "nytta"}
    for i, entry in enumerate(case.realisation_plan, start=1):
        if entry.benefit not in benefits:
            raise ContentError(
                name, f"realisation_plan[{i}].benefit", f"nyttan ”{entry.benefit}” finns inte i kalkylen"
            )
    return case


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def _estimate_dict(e: Estimate) -> Any:
    if e.low == e.likely == e.high and not (e.source or e.assumption or e.note):
        return _number(e.likely)
    out: dict[str, Any] = {}
    if e.low != e.likely:
        out["low"] = _number(e.low)
    out["likely"] = _number(e.likely)
    if e.high != e.likely:
        out["high"] = _number(e.high)
    if e.source:
        out["source"] = e.source
    if e.assumption:
        out["assumption"] = True
    if e.note:
        out["note"] = e.note
    return out


def _driver_dict(d: Driver) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": d.kind}
    for key in _ESTIMATE_FIELDS:
        if getattr(d, key) is not None:
            out[key] = _estimate_dict(getattr(d, key))
    if d.monthly_salary is not None:
        out["salary_method"] = d.salary_method
        if d.po_rate is not None:
            out["po_rate"] = d.po_rate
        if d.salary_source:
            out["salary_source"] = d.salary_source
    return out


def _item_dict(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {"label": item.label, "kind": item.kind, "category": item.category,
                           "stakeholder": item.stakeholder}  # fmt: skip
    if item.one_off:
        out["year"] = item.from_year
    else:
        out["from_year"] = item.from_year
        if item.to_year is not None:
            out["to_year"] = item.to_year
    if item.amount is not None:
        out["amount"] = _estimate_dict(item.amount)
    if item.driver is not None:
        out["driver"] = _driver_dict(item.driver)
    if item.ramp:
        out["ramp"] = [_number(step) for step in item.ramp]
    if not item.valued_in_money:
        out["valued_in_money"] = False
    if item.investment is not None:
        out["investment"] = item.investment
    for key in ("description", "source"):
        if getattr(item, key):
            out[key] = getattr(item, key)
    if item.assumption:
        out["assumption"] = True
    if item.note:
        out["note"] = item.note
    return out


def case_to_dict(case: Case) -> dict[str, Any]:
    """YAML-ready data for a case (defaults and empty fields left out); ``case_from_dict`` reads it back."""
    out: dict[str, Any] = {"schema_version": 1, "name": case.name}
    for key in ("description", "organisation", "owner", "price_level"):
        if getattr(case, key):
            out[key] = getattr(case, key)
    out["discount_rate"] = {"value": _number(case.discount_rate), "source": case.discount_rate_source}
    out["horizon_years"] = case.horizon_years
    if case.horizon_source:
        out["horizon_source"] = case.horizon_source
    out["start_year"] = case.start_year
    if case.optimism_bias is not None:
        ob = case.optimism_bias
        out["optimism_bias"] = {
            "uplift": _number(ob.uplift),
            "applies_to": ob.applies_to,
            "source": ob.source,
        }
    if case.sources:
        out["sources"] = list(case.sources)
    out["alternatives"] = [
        {"name": alt.name, **({"description": alt.description} if alt.description else {}),
         "items": [_item_dict(item) for item in alt.items]}
        for alt in case.alternatives
    ]  # fmt: skip
    if case.realisation_plan:
        out["realisation_plan"] = [_plan_dict(entry) for entry in case.realisation_plan]
    return out


def _plan_dict(entry: PlanEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"benefit": entry.benefit}
    for key in ("owner", "indicator", "baseline", "target", "measurement"):
        if getattr(entry, key):
            out[key] = getattr(entry, key)
    if entry.follow_up:
        out["follow_up"] = list(entry.follow_up)
    for key in ("risks", "preconditions"):
        if getattr(entry, key):
            out[key] = getattr(entry, key)
    return out


def load_case(path: Path | str) -> Case:
    """Read and validate a case file; every mistake is a ContentError ``file: field: message``."""
    data = load_yaml(path, KIND)
    return case_from_dict(data, display_name(Path(path)))


def parse_case(text: str, name: str = "(uppladdad fil)") -> Case:
    """Parse and validate YAML text (an upload or a saved draft)."""
    data = validate(parse_yaml_text(text, name), KIND, name)
    return case_from_dict(data, name)


def dump_case(case: Case) -> str:
    """The case as YAML text, readable by :func:`parse_case`."""
    return dump_yaml(case_to_dict(case))


def example_cases() -> list[Path]:
    """The example cases shipped in ``data/cases``, sorted by file name."""
    return sorted(CASES_DIR.glob("*.yaml"))


def missing_sources(case: Case) -> list[str]:
    """Fields with a money figure that names neither a source nor ``assumption: true`` (should be empty)."""
    missing = []
    if not case.discount_rate_source.strip():
        missing.append("discount_rate.source")
    for a, alt in enumerate(case.alternatives, start=1):
        for i, item in enumerate(alt.items, start=1):
            if not item.valued_in_money or item.source or item.assumption:
                continue
            where = f"alternatives[{a}].items[{i}]"
            if item.amount is not None:
                estimates = [("amount", item.amount)]
            else:
                estimates = [(f"driver.{key}", e) for key, e, _ in item.factors()]
            missing.extend(f"{where}.{key}" for key, e in estimates if not (e.source or e.assumption))
    return missing
