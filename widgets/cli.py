"""The ``digikomp`` command line: one subcommand per module in :mod:`widgets.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys

from .errors import ContentError, DomainError

#: Subcommand modules under ``widgets.commands``; each defines ``register(subparsers)``.
COMMANDS = ("start", "kalender", "nyttokalkyl", "innehall", "grupper")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digikomp", description="Digital kompetens för offentlig sektor – kursens verktyg."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO")
    for name in COMMANDS:
        importlib.import_module(f"widgets.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; content and input errors exit non-zero with one line and no traceback."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ContentError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DomainError as exc:
        print(f"{exc.field}: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
