"""The benefit model stays light for cold kernels: no pandas, openpyxl, matplotlib or ipywidgets on import."""

from __future__ import annotations


def test_importing_the_model_and_evaluating_a_case_loads_no_heavy_modules(packages_loaded_by):
    loaded = packages_loaded_by(
        "from widgets.benefit import evaluate, load_case, monte_carlo, example_cases\n"
        "case = load_case(example_cases()[0]); evaluate(case); monte_carlo(case, 100)"
    )
    assert loaded.isdisjoint({"pandas", "openpyxl", "matplotlib", "ipywidgets"})
