"""What changed between versions of a benefit case: the rows of a three-way comparison (base, mine, theirs).

Pure functions over the case as data (:func:`~widgets.benefit.io.case_to_dict`, the same dict a group case
stores). Alternatives are matched by name, items by label and plan entries by benefit, so moving an item does
not show as a change; an estimate always compares as low / likely / high (a bare number and a three-point
estimate with equal points are the same thing); ``year`` is ``from_year`` and ``to_year`` of a one-off item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import fmt
from .texts import FACTOR_LABELS, quoted

_ESTIMATES = ("amount", "hours_per_year", "cases_per_year", "minutes_per_case", "quantity", "unit_price",
              "share", "hourly_cost", "monthly_salary")  # fmt: skip
_MONEY = {"amount", "unit_price", "hourly_cost", "monthly_salary"}
_FRACTIONS = {"share", "po_rate", "discount_rate.value", "optimism_bias.uplift"}
_POINTS = {"low": "lågt", "likely": "troligt", "high": "högt"}

_CASE_LABELS = {
    "name": "Kalkylens namn",
    "description": "Beskrivning",
    "organisation": "Organisation",
    "owner": "Ägare",
    "price_level": "Prisnivå",
    "discount_rate.value": "Kalkylränta",
    "discount_rate.source": "Kalkylräntans källa",
    "horizon_years": "Kalkylperiod (år)",
    "horizon_source": "Kalkylperiodens källa",
    "start_year": "Startår",
    "optimism_bias.uplift": "Optimismjustering",
    "optimism_bias.applies_to": "Optimismjustering gäller",
    "optimism_bias.source": "Optimismjusteringens källa",
    "sources": "Källor",
}
_ITEM_LABELS = {
    "kind": "typ",
    "category": "kategori",
    "stakeholder": "intressent",
    "from_year": "från år",
    "to_year": "till år",
    "ramp": "upptrappning",
    "valued_in_money": "värderas i pengar",
    "investment": "investering",
    "description": "beskrivning",
    "source": "källa",
    "assumption": "antagande",
    "note": "anteckning",
    "driver.kind": "beräkning",
    "driver.salary_method": "lönemetod",
    "driver.po_rate": "PO-pålägg",
    "driver.salary_source": "lönens källa",
}
_PLAN_LABELS = {
    "owner": "ansvarig",
    "indicator": "indikator",
    "baseline": "nuläge",
    "target": "målvärde",
    "measurement": "mätmetod",
    "follow_up": "uppföljningsdatum",
    "risks": "risker",
    "preconditions": "förutsättningar",
}
_ESTIMATE_PARTS = {"source": "källa", "assumption": "antagande", "note": "anteckning"}
_ORDER = ("", "alternatives", "realisation_plan")


@dataclass(frozen=True)
class Change:
    """One field of a case that differs: its path in the case data, a Swedish label and the three values
    (None: the field is absent or empty in that version)."""

    path: str
    label: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def both_changed(self) -> bool:
        """True when I changed the field too (a real conflict), False when only they did."""
        return bool(self.mine != self.base)

    def shown(self, which: str) -> str:
        """``base``, ``mine`` or ``theirs`` formatted for a participant (Swedish numbers, "–" for empty)."""
        return format_value(self.path, getattr(self, which))


def case_diff(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> list[Change]:
    """The fields where ``theirs`` (the latest saved version) differs both from ``mine`` and from ``base`` (the
    version mine started from): what someone else changed that I do not have. In case order; an alternative or
    item that one side has and the other lacks is one row ("finns" / "finns inte"), not one row per field.

    Swapping ``mine`` and ``theirs`` gives my own changes that the latest version does not have (what taking
    their version would lose)."""
    b, m, t = _flatten(base), _flatten(mine), _flatten(theirs)
    keys = list(dict.fromkeys([*t, *m, *b]))
    changes = [
        Change(path, label(path), b.get(path), m.get(path), t.get(path))
        for path in keys
        if t.get(path) != m.get(path) and t.get(path) != b.get(path)
    ]
    whole = {c.path for c in changes if _is_existence(c.path)}
    changes = [c for c in changes if not any(_container(c.path, w) for w in whole)]
    return sorted(changes, key=lambda c: _ORDER.index(_section(c.path)))


def format_value(path: str, value: Any) -> str:
    """A value as the calculator shows it: kronor, per cent, years, ja/nej; "–" for an absent value."""
    if _is_existence(path):
        return "finns" if value is not None else "finns inte"
    if value is None or value in ("", []):
        return "–"
    leaf = _leaf(path)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        if leaf == "ramp":
            return ", ".join(_percent(v) for v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, float)):
        name, part = _estimate_name(path), leaf.rsplit(".", 1)[-1]
        if leaf in _FRACTIONS or (name == "share" and part in _POINTS):
            return _percent(value)
        if leaf in ("horizon_years", "start_year", "from_year", "to_year"):
            return str(int(value))
        decimals = next(d for d in (0, 1, 2) if round(value, d) == round(value, 2))
        if name in _MONEY and part in _POINTS:
            return fmt.sek(value, decimals)
        return fmt.number(value, decimals)
    return str(value)


def _percent(value: float) -> str:
    """``0.035`` → ``3,5 %``, ``0.25`` → ``25 %``: as many decimals as the value needs, at most two."""
    decimals = next(d for d in (0, 1, 2) if round(value * 100, d) == round(value * 100, 2))
    return fmt.percent(value, decimals)


# --- flattening ---------------------------------------------------------------------------------------------


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "schema_version":
            continue
        if key == "alternatives":
            for alt in value or ():
                prefix = f"alternatives[{alt.get('name', '')}]"
                for k, v in alt.items():
                    if k == "items":
                        for item in v or ():
                            out.update(_item(item, f"{prefix}.items[{item.get('label', '')}]"))
                    elif k != "name":
                        out[f"{prefix}.{k}"] = v
                out[f"{prefix}.name"] = True  # the alternative exists
        elif key == "realisation_plan":
            for entry in value or ():
                prefix = f"realisation_plan[{entry.get('benefit', '')}]"
                out.update({f"{prefix}.{k}": v for k, v in entry.items() if k != "benefit"})
        elif isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def _item(item: dict[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
    data = dict(item)
    if "year" in data:
        data["from_year"] = data["to_year"] = data.pop("year")
    data.pop("label", None)
    yield f"{prefix}.label", True  # the item exists
    for key, value in data.items():
        if key == "amount":
            yield from _estimate(value, f"{prefix}.amount")
        elif key == "driver" and isinstance(value, dict):
            for k, v in value.items():
                if k in _ESTIMATES:
                    yield from _estimate(v, f"{prefix}.driver.{k}")
                else:
                    yield f"{prefix}.driver.{k}", v
        else:
            yield f"{prefix}.{key}", value


def _estimate(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    data = value if isinstance(value, dict) else {"likely": value}
    likely = data.get("likely")
    for part in ("low", "likely", "high"):
        yield f"{prefix}.{part}", likely if data.get(part) is None else data[part]
    for part in _ESTIMATE_PARTS:
        if data.get(part):
            yield f"{prefix}.{part}", data[part]


# --- labels -------------------------------------------------------------------------------------------------


def _section(path: str) -> str:
    for section in ("alternatives", "realisation_plan"):
        if path.startswith(section + "["):
            return section
    return ""


def _split(path: str) -> tuple[str, str, str]:
    """``alternatives[A].items[B].amount.low`` → ("A", "B", "amount.low") (empty parts where there are none)."""

    def bracket(text: str, start: str) -> tuple[str, str]:
        rest = text[len(start) + 1 :]
        depth, i = 1, 0
        while i < len(rest):  # names may hold brackets: find the matching one
            depth += {"[": 1, "]": -1}.get(rest[i], 0)
            if depth == 0:
                break
            i += 1
        return rest[:i], rest[i + 2 :]

    alt = item = ""
    rest = path
    if rest.startswith("alternatives["):
        alt, rest = bracket(rest, "alternatives")
        if rest.startswith("items["):
            item, rest = bracket(rest, "items")
    elif rest.startswith("realisation_plan["):
        item, rest = bracket(rest, "realisation_plan")
    return alt, item, rest


def _is_existence(path: str) -> bool:
    alt, item, leaf = _split(path)
    return bool(alt) and ((not item and leaf == "name") or (bool(item) and leaf == "label"))


def _container(path: str, existence: str) -> bool:
    """True when ``path`` is a field of the alternative or item whose existence row is ``existence``."""
    prefix = existence.rsplit(".", 1)[0] + "."
    return path != existence and path.startswith(prefix)


def _leaf(path: str) -> str:
    return _split(path)[2]


def _estimate_name(path: str) -> str:
    return _leaf(path).removeprefix("driver.").split(".", 1)[0]


def label(path: str) -> str:
    """The Swedish label of a field path, e.g. ``Alternativ ”E-tjänst”, post ”Lön”: belopp per år (kr), lågt``."""
    alt, item, leaf = _split(path)
    if _section(path) == "realisation_plan":
        return f"Nyttorealiseringsplan, nytta {quoted(item)}: {_PLAN_LABELS.get(leaf, leaf)}"
    if not alt:
        return _CASE_LABELS.get(leaf, leaf)
    where = f"Alternativ {quoted(alt)}"
    if not item:
        return where if leaf == "name" else f"{where}: " + {"description": "beskrivning"}.get(leaf, leaf)
    where += f", post {quoted(item)}"
    if leaf == "label":
        return where
    name = _estimate_name(path)
    if name in _ESTIMATES:
        part = leaf.rsplit(".", 1)[-1]
        what = _POINTS.get(part) or _ESTIMATE_PARTS.get(part, part)
        return f"{where}: {FACTOR_LABELS[name]}, {what}"
    return f"{where}: {_ITEM_LABELS.get(leaf, leaf)}"
