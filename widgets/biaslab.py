"""Bias lab (biaslabbet): a model trained on skewed past decisions reproduces the skew – even without the group.

Pure numpy; no ipywidgets, no I/O. One call, :func:`run`, generates the data, trains two logistic regressions and
measures them, fast enough (about 10 ms at the default size of 5 000 rows) for a slider to drive it.

How the synthetic data set is generated (seeded, so the same parameters always give the same data):

* **Group** ``g``: 1 (grupp B, the minority) with probability ``group_share``, else 0 (grupp A). It stands for any
  protected characteristic; the lab deliberately does not say which.
* **Qualification** ``q ~ N(0, 1)``, the same distribution in both groups: neither group is better suited.
  A person is **truly qualified** when ``q > 0``; the lab knows this, real life does not.
* **Merit score** (meritpoäng) ``x = q + N(0, 0.5²)``: what a case officer can see of the qualification.
* **Proxy** (bostadsområde) ``p = ρ·z + √(1 − ρ²)·e`` with ``z`` the standardised group and ``e ~ N(0, 1)``;
  ``ρ = proxy_strength`` is its correlation with the group. At 0 the proxy is noise; near 1 it reveals the group.
* **Past decisions** (tidigare beslut) ``d ~ Bernoulli(σ(2.5·q − skew·g))``: past officers approved on
  qualification but held group B back by ``skew`` on the log-odds scale. ``skew = 0`` means fair past decisions.

The first 70 % of the rows train a logistic regression (Newton's method, a little L2) on the past decisions, once
with the features merit, proxy and group, and once with the group removed. The remaining 30 % measure it:
selection rate per group, the demographic-parity difference (selection rate A − B) and the equal-opportunity
difference (true-positive rate among the truly qualified, A − B). Positive differences mean group B loses.
See docs/biaslab.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import fmt
from .errors import DomainError

# Participant-facing words, kept together (the lab's only Swedish).
GROUPS = ("Grupp A", "Grupp B")
FEATURES = {"merit": "Meritpoäng", "proxy": "Bostadsområde (proxy)", "group": "Grupp"}
MODEL_NAMES = {"with_group": "Modell med gruppen", "without_group": "Modell utan gruppen"}
HISTORY_NAME = "Tidigare beslut"
_ERRORS = {
    "n": "Antalet personer ska vara ett heltal mellan {low} och {high}.",
    "skew": "Skevheten ska vara mellan {low} och {high}.",
    "proxy_strength": "Proxyns styrka ska vara mellan {low} och {high}.",
    "group_share": "Andelen i grupp B ska vara mellan {low} och {high}.",
}
_LIMITS = {"n": (200, 100_000), "skew": (0.0, 4.0), "proxy_strength": (0.0, 0.99), "group_share": (0.05, 0.5)}
_SUMMARY = {
    "history": "I de tidigare besluten valdes {a} av grupp A och {b} av grupp B.",
    "model": "{name}: väljer {a} av grupp A och {b} av grupp B – en skillnad på {dp} procentenheter. "
    "Bland dem som verkligen är kvalificerade väljs {ta} i grupp A och {tb} i grupp B.",
    "proxy": "Bostadsområdet har korrelationen {r} med gruppen.",
}

TRAIN_SHARE = 0.7
_DECISION_SLOPE = 2.5  # how strongly past decisions followed qualification
_MERIT_NOISE = 0.5


@dataclass(frozen=True)
class BiasParams:
    """The lab's sliders: skew of past decisions against group B, proxy strength, size, seed."""

    skew: float = 1.5
    proxy_strength: float = 0.8
    n: int = 5000
    group_share: float = 0.3
    seed: int = 2026

    def __post_init__(self) -> None:
        for name, (low, high) in _LIMITS.items():
            value = getattr(self, name)
            bad_type = isinstance(value, bool) or (name == "n" and not isinstance(value, int))
            if bad_type or not isinstance(value, int | float) or not low <= value <= high:
                shown = (fmt.number(low, 2 if low % 1 else 0), fmt.number(high, 2 if high % 1 else 0))
                raise DomainError(name, _ERRORS[name].format(low=shown[0], high=shown[1]))


@dataclass(frozen=True)
class Dataset:
    """The generated rows (numpy arrays of length n); see the module docstring."""

    group: np.ndarray  # 0 = A, 1 = B
    qualification: np.ndarray
    qualified: np.ndarray  # bool: q > 0
    merit: np.ndarray
    proxy: np.ndarray
    decision: np.ndarray  # past decision, 0/1

    def features(self, with_group: bool) -> np.ndarray:
        columns = [self.merit, self.proxy] + ([self.group.astype(float)] if with_group else [])
        return np.column_stack(columns)


