"""Deterministic results of a benefit case: the yearly table and the key figures (nyckeltal).

Year 0 is undiscounted, year t is discounted by (1 + r)^t. NPV = PV benefits − PV costs; benefit-cost ratio =
PV benefits ÷ PV costs; NNK (nettonuvärdeskvot) = NPV ÷ PV of investment costs. Items not valued in money are
kept apart (``Result.non_monetary``) and never enter any figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from . import texts
from .engine import Compiled, irr, payback_index
from .model import Case, Item
from .period import OutsidePeriod, outside_period


@dataclass(frozen=True)
class YearRow:
    """One year of the yearly table; amounts in kr, costs and benefits as positive numbers."""

    year: int
    calendar_year: int
    costs: float
    benefits: float
    investments: float
    net: float
    discount_factor: float
    present_value: float
    cumulative_net: float
    cumulative_present_value: float
    benefits_by_category: dict[str, float]
    costs_by_category: dict[str, float]
    benefits_by_stakeholder: dict[str, float]
    costs_by_stakeholder: dict[str, float]


@dataclass(frozen=True)
class ItemRow:
    """One money item's yearly amounts (after ramp-up and optimism bias) and present value."""

    label: str
    kind: str
    category: str
    stakeholder: str
    is_investment: bool
    uplifted: bool
    amount_per_year: float
    values: tuple[float, ...]
    total: float
    present_value: float


