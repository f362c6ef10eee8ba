"""Uncertainty: tornado (känslighetsanalys), Monte Carlo simulation and break-even values (brytpunkter).

Every uncertain input is a three-point estimate (low, likely, high) of an item's amount or of one factor of
its driver. The tornado sweeps each input from low to high with the others at likely. The Monte Carlo draws
every input independently from a triangular distribution (default; mode = likely) or a PERT distribution (a
beta distribution with shape 1 + 4·(likely − low)/(high − low), mean (low + 4·likely + high)/6), from a seeded
generator, so the same seed always gives the same result. Triangular draws use Stein and Keblis's method
(Mathematical and Computer Modelling 49, 2009): with U1, U2 uniform on [0, 1] and c = (likely − low)/(high −
low), (1 − c)·min(U1, U2) + c·max(U1, U2) is triangular on [0, 1] with mode c — no square roots, no branches. Inputs are drawn independently: shared inputs (one
hourly cost used by two items) are not correlated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DomainError
from . import texts
from .engine import Compiled, Parameter
from .model import Case

MAX_DRAWS = 100_000  # keeps one simulation under ~50 MB in a hub kernel


@dataclass(frozen=True)
class TornadoBar:
    """One bar: the NPV with this input at its low and at its high value (others at likely)."""

    label: str
    item: str
    factor: str
    low: float
    likely: float
    high: float
    npv_low: float
    npv_high: float

    @property
    def swing(self) -> float:
        return abs(self.npv_high - self.npv_low)


@dataclass(frozen=True)
class Tornado:
    """Bars ranked by swing, largest first; ``base_npv`` is the NPV with everything at likely."""

    base_npv: float
    bars: tuple[TornadoBar, ...]


def tornado(case: Case, alternative: int | str = 0) -> Tornado:
    """Sweep each uncertain input low → high with the others at likely; rank by the NPV swing."""
    model = Compiled(case, alternative)
    base = float(model.npv(model.likely)) if model.params else 0.0
    uncertain = [j for j, p in enumerate(model.params) if p.estimate.uncertain]
    if not uncertain:
        return Tornado(base, ())
    values = np.tile(model.likely, (2 * len(uncertain), 1))
    for k, j in enumerate(uncertain):
        values[2 * k, j] = model.low[j]
        values[2 * k + 1, j] = model.high[j]
    npvs = model.npv(values)
    bars = [
        _bar(model.params[j], float(npvs[2 * k]), float(npvs[2 * k + 1])) for k, j in enumerate(uncertain)
    ]
    bars.sort(key=lambda bar: -bar.swing)
    return Tornado(base, tuple(bars))


def _bar(p: Parameter, npv_low: float, npv_high: float) -> TornadoBar:
    e = p.estimate
    return TornadoBar(p.label, p.item, p.factor, e.low, e.likely, e.high, npv_low, npv_high)


@dataclass(frozen=True)
class BreakEven:
    """The value of one input at which NPV = 0 (others at likely); None where NPV does not depend on it."""

    label: str
    item: str
    factor: str
    likely: float
    value: float | None

    @property
    def change(self) -> float | None:
        """Relative change from likely to break-even (−0.4 = the input may fall 40 % before NPV < 0)."""
        if self.value is None or self.likely == 0:
            return None
        return self.value / self.likely - 1

    @property
    def reachable(self) -> bool:
        """Whether the break-even value is a possible (non-negative) input value."""
        return self.value is not None and self.value >= 0


def break_even(case: Case, alternative: int | str = 0) -> list[BreakEven]:
    """Break-even values of every input, in the order of their influence (largest NPV effect first).

    NPV is linear in each single input (an amount is a product of factors), so NPV(x) = a + b·x, solved
    exactly.
    """
    model = Compiled(case, alternative)
    if not model.params:
        return []
    size = len(model.params)
    values = np.tile(model.likely, (2 * size, 1))
    for j in range(size):
        values[2 * j, j] = 0.0
        values[2 * j + 1, j] = 1.0
    npvs = model.npv(values)
    out = []
    for j, p in enumerate(model.params):
        a, b = float(npvs[2 * j]), float(npvs[2 * j + 1] - npvs[2 * j])
        value = None if abs(b) < 1e-12 * max(1.0, abs(a)) else -a / b
        out.append(
            (abs(b * p.estimate.likely), BreakEven(p.label, p.item, p.factor, p.estimate.likely, value))
        )
    out.sort(key=lambda pair: -pair[0])
    return [entry for _, entry in out]


@dataclass(frozen=True)
class MonteCarlo:
    """The NPV distribution of ``draws`` simulated outcomes and the cumulative-PV band per year."""

    npv: np.ndarray
    distribution: str
    seed: int | None
    p_npv_positive: float
    mean: float
    p10: float
    p50: float
    p90: float
    cumulative_pv_p10: np.ndarray
    cumulative_pv_p50: np.ndarray
    cumulative_pv_p90: np.ndarray

    @property
    def draws(self) -> int:
        return int(self.npv.size)

    def histogram(self, bins: int = 40) -> tuple[np.ndarray, np.ndarray]:
        """``(counts, edges)`` of the NPV distribution for a histogram chart."""
        counts, edges = np.histogram(self.npv, bins=bins)
        return counts, edges

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "distribution": self.distribution,
            "seed": self.seed,
            "p_npv_positive": self.p_npv_positive,
            "mean": self.mean,
            "p10": self.p10,
            "p50": self.p50,
            "p90": self.p90,
        }


def sample(
    low: np.ndarray,
    likely: np.ndarray,
    high: np.ndarray,
    draws: int,
    rng: np.random.Generator,
    *,
    distribution: str = "triangular",
) -> np.ndarray:
    """Draw ``(draws, P)`` values from three-point estimates; inputs with low == high stay fixed."""
    low, likely, high = (np.asarray(a, dtype=float) for a in (low, likely, high))
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    if distribution == "triangular":
        u = rng.random((2, draws, low.size))
        c = (likely - low) / safe
        smaller = np.minimum(u[0], u[1])
        larger = np.maximum(u[0], u[1], out=u[1])
        smaller *= width * (1 - c)
        larger *= width * c
        smaller += larger
        smaller += low
        return np.asarray(smaller)  # width 0: low + 0 = likely
    if distribution == "pert":
        alpha = 1 + 4 * (likely - low) / safe
        beta = 1 + 4 * (high - likely) / safe
        values = low + rng.beta(alpha, beta, size=(draws, low.size)) * safe
        return np.where(width > 0, values, likely)
    raise DomainError("distribution", texts.one_of("fördelningen", texts.DISTRIBUTIONS))


def _percentiles_of_sorted(ordered: np.ndarray, percents: Sequence[float]) -> np.ndarray:
    """``np.percentile(..., method="linear")`` along the last axis of an already sorted array → ``(len, rows)``."""
    n = ordered.shape[-1]
    out = []
    for q in percents:
        position = q / 100 * (n - 1)
        below = int(np.floor(position))
        above = min(below + 1, n - 1)
        fraction = position - below
        out.append(ordered[..., below] + (ordered[..., above] - ordered[..., below]) * fraction)
    return np.array(out)


def monte_carlo(
    case: Case,
    draws: int = 10_000,
    seed: int | None = 1,
    distribution: str = "triangular",
    alternative: int | str = 0,
) -> MonteCarlo:
    """Simulate the NPV ``draws`` times (vectorised); P(NPV > 0) and the P10/P50/P90 percentiles."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise DomainError(
            "draws", f"Antalet dragningar måste vara ett heltal mellan 1 och {MAX_DRAWS:,}.".replace(",", " ")
        )
    model = Compiled(case, alternative)
    rng = np.random.default_rng(seed)
    values = sample(model.low, model.likely, model.high, draws, rng, distribution=distribution)
    pv = model.yearly_net(values) * model.discount  # (draws, T)
    cumulative = np.cumsum(pv, axis=1)
    npv = cumulative[:, -1].copy()
    # One sort per year on a contiguous copy beats np.percentile's multi-kth partition by ~4×; the
    # interpolation is np.percentile's default ("linear"), so the values are the same.
    ordered = np.sort(np.ascontiguousarray(cumulative.T), axis=1)  # (T, draws)
    band = _percentiles_of_sorted(ordered, (10, 50, 90))
    p10, p50, p90 = (float(x) for x in band[:, -1])
    return MonteCarlo(
        npv=npv,
        distribution=distribution,
        seed=seed,
        p_npv_positive=float(np.mean(npv > 0)),
        mean=float(npv.mean()),
        p10=p10,
        p50=p50,
        p90=p90,
        cumulative_pv_p10=band[0],
        cumulative_pv_p50=band[1],
        cumulative_pv_p90=band[2],
    )
