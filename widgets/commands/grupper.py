"""``digikomp grupper``: groups across organisations from a participant list, as CSV, and on the hub if asked."""

from __future__ import annotations

from pathlib import Path

from ..errors import DomainError
from ..groups.model import DEFAULT_SEED


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"j", "ja"}


def _write_to_hub(grouping, yes: bool) -> None:
    from ..groups import hub
    from ..store.errors import StoreError

    client = hub.HubClient.from_env()
    if client is None:
        raise DomainError("--hub", hub.NO_HUB)
    try:
        shown = hub.preview(client, grouping)
        print("Ändringar på JupyterHub:")
        for line in shown.lines():
            print(f"  {line}")
        if shown.nothing_to_do:
            return
        if not yes and not _confirm("Skriva grupperna till JupyterHub?"):
            print("Inget ändrades på JupyterHub.")
            return
        hub.apply(client, shown)
    except StoreError as exc:
        raise DomainError("--hub", exc.message) from None
    print(f"Grupperna finns nu på JupyterHub ({len(grouping.groups)} grupper).")


def _run(args) -> int:
    from ..groups import form_groups
    from ..groups.io import groups_csv, read_participants, summary

    participants = read_participants(args.deltagare)
    grouping = form_groups(participants, args.storlek, args.seed)
    print(summary(grouping, seed_given=args.seed is not None), end="")
    Path(args.output).write_text(groups_csv(grouping), encoding="utf-8")
    print(f"Grupperna sparades i {args.output}.")
    if args.hub:
        _write_to_hub(grouping, args.ja)
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "grupper",
        help="Bilda grupper som blandar organisationerna ur en deltagarlista (CSV).",
        description=(
            "Bildar grupper om högst N deltagare (storlekarna skiljer sig högst med en) där organisationerna "
            "blandas så mycket antalet tillåter. Deltagarlistan är en CSV-fil i UTF-8 med rubrikraden "
            "anvandare,namn,organisation (komma eller semikolon); organisationerna ska finnas i "
            "data/organisationer.csv."
        ),
    )
    p.add_argument("--deltagare", required=True, metavar="FIL.csv", help="deltagarlistan")
    p.add_argument("--storlek", required=True, type=int, metavar="N", help="högsta antal deltagare per grupp")
    p.add_argument(
        "--seed",
        type=int,
        metavar="S",
        help=f"slumpfrö: samma frö ger samma grupper (standard {DEFAULT_SEED})",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="grupper.csv", help="filen att skriva (anvandare,grupp)"
    )
    p.add_argument(
        "--hub", action="store_true", help="skapa grupperna på JupyterHub efter en förhandsgranskning"
    )
    p.add_argument("--ja", action="store_true", help="fråga inte före skrivningen till JupyterHub")
    p.set_defaults(func=_run)