@dataclass(frozen=True)
class Result:
    """Everything the yearly table and the key-figure cards show."""

    case_name: str
    alternative: str
    discount_rate: float
    start_year: int
    rows: tuple[YearRow, ...]
    items: tuple[ItemRow, ...]
    non_monetary: tuple[Item, ...]
    npv: float
    pv_benefits: float
    pv_costs: float
    pv_investments: float
    benefit_cost_ratio: float | None
    nnk: float | None
    payback_year: int | None
    discounted_payback_year: int | None
    irr: float | None
    outside_period: tuple[OutsidePeriod, ...] = ()  # items with years past the period (not counted)

    @property
    def payback_calendar_year(self) -> int | None:
        return None if self.payback_year is None else self.start_year + self.payback_year

    @property
    def discounted_payback_calendar_year(self) -> int | None:
        return (
            None if self.discounted_payback_year is None else self.start_year + self.discounted_payback_year
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (None for figures that do not exist)."""
        return {
            "case": self.case_name,
            "alternative": self.alternative,
            "discount_rate": self.discount_rate,
            "start_year": self.start_year,
            "npv": self.npv,
            "pv_benefits": self.pv_benefits,
            "pv_costs": self.pv_costs,
            "pv_investments": self.pv_investments,
            "benefit_cost_ratio": self.benefit_cost_ratio,
            "nnk": self.nnk,
            "payback_year": self.payback_year,
            "payback_calendar_year": self.payback_calendar_year,
            "discounted_payback_year": self.discounted_payback_year,
            "discounted_payback_calendar_year": self.discounted_payback_calendar_year,
            "irr": self.irr,
            "yearly": [asdict(row) for row in self.rows],
            "items": [{**asdict(item), "values": list(item.values)} for item in self.items],
            "not_valued_in_money": [
                {
                    "label": i.label,
                    "kind": i.kind,
                    "category": i.category,
                    "stakeholder": i.stakeholder,
                    "description": i.description,
                }
                for i in self.non_monetary
            ],
            "outside_period": [
                {"label": o.label, "first_year": o.first, "last_year": o.last, "message": o.message}
                for o in self.outside_period
            ],
        }


def _ratio(numerator: float, denominator: float) -> float | None:
    return None if abs(denominator) < 1e-9 else numerator / denominator


def _grouped(
    matrix: np.ndarray, keys: list[str], allowed: tuple[str, ...], mask: np.ndarray
) -> list[dict[str, float]]:
    out = [dict.fromkeys(allowed, 0.0) for _ in range(matrix.shape[1])]
    for i, key in enumerate(keys):
        if mask[i]:
            for t, value in enumerate(matrix[i]):
                out[t][key] += float(value)
    return out


def evaluate(case: Case, alternative: int | str = 0, values: np.ndarray | None = None) -> Result:
    """Evaluate one alternative (by position or name) with every estimate at ``likely``, or at given
    ``values``.

    ``values`` (one per :attr:`Compiled.params`) lets a view show the result for, say, all-low estimates.
    """
    model = Compiled(case, alternative)
    values = model.likely if values is None else np.asarray(values, dtype=float)
    amounts = model.amounts(values)
    matrix = amounts[:, None] * model.weights  # (n, T), positive
    cost_mask, benefit_mask = model.is_cost, ~model.is_cost
    costs = matrix[cost_mask].sum(axis=0) if cost_mask.any() else np.zeros(model.horizon)
    benefits = matrix[benefit_mask].sum(axis=0) if benefit_mask.any() else np.zeros(model.horizon)
    investments = (
        matrix[model.is_investment].sum(axis=0) if model.is_investment.any() else np.zeros(model.horizon)
    )
    net = benefits - costs
    df = model.discount
    pv = net * df
    cumulative_net, cumulative_pv = np.cumsum(net), np.cumsum(pv)
    categories = [item.category for item in model.items]
    stakeholders = [item.stakeholder for item in model.items]
    b_cat = _grouped(matrix, categories, texts.CATEGORIES, benefit_mask)
    c_cat = _grouped(matrix, categories, texts.CATEGORIES, cost_mask)
    b_sh = _grouped(matrix, stakeholders, texts.STAKEHOLDERS, benefit_mask)
    c_sh = _grouped(matrix, stakeholders, texts.STAKEHOLDERS, cost_mask)
    rows = tuple(
        YearRow(
            year=t,
            calendar_year=case.start_year + t,
            costs=float(costs[t]),
            benefits=float(benefits[t]),
            investments=float(investments[t]),
            net=float(net[t]),
            discount_factor=float(df[t]),
            present_value=float(pv[t]),
            cumulative_net=float(cumulative_net[t]),
            cumulative_present_value=float(cumulative_pv[t]),
            benefits_by_category=b_cat[t],
            costs_by_category=c_cat[t],
            benefits_by_stakeholder=b_sh[t],
            costs_by_stakeholder=c_sh[t],
        )
        for t in range(model.horizon)
    )
    items = tuple(
        ItemRow(
            label=item.label,
            kind=item.kind,
            category=item.category,
            stakeholder=item.stakeholder,
            is_investment=bool(model.is_investment[i]),
            uplifted=bool(model.uplifted[i]),
            amount_per_year=float(amounts[i]),
            values=tuple(float(v) for v in matrix[i]),
            total=float(matrix[i].sum()),
            present_value=float(matrix[i] @ df),
        )
        for i, item in enumerate(model.items)
    )
    pv_benefits, pv_costs = float(benefits @ df), float(costs @ df)
    pv_investments = float(investments @ df)
    npv = float(pv.sum())
    scale = float(np.abs(net).sum())
    return Result(
        case_name=case.name,
        alternative=model.alternative.name,
        discount_rate=case.discount_rate,
        start_year=case.start_year,
        rows=rows,
        items=items,
        non_monetary=tuple(item for item in model.alternative.items if not item.valued_in_money),
        npv=npv,
        pv_benefits=pv_benefits,
        pv_costs=pv_costs,
        pv_investments=pv_investments,
        benefit_cost_ratio=_ratio(pv_benefits, pv_costs),
        nnk=_ratio(npv, pv_investments),
        # With no money at all there is nothing to pay back: no payback year rather than "year 0".
        payback_year=payback_index(cumulative_net, scale) if scale > 0 else None,
        discounted_payback_year=payback_index(cumulative_pv, scale) if scale > 0 else None,
        irr=irr(net),
        outside_period=outside_period(case, alternative),
    )
