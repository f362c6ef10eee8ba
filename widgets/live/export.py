"""A poll's or a session's results for the teacher: an Excel workbook (pandas → openpyxl) and a Word summary with
charts (matplotlib, python-docx).

The teacher's kernel stays open for a whole workshop, running the live result watchers; pandas and matplotlib
would cost it a second or two to import and tens of megabytes it never gives back. So, as with the benefit
case's decision document (widgets/apps/nyttokalkyl/worddoc.py), :func:`export_file` sends the results as JSON to
``python -m widgets.live.export`` and gets the file's bytes back; the memory of the drawing is freed when the
child ends. :func:`excel_bytes` and :func:`word_bytes` build the files in the calling process (the child, the
tests); they import their libraries inside, so importing this module loads none of them."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import DomainError
from ..store.live import Results
from ..store.models import local
from ..wordfile import clean
from . import tables
from .codec import results_from_dict, results_to_dict
from .tables import COUNT, MEAN, SHARE, Table

if TYPE_CHECKING:
    from docx.document import Document
    from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME = {"xlsx": XLSX, "docx": DOCX}
SUMMARY_SHEET = "Sammanfattning"
NOTHING = "Det finns inga omröstningar att exportera."
FAILED = "Exporten kunde inte skapas. Försök igen om en stund."
TIMEOUT = 120  # seconds; an export takes a few, the first on a new server a few more (font cache)
NUMBER_FORMATS = {COUNT: "#,##0", SHARE: "0.0\\ %", MEAN: "0.0"}
_SHEET_INVALID = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MIN_WIDTH, MAX_WIDTH = 8, 60
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportFile:
    """A finished export: the file name to offer, its MIME type and its bytes."""

    name: str
    mime: str
    data: bytes


def _now(generated: dt.datetime | None) -> dt.datetime:
    return generated or dt.datetime.now(dt.UTC)


def _check(results: Sequence[Results]) -> None:
    if not results:
        raise DomainError("export", NOTHING)


# --- Excel ------------------------------------------------------------------------------------------------------


def sheet_names(results: Sequence[Results]) -> list[str]:
    """``1 Vilket verktyg använder ni …``: numbered (so unique), without the characters Excel refuses, ≤ 31."""
    names = []
    for number, r in enumerate(results, start=1):
        question = " ".join(_SHEET_INVALID.sub(" ", r.poll.question).split()).strip("'")
        names.append(f"{number} {question}"[:31].rstrip().rstrip("'"))
    return names


def _frame(table: Table) -> Any:
    import pandas as pd

    rows = [[clean(cell) if isinstance(cell, str) else cell for cell in row] for row in table.rows]
    frame = pd.DataFrame(rows, columns=table.header)
    for column in table.columns:
        if column.kind == COUNT:
            frame[column.label] = frame[column.label].astype("int64")
        elif column.kind in (SHARE, MEAN):
            frame[column.label] = frame[column.label].astype("float64")
    return frame


def _layout(ws: Worksheet, table: Table, header_row: int) -> None:
    """Number formats by column kind, readable widths (long text wraps), the header frozen."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        texts = [column.label, *(tables.cell_text(row[index - 1], column.kind) for row in table.rows)]
        longest = max(len(line) for text in texts for line in str(text).split("\n"))
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        if index == 1:
            width = max(width, 18)  # the facts' labels above the table stand in column A
        ws.column_dimensions[letter].width = width
        number_format = NUMBER_FORMATS.get(column.kind)
        for row in range(header_row + 1, header_row + 1 + len(table.rows)):
            cell = ws.cell(row, index)
            if number_format:
                cell.number_format = number_format
            elif longest + 2 > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(header_row + 1, 1)


