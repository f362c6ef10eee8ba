"""Import time of each app's entry point, read from ``python -X importtime``.

Each line of that output is ``import time: <self µs> | <cumulative µs> | <indented module name>``; the total is
the sum of the self times (every module imported, once).
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)\s*$")

#: Imported by every kernel before a notebook runs; the floor's entry point.
FLOOR_STATEMENT = "import ipywidgets"


def parse(text: str) -> list[tuple[str, int, int]]:
    """``(module, self µs, cumulative µs)`` for every module in ``-X importtime`` output, in import order."""
    rows = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            rows.append((match.group(4), int(match.group(1)), int(match.group(2))))
    return rows


def summarise(rows: list[tuple[str, int, int]], top: int = 5) -> dict:
    """Total µs, the ``top`` heaviest modules (self time) and the heaviest top-level packages."""
    packages: dict[str, int] = defaultdict(int)
    for name, self_us, _ in rows:
        packages[name.split(".")[0]] += self_us
    heaviest = sorted(rows, key=lambda row: -row[1])[:top]
    return {
        "total_us": sum(row[1] for row in rows),
        "modules": len(rows),
        "top_modules": [{"module": name, "self_us": s, "cumulative_us": c} for name, s, c in heaviest],
        "top_packages": [
            {"package": name, "self_us": us}
            for name, us in sorted(packages.items(), key=lambda kv: -kv[1])[:top]
        ],
    }


def entry_statement(notebook: Path) -> str | None:
    """The import lines of a notebook's code cells (``from widgets.apps.start import start_app``)."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    lines = []
    for cell in data.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", []))
        lines += [
            ln.strip() for ln in source.splitlines() if re.match(r"^\s*(from\s+\S+\s+import|import)\s", ln)
        ]
    return "; ".join(lines) or None


def measure(statement: str, repeat: int = 3, python: str = sys.executable, cwd: Path | None = None) -> dict:
    """Run ``python -X importtime -c statement`` ``repeat`` times and report the fastest run (as ``timeit`` does:
    slower runs measure other load on the machine, not the imports); every run's total is kept.
    """
    runs = []
    for _ in range(repeat):
        proc = subprocess.run(
            [python, "-X", "importtime", "-c", statement],
            capture_output=True,
            text=True,
            cwd=cwd,
            check=False,
        )
        if proc.returncode != 0:
            return {"statement": statement, "error": proc.stderr.strip().splitlines()[-1:]}
        runs.append(summarise(parse(proc.stderr)))
    fastest = min(runs, key=lambda r: r["total_us"])
    return {
        "statement": statement,
        "runs_total_us": [r["total_us"] for r in runs],
        "median_total_us": int(statistics.median(r["total_us"] for r in runs)),
        **fastest,
    }
