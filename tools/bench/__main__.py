"""``python -m tools.bench`` (``make bench``): run the benchmark, print PASS/MISS, write reports/bench.{json,md}."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from . import REPORTS_DIR, build_report, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--cold", type=int, default=5, help="measured rounds with cold kernels (default 5)")
    parser.add_argument(
        "--preheated", type=int, default=5, help="measured rounds with preheated kernels (default 5)"
    )
    parser.add_argument("--steps", type=int, default=20, help="input changes per interaction (default 20)")
    parser.add_argument("--draws", type=int, default=10_000, help="Monte Carlo draws (default 10 000)")
    parser.add_argument(
        "--import-repeat", type=int, default=5, help="runs per import-time figure (default 5)"
    )
    parser.add_argument(
        "--only", action="append", metavar="NOTEBOOK", help="measure only this app (repeatable)"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="skip the browser parts (imports, Monte Carlo)"
    )
    parser.add_argument("--out", type=Path, default=REPORTS_DIR, help="report folder (default reports/)")
    args = parser.parse_args(argv)
    # Stopped with SIGTERM (timeout, kill): unwind, so the Voilà servers and their kernels are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data = build_report(
        browser=not args.no_browser,
        cold_runs=args.cold,
        preheated_runs=args.preheated,
        steps=args.steps,
        draws=args.draws,
        import_repeat=args.import_repeat,
        only=args.only,
    )
    json_path, md_path = report.write(data, args.out)
    print()
    print(report.markdown(data))
    print(f"Rapport: {json_path} och {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
