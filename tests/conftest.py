"""Shared fixtures: no test ever touches the real participant data directory."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the same property-test examples every time (a red CI is then reproducible); a developer's run
# explores new ones. Both keep the examples recorded in the tests (@example).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Point DIGIKOMP_DATA_DIR at a throwaway folder for every test."""
    data_dir = tmp_path / "digikomp-data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(data_dir))
    return data_dir
