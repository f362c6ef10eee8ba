"""Shared fixtures: no test ever touches the real participant data directory."""

from __future__ import annotations

import os
import subprocess
import sys

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


@pytest.fixture
def packages_loaded_by(tmp_path):
    """``packages_loaded_by(code)``: the top-level packages a fresh Python has imported after running ``code``.

    A fresh interpreter, as a cold kernel would be; the participant data directory is a throwaway folder."""

    def run(code: str) -> set[str]:
        script = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))\n"
        env = {**os.environ, "DIGIKOMP_DATA_DIR": str(tmp_path / "data")}
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
        )
        return set(out.stdout.split())

    return run
