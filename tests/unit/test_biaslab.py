"""The bias lab: seeded synthetic data, numpy logistic regression, fairness metrics with and without the group."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import biaslab
from widgets.biaslab import BiasParams
from widgets.errors import DomainError


def gaps(model: biaslab.ModelResult) -> tuple[float, float]:
    return model.fairness.demographic_parity_difference, model.fairness.equal_opportunity_difference


def test_same_parameters_give_the_same_data_and_result():
    """Is the lab reproducible, so a teacher's demo shows the same numbers every time?"""
    a, b = biaslab.generate(BiasParams()), biaslab.generate(BiasParams())
    assert np.array_equal(a.decision, b.decision) and np.array_equal(a.proxy, b.proxy)
    assert biaslab.run(BiasParams()) == biaslab.run(BiasParams())
    other = biaslab.generate(BiasParams(seed=7))
    assert not np.array_equal(a.merit, other.merit)


def test_the_data_is_built_as_documented():
    data = biaslab.generate(BiasParams(n=20_000, proxy_strength=0.8, group_share=0.3))
    assert abs(data.group.mean() - 0.3) < 0.02
    assert abs(np.corrcoef(data.proxy, data.group)[0, 1] - 0.8) < 0.02
    # Qualification has the same distribution in both groups: no group is better suited.
    assert abs(data.qualification[data.group == 1].mean() - data.qualification[data.group == 0].mean()) < 0.05
    assert np.array_equal(data.qualified, data.qualification > 0)


def test_skewed_past_decisions_show_up_in_every_metric():
    result = biaslab.run(BiasParams(skew=1.5, proxy_strength=0.0))
    assert result.history.demographic_parity_difference > 0.08
    dp, eo = gaps(result.with_group)
    assert dp > 0.1 and eo > 0.1
    a, b = result.with_group.fairness.groups
    assert a.selection_rate > b.selection_rate and a.true_positive_rate > b.true_positive_rate
    group_weight = result.with_group.weights[-1]
    assert group_weight < -0.5  # the model learnt to hold group B back


def test_removing_the_group_with_a_strong_proxy_keeps_a_gap():
    result = biaslab.run(BiasParams(skew=1.5, proxy_strength=0.9))
    dp, eo = gaps(result.without_group)
    assert dp > 0.1 and eo > 0.1
    assert result.without_group.weights[1] < -0.3  # the proxy carries the skew
    assert result.proxy_correlation > 0.85


def test_removing_the_group_without_a_proxy_closes_the_gap():
    result = biaslab.run(BiasParams(skew=1.5, proxy_strength=0.0, n=20_000))
    dp, eo = gaps(result.without_group)
    assert abs(dp) < 0.04 and abs(eo) < 0.04


def test_a_stronger_proxy_carries_more_of_the_skew():
    weak = biaslab.run(BiasParams(skew=2.0, proxy_strength=0.3, n=20_000))
    strong = biaslab.run(BiasParams(skew=2.0, proxy_strength=0.95, n=20_000))
    assert gaps(strong.without_group)[0] > gaps(weak.without_group)[0] + 0.05


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_zero_skew_gives_near_zero_gaps(seed):
    result = biaslab.run(BiasParams(skew=0.0, proxy_strength=0.9, n=20_000, seed=seed))
    for fairness in (result.history, result.with_group.fairness, result.without_group.fairness):
        # 6 000 test rows: one standard error of a gap is about 1,4 percentage points.
        assert abs(fairness.demographic_parity_difference) < 0.045, fairness.name
        assert abs(fairness.equal_opportunity_difference) < 0.05, fairness.name


def test_logistic_regression_recovers_known_weights():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((20_000, 2))
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(0.5 + 2.0 * X[:, 0] - 1.0 * X[:, 1])))).astype(float)
    w = biaslab.fit_logistic(X, y, l2=0.0)
    assert np.allclose(w, [0.5, 2.0, -1.0], atol=0.1)


def test_separable_data_does_not_break_the_fit():
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    w = biaslab.fit_logistic(X, np.array([0, 0, 1, 1]))
    assert np.all(np.isfinite(w))
    assert list(biaslab.predict(w, X)) == [0, 0, 1, 1]


def test_a_recompute_is_fast_enough_for_a_slider():
    """Under 50 ms at the default size (median of a few runs, after a warm-up)."""
    biaslab.run()
    times = []
    for skew in (0.5, 1.0, 1.5, 2.0, 2.5):
        start = time.perf_counter()
        biaslab.run(BiasParams(skew=skew))
        times.append(time.perf_counter() - start)
    assert sorted(times)[2] < 0.05


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"skew": -1.0}, "skew"),
        ({"skew": 10}, "skew"),
        ({"proxy_strength": 1.0}, "proxy_strength"),
        ({"n": 10}, "n"),
        ({"n": 500.5}, "n"),
        ({"group_share": 0.0}, "group_share"),
        ({"skew": True}, "skew"),
    ],
)
def test_parameters_out_of_range_raise_a_swedish_error_naming_the_slider(kwargs, field):
    with pytest.raises(DomainError) as err:
        BiasParams(**kwargs)
    assert err.value.field == field
    assert "ska vara" in err.value.message


def test_describe_gives_swedish_sentences_with_swedish_numbers():
    lines = biaslab.describe(biaslab.run())
    assert len(lines) == 4
    assert "grupp A" in lines[0] and "%" in lines[0]
    assert "procentenheter" in lines[1] and "," in lines[1]
    assert lines[3].startswith("Bostadsområdet har korrelationen 0,")


@settings(max_examples=40, deadline=None)
@given(
    skew=st.floats(0, 4),
    proxy=st.floats(0, 0.99),
    share=st.floats(0.05, 0.5),
    seed=st.integers(0, 10_000),
)
def test_metrics_are_rates_and_gaps_are_their_differences(skew, proxy, share, seed):
    result = biaslab.run(BiasParams(skew=skew, proxy_strength=proxy, group_share=share, n=400, seed=seed))
    for fairness in (result.history, result.with_group.fairness, result.without_group.fairness):
        a, b = fairness.groups
        for g in (a, b):
            assert 0 <= g.selection_rate <= 1 and 0 <= g.true_positive_rate <= 1
        assert fairness.demographic_parity_difference == pytest.approx(a.selection_rate - b.selection_rate)
        assert a.n + b.n == 400 - int(400 * biaslab.TRAIN_SHARE)
