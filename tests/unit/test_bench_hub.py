"""The hub part of ``make bench`` without a hub: its summary (ratio to the floor, verdicts), its report section,
and reading a process's memory from /proc."""

from __future__ import annotations

import os
import sys

from widgets.paths import REPO_ROOT

if str(REPO_ROOT) not in sys.path:  # tools/ is not installed; the bench runs from the repository
    sys.path.insert(0, str(REPO_ROOT))

from tools.bench import hub
from tools.bench.apps import FLOOR_NOTEBOOK


def test_ratios_to_the_floor_and_verdicts():
    seconds = {
        FLOOR_NOTEBOOK: [2.0, 2.2, 2.1],
        "00_start.ipynb": [2.3, 2.4, 2.2],
        "60_nyttokalkyl.ipynb": [3.0] * 3,
    }
    mem = {"00_start.ipynb": {"total_rss_mb": 247.0, "total_pss_mb": 210.0}}
    result = hub.summarise(seconds, mem, rounds=3)
    assert result["floor_s"] == 2.1
    start, calc = result["apps"]["00_start.ipynb"], result["apps"]["60_nyttokalkyl.ipynb"]
    assert (start["ratio"], start["pass"]) == (round(2.3 / 2.1, 3), True)
    assert (calc["ratio"], calc["pass"]) == (round(3.0 / 2.1, 3), False)
    text = hub.markdown(result)
    assert "| 00_start.ipynb | 2.30 | 1.09 | PASS | 247.0 | 210.0 |" in text
    assert "| 60_nyttokalkyl.ipynb | 3.00 | 1.43 | MISS | – | – |" in text


def test_memory_of_a_process_without_kernels():
    found = hub.memory(os.getpid())
    assert found["kernels"] == 0 and found["server_rss_mb"] > 0
    assert found["total_rss_mb"] == found["server_rss_mb"]
    assert 0 < found["total_pss_mb"] <= found["total_rss_mb"]
