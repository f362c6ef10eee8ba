"""``digikomp kalender``: the program (or one module) as an .ics calendar file."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import DomainError


def _run(args) -> int:
    from ..ics import build_calendar
    from ..program import load_program

    program = load_program()
    event_ids = None
    if args.modul is not None:
        try:
            event_ids = [program.module(args.modul).id]
        except KeyError:
            numbers = ", ".join(str(m.number) for m in program.modules)
            raise DomainError("--modul", f"Modul {args.modul} finns inte; välj en av {numbers}.") from None
    data = build_calendar(program, event_ids)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"Kalendern sparades i {args.output}.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("kalender", help="Spara programmets tillfällen som kalenderfil (.ics).")
    p.add_argument("--modul", type=int, metavar="N", help="bara modul N (1–5)")
    p.add_argument(
        "-o", "--output", metavar="FIL.ics", help="filen att skriva (standard: skriv till terminalen)"
    )
    p.set_defaults(func=_run)
