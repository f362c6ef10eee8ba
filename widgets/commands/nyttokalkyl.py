"""``digikomp nyttokalkyl FIL.yaml``: evaluate a benefit case; Swedish summary, JSON, Monte Carlo, Excel, Word."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import DomainError

_DISTRIBUTIONS = {"triangel": "triangular", "pert": "pert"}


def _alternative(value: str | None) -> int | str:
    if value is None:
        return 0
    return int(value) - 1 if value.isdigit() else value


def _payload(case, alternative, mc) -> dict:
    from ..benefit import break_even, compare, evaluate, tornado

    result = evaluate(case, alternative)
    data = result.to_dict()
    if mc is not None:
        data.update(
            p_npv_positive=mc.p_npv_positive, p10=mc.p10, p50=mc.p50, p90=mc.p90, monte_carlo=mc.to_dict()
        )
    data["tornado"] = [
        {"label": b.label, "low": b.low, "likely": b.likely, "high": b.high, "npv_low": b.npv_low,
         "npv_high": b.npv_high}
        for b in tornado(case, alternative).bars
    ]  # fmt: skip
    data["break_even"] = [
        {"label": b.label, "likely": b.likely, "value": b.value} for b in break_even(case, alternative)
    ]
    data["alternatives"] = compare(case).table()
    return data


def _run(args) -> int:
    from ..benefit import load_case, monte_carlo
    from ..benefit.report import summary_text

    if args.word and Path(args.word).suffix.lower() != ".docx":
        raise DomainError("--word", "Wordfilen måste sluta på .docx.")
    case = load_case(args.fil)
    alternative = _alternative(args.alternativ)
    case.alternative(alternative)  # an unknown alternative is a DomainError before any work
    mc = None
    if args.monte_carlo is not None:
        mc = monte_carlo(case, args.monte_carlo, args.seed, _DISTRIBUTIONS[args.fordelning], alternative)
    if args.json:
        json.dump(_payload(case, alternative, mc), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary_text(case, alternative, mc))
    if args.excel:
        from ..benefit.excel import write_workbook

        target = Path(args.excel)
        if target.suffix.lower() != ".xlsx":
            raise DomainError("--excel", "Excelfilen måste sluta på .xlsx.")
        try:
            write_workbook(case, target, alternative)
        except OSError as exc:
            raise DomainError("--excel", f"Kunde inte spara {target}: {exc.strerror or exc}.") from None
        print(f"Excelfilen sparades i {target}.", file=sys.stderr if args.json else sys.stdout)
    if args.word:
        _write_word(case, alternative, mc, Path(args.word), sys.stderr if args.json else sys.stdout)
    return 0


def _write_word(case, alternative, mc, target: Path, out) -> None:
    from ..benefit.word import build_document

    data = build_document(case, alternative, mc)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise DomainError("--word", f"Kunde inte spara {target}: {exc.strerror or exc}.") from None
    print(f"Beslutsunderlaget (Word) sparades i {target}.", file=out)


def _positive_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"”{text}” är inte ett heltal") from None
    if not 1 <= value <= 100_000:
        raise argparse.ArgumentTypeError("ange ett antal mellan 1 och 100 000")
    return value


def register(sub) -> None:
    p = sub.add_parser(
        "nyttokalkyl",
        help="Räkna på en nyttokalkyl (YAML): nyckeltal, tabell per år, Monte Carlo, Excel, Word.",
        description="Räkna på en nyttokalkyl i YAML-format (se docs/nyttokalkyl-format.md).",
    )
    p.add_argument("fil", metavar="FIL.yaml", help="kalkylen, till exempel data/cases/mina-meddelanden.yaml")
    p.add_argument(
        "--json", action="store_true", help="skriv resultatet som JSON i stället för en sammanfattning"
    )
    p.add_argument("--monte-carlo", type=_positive_int, metavar="N", help="simulera nettonuvärdet N gånger")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="frö för simuleringen (standard 1)")
    p.add_argument(
        "--fordelning",
        choices=tuple(_DISTRIBUTIONS),
        default="triangel",
        help="fördelning för trepunktsskattningar",
    )
    p.add_argument(
        "--alternativ", metavar="NR|NAMN", help="vilket alternativ som räknas (standard: det första)"
    )
    p.add_argument("--excel", metavar="UT.xlsx", help="spara en Excelfil med levande formler")
    p.add_argument(
        "--word",
        metavar="UT.docx",
        help="spara ett beslutsunderlag i Word med diagram och nyttorealiseringsplan",
    )
    p.set_defaults(func=_run)