def _literal_text(ws: Worksheet) -> None:
    """Text that starts with ``=`` is the participant's text, not a formula Excel should run."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def excel_bytes(
    results: Sequence[Results],
    title: str,
    *,
    include_hidden: bool = False,
    generated: dt.datetime | None = None,
) -> bytes:
    """The workbook: ``Sammanfattning`` (one row per poll) and one sheet per poll with its facts and table."""
    import pandas as pd
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    _check(results)
    generated = _now(generated)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        summary = tables.summary(results)
        start = 3  # title, export time, blank row
        _frame(summary).to_excel(writer, sheet_name=SUMMARY_SHEET, index=False, startrow=start)
        ws = writer.sheets[SUMMARY_SHEET]
        ws["A1"] = clean(title)
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = f"Exporterad {tables.moment_text(generated)}"
        _layout(ws, summary, start + 1)
        names = sheet_names(results)
        for row, name in enumerate(names, start=start + 2):  # each question leads to its sheet
            question = ws.cell(row, 2)
            quoted = name.replace("'", "''")
            question.hyperlink = Hyperlink(ref=question.coordinate, location=f"'{quoted}'!A1")
            question.style = "Hyperlink"
        for r, name in zip(results, names, strict=True):
            detail = tables.detail(r, include_hidden)
            start = 3 + len(detail.facts)
            _frame(detail.table).to_excel(writer, sheet_name=name, index=False, startrow=start)
            ws = writer.sheets[name]
            ws["A1"] = clean(r.poll.question)
            ws["A1"].font = Font(bold=True, size=12)
            ws["A2"] = clean(tables.facts_line(detail))
            for offset, fact in enumerate(detail.facts):
                ws.cell(3 + offset, 1, fact.label).font = Font(bold=True)
                value = ws.cell(3 + offset, 2, fact.value)
                value.number_format = NUMBER_FORMATS[fact.kind]
            _layout(ws, detail.table, start + 1)
        for sheet in writer.book.worksheets:
            _literal_text(sheet)
        props = writer.book.properties
        props.title = clean(title)
        props.creator = ""
        props.language = "sv-SE"
    return buffer.getvalue()


# --- Word -------------------------------------------------------------------------------------------------------


class _Writer:
    """Tables and figures with numbered captions; header rows repeat and number columns align right."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.tables = 0
        self.figures = 0

    def para(self, text: str, style: str | None = None, keep_with_next: bool = False) -> None:
        paragraph = self.doc.add_paragraph(clean(text), style)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True

    def table(self, caption: str, header: list[str], rows: list[list[str]], numeric: set[int]) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.tables += 1
        self.para(f"Tabell {self.tables}. {caption}", "Caption", keep_with_next=True)
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        table.autofit = False
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
        narrow = 2.4
        wide = (16.0 - narrow * len(numeric)) / max(1, len(header) - len(numeric))
        widths = [narrow if i in numeric else wide for i in range(len(header))]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)
        for r, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for i, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                cell.width = Cm(widths[i])
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(clean(text))
                run.font.size = Pt(9)
                run.bold = r == 0
                if i in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()

    def figure(self, picture: bytes, caption: str, alt: str) -> None:
        """A PNG with alternative text (``descr``) and a numbered caption below it."""
        from docx.shared import Cm

        self.figures += 1
        shape = self.doc.add_picture(io.BytesIO(picture), width=Cm(15.0))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(alt))
        doc_pr.set("title", clean(caption))
        self.para(f"Figur {self.figures}. {caption}", "Caption")


def _numeric(table: Table) -> set[int]:
    return {i for i, column in enumerate(table.columns) if column.kind in (COUNT, SHARE, MEAN)}


_SUMMARY_WORD = ("Nr", "Fråga", "Typ", "Grupp", "Anonym", "Svarande")

_CAPTIONS = {
    "choice": "Svar per alternativ",
    "scale": "Svar per steg på skalan",
    "words": "Orden i ordmolnet",
    "open": "Svaren",
    "qa": "Frågorna, flest röster först",
}
_NONE = {
    "choice": "Inga svar ännu.",
    "scale": "Inga svar ännu.",
    "words": "Inga ord ännu.",
    "open": "Inga svar att visa.",
    "qa": "Inga frågor att visa.",
}


