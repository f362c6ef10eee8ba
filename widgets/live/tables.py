"""A poll's results as plain rows for the teacher's exports: one summary row per poll and, per poll, its details.

Cells keep their type (``int`` counts, ``float`` shares and means, ``str`` text, ``None`` for nothing) so the
workbook stores numbers as numbers; :func:`cell_text` writes a cell in Swedish format (widgets/fmt.py) for the
Word summary. An anonymous poll never gets an author column, whatever the results carry. No pandas here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import fmt
from ..store.live import Poll, Results
from ..store.models import local

KIND_LABELS = {
    "choice": "Flerval",
    "scale": "Skala",
    "words": "Ordmoln",
    "open": "Öppen fråga",
    "qa": "Frågor (Q&A)",
}
STATE_LABELS = {"open": "Öppen", "closed": "Stängd"}
WHOLE_SESSION = "Alla"
HIDDEN = "dold av läraren"
EMPTY = "–"

# Column kinds: how a cell is stored and shown.
TEXT, COUNT, SHARE, MEAN = "text", "count", "share", "mean"

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def header(self) -> list[str]:
        return [column.label for column in self.columns]

    def text_rows(self) -> list[list[str]]:
        """Every cell in Swedish format, for a Word table."""
        return [
            [cell_text(cell, column.kind) for cell, column in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]


@dataclass(frozen=True)
class Fact:
    """A key figure shown above a poll's table (``Svarande``, ``Medelvärde``)."""

    label: str
    value: Cell
    kind: str = COUNT

    @property
    def text(self) -> str:
        return f"{self.label}: {cell_text(self.value, self.kind)}"


@dataclass(frozen=True)
class Detail:
    """One poll's results: its facts and its table (options, steps, words, answers or questions)."""

    results: Results
    facts: tuple[Fact, ...]
    table: Table

    @property
    def poll(self) -> Poll:
        return self.results.poll


SUMMARY_COLUMNS = (
    Column("Nr", COUNT),
    Column("Fråga"),
    Column("Typ"),
    Column("Anonym"),
    Column("Grupp"),
    Column("Status"),
    Column("Resultat visade"),
    Column("Svarande", COUNT),
    Column("Skapad"),
)


