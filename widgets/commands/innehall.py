"""``digikomp innehall kontrollera [KATALOG]``: check every content file and list every problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content import display_name
from ..paths import EXERCISES_DIR


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "innehall",
        help="kontrollera kursinnehållet (övningar och reflektionsfrågor)",
        description="Verktyg för kursinnehållet i exercises/.",
    )
    sub = parser.add_subparsers(dest="innehall_command", required=True, metavar="ÅTGÄRD")
    check = sub.add_parser(
        "kontrollera",
        help="kontrollera alla innehållsfiler i en mapp",
        description="Kontrollerar alla YAML-filer i mappen och listar alla fel som fil: fält: fel.",
    )
    check.add_argument(
        "katalog",
        nargs="?",
        type=Path,
        default=EXERCISES_DIR,
        metavar="KATALOG",
        help="mappen med innehållsfiler (standard: exercises/)",
    )
    check.set_defaults(func=run_check)


def _files(n: int) -> str:
    return f"{n} fil" if n == 1 else f"{n} filer"


def run_check(args: argparse.Namespace) -> int:
    """Print every problem as ``file: field: message``; exit 1 if there is any, else a Swedish OK line."""
    from ..exercises import check_directory

    directory: Path = args.katalog
    shown = display_name(directory)
    if not directory.is_dir():
        print(f"{shown}: mappen finns inte.", file=sys.stderr)
        return 2
    files, problems = check_directory(directory)
    polls = directory / "omrostningar.yaml"
    if polls.is_file():  # the prepared live polls, beside the modules
        from ..live.prepared import check_file

        files.append(polls)
        problems += check_file(polls)
    if not files:
        print(f"{shown}: inga innehållsfiler (.yaml) hittades.", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    if problems:
        broken = len({p.file for p in problems})
        print(f"{len(problems)} fel i {broken} av {_files(len(files))}.", file=sys.stderr)
        return 1
    print(f"Innehållet är korrekt: inga fel i {_files(len(files))} i {shown}.")
    return 0
