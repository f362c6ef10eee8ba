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
    parser.add_argument(
        "--first-starts",
        type=int,
        default=10,
        help="fresh starts for the first-visit part (default 10; 0 skips it)",
    )
    parser.add_argument(
        "--first-later", type=int, default=1, help="later visits per app and start (default 1)"
    )
    parser.add_argument(
        "--load-clients", type=int, default=60, help="participants in the load check (default 60; 0 skips it)"
    )
    parser.add_argument("--load-seconds", type=float, default=120, help="over how many seconds (default 120)")
    parser.add_argument(
        "--serving-only", action="store_true", help="only the serving parts (first visits, load check)"
    )
    parser.add_argument(
        "--hub-rounds",
        type=int,
        default=5,
        help="cold renders through a JupyterHub's Voilà extension, rounds (default 5; 0 skips it)",
    )
    parser.add_argument(
        "--service-users",
        type=int,
        default=60,
        help="participants sharing and voting against the group service (default 60; 0 skips it)",
    )
    parser.add_argument(
        "--service-seconds",
        type=float,
        default=30,
        help="steady load on the group service, seconds (default 30)",
    )
    parser.add_argument(
        "--live-users",
        type=int,
        default=60,
        help="participants answering a teacher's live poll within --live-spread seconds (default 60; 0 skips it)",
    )
    parser.add_argument(
        "--live-spread", type=float, default=10, help="seconds the answers spread over (default 10)"
    )
    parser.add_argument("--out", type=Path, default=REPORTS_DIR, help="report folder (default reports/)")
    args = parser.parse_args(argv)
    # Stopped with SIGTERM (timeout, kill): unwind, so the Voilà servers and their kernels are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data = build_report(
        browser=not (args.no_browser or args.serving_only),
        cold_runs=args.cold,
        preheated_runs=args.preheated,
        steps=args.steps,
        draws=args.draws,
        import_repeat=args.import_repeat,
        only=args.only,
    )
    if not args.no_browser:
        run_serving(data, args)
    json_path, md_path = report.write(data, args.out)
    print()
    print(report.markdown(data))
    print(f"Rapport: {json_path} och {md_path}")
    return 0


def run_serving(data: dict, args) -> None:
    """The serving parts: first visits after fresh starts, then a class of participants on one server."""
    from . import firstvisit, load

    only = args.only or None
    if args.first_starts > 0:
        print(f"Första besök efter {args.first_starts} nystarter:", flush=True)
        data["first_visits"] = firstvisit.run(
            starts=args.first_starts, later=args.first_later, notebooks=only
        )
    if args.load_clients > 0:
        print(f"Belastning: {args.load_clients} deltagare på {args.load_seconds:g} s:", flush=True)
        data["load"] = load.run(clients=args.load_clients, seconds=args.load_seconds, notebooks=only)
    if args.hub_rounds > 0:
        from . import hub

        print(f"Genom JupyterHub (kalla kärnor), {args.hub_rounds} varv:", flush=True)
        data["hub"] = hub.run(rounds=args.hub_rounds, notebooks=only)
    if args.service_users > 0:
        from . import groupservice

        print(f"Gruppservicen: {args.service_users} deltagare i {args.service_seconds:g} s:", flush=True)
        data["group_service"] = groupservice.run(users=args.service_users, seconds=args.service_seconds)
    if args.live_users > 0:
        from . import livepoll

        print(f"Live-omröstning: {args.live_users} deltagare inom {args.live_spread:g} s:", flush=True)
        data["live_poll"] = livepoll.run(users=args.live_users, spread=args.live_spread)


if __name__ == "__main__":
    sys.exit(main())
