"""Smoke test: the store micro-benchmark (tools/bench/store.py) runs and reports every figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_store_runs_with_a_small_n(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench.store", "--n", "30", "--dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in ("spara anteckning", "median", "p90", "lista alla", "sök", "export Markdown", "export Word"):
        assert label in result.stdout
    assert not (tmp_path / "data").exists()  # the benchmark never touches the participant's store


def test_bench_larlogg_runs_with_a_small_n(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "tools.bench.larlogg", "--n", "30", "--dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in ("50 saves: median", "log page with 30 entries", "search", "export whole log"):
        assert label in result.stdout
    assert not (tmp_path / "data").exists()  # the benchmark never touches the participant's store
