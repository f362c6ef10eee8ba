"""The benefit case as a Word document (beslutsunderlag) a manager can take to a decision meeting.

:func:`build_document` evaluates the case once (:func:`~widgets.benefit.decision.analyse`) and returns .docx
bytes: real heading styles (navigable, accessible), Word tables with a repeated header row, the charts as PNG
figures at print resolution with a caption and alternative text, Swedish set as the language of every style,
and the course, case and organisation in the document properties. python-docx and matplotlib are imported here,
never by the model: the app runs this module in a child process (``python -m widgets.benefit.word``), so a
participant's kernel never loads matplotlib.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .. import fmt
from ..wordfile import LANGUAGE, clean, set_language
from . import decision, figures, texts
from .decision import SECTIONS, Analysis, analyse
from .model import Case
from .report import PLAN_COLUMNS, SHORT_YEARLY, yearly_numeric
from .uncertainty import MonteCarlo

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.text.paragraph import Paragraph
    from matplotlib.figure import Figure


TORNADO_ROWS = 10
KEEP_TOGETHER = 15  # rows; longer tables may break across pages (their header row repeats)


#: Long words of the table headings with soft hyphens, so a narrow column breaks them where Swedish would.
HYPHENATED = {
    "Nettonuvärde": "Netto\u00adnuvärde",
    "Nyttokostnadskvot": "Nytto\u00adkostnads\u00adkvot",
    "återbetalningsår": "åter\u00adbetalnings\u00adår",
    "Ackumulerat": "Ackumu\u00adlerat",
    "Investering": "Inves\u00adtering",
    "Intressent": "Intres\u00adsent",
    "nyttoägare": "nytto\u00adägare",
    "Uppföljning": "Upp\u00adföljning",
    "Förutsättningar": "Förut\u00adsättningar",
    "Förutsättning": "Förut\u00adsättning",
}
_LONG_WORDS = re.compile("|".join(sorted(HYPHENATED, key=len, reverse=True)))


class _Writer:
    """Appends paragraphs, tables and figures to a python-docx document and numbers captions."""

    def __init__(self, document: Document, generated: dt.datetime) -> None:
        self.doc = document
        self.generated = generated
        self.figures = 0
        self.tables = 0

    def heading(self, text: str, level: int = 1) -> None:
        self.doc.add_heading(clean(text), level)

    def para(self, text: str, style: str | None = None, keep_with_next: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph(clean(text), style)
        paragraph.paragraph_format.keep_with_next = keep_with_next or None
        return paragraph

    def bullets(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.para(line, "List Bullet")

    def table(
        self,
        caption: str,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        numeric: frozenset[int] | set[int] = frozenset(),
    ) -> None:
        """A captioned Word table (column ``widths`` in cm); the header row repeats on every page and numeric
        columns align right."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        self.tables += 1
        self.para(f"Tabell {self.tables}. {caption}", "Caption", keep_with_next=True)
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.autofit = False
        header_row = OxmlElement("w:tblHeader")
        header_row.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(header_row)
        for _ in rows:
            table.add_row()
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Cm(width)  # the grid, which LibreOffice follows; Word follows each cell's width
        for r, (row, values) in enumerate(zip(table.rows, [header, *rows], strict=True)):
            for i, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
                cell.width = Cm(width)
                paragraph = cell.paragraphs[0]
                run = paragraph.add_run(
                    _LONG_WORDS.sub(lambda m: HYPHENATED[m.group()], clean(text)) if r == 0 else clean(text)
                )
                run.font.size = Pt(8)
                run.bold = r == 0
                if i in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r < len(rows) <= KEEP_TOGETHER:  # a short table stays on one page
                    paragraph.paragraph_format.keep_with_next = True
        self.doc.add_paragraph()

    def figure(self, figure: Figure, caption: str, alt: str, width_cm: float = 16.0) -> None:
        """A PNG figure with alternative text (``descr``) and a numbered caption below it."""
        from docx.shared import Cm

        self.figures += 1
        picture = figures.png(figure)
        figure.clear()
        shape = self.doc.add_picture(io.BytesIO(picture), width=Cm(width_cm))
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption below stays with it
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(alt))
        doc_pr.set("title", clean(caption))
        self.para(f"Figur {self.figures}. {caption}", "Caption")


