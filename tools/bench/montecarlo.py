"""Monte Carlo through the benefit model (vectorised numpy) against a plain per-draw Python loop.

Both simulate the same case the same way: every item's amount per year is drawn from a triangular
distribution (low, likely, high), independently per item and draw, and the NPV and the cumulative present
value per year are summarised as P10/P50/P90. The loop is what a first version without numpy would do.
:func:`benchmark_case` is the synthetic case (30 items × 20 years) and :func:`time_monte_carlo` times 10 000 draws
over it (the unit tests keep both fast and honest).
"""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from widgets.benefit import Alternative, Case, Estimate, Item, monte_carlo


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


def bench_case(items: int = 30, years: int = 20) -> Case:
    """The benchmark case of :func:`benchmark_case` (kept under this name for the report's callers)."""
    return benchmark_case(items, years)


def loop_monte_carlo(case: Case, draws: int, seed: int = 1) -> dict[str, float]:
    """The same simulation as :func:`widgets.benefit.monte_carlo`, one draw and one year at a time."""
    rng = random.Random(seed)
    horizon = case.horizon_years
    discount = [(1.0 + case.discount_rate) ** -t for t in range(horizon)]
    plan = []
    for item in case.main.items:
        end = horizon - 1 if item.to_year is None else min(item.to_year, horizon - 1)
        weights = [item.ramp_factor(t) if item.from_year <= t <= end else 0.0 for t in range(horizon)]
        sign = -1.0 if item.kind == "kostnad" else 1.0
        plan.append((sign, item.amount.low, item.amount.likely, item.amount.high, weights))
    npvs = []
    cumulative_by_year: list[list[float]] = [[] for _ in range(horizon)]
    for _ in range(draws):
        amounts = [
            (sign, rng.triangular(low, high, likely), weights) for sign, low, likely, high, weights in plan
        ]
        cumulative = 0.0
        for t in range(horizon):
            net = 0.0
            for sign, amount, weights in amounts:
                net += sign * amount * weights[t]
            cumulative += net * discount[t]
            cumulative_by_year[t].append(cumulative)
        npvs.append(cumulative)
    deciles = statistics.quantiles(npvs, n=10, method="inclusive")
    for values in cumulative_by_year:  # the yearly band, as the model computes it
        statistics.quantiles(values, n=10, method="inclusive")
    return {
        "mean": statistics.fmean(npvs),
        "p10": deciles[0],
        "p50": deciles[4],
        "p90": deciles[8],
        "p_npv_positive": sum(v > 0 for v in npvs) / draws,
    }


def _timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def compare(
    draws: int = 10_000, years: int = 20, items: int = 30, repeat: int = 5, loop_draws: int | None = None
) -> dict:
    """Median time of :func:`monte_carlo` and the loop's time, their ratio and whether their results agree.

    ``loop_draws`` runs the loop on fewer draws and scales its time linearly (the loop's cost is per draw).
    """
    loop_draws = loop_draws or draws
    case = bench_case(items, years)
    monte_carlo(case, draws=min(draws, 100), seed=2)  # warm-up: first calls pay numpy's lazy set-up
    model_s, model = _timed(lambda: monte_carlo(case, draws=draws, seed=1), repeat)
    loop_s, loop = _timed(lambda: loop_monte_carlo(case, loop_draws, seed=1), 1)
    loop_s *= draws / loop_draws
    scale = max(abs(model.mean), abs(model.p90 - model.p10), 1.0)
    # Different random streams: the means agree within sampling error (a few standard errors).
    tolerance = (
        6 * statistics.pstdev(model.npv.tolist()) / max(min(draws, loop_draws), 1) ** 0.5 + 1e-9 * scale
    )
    return {
        "draws": draws,
        "loop_draws": loop_draws,
        "years": years,
        "items": items,
        "model_ms": model_s * 1000,
        "loop_ms": loop_s * 1000,
        "speedup": loop_s / model_s if model_s > 0 else float("inf"),
        "model_mean": model.mean,
        "loop_mean": loop["mean"],
        "agree": abs(model.mean - loop["mean"]) <= tolerance,
    }
