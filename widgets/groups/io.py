"""The participant list in, the groups out: CSV files and a Swedish summary.

The participant list is UTF-8 (a byte-order mark is allowed: Excel's "CSV UTF-8" writes one) with the header row
``anvandare,namn,organisation``; ``;`` works as the delimiter too (Swedish Excel writes it). Each organisation must
be one of ``data/organisationer.csv``, written as there ("Linköping") or, for a municipality, with "kommun"
("Linköpings kommun", "Linköping kommun"); case does not matter. The groups use the names as in the file. A user
name must be a JupyterHub user name as the hub stores it: lower case (JupyterHub lower-cases what people type when
they log in), no "/" and no spaces, not only dots, at most 255 characters.

Mistakes raise :class:`~widgets.errors.ContentError`: ``deltagare.csv: rad 17: organisation: what is wrong``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import ContentError
from .model import Grouping, Participant

HEADER = ("anvandare", "namn", "organisation")
OUTPUT_HEADER = ("anvandare", "grupp")
ORGANISATIONS_SOURCE = "data/organisationer.csv"
MAX_USER_NAME = 255  # JupyterHub's users.name column
_BAD_USER_CHARS = re.compile(r"[/\s]")


def organisation_names() -> dict[str, str]:
    """Accepted spelling (lower case) → the organisation's name as in ``data/organisationer.csv``."""
    from ..program import load_organisations

    names: dict[str, str] = {}
    for org in load_organisations():
        names[org.name.casefold()] = org.name
        if org.type == "kommun":
            genitive = org.name if org.name[-1] in "sxz" else f"{org.name}s"
            names[f"{genitive} kommun".casefold()] = org.name
            names[f"{org.name} kommun".casefold()] = org.name
    return names


def user_name_problem(name: str) -> str | None:
    """Why ``name`` is not a JupyterHub user name as the hub stores it, or None."""
    if _BAD_USER_CHARS.search(name):
        return f"”{name}” innehåller mellanslag eller ”/”, som ett användarnamn på JupyterHub inte kan ha."
    if set(name) == {"."}:
        return f"”{name}” kan inte vara ett användarnamn."
    if len(name) > MAX_USER_NAME:
        return f"användarnamnet är längre än {MAX_USER_NAME} tecken."
    if name != name.lower():
        return (
            f"”{name}”: JupyterHub sparar användarnamn med små bokstäver – skriv ”{name.lower()}” "
            "(så som deltagaren loggar in)."
        )
    return None


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            source,
            f"rad {row}",
            "filen är inte sparad som UTF-8. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)”.",
        ) from None


def _delimiter(first_line: str) -> str:
    """``;`` when the header row is separated by semicolons (Swedish Excel), else ``,``."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _trimmed(cells: list[str]) -> list[str]:
    """Cells without surrounding spaces; empty cells after the third dropped (a spreadsheet's unused columns)."""
    values = [c.strip() for c in cells]
    while len(values) > len(HEADER) and not values[-1]:
        values.pop()
    return values


def parse_participants(
    raw: bytes | str, source: str = "deltagare.csv", organisations: dict[str, str] | None = None
) -> list[Participant]:
    """The participants of a CSV file's bytes (or text); ``source`` names the file in errors."""
    text = _decode(raw, source) if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    if not text.strip():
        raise ContentError(
            source, "rad 1", "filen är tom; den ska börja med raden anvandare,namn,organisation."
        )
    known = organisation_names() if organisations is None else organisations
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.splitlines()[0]))
    header = tuple(_trimmed(next(reader)))
    if header != HEADER:
        missing = [c for c in HEADER if c not in header]
        what = (
            f"kolumnen ”{missing[0]}” saknas"
            if len(missing) == 1
            else f"kolumnerna {', '.join(f'”{c}”' for c in missing)} saknas"
            if missing
            else f"rubrikraden är ”{','.join(header)}”"
        )
        raise ContentError(
            source, "rad 1", f"{what}; rubrikraden ska vara exakt anvandare,namn,organisation."
        )

    people: list[Participant] = []
    rows_of: dict[str, int] = {}
    for cells in reader:
        row = reader.line_num
        values = _trimmed(cells)
        if not any(values):
            continue  # blank lines, e.g. at the end of an Excel file
        if len(values) != len(HEADER):
            raise ContentError(
                source,
                f"rad {row}",
                f"raden har {len(values)} fält men ska ha 3 (anvandare, namn, organisation).",
            )
        user, name, org = values
        if not user:
            raise ContentError(source, f"rad {row}: anvandare", "användarnamnet saknas.")
        problem = user_name_problem(user)
        if problem:
            raise ContentError(source, f"rad {row}: anvandare", problem)
        if user in rows_of:
            raise ContentError(
                source, f"rad {row}: anvandare", f"”{user}” finns redan på rad {rows_of[user]}."
            )
        if not org:
            raise ContentError(source, f"rad {row}: organisation", "organisationen saknas.")
        canonical = known.get(org.casefold())
        if canonical is None:
            raise ContentError(
                source,
                f"rad {row}: organisation",
                f"”{org}” finns inte bland kursens organisationer ({ORGANISATIONS_SOURCE}).",
            )
        rows_of[user] = row
        people.append(Participant(user, name, canonical))
    if not people:
        raise ContentError(source, "rad 2", "filen har inga deltagare, bara rubrikraden.")
    return people


def read_participants(path: Path | str) -> list[Participant]:
    """Read a participant list from a file (errors name the file as given)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(str(path), "fil", f"kan inte läsas ({exc.strerror or exc}).") from None
    return parse_participants(raw, path.name)


def groups_csv(grouping: Grouping) -> str:
    """``anvandare,grupp`` rows, by group and then user name."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_HEADER)
    for group in grouping.groups:
        for p in group.members:
            writer.writerow((p.anvandare, group.name))
    return out.getvalue()


def summary(grouping: Grouping, seed_given: bool = True) -> str:
    """A readable Swedish summary: the groups with their members and organisations, then the report."""
    sizes = sorted({g.size for g in grouping.groups})
    size_text = f"{sizes[0]}" if len(sizes) == 1 else f"{sizes[0]}–{sizes[-1]}"
    seed_text = f"slumpfrö {grouping.seed}" + ("" if seed_given else ", standard")
    lines = [
        f"{grouping.participants} deltagare i {len(grouping.groups)} grupper med {size_text} deltagare var "
        f"(högst {grouping.size}; {seed_text}).",
        "",
    ]
    for group in grouping.groups:
        lines.append(f"{group.name} ({group.size} deltagare)")
        for p in group.members:
            who = f"{p.namn} ({p.anvandare})" if p.namn else p.anvandare
            lines.append(f"  {who} – {p.organisation}")
        lines.append("")
    shortfalls = grouping.shortfalls()
    lines.append("Blandningen:")
    if shortfalls:
        lines.extend(f"  {line}" for line in shortfalls)
    else:
        lines.append("  Alla organisationer har högst en deltagare per grupp.")
    lines.extend(f"  {line}" for line in grouping.group_lines())
    return "\n".join(lines) + "\n"