def generate(params: BiasParams) -> Dataset:
    """The synthetic past decisions (seeded: same params, same data)."""
    rng = np.random.default_rng(params.seed)
    n = params.n
    group = (rng.random(n) < params.group_share).astype(np.int8)
    qualification = rng.standard_normal(n)
    merit = qualification + _MERIT_NOISE * rng.standard_normal(n)
    share = params.group_share
    z = (group - share) / np.sqrt(share * (1 - share))
    rho = params.proxy_strength
    proxy = rho * z + np.sqrt(1 - rho**2) * rng.standard_normal(n)
    p_decision = _sigmoid(_DECISION_SLOPE * qualification - params.skew * group)
    decision = (rng.random(n) < p_decision).astype(np.int8)
    return Dataset(group, qualification, qualification > 0, merit, proxy, decision)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, max_iter: int = 25) -> np.ndarray:
    """Logistic regression by Newton's method (IRLS); returns ``[intercept, *weights]``.

    A small L2 penalty (not on the intercept) keeps the Hessian invertible if a feature separates the classes.
    """
    A = np.column_stack([np.ones(len(X)), X])
    w = np.zeros(A.shape[1])
    penalty = np.full(A.shape[1], l2 * len(X))
    penalty[0] = 0.0
    for _ in range(max_iter):
        p = _sigmoid(A @ w)
        gradient = A.T @ (p - y) + penalty * w
        hessian = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return w


def predict(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Selected (1) when the predicted probability is at least one half."""
    return (w[0] + X @ w[1:] >= 0).astype(np.int8)


@dataclass(frozen=True)
class GroupMetrics:
    label: str
    n: int
    selection_rate: float  # share selected
    true_positive_rate: float  # share selected among the truly qualified


@dataclass(frozen=True)
class Fairness:
    """Selection per group and the two gaps (A − B; positive means group B loses)."""

    name: str
    groups: tuple[GroupMetrics, GroupMetrics]
    demographic_parity_difference: float
    equal_opportunity_difference: float
    agreement: float | None = None  # share of test rows where a model agrees with the past decision


@dataclass(frozen=True)
class ModelResult:
    name: str
    features: tuple[str, ...]  # Swedish feature labels, in weight order
    weights: tuple[float, ...]  # per feature (standardised scale is not used: features are already ~N(0, 1))
    fairness: Fairness


@dataclass(frozen=True)
class LabResult:
    params: BiasParams
    history: Fairness  # the past decisions in the test rows
    with_group: ModelResult
    without_group: ModelResult
    proxy_correlation: float  # correlation between proxy and group in the data


def fairness(
    name: str, selected: np.ndarray, group: np.ndarray, qualified: np.ndarray, past=None
) -> Fairness:
    """Selection rate and true-positive rate per group, and the gaps between them."""
    rows = []
    for g, label in enumerate(GROUPS):
        members = group == g
        hits = members & qualified
        rows.append(
            GroupMetrics(
                label,
                int(members.sum()),
                float(selected[members].mean()) if members.any() else 0.0,
                float(selected[hits].mean()) if hits.any() else 0.0,
            )
        )
    a, b = rows
    agreement = None if past is None else float((selected == past).mean())
    return Fairness(
        name,
        (a, b),
        a.selection_rate - b.selection_rate,
        a.true_positive_rate - b.true_positive_rate,
        agreement,
    )


def run(params: BiasParams | None = None) -> LabResult:
    """Generate, train with and without the group feature, and measure on held-out rows."""
    params = params or BiasParams()
    data = generate(params)
    cut = int(params.n * TRAIN_SHARE)
    train, test = slice(0, cut), slice(cut, None)
    group, qualified, past = data.group[test], data.qualified[test], data.decision[test]
    models = []
    for key, with_group in (("with_group", True), ("without_group", False)):
        X = data.features(with_group)
        w = fit_logistic(X[train], data.decision[train])
        selected = predict(w, X[test])
        labels = tuple(FEATURES[f] for f in ("merit", "proxy", "group")[: X.shape[1]])
        models.append(
            ModelResult(
                MODEL_NAMES[key],
                labels,
                tuple(float(v) for v in w[1:]),
                fairness(MODEL_NAMES[key], selected, group, qualified, past),
            )
        )
    return LabResult(
        params=params,
        history=fairness(HISTORY_NAME, past, group, qualified),
        with_group=models[0],
        without_group=models[1],
        proxy_correlation=float(np.corrcoef(data.proxy, data.group)[0, 1]),
    )


def _pp(difference: float) -> str:
    return fmt.number(100 * difference, 1)


def describe(result: LabResult) -> tuple[str, ...]:
    """Short Swedish sentences for the result (a view shows them next to the chart as its text alternative)."""
    h = result.history.groups
    lines = [
        _SUMMARY["history"].format(
            a=fmt.percent(h[0].selection_rate, 0), b=fmt.percent(h[1].selection_rate, 0)
        )
    ]
    for model in (result.with_group, result.without_group):
        a, b = model.fairness.groups
        lines.append(
            _SUMMARY["model"].format(
                name=model.name,
                a=fmt.percent(a.selection_rate, 0),
                b=fmt.percent(b.selection_rate, 0),
                dp=_pp(model.fairness.demographic_parity_difference),
                ta=fmt.percent(a.true_positive_rate, 0),
                tb=fmt.percent(b.true_positive_rate, 0),
            )
        )
    lines.append(_SUMMARY["proxy"].format(r=fmt.number(result.proxy_correlation, 2)))
    return tuple(lines)
