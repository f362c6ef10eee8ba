"""Smoke test: the store micro-benchmark (tools/bench_store.py) runs and reports every figure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_store_runs_with_a_small_n(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bench_store.py"), "--n", "30", "--dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for label in ("spara anteckning", "median", "p90", "lista alla", "sök", "export Markdown", "export Word"):
        assert label in result.stdout
    assert not (tmp_path / "data").exists()  # the benchmark never touches the participant's store
