"""Benefit analysis and calculation (nyttokalkyl): a pure model over plain dataclasses.

Build a :class:`Case` (or load one with :func:`load_case`), then call :func:`evaluate` for the yearly table
and key figures, :func:`tornado`, :func:`monte_carlo` and :func:`break_even` for uncertainty, :func:`compare`
for alternatives side by side and :func:`peng` for a PENG-style summary. Excel export lives in
:mod:`widgets.benefit.excel`, the Markdown report in :mod:`widgets.benefit.report` and the Word decision document
in :mod:`widgets.benefit.word` (imported on demand; it alone draws with matplotlib).
"""

from .compare import Comparison, Peng, PengBar, compare, peng
from .engine import Parameter, discount_factors, irr
from .evaluate import ItemRow, Result, YearRow, evaluate
from .factors import HourlyCost, hourly_cost, optimism_bias_uplift
from .io import case_from_dict, case_to_dict, dump_case, example_cases, load_case, missing_sources, parse_case
from .model import Alternative, Case, Driver, Estimate, Item, OptimismBias, PlanEntry, blank_case
from .uncertainty import BreakEven, MonteCarlo, Tornado, TornadoBar, break_even, monte_carlo, tornado

__all__ = [
    "Alternative",
    "BreakEven",
    "Case",
    "Comparison",
    "Driver",
    "Estimate",
    "HourlyCost",
    "Item",
    "ItemRow",
    "MonteCarlo",
    "OptimismBias",
    "Parameter",
    "Peng",
    "PengBar",
    "PlanEntry",
    "Result",
    "Tornado",
    "TornadoBar",
    "YearRow",
    "blank_case",
    "break_even",
    "case_from_dict",
    "case_to_dict",
    "compare",
    "discount_factors",
    "dump_case",
    "evaluate",
    "example_cases",
    "hourly_cost",
    "irr",
    "load_case",
    "missing_sources",
    "monte_carlo",
    "optimism_bias_uplift",
    "parse_case",
    "peng",
    "tornado",
]
