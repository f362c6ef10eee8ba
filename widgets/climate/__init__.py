"""The klimatkalkyl of module 5: sourced factors (``data/klimatfaktorer.yaml``) and a pure model over them.

``evaluate(Choices(...)) -> Result`` gives kg CO2e per year, low / likely / high; :mod:`.bridge` turns the saving
into a *miljö* benefit for the Nyttokalkyl (imported on its own: it needs the benefit package)."""

from .factors import Factor, Factors, ReboundEffect, default_factors, load_factors_file, parse_factors
from .model import (
    Choices,
    Compute,
    DataUse,
    DeviceLine,
    DeviceUse,
    Meetings,
    Range,
    Result,
    at_intensity,
    compute_kwh,
    data_kwh,
    evaluate,
    meetings,
)

__all__ = [
    "Choices",
    "Compute",
    "DataUse",
    "DeviceLine",
    "DeviceUse",
    "Factor",
    "Factors",
    "Meetings",
    "Range",
    "ReboundEffect",
    "Result",
    "at_intensity",
    "compute_kwh",
    "data_kwh",
    "default_factors",
    "evaluate",
    "load_factors_file",
    "meetings",
    "parse_factors",
]
