"""Turns an alternative into arrays once, so one evaluation and ten thousand Monte Carlo draws share the same
code.

Every money item's amount per year is ``constant × Π factors``; each factor is a :class:`Parameter` (a
three-point estimate). ``weights[i, t]`` holds whether item ``i`` is active in year ``t`` times its ramp-up
share times the optimism-bias uplift; the yearly amounts are ``amounts @ weights``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import texts
from .model import Alternative, Case, Estimate, Item


@dataclass(frozen=True)
class Parameter:
    """One uncertain input of the model: an item's amount, or one factor of its driver."""

    label: str
    item: str
    factor: str
    estimate: Estimate
    item_index: int

    @property
    def factor_label(self) -> str:
        return texts.FACTOR_LABELS[self.factor]


class Compiled:
    """An alternative of a case as numpy arrays (money items only)."""

    def __init__(self, case: Case, alternative: int | str = 0) -> None:
        self.case = case
        self.alternative: Alternative = case.alternative(alternative)
        self.items: list[Item] = [item for item in self.alternative.items if item.valued_in_money]
        self.horizon = case.horizon_years
        self.years = np.arange(self.horizon)
        self.discount = (1.0 + case.discount_rate) ** -self.years.astype(float)
        n = len(self.items)
        self.is_cost = np.array([item.kind == texts.COST for item in self.items], dtype=bool)
        self.is_investment = np.array([item.is_investment for item in self.items], dtype=bool)
        self.sign = np.where(self.is_cost, -1.0, 1.0)
        self.weights = np.zeros((n, self.horizon))
        uplift = case.optimism_bias
        self.uplifted = np.zeros(n, dtype=bool)
        self.params: list[Parameter] = []
        self.item_params: list[list[int]] = []
        self.constant = np.ones(n)
        for i, item in enumerate(self.items):
            end = self.horizon - 1 if item.to_year is None else min(item.to_year, self.horizon - 1)
            factor = 1.0
            if uplift is not None and uplift.applies(item):
                factor += uplift.uplift
                self.uplifted[i] = True
            for t in range(item.from_year, end + 1):
                self.weights[i, t] = item.ramp_factor(t) * factor
            self.item_params.append(self._add_params(i, item))
        self.low = np.array([p.estimate.low for p in self.params])
        self.likely = np.array([p.estimate.likely for p in self.params])
        self.high = np.array([p.estimate.high for p in self.params])
        # Each item's discounted, signed weight: NPV = amounts @ npv_weight.
        self.npv_weight = self.sign * (self.weights @ self.discount)
        self._split_linear()

    def _split_linear(self) -> None:
        """Items with one factor are linear in their parameter: fold constant, sign and weights into one
        ``(P, T)`` matrix, so yearly nets are ``values @ linear + products @ rest`` without gathering."""
        signed = self.sign[:, None] * self.weights  # (n, T)
        self.linear = np.zeros((len(self.params), self.horizon))
        self.product_items = [i for i, indices in enumerate(self.item_params) if len(indices) > 1]
        for i, indices in enumerate(self.item_params):
            if len(indices) == 1:
                self.linear[indices[0]] += self.constant[i] * signed[i]
        self.product_weights = signed[self.product_items]

    def _add_params(self, i: int, item: Item) -> list[int]:
        factors = item.factors()
        indices = []
        for name, estimate, multiplier in factors:
            self.constant[i] *= multiplier
            indices.append(len(self.params))
            label = f"{item.label} – {texts.FACTOR_LABELS[name]}"
            self.params.append(Parameter(label, item.label, name, estimate, i))
        return indices

    def amounts(self, values: np.ndarray) -> np.ndarray:
        """Amounts per year for parameter values of shape ``(..., P)`` → ``(..., n)``."""
        values = np.asarray(values, dtype=float)
        out = np.empty((*values.shape[:-1], len(self.items)))
        for i, indices in enumerate(self.item_params):
            if len(indices) == 1:
                out[..., i] = self.constant[i] * values[..., indices[0]]
            else:
                out[..., i] = self.constant[i] * np.prod(values[..., indices], axis=-1)
        return out

    def npv(self, values: np.ndarray) -> np.ndarray:
        """Net present value for parameter values of shape ``(..., P)``."""
        return self.amounts(values) @ self.npv_weight

    def yearly_net(self, values: np.ndarray) -> np.ndarray:
        """Undiscounted net (benefits − costs) per year, shape ``(..., T)``."""
        values = np.asarray(values, dtype=float)
        net = values @ self.linear
        if self.product_items:
            products = np.stack(
                [
                    self.constant[i] * np.prod(values[..., self.item_params[i]], axis=-1)
                    for i in self.product_items
                ],
                axis=-1,
            )
            net += products @ self.product_weights
        return net


def discount_factors(rate: float, horizon: int) -> np.ndarray:
    """``1 / (1 + r)^t`` for t = 0 … horizon − 1 (year 0 undiscounted)."""
    return (1.0 + rate) ** -np.arange(horizon, dtype=float)


def payback_index(cumulative: np.ndarray, scale: float = 1.0) -> int | None:
    """The first year from which the cumulative sum stays ≥ 0, or None if it ends below 0."""
    tolerance = 1e-9 * max(1.0, scale)
    negative = np.nonzero(np.asarray(cumulative) < -tolerance)[0]
    if negative.size == 0:
        return 0
    last = int(negative[-1])
    return None if last == len(cumulative) - 1 else last + 1


def irr(flows: np.ndarray | list[float]) -> float | None:
    """Internal rate of return (internränta) of yearly flows, or None where none exists.

    Solves ``Σ c_t x^t = 0`` for ``x = 1 / (1 + r) > 0`` with polynomial roots, polishes each root with Newton
    steps and returns the rate nearest zero (as numpy-financial does). No sign change in the flows → None.
    """
    c = np.asarray(flows, dtype=float)
    if c.size < 2 or not (c > 0).any() or not (c < 0).any():
        return None
    roots = np.roots(c[::-1])
    candidates = roots[np.abs(roots.imag) <= 1e-7 * (1 + np.abs(roots.real))].real
    candidates = candidates[candidates > 0]
    powers = np.arange(c.size)
    rates = []
    for root in candidates:
        x = root
        for _ in range(20):
            f = float(np.sum(c * x**powers))
            df = float(np.sum(powers[1:] * c[1:] * x ** (powers[1:] - 1)))
            if df == 0:
                break
            step = f / df
            x = x - step
            if abs(step) <= 1e-15 * max(1.0, abs(x)) or x <= 0:
                break
        if x > 0 and abs(float(np.sum(c * x**powers))) <= 1e-9 * float(np.sum(np.abs(c) * x**powers)):
            rates.append(1.0 / x - 1.0)
    if not rates:
        return None
    return float(min(rates, key=abs))