def _properties(document: Document, case: Case, generated: dt.datetime) -> None:
    props = document.core_properties
    props.title = clean(f"Beslutsunderlag: {case.name}")
    props.subject = decision.COURSE
    props.author = clean(case.owner or case.organisation or decision.COURSE)
    props.last_modified_by = props.author
    props.category = clean(case.organisation)
    props.keywords = "nyttokalkyl; förändringsunderlag; nyttorealiseringsplan; beslutsunderlag"
    props.comments = clean(
        f"Beslutsunderlag från kursen {decision.COURSE}. Organisation: {case.organisation or decision.EMPTY}. "
        f"Förändringsägare: {case.owner or decision.EMPTY}."
    )
    props.language = LANGUAGE
    props.created = props.modified = generated.astimezone(dt.UTC).replace(tzinfo=None)
    props.revision = 1


def _page(section: Section, landscape: bool = False) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    short, long = Cm(21.0), Cm(29.7)  # A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0 if landscape else 2.5))


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in when the page is laid out (PAGE, NUMPAGES)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, props, size, text = (OxmlElement(tag) for tag in ("w:r", "w:rPr", "w:sz", "w:t"))
    size.set(qn("w:val"), "16")  # 8 pt, as the footer's text
    props.append(size)
    text.text = "1"
    run.extend((props, text))
    field.append(run)
    paragraph._p.append(field)


def _footer(section: Section, case: Case) -> None:
    """``Beslutsunderlag: … · sida 2 av 8`` on every page (later sections follow the first)."""
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    paragraph.add_run(clean(f"Beslutsunderlag: {case.name} · sida ")).font.size = Pt(8)
    _field(paragraph, "PAGE")
    paragraph.add_run(" av ").font.size = Pt(8)
    _field(paragraph, "NUMPAGES")


def _title(w: _Writer, a: Analysis) -> None:
    case = a.case
    w.doc.add_heading(clean(f"Beslutsunderlag: {case.name}"), 0)
    facts = [
        ("Organisation", case.organisation),
        ("Förändringsägare", case.owner),
        ("Alternativ som underlaget gäller", a.result.alternative),
        ("Skapat", fmt.date(w.generated.astimezone(ZoneInfo("Europe/Stockholm")).date())),
    ]
    w.para(" · ".join(f"{label}: {value}" for label, value in facts if value))
    w.heading(SECTIONS[0])
    w.bullets(decision.summary(a))


def _background(w: _Writer, a: Analysis) -> None:
    case = a.case
    w.heading(SECTIONS[1])
    w.para(case.description or "Kalkylen har ingen beskrivning av förändringen.")
    chosen = case.alternatives[a.index]
    if chosen.description:
        w.para(f"{chosen.name}: {chosen.description}")
    compared = "jämföra alternativen och " if len(case.alternatives) > 1 else ""
    w.para(
        f"Syftet är att {compared}visa om förändringens nyttor motiverar dess kostnader, i pengar och i det som "
        "inte värderas i pengar."
    )
    w.heading(SECTIONS[2])
    w.para(decision.zero_alternative_text(a))
    header = [
        "Alternativ",
        "Beskrivning",
        "Nettonuvärde",
        "Nyttokostnadskvot",
        "Diskonterat återbetalningsår",
    ]
    w.table(
        "Alternativen sida vid sida", header, decision.alternative_rows(a), [3.0, 4.4, 2.8, 2.8, 3.0], {2, 3}
    )


_NOT_VALUED = [3.5, 2.6, 2.7, 7.2]


