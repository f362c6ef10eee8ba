"""Shared fixtures: no test ever touches the real participant data directory."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Point DIGIKOMP_DATA_DIR at a throwaway folder for every test."""
    data_dir = tmp_path / "digikomp-data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(data_dir))
    return data_dir
