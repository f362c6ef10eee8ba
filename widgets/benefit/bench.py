"""The issue's Monte Carlo benchmark (10 000 draws × 20 years × 30 items), for ``make bench`` and the tests.

``tools/bench`` can call :func:`time_monte_carlo` and write its dict into the report.
"""

from __future__ import annotations

import time
from typing import Any

from .model import Alternative, Case, Estimate, Item
from .uncertainty import monte_carlo


def benchmark_case(items: int = 30, horizon: int = 20) -> Case:
    """A synthetic case: every third item a cost, all with a three-point estimate, starting in years 0–4."""
    rows = tuple(
        Item(
            f"Post {i + 1}",
            "kostnad" if i % 3 == 0 else "nytta",
            from_year=i % 5,
            amount=Estimate(1000 + i, 500, 3000 + i),
            ramp=(0.5, 1.0) if i % 4 == 1 else (),
        )
        for i in range(items)
    )
    return Case(
        "Prestandatest", (Alternative("A", rows),), discount_rate_source="ASEK", horizon_years=horizon
    )


def time_monte_carlo(
    draws: int = 10_000,
    items: int = 30,
    horizon: int = 20,
    repeats: int = 7,
    distribution: str = "triangular",
) -> dict[str, Any]:
    """Wall-clock seconds of :func:`monte_carlo` (one warm-up, then ``repeats`` timed runs)."""
    case = benchmark_case(items, horizon)
    monte_carlo(case, draws, seed=1, distribution=distribution)
    times = []
    for k in range(repeats):
        start = time.perf_counter()
        monte_carlo(case, draws, seed=k, distribution=distribution)
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "draws": draws,
        "items": items,
        "years": horizon,
        "distribution": distribution,
        "best_s": times[0],
        "median_s": times[len(times) // 2],
        "worst_s": times[-1],
    }