def _benefits(w: _Writer, a: Analysis) -> None:
    w.heading(SECTIONS[3])
    w.para("Nyttor i pengar som nuvärde, efter kategori (Ineras kategorier) och intressent.")
    header, rows = decision.benefit_matrix(a)
    caption = "Nyttor per kategori och intressent (nuvärde)"
    widths = [3.0] + [13.0 / (len(header) - 1)] * (len(header) - 1)
    w.table(caption, header, rows, widths, set(range(1, len(header))))
    header = ["Nytta", "Kategori", "Intressent", "År", "Belopp per år (troligt)", "Nuvärde"]
    rows = decision.item_rows(a, texts.BENEFIT)
    w.table("Nyttor i pengar", header, rows, [3.6, 2.6, 2.7, 1.7, 2.7, 2.7], {4, 5})
    r = a.result
    caption = "Nyttor per år efter kategori och kostnader per år"
    w.figure(figures.benefits_figure(r), caption, figures.benefits_alt(r))
    w.heading("Nyttor som inte värderas i pengar", 2)
    rows = decision.non_monetary_rows(a, texts.BENEFIT)
    if rows:
        w.para("De här nyttorna ingår inte i nettonuvärdet men ska vägas in i beslutet.")
        header = ["Nytta", "Kategori", "Intressent", "Beskrivning"]
        w.table("Nyttor som inte värderas i pengar", header, rows, _NOT_VALUED)
    else:
        w.para("Alla nyttor i alternativet är värderade i pengar.")


def _costs(w: _Writer, a: Analysis) -> None:
    w.heading(SECTIONS[4])
    ob = a.case.optimism_bias
    if ob is not None:
        w.para(
            f"Kostnaderna för {ob.applies_to} är uppräknade med {fmt.percent(ob.uplift)} för optimism "
            f"(optimism bias): {ob.source}"
        )
    header = ["Kostnad", "Kategori", "Intressent", "År", "Investering", "Belopp per år (troligt)", "Nuvärde"]
    rows = decision.item_rows(a, texts.COST)
    w.table("Kostnader i pengar", header, rows, [2.6, 2.6, 2.7, 1.5, 1.9, 2.3, 2.4], {5, 6})
    rows = decision.non_monetary_rows(a, texts.COST)
    if rows:
        header = ["Kostnad", "Kategori", "Intressent", "Beskrivning"]
        w.table("Kostnader som inte värderas i pengar", header, rows, _NOT_VALUED)


def _key_figures(w: _Writer, a: Analysis) -> None:
    w.heading(SECTIONS[5])
    w.table("Nyckeltal", ["Nyckeltal", "Värde"], decision.key_figure_rows(a), [9.0, 7.0], {1})
    header, rows = decision.yearly_table(a)
    w.table("Resultat per år", header, rows, [1.5, *[2.9] * 5], yearly_numeric(SHORT_YEARLY))
    caption = "Nuvärde per år och ackumulerat nuvärde med återbetalningsåret"
    w.figure(figures.cumulative_figure(a.result), caption, figures.cumulative_alt(a.result))


def _uncertainty(w: _Writer, a: Analysis) -> None:
    w.heading(SECTIONS[6])
    if a.sweep.bars:
        w.heading("Känslighet (tornado)", 2)
        w.para(
            "Varje osäker post prövas från lågt till högt värde medan de andra står kvar på troligt värde. "
            "Posterna är ordnade efter hur mycket nettonuvärdet ändras."
        )
        header = ["Rang", "Post", "Lågt – högt värde", "Nettonuvärde lågt", "Nettonuvärde högt", "Skillnad"]
        rows = decision.tornado_rows(a, TORNADO_ROWS)
        caption = "Känslighet: nettonuvärdet med varje post på lågt och högt värde"
        w.table(caption, header, rows, [1.4, 4.0, 3.0, 2.5, 2.6, 2.5], {0, 3, 4, 5})
        caption = "Tornadodiagram: vad resultatet beror mest på"
        w.figure(figures.tornado_figure(a.sweep, TORNADO_ROWS), caption, figures.tornado_alt(a.sweep))
    else:
        w.para(
            "Kalkylen har inga osäkra poster (lågt och högt värde är lika), så ingen känslighetsanalys är gjord."
        )
    rows = decision.break_even_rows(a)
    if rows:
        w.heading("Brytpunkter", 2)
        caption = "Brytpunkter: värdet där nettonuvärdet blir 0 kr (övriga poster på troligt värde)"
        w.table(
            caption, ["Post", "Troligt värde", "Brytpunkt", "Ändring"], rows, [7.0, 3.2, 3.2, 2.6], {1, 2, 3}
        )
    w.heading("Monte Carlo-simulering", 2)
    if a.mc is None:
        w.para("Ingen Monte Carlo-simulering är körd för det här underlaget.")
        return
    rows = decision.monte_carlo_rows(a.mc)
    w.table("Monte Carlo-simulering av nettonuvärdet", ["Mått", "Värde"], rows, [9.0, 7.0], {1})
    caption = "Nettonuvärdet i Monte Carlo-simuleringen"
    w.figure(figures.monte_carlo_figure(a.mc), caption, figures.monte_carlo_alt(a.mc))


