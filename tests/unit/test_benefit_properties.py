"""Property tests: the model agrees with numpy-financial on many generated cases."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.benefit import Alternative, Case, Estimate, Item, evaluate, irr

HORIZON = st.integers(min_value=1, max_value=25)
RATE = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False).map(lambda r: round(r, 4))


@st.composite
def cases(draw) -> Case:
    horizon = draw(HORIZON)
    items = []
    for k in range(draw(st.integers(min_value=0, max_value=8))):
        start = draw(st.integers(min_value=0, max_value=horizon - 1))
        end = draw(st.one_of(st.none(), st.integers(min_value=start, max_value=horizon + 3)))
        ramp = draw(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), max_size=3))
        items.append(
            Item(
                f"Post {k}",
                draw(st.sampled_from(["kostnad", "nytta"])),
                from_year=start,
                to_year=end,
                amount=Estimate(draw(st.integers(min_value=0, max_value=1_000_000))),
                ramp=tuple(ramp),
                investment=draw(st.one_of(st.none(), st.booleans())),
            )
        )
    return Case("Genererad", (Alternative("A", tuple(items)),), discount_rate=draw(RATE),
                discount_rate_source="test", horizon_years=horizon, start_year=2026)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(cases())
def test_npv_matches_numpy_financial_npv(case):
    r = evaluate(case)
    nets = [row.net for row in r.rows]
    scale = sum(abs(x) for x in nets) * max(1.0, (1 + case.discount_rate) ** -(case.horizon_years - 1))
    assert r.npv == pytest.approx(npf.npv(case.discount_rate, nets), abs=1e-7 * max(1.0, scale))
    assert r.npv == pytest.approx(r.pv_benefits - r.pv_costs, abs=1e-6 * max(1.0, scale))
    assert r.rows[-1].cumulative_present_value == pytest.approx(r.npv, abs=1e-6 * max(1.0, scale))


@settings(max_examples=200, deadline=None)
@given(cases())
def test_payback_year_is_where_the_cumulative_sum_turns_non_negative_for_good(case):
    r = evaluate(case)
    cumulative = [row.cumulative_net for row in r.rows]
    if r.payback_year is None:
        assert all(abs(x) < 1e-6 for x in cumulative) or cumulative[-1] < 0
    else:
        assert all(x >= -1e-6 for x in cumulative[r.payback_year :])
        assert r.payback_year == 0 or cumulative[r.payback_year - 1] < 0


def _npv_is_zero_at(flows: list[float], rate: float) -> bool:
    """NPV(rate) = 0, checked as Σ c_t x^t with x = 1 / (1 + rate) relative to Σ |c_t| x^t (well conditioned)."""
    x = 1 / (1 + rate)
    terms = [c * x**t for t, c in enumerate(flows)]
    return abs(sum(terms)) <= 1e-7 * sum(abs(v) for v in terms)


@st.composite
def conventional_flows(draw) -> list[float]:
    """An investment followed by returns: exactly one sign change, so one IRR above −100 %."""
    invest = draw(st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=3))
    returns = draw(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20))
    if not any(returns):
        returns[-1] = 1
    return [-x for x in invest] + returns


@settings(max_examples=300, deadline=None)
@given(conventional_flows())
def test_irr_matches_numpy_financial_irr_on_conventional_flows(flows):
    expected = npf.irr(flows)
    ours = irr(flows)
    assert ours is not None
    if math.isfinite(expected):
        assert ours == pytest.approx(expected, rel=1e-6, abs=1e-8)
    assert _npv_is_zero_at(flows, ours)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), min_size=2, max_size=15))
def test_irr_exists_only_with_a_sign_change_and_zeroes_the_npv(flows):
    ours = irr(flows)
    values = np.array(flows, dtype=float)
    if not ((values > 0).any() and (values < 0).any()):
        assert ours is None
    elif ours is not None:
        assert ours > -1
        assert _npv_is_zero_at(flows, ours)
