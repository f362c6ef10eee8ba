"""Alternatives side by side, and a PENG-style summary from the same model.

PENG colours benefits green (direct effect on the bottom line: category ``finansiell``), yellow (indirect:
``omfördelning``, e.g. freed time) and red (hard to value: ``kvalitet`` and ``miljö``, and every benefit not
valued in money). PENG has no time axis, so its bars are sums over the whole period, undiscounted by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import texts
from .evaluate import Result, evaluate
from .model import Case


@dataclass(frozen=True)
class Comparison:
    """One :class:`Result` per alternative, in the case's order; ``best`` is the one with the highest NPV."""

    results: tuple[Result, ...]

    @property
    def best(self) -> Result:
        return max(self.results, key=lambda r: r.npv)

    def table(self) -> list[dict[str, Any]]:
        """Rows of key figures, one per alternative (None where a figure does not exist)."""
        return [
            {
                "alternative": r.alternative,
                "npv": r.npv,
                "pv_benefits": r.pv_benefits,
                "pv_costs": r.pv_costs,
                "benefit_cost_ratio": r.benefit_cost_ratio,
                "nnk": r.nnk,
                "payback_year": r.payback_year,
                "discounted_payback_year": r.discounted_payback_year,
                "irr": r.irr,
            }
            for r in self.results
        ]


def compare(case: Case) -> Comparison:
    """Evaluate every alternative of the case under the same rate and horizon."""
    return Comparison(tuple(evaluate(case, i) for i in range(len(case.alternatives))))


@dataclass(frozen=True)
class PengBar:
    """One benefit in the PENG chart: its colour and its value over the period (kr; None if not valued)."""

    label: str
    colour: str
    category: str
    value: float | None


@dataclass(frozen=True)
class Peng:
    """Benefits by colour against the cost; ``net_benefit`` (nettonytta) = valued benefits − cost."""

    bars: tuple[PengBar, ...]
    by_colour: dict[str, float]
    cost: float
    benefit: float
    discounted: bool

    @property
    def net_benefit(self) -> float:
        return self.benefit - self.cost

    @property
    def not_valued(self) -> tuple[str, ...]:
        return tuple(bar.label for bar in self.bars if bar.value is None)


def peng(case: Case, alternative: int | str = 0, discounted: bool = False) -> Peng:
    """PENG-style summary: each benefit as a green/yellow/red bar summed over the period, against the cost."""
    result = evaluate(case, alternative)
    bars = []
    for item in result.items:
        if item.kind == texts.BENEFIT:
            value = item.present_value if discounted else item.total
            bars.append(PengBar(item.label, texts.PENG_COLOURS[item.category], item.category, value))
    bars.extend(
        PengBar(item.label, texts.PENG_RED, item.category, None)
        for item in result.non_monetary
        if item.kind == texts.BENEFIT
    )
    bars.sort(key=lambda bar: (list(texts.PENG_COLOURS.values()).index(bar.colour), -(bar.value or 0)))
    by_colour = {texts.PENG_GREEN: 0.0, texts.PENG_YELLOW: 0.0, texts.PENG_RED: 0.0}
    for bar in bars:
        by_colour[bar.colour] += bar.value or 0.0
    cost = result.pv_costs if discounted else sum(row.costs for row in result.rows)
    return Peng(tuple(bars), by_colour, cost, sum(by_colour.values()), discounted)