def _assumptions(w: _Writer, a: Analysis) -> None:
    w.heading(SECTIONS[7])
    header = ["Förutsättning", "Värde", "Källa"]
    w.table("Kalkylens förutsättningar", header, decision.premise_rows(a), [3.4, 4.2, 8.4])
    header = ["Post – indata", "Lågt", "Troligt", "Högt", "Källa eller antagande"]
    rows = decision.input_rows(a)
    w.table("Indata med källor och antaganden", header, rows, [4.6, 2.2, 2.2, 2.2, 4.8], {1, 2, 3})
    if a.case.sources:
        w.heading("Källor", 2)
        w.bullets(a.case.sources)


def _plan(w: _Writer, a: Analysis) -> None:
    _page(w.doc.add_section(), landscape=True)
    w.heading(SECTIONS[8])
    w.para(
        "Efter DIGG:s mall: för varje nytta vem som ansvarar, hur den mäts och när den följs upp. "
        f"Rutor med {decision.EMPTY} är inte ifyllda ännu."
    )
    header = list(PLAN_COLUMNS.values())
    w.table(
        "Nyttorealiseringsplan", header, decision.plan_rows(a), [3.1, 3.0, 3.0, 2.8, 2.8, 2.8, 2.4, 3.0, 2.8]
    )


_PARTS = (_title, _background, _benefits, _costs, _key_figures, _uncertainty, _assumptions, _plan)


def build_document(
    case: Case,
    alternative: int | str = 0,
    mc: MonteCarlo | None = None,
    *,
    generated: dt.datetime | None = None,
) -> bytes:
    """The decision document for one alternative of ``case`` (with ``mc`` when a simulation was run)."""
    from docx import Document

    generated = generated or dt.datetime.now(dt.UTC)
    document = Document()
    set_language(document)
    _properties(document, case, generated)
    _page(document.sections[0])
    _footer(document.sections[0], case)
    writer, analysis = _Writer(document, generated), analyse(case, alternative, mc)
    for part in _PARTS:
        part(writer, analysis)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> int:
    """Child-process entry: a JSON request on stdin (``case`` as :func:`~widgets.benefit.io.case_to_dict` gives
    it, ``alternative``, optional ``monte_carlo`` with ``draws``, ``seed``, ``distribution``), the .docx bytes on
    stdout. The case comes from the app's kernel, already validated, so it is rebuilt through the model's
    constructors without the schema (importing jsonschema costs more than drawing the figures). The seeded
    simulation is run again here, so its figures are the ones the app showed."""
    from .io import case_from_dict
    from .uncertainty import monte_carlo

    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    case = case_from_dict(request["case"], "kalkylen")
    alternative = int(request.get("alternative", 0))
    run = request.get("monte_carlo")
    mc = None
    if run:
        mc = monte_carlo(case, int(run["draws"]), run["seed"], run["distribution"], alternative)
    sys.stdout.buffer.write(build_document(case, alternative, mc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