def _page(document: Document) -> None:
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))


def word_bytes(
    results: Sequence[Results],
    title: str,
    *,
    include_hidden: bool = False,
    generated: dt.datetime | None = None,
) -> bytes:
    """The summary: title and date, a table of the polls, then per poll its facts, a bar chart with a text
    alternative (choice, scale, words) and a table of the numbers (Q&A by upvotes)."""
    from ..wordfile import new_document
    from . import charts

    _check(results)
    generated = _now(generated)
    document = new_document(title, generated)
    _page(document)
    w = _Writer(document)
    document.add_heading(clean(title), 0)
    count = "1 omröstning" if len(results) == 1 else f"{len(results)} omröstningar"
    w.para(f"Exporterad {tables.moment_text(generated)} · {count}")
    document.add_heading("Sammanfattning", 1)
    summary = tables.summary(results)
    keep = [summary.header.index(label) for label in _SUMMARY_WORD]
    header = [summary.header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in summary.text_rows()]
    numeric = {keep.index(i) for i in _numeric(summary) if i in keep}
    w.table("Omröstningarna", header, rows, numeric)
    for number, r in enumerate(results, start=1):
        detail = tables.detail(r, include_hidden)
        document.add_heading(clean(f"{number}. {r.poll.question}"), 1)
        w.para(tables.facts_line(detail))
        w.para(" · ".join(fact.text for fact in detail.facts))
        if charts.has_chart(r) and r.respondents:
            w.figure(charts.png(charts.chart(r)), _CAPTIONS[r.poll.kind], charts.alt_text(r))
        if detail.table.rows:
            caption = _CAPTIONS[r.poll.kind]
            w.table(caption, detail.table.header, detail.table.text_rows(), _numeric(detail.table))
        else:
            w.para(_NONE[r.poll.kind])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the child process ------------------------------------------------------------------------------------------

_BUILDERS = {"xlsx": excel_bytes, "docx": word_bytes}


def request(
    kind: str, results: Sequence[Results], title: str, include_hidden: bool, generated: dt.datetime
) -> dict[str, Any]:
    return {
        "format": kind,
        "title": title,
        "include_hidden": include_hidden,
        "generated": generated.isoformat(),
        "results": [results_to_dict(r) for r in results],
    }


def export_file(
    kind: str,
    results: Sequence[Results],
    title: str,
    *,
    include_hidden: bool = False,
    generated: dt.datetime | None = None,
) -> ExportFile:
    """The ``"xlsx"`` or ``"docx"`` file, built in ``python -m widgets.live.export``; a failure is a Swedish
    :class:`~widgets.errors.DomainError` (field ``"export"``)."""
    if kind not in MIME:
        raise ValueError(f"unknown export format {kind!r}")
    _check(results)
    generated = _now(generated)
    payload = json.dumps(request(kind, results, title, include_hidden, generated), ensure_ascii=False)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "widgets.live.export"],
            input=payload.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("poll export child failed: %s", exc)
        raise DomainError("export", FAILED) from None
    if done.returncode != 0 or not done.stdout.startswith(b"PK"):
        log.warning("poll export child exited %s: %s", done.returncode, done.stderr.decode(errors="replace"))
        raise DomainError("export", FAILED)
    today = local(generated).date()
    return ExportFile(tables.file_name(results, kind, today), MIME[kind], done.stdout)


def main() -> int:
    """Child-process entry: the request of :func:`request` as JSON on stdin, the file's bytes on stdout."""
    data = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    build = _BUILDERS[data["format"]]
    results = [results_from_dict(r) for r in data["results"]]
    generated = dt.datetime.fromisoformat(data["generated"])
    sys.stdout.buffer.write(
        build(results, str(data["title"]), include_hidden=bool(data["include_hidden"]), generated=generated)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
