"""The klimatkalkyl's factors (``data/klimatfaktorer.yaml``), read through the one content loader.

Beyond the JSON schema, :func:`parse_factors` checks what a schema cannot: ids unique, low ≤ likely ≤ high, a
factor's parts add up to it, travel factors say whether they count per person or per vehicle, and every factor
the model needs is there. Each problem is a :class:`~widgets.errors.ContentError` (``file: field: message``,
fields numbered from 1)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import content
from ..errors import ContentError
from ..paths import DATA_DIR

FACTORS_FILE = DATA_DIR / "klimatfaktorer.yaml"
KIND = "climate_factors"

#: Factors the model reads by id, with their group.
REQUIRED = {
    "video-timme": "video",
    "video-kamera-av": "video",
    "data-kwh-per-gb": "data",
    "pue": "berakning",
    "minne-watt-per-gb": "berakning",
}


@dataclass(frozen=True)
class Part:
    label: str
    value: float


@dataclass(frozen=True)
class Factor:
    """One sourced factor: its likely value and, where sources differ, a low and a high value."""

    id: str
    group: str
    label: str
    unit: str
    likely: float
    low: float
    high: float
    source: str
    year: str  # "2021", "2014–2025" or "okänt"
    per: str | None = None  # travel: "person" or "fordon"
    parts: tuple[Part, ...] = ()
    note: str = ""

    def at(self, point: str) -> float:
        """The value at ``low``, ``likely`` or ``high``."""
        return float(getattr(self, point))

    @property
    def uncertain(self) -> bool:
        return self.low < self.high

    @property
    def year_text(self) -> str:
        return "år anges inte av källan" if self.year == "okänt" else self.year


@dataclass(frozen=True)
class ReboundEffect:
    title: str
    text: str


@dataclass(frozen=True)
class Factors:
    title: str
    factors: tuple[Factor, ...]
    rebound_intro: str
    rebound_source: str
    rebound: tuple[ReboundEffect, ...]
    intro: str = ""

    def get(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def group(self, group: str) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.group == group)

    @property
    def modes(self) -> tuple[Factor, ...]:
        """Ways to travel to a physical meeting."""
        return self.group("resa")

    @property
    def devices(self) -> tuple[Factor, ...]:
        return self.group("enhet")

    @property
    def electricity(self) -> tuple[Factor, ...]:
        """Electricity intensities to choose from (g CO2e per kWh)."""
        return self.group("el")


def _factor(data: dict[str, Any], name: str, where: str) -> Factor:
    likely = float(data["likely"])
    low = float(data.get("low", likely))
    high = float(data.get("high", likely))
    if not low <= likely <= high:
        raise ContentError(
            name,
            where,
            f"lågt värde ≤ troligt värde ≤ högt värde gäller inte ({low:g} / {likely:g} / {high:g})",
        )
    parts = tuple(Part(p["label"], float(p["value"])) for p in data.get("parts", ()))
    if parts and not math.isclose(sum(p.value for p in parts), likely, abs_tol=1e-9, rel_tol=1e-6):
        total = sum(p.value for p in parts)
        raise ContentError(name, f"{where}.parts", f"delarna blir {total:g}, inte {likely:g} (likely)")
    group = data["group"]
    if group == "resa" and "per" not in data:
        raise ContentError(name, f"{where}.per", "saknas men måste finnas för en resa (person eller fordon)")
    if group != "resa" and "per" in data:
        raise ContentError(name, f"{where}.per", "hör bara till resor (group: resa)")
    return Factor(
        id=data["id"],
        group=group,
        label=data["label"],
        unit=data["unit"],
        likely=likely,
        low=low,
        high=high,
        source=" ".join(data["source"].split()),
        year=str(data["year"]),
        per=data.get("per"),
        parts=parts,
        note=" ".join(data.get("note", "").split()),
    )


def parse_factors(data: dict[str, Any], name: str = "") -> Factors:
    """Schema-valid data → :class:`Factors`; cross-checks raise :class:`ContentError`."""
    seen: dict[str, int] = {}
    factors = []
    for i, item in enumerate(data["factors"], 1):
        where = f"factors[{i}]"
        if item["id"] in seen:
            raise ContentError(
                name, f"{where}.id", f"'{item['id']}' används redan av factors[{seen[item['id']]}]"
            )
        seen[item["id"]] = i
        factors.append(_factor(item, name, where))
    by_id = {f.id: f for f in factors}
    for factor_id, group in REQUIRED.items():
        if factor_id not in by_id:
            raise ContentError(name, "factors", f"faktorn '{factor_id}' saknas men behövs av kalkylen")
        if by_id[factor_id].group != group:
            raise ContentError(
                name, f"factors[{seen[factor_id]}].group", f"ska vara {group} för '{factor_id}'"
            )
    for group, what in (("resa", "ett färdsätt"), ("enhet", "en enhet"), ("el", "en elintensitet")):
        if not any(f.group == group for f in factors):
            raise ContentError(name, "factors", f"minst {what} (group: {group}) behövs")
    rebound = data["rebound"]
    return Factors(
        title=data["title"],
        intro=" ".join(data.get("intro", "").split()),
        factors=tuple(factors),
        rebound_intro=" ".join(rebound["intro"].split()),
        rebound_source=" ".join(rebound["source"].split()),
        rebound=tuple(ReboundEffect(e["title"], e["text"]) for e in rebound["effects"]),
    )


def load_factors_file(path: Path | str) -> Factors:
    path = Path(path)
    return parse_factors(content.load_yaml(path, KIND), content.display_name(path))


@cache
def default_factors() -> Factors:
    """``data/klimatfaktorer.yaml``."""
    return load_factors_file(FACTORS_FILE)