def cell_text(value: Cell, kind: str = TEXT) -> str:
    """A cell as Swedish text: ``1 234``, ``33,3 %``, ``3,4``; nothing is ``–``."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, str):
        return value
    if kind == SHARE:
        return fmt.percent(value)
    if kind == MEAN:
        return fmt.number(value, 1)
    return fmt.number(value)


def yes_no(value: bool) -> str:
    return "Ja" if value else "Nej"


def moment_text(moment: dt.datetime) -> str:
    """``2 december 2026 kl. 10.15`` in Swedish time (a naive time is taken as UTC)."""
    return fmt.moment(moment)


def summary_row(number: int, results: Results) -> tuple[Cell, ...]:
    poll = results.poll
    return (
        number,
        poll.question,
        KIND_LABELS.get(poll.kind, poll.kind),
        yes_no(poll.anonymous),
        poll.group or WHOLE_SESSION,
        STATE_LABELS.get(poll.state, poll.state),
        yes_no(poll.revealed),
        results.respondents,
        moment_text(poll.created),
    )


def summary(results: Sequence[Results]) -> Table:
    """One row per poll, numbered in the order given."""
    return Table(SUMMARY_COLUMNS, tuple(summary_row(n, r) for n, r in enumerate(results, start=1)))


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def _choice(results: Results) -> Table:
    order = list(dict.fromkeys([*results.poll.options, *results.counts]))
    total = sum(results.counts.values())
    rows = tuple(
        (option, results.counts.get(option, 0), _share(results.counts.get(option, 0), total))
        for option in order
    )
    return Table((Column("Alternativ"), Column("Antal", COUNT), Column("Andel", SHARE)), rows)


def scale_steps(results: Results) -> list[tuple[int, str]]:
    """The scale's steps low to high with their labels (the ends' labels, else nothing)."""
    scale = results.poll.scale
    if scale is None:
        steps = sorted(int(key) for key in results.counts)
        return [(step, "") for step in steps]
    labels = {scale.min: scale.min_label, scale.max: scale.max_label}
    return [(step, labels.get(step, "")) for step in range(scale.min, scale.max + 1)]


def _scale(results: Results) -> Table:
    total = sum(results.counts.values())
    rows = tuple(
        (
            step,
            label or None,
            results.counts.get(str(step), 0),
            _share(results.counts.get(str(step), 0), total),
        )
        for step, label in scale_steps(results)
    )
    columns = (Column("Steg", COUNT), Column("Betydelse"), Column("Antal", COUNT), Column("Andel", SHARE))
    return Table(columns, rows)


def _words(results: Results) -> Table:
    return Table((Column("Ord"), Column("Antal", COUNT)), tuple((word, n) for word, n in results.words))


def _named(poll: Poll) -> bool:
    return not poll.anonymous


def _open(results: Results, include_hidden: bool) -> Table:
    named = _named(results.poll)
    columns = [Column("Nr", COUNT), Column("Svar")]
    columns += [Column("Författare")] if named else []
    columns += [Column("Anmärkning")] if include_hidden else []
    rows = []
    shown = [a for a in results.answers if include_hidden or not a.hidden]
    for number, answer in enumerate(shown, start=1):
        row: list[Cell] = [number, answer.text]
        row += [answer.author] if named else []
        row += [HIDDEN if answer.hidden else None] if include_hidden else []
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def _qa(results: Results, include_hidden: bool) -> Table:
    named = _named(results.poll)
    columns = [Column("Röster", COUNT), Column("Fråga")]
    columns += [Column("Författare")] if named else []
    columns += [Column("Anmärkning")] if include_hidden else []
    shown = [q for q in results.questions if include_hidden or not q.hidden]
    rows = []
    for question in sorted(shown, key=lambda q: (-q.upvotes, q.id)):
        row: list[Cell] = [question.upvotes, question.text]
        row += [question.author] if named else []
        row += [HIDDEN if question.hidden else None] if include_hidden else []
        rows.append(tuple(row))
    return Table(tuple(columns), tuple(rows))


def _facts(results: Results) -> list[Fact]:
    poll = results.poll
    facts = [Fact("Svarande", results.respondents)]
    if poll.kind == "scale":
        facts.append(Fact("Medelvärde", results.mean, MEAN))
    elif poll.kind == "words":
        facts.append(Fact("Olika ord", len(results.words)))
    elif poll.kind == "open":
        hidden = sum(a.hidden for a in results.answers)
        facts.append(Fact("Svar", len(results.answers) - hidden))
        if hidden:
            facts.append(Fact("Dolda av läraren", hidden))
    elif poll.kind == "qa":
        hidden = sum(q.hidden for q in results.questions)
        facts.append(Fact("Frågor", len(results.questions) - hidden))
        facts.append(Fact("Röster", sum(q.upvotes for q in results.questions if not q.hidden)))
        if hidden:
            facts.append(Fact("Dolda av läraren", hidden))
    return facts


def detail(results: Results, include_hidden: bool = False) -> Detail:
    """A poll's facts and table. Hidden answers and questions are left out unless ``include_hidden``, and then
    marked "dold av läraren"."""
    kind = results.poll.kind
    if kind == "choice":
        table = _choice(results)
    elif kind == "scale":
        table = _scale(results)
    elif kind == "words":
        table = _words(results)
    elif kind == "open":
        table = _open(results, include_hidden)
    elif kind == "qa":
        table = _qa(results, include_hidden)
    else:
        raise ValueError(f"unknown poll kind {kind!r}")
    return Detail(results, tuple(_facts(results)), table)


def facts_line(detail: Detail) -> str:
    """``Flerval · anonym · Alla · Stängd · skapad 2 december 2026 kl. 10.15``."""
    poll = detail.poll
    parts = [
        KIND_LABELS.get(poll.kind, poll.kind),
        "anonym" if poll.anonymous else "med namn",
        f"grupp: {poll.group}" if poll.group else "hela sessionen",
        STATE_LABELS.get(poll.state, poll.state).lower(),
        f"skapad {moment_text(poll.created)}",
    ]
    return " · ".join(parts)


def _today() -> dt.date:
    return local(dt.datetime.now(dt.UTC)).date()


def default_title(results: Sequence[Results], today: dt.date | None = None) -> str:
    """``Omröstning: Vilket verktyg …?`` for one poll, ``Omröstningar 2 december 2026`` for several."""
    if len(results) == 1:
        return f"Omröstning: {results[0].poll.question}"
    return f"Omröstningar {fmt.date(today or _today())}"


def _slug(text: str, limit: int = 40) -> str:
    table = str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")
    slug = re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
    return slug[:limit].rstrip("-")


def file_name(results: Sequence[Results], suffix: str, today: dt.date | None = None) -> str:
    """``omrostningar-2026-12-02.xlsx`` for a session, ``omrostning-vilket-verktyg-2026-12-02.docx`` for one poll
    (the date is today's in Swedish time)."""
    today = today or _today()
    if len(results) == 1:
        slug = _slug(results[0].poll.question)
        stem = f"omrostning-{slug}" if slug else "omrostning"
    else:
        stem = "omrostningar"
    return f"{stem}-{today.isoformat()}.{suffix}"
