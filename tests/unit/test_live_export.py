"""The teacher's export of live polls: plain rows, the Excel workbook and the Word summary, and that neither pandas
nor matplotlib is loaded by importing the export or by exporting from a kernel (the child process draws)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest

from widgets.errors import DomainError
from widgets.live import export, tables
from widgets.live.codec import results_from_dict, results_to_dict
from widgets.store.live import Poll, PollAnswer, Question, Results, Scale

CREATED = dt.datetime(2026, 12, 2, 9, 5, tzinfo=dt.UTC)  # 10.05 in Stockholm
GENERATED = dt.datetime(2026, 12, 2, 11, 30, tzinfo=dt.UTC)
TITLE = "Workshop: digital förändring i kommunen"


def poll(pid: int, kind: str, question: str, **kw) -> Poll:
    defaults = {
        "options": (),
        "scale": None,
        "anonymous": False,
        "group": None,
        "module": "modul1",
        "source": None,
        "session": "2026-12-02",
        "filter": (),
        "state": "closed",
        "revealed": True,
        "created": CREATED + dt.timedelta(minutes=pid),
        "created_by": "larare1",
        "version": 7,
    }
    return Poll(id=pid, kind=kind, question=question, **{**defaults, **kw})


def results(p: Poll, respondents: int, **kw) -> Results:
    defaults = {"counts": {}, "mean": None, "words": (), "answers": (), "questions": ()}
    return Results(poll=p, version=p.version, respondents=respondents, **{**defaults, **kw})


CHOICE = results(
    poll(1, "choice", "Vilket verktyg använder ni för e-tjänster?",
         options=("Egen utveckling", "Upphandlad plattform", "<b>Vet inte</b> & annat"), anonymous=True),
    12,
    counts={"Egen utveckling": 3, "Upphandlad plattform": 7, "<b>Vet inte</b> & annat": 2},
)  # fmt: skip
SCALE = results(
    poll(2, "scale", "Hur väl förberedd är er förvaltning? [1–5]", scale=Scale(1, 5, "Inte alls", "Helt"),
         group="grupp-3"),
    9,
    counts={"1": 1, "2": 2, "3": 3, "4": 2, "5": 1},
    mean=3.0,
)  # fmt: skip
WORDS = results(
    poll(3, "words", "Ett ord om digitalisering", anonymous=True, filter=("dum",)),
    10,
    words=(("samverkan", 5), ("trygghet", 3), ("$kostnad$", 1), ("åäö", 1)),
)
OPEN = results(
    poll(4, "open", "Vad är er största utmaning?"),
    3,
    answers=(
        PollAnswer(1, "Att få med <script>alert(1)</script> chefer & medarbetare", False, "anna"),
        PollAnswer(2, '=HYPERLINK("http://example.com")', False, "bertil"),
        PollAnswer(3, "Något olämpligt", True, "cecilia"),
    ),
)
ANON_OPEN = results(
    poll(5, "open", "Vad oroar dig? (anonymt)", anonymous=True),
    2,
    answers=(
        PollAnswer(1, "Budgeten", False, "smygare"),
        PollAnswer(2, "Tid", True, None),
        PollAnswer(3, "Klockan\x07 ringer", False, None),  # a control character XML cannot hold
    ),
)
QA = results(
    poll(6, "qa", "Frågor till föreläsaren", state="open", revealed=False),
    4,
    questions=(
        Question(1, "Hur gör vi med GDPR?", 2, False, "anna", False),
        Question(2, "Vad kostar det per invånare?", 5, False, "bertil", False),
        Question(3, "Dold fråga", 9, True, "david", False),
    ),
)
ALL = [CHOICE, SCALE, WORDS, OPEN, ANON_OPEN, QA]


# --- rows -------------------------------------------------------------------------------------------------------


def test_the_summary_has_one_row_per_poll_in_swedish():
    table = tables.summary(ALL)
    assert table.header == ["Nr", "Fråga", "Typ", "Anonym", "Grupp", "Status", "Resultat visade", "Svarande",
                            "Skapad"]  # fmt: skip
    first, second = table.rows[0], table.rows[1]
    assert first == (1, CHOICE.poll.question, "Flerval", "Ja", "Alla", "Stängd", "Ja", 12,
                     "2 december 2026 kl. 10.06")  # fmt: skip
    assert second[2:5] == ("Skala", "Nej", "grupp-3")
    assert [row[2] for row in table.rows] == ["Flerval", "Skala", "Ordmoln", "Öppen fråga", "Öppen fråga",
                                              "Frågor (Q&A)"]  # fmt: skip
    assert table.rows[5][5:7] == ("Öppen", "Nej")


def test_choice_rows_hold_every_option_with_count_and_share():
    detail = tables.detail(CHOICE)
    assert detail.table.header == ["Alternativ", "Antal", "Andel"]
    assert detail.table.rows[1] == ("Upphandlad plattform", 7, 7 / 12)
    assert detail.table.text_rows()[1] == ["Upphandlad plattform", "7", "58,3\u00a0%"]
    assert detail.facts[0].text == "Svarande: 12"


def test_a_poll_nobody_answered_has_no_share_rather_than_a_zero_division():
    empty = results(poll(9, "choice", "Tom?", options=("A", "B")), 0, counts={"A": 0, "B": 0})
    rows = tables.detail(empty).table
    assert rows.rows == (("A", 0, None), ("B", 0, None))
    assert rows.text_rows()[0] == ["A", "0", "–"]


def test_scale_rows_are_every_step_with_the_end_labels_and_the_mean():
    detail = tables.detail(SCALE)
    assert [row[:3] for row in detail.table.rows] == [(1, "Inte alls", 1), (2, None, 2), (3, None, 3),
                                                      (4, None, 2), (5, "Helt", 1)]  # fmt: skip
    assert [f.text for f in detail.facts] == ["Svarande: 9", "Medelvärde: 3,0"]


def test_word_cloud_rows_are_words_and_counts_most_frequent_first():
    detail = tables.detail(WORDS)
    assert detail.table.rows[:2] == (("samverkan", 5), ("trygghet", 3))
    assert "Olika ord: 4" in [f.text for f in detail.facts]


def test_hidden_answers_are_left_out_unless_asked_for_and_then_marked():
    shown = tables.detail(OPEN).table
    assert shown.header == ["Nr", "Svar", "Författare"]
    assert [row[1] for row in shown.rows] == [OPEN.answers[0].text, OPEN.answers[1].text]
    everything = tables.detail(OPEN, include_hidden=True).table
    assert everything.header == ["Nr", "Svar", "Författare", "Anmärkning"]
    assert everything.rows[2] == (3, "Något olämpligt", "cecilia", "dold av läraren")
    assert everything.rows[0][3] is None


def test_an_anonymous_poll_never_shows_an_author_even_when_the_results_carry_one():
    for include_hidden in (False, True):
        table = tables.detail(ANON_OPEN, include_hidden=include_hidden).table
        assert "Författare" not in table.header
        assert all("smygare" not in str(cell) for row in table.rows for cell in row)


def test_questions_are_sorted_by_upvotes_and_hidden_ones_left_out():
    detail = tables.detail(QA)
    assert detail.table.header == ["Röster", "Fråga", "Författare"]
    assert [row[:2] for row in detail.table.rows] == [(5, "Vad kostar det per invånare?"),
                                                      (2, "Hur gör vi med GDPR?")]  # fmt: skip
    assert [f.text for f in detail.facts] == ["Svarande: 4", "Frågor: 2", "Röster: 7", "Dolda av läraren: 1"]
    assert tables.detail(QA, include_hidden=True).table.rows[0][:2] == (9, "Dold fråga")


def test_file_names_follow_the_course_style():
    day = dt.date(2026, 12, 2)
    assert tables.file_name(ALL, "xlsx", day) == "omrostningar-2026-12-02.xlsx"
    assert (
        tables.file_name([SCALE], "docx", day)
        == "omrostning-hur-val-forberedd-ar-er-forvaltning-1-5-2026-12-02.docx"
    )
    assert re.fullmatch(r"omrostningar-\d{4}-\d{2}-\d{2}\.xlsx", tables.file_name(ALL, "xlsx"))


def test_a_default_title_names_the_poll_or_the_day():
    assert tables.default_title([CHOICE]) == "Omröstning: Vilket verktyg använder ni för e-tjänster?"
    assert tables.default_title(ALL, dt.date(2026, 12, 2)) == "Omröstningar 2 december 2026"


def test_results_survive_the_trip_to_the_child_and_an_anonymous_poll_loses_any_author():
    for r in ALL:
        back = results_from_dict(results_to_dict(r))
        if r.poll.anonymous:
            assert all(a.author is None for a in back.answers)
            assert back.answers == tuple(a.__class__(a.id, a.text, a.hidden, None) for a in r.answers)
        else:
            assert back == r


# --- Excel ------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook():
    from openpyxl import load_workbook

    data = export.excel_bytes(ALL, TITLE, generated=GENERATED)
    return load_workbook(io.BytesIO(data)), data


def _rows(ws, first: int):
    return [list(row) for row in ws.iter_rows(min_row=first, values_only=True)]


def test_the_workbook_has_a_summary_and_one_sheet_per_poll_with_unique_short_names(workbook):
    wb, _ = workbook
    names = wb.sheetnames
    assert names[0] == "Sammanfattning"
    assert len(names) == 1 + len(ALL)
    assert len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) for n in names)
    assert names[2].startswith("2 Hur väl förberedd")


def test_a_question_with_characters_excel_refuses_in_sheet_names_still_gets_a_sheet():
    from openpyxl import load_workbook

    odd = results(poll(7, "choice", "'AI/ML' [pilot]: bra*? Ja\\nej'", options=("Ja", "Nej")), 1,
                  counts={"Ja": 1, "Nej": 0})  # fmt: skip
    names = export.sheet_names([odd, CHOICE])
    assert names == ["1 AI ML' pilot bra Ja nej", "2 Vilket verktyg använder ni fö"]
    wb = load_workbook(io.BytesIO(export.excel_bytes([odd, CHOICE], TITLE)))
    assert wb.sheetnames[1:] == names
    assert wb["Sammanfattning"]["B5"].hyperlink.location == "'1 AI ML'' pilot bra Ja nej'!A1"


def test_the_summary_sheet_has_swedish_headers_and_numbers_as_numbers(workbook):
    wb, _ = workbook
    ws = wb["Sammanfattning"]
    assert ws["A1"].value == TITLE
    assert ws["A2"].value == "Exporterad 2 december 2026 kl. 12.30"
    header, *rows = _rows(ws, 4)
    assert header == [
        "Nr",
        "Fråga",
        "Typ",
        "Anonym",
        "Grupp",
        "Status",
        "Resultat visade",
        "Svarande",
        "Skapad",
    ]
    assert rows[0][:3] == [1, CHOICE.poll.question, "Flerval"]
    assert ws.cell(5, 8).value == 12 and ws.cell(5, 8).data_type == "n"
    assert ws.freeze_panes == "A5"
    assert ws.column_dimensions["B"].width >= len(CHOICE.poll.question)
    links = [ws.cell(row, 2).hyperlink.location for row in range(5, 5 + len(ALL))]
    assert links == [f"'{name}'!A1" for name in wb.sheetnames[1:]]


def test_a_choice_sheet_has_counts_and_shares_as_numbers_with_a_percent_format(workbook):
    wb, _ = workbook
    ws = wb[wb.sheetnames[1]]
    assert ws["A1"].value == CHOICE.poll.question
    assert ws["A3"].value == "Svarande" and ws["B3"].value == 12
    header, *rows = _rows(ws, 5)
    assert header == ["Alternativ", "Antal", "Andel"]
    assert rows[2] == ["<b>Vet inte</b> & annat", 2, pytest.approx(2 / 12)]
    assert ws.cell(6, 3).number_format.endswith("%")


def test_the_scale_sheet_has_the_mean_and_every_step(workbook):
    wb, _ = workbook
    ws = wb[wb.sheetnames[2]]
    assert (ws["A4"].value, ws["B4"].value) == ("Medelvärde", 3.0)
    header, *rows = _rows(ws, 6)
    assert header == ["Steg", "Betydelse", "Antal", "Andel"]
    assert [r[0] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0][:3] == [1, "Inte alls", 1]


def test_text_that_looks_like_a_formula_stays_text_and_html_is_kept_as_written(workbook):
    wb, _ = workbook
    ws = wb[wb.sheetnames[4]]
    assert [ws.cell(r, 1).value for r in (3, 4, 5)] == ["Svarande", "Svar", "Dolda av läraren"]
    header, *rows = _rows(ws, 7)
    assert header == ["Nr", "Svar", "Författare"]
    assert rows[0][1] == OPEN.answers[0].text
    assert rows[1][1] == '=HYPERLINK("http://example.com")'
    assert ws.cell(9, 2).data_type == "s"
    assert "Något olämpligt" not in [r[1] for r in rows]


def test_no_author_appears_anywhere_in_an_anonymous_polls_sheet(workbook):
    wb, _ = workbook
    ws = wb[wb.sheetnames[5]]
    cells = [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    assert "Författare" not in cells and "smygare" not in cells
    assert "Klockan ringer" in cells


def test_hidden_answers_come_with_a_mark_when_asked_for():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.excel_bytes([OPEN], TITLE, include_hidden=True)))
    header, *rows = _rows(wb[wb.sheetnames[1]], 7)
    assert header[-1] == "Anmärkning"
    assert rows[2][1:] == ["Något olämpligt", "cecilia", "dold av läraren"]


def test_nothing_to_export_is_a_swedish_message():
    with pytest.raises(DomainError, match="inga omröstningar"):
        export.excel_bytes([], TITLE)
    with pytest.raises(DomainError, match="inga omröstningar"):
        export.export_file("docx", [], TITLE)


# --- Word -------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document():
    from docx import Document

    data = export.word_bytes(ALL, TITLE, generated=GENERATED)
    return Document(io.BytesIO(data)), data


def _pictures(doc):
    ns = {"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    return doc.element.body.findall(".//wp:docPr", ns)


def test_the_summary_has_a_title_the_date_and_a_heading_per_poll(document):
    doc, _ = document
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", TITLE)
    assert ("Heading 1", "Sammanfattning") in headings
    assert [t for s, t in headings if s == "Heading 1"][1:] == [f"{n}. {r.poll.question}" for n, r in
                                                                 enumerate(ALL, start=1)]  # fmt: skip
    texts = [p.text for p in doc.paragraphs]
    assert "Exporterad 2 december 2026 kl. 12.30 · 6 omröstningar" in texts
    assert doc.core_properties.title == TITLE and doc.core_properties.language == "sv-SE"


def test_choice_scale_and_words_have_a_chart_with_alternative_text(document):
    doc, _ = document
    pictures = _pictures(doc)
    assert len(pictures) == 3
    alts = [p.get("descr") for p in pictures]
    assert alts[0].startswith("Stapeldiagram: antal svar per alternativ")
    assert "Upphandlad plattform: 7 (58,3\u00a0%)" in alts[0]
    assert "Medelvärde 3,0" in alts[1]
    assert "samverkan 5" in alts[2] and "$kostnad$ 1" in alts[2]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("Figur")]
    assert captions == ["Figur 1. Svar per alternativ", "Figur 2. Svar per steg på skalan",
                        "Figur 3. Orden i ordmolnet"]  # fmt: skip


def test_the_tables_hold_the_numbers_in_swedish_format(document):
    doc, _ = document
    cells = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert cells[0] == ["Nr", "Fråga", "Typ", "Grupp", "Anonym", "Svarande"]
    assert cells[1] == ["1", CHOICE.poll.question, "Flerval", "Alla", "Ja", "12"]
    choice = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert choice[2] == ["Upphandlad plattform", "7", "58,3\u00a0%"]
    qa = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert qa == [["Röster", "Fråga", "Författare"], ["5", "Vad kostar det per invånare?", "bertil"],
                  ["2", "Hur gör vi med GDPR?", "anna"]]  # fmt: skip


def test_the_word_file_keeps_html_as_text_and_hides_hidden_and_anonymous_authors(document):
    doc, data = document
    text = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "<script>alert(1)</script>" in text
    assert "Något olämpligt" not in text and "Dold fråga" not in text
    assert "smygare" not in text
    assert "Klockan ringer" in text
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in xml  # escaped in the XML, not markup


def test_an_empty_poll_says_so_instead_of_an_empty_chart():
    from docx import Document

    empty = results(poll(9, "choice", "Tom?", options=("A", "B")), 0, counts={"A": 0, "B": 0})
    none = results(poll(10, "qa", "Inga frågor?"), 0)
    doc = Document(io.BytesIO(export.word_bytes([empty, none], TITLE)))
    assert not _pictures(doc)
    assert "Inga frågor att visa." in [p.text for p in doc.paragraphs]
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(export.excel_bytes([empty, none], TITLE)))
    ws = wb[wb.sheetnames[2]]
    assert [c.value for c in ws[7]] == ["Röster", "Fråga", "Författare"]  # below three facts
    assert ws.max_row == 7


# --- in a child process, and what a kernel loads ------------------------------------------------------------------


HEAVY = {"pandas", "matplotlib", "openpyxl", "docx"}


def test_importing_the_export_modules_loads_neither_pandas_nor_matplotlib(packages_loaded_by):
    loaded = packages_loaded_by(
        "import widgets.live, widgets.live.tables, widgets.live.export, widgets.live.charts, widgets.live.codec"
    )
    assert "widgets" in loaded
    assert loaded.isdisjoint(HEAVY), loaded & HEAVY


def test_exporting_from_a_kernel_builds_both_files_in_a_child_and_loads_no_heavy_library(packages_loaded_by):
    """What the teacher's page does: the kernel gets the bytes, not the libraries."""
    loaded = packages_loaded_by(
        "import datetime as dt\n"
        "from widgets.live.export import export_file\n"
        "from widgets.store.live import Poll, Results\n"
        "p = Poll(1, 'choice', 'Fika?', ('Ja', 'Nej'), None, True, None, None, None, None, (), 'open', False,\n"
        "         dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC), 'larare1', 3)\n"
        "r = Results(p, 3, 3, {'Ja': 2, 'Nej': 1}, None, (), (), ())\n"
        "generated = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)\n"
        "x = export_file('xlsx', [r], 'Test', generated=generated)\n"
        "d = export_file('docx', [r], 'Test', generated=generated)\n"
        "assert x.name == 'omrostning-fika-2026-12-02.xlsx' and x.data.startswith(b'PK'), x.name\n"
        "assert d.name == 'omrostning-fika-2026-12-02.docx' and d.data[:2] == b'PK', d.name\n"
        "assert d.mime.endswith('wordprocessingml.document')\n"
    )
    assert loaded.isdisjoint(HEAVY), loaded & HEAVY


def test_a_failing_child_is_a_swedish_message_not_a_traceback(monkeypatch):
    monkeypatch.setattr(export.sys, "executable", "/nonexistent/python")
    with pytest.raises(DomainError, match="Exporten kunde inte skapas"):
        export.export_file("xlsx", [CHOICE], TITLE)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice saknas (libreoffice-writer-nogui)"
)
def test_libreoffice_opens_both_files(workbook, document, tmp_path):
    (tmp_path / "omrostningar.xlsx").write_bytes(workbook[1])
    (tmp_path / "sammanfattning.docx").write_bytes(document[1])
    profile = tmp_path / "lo-profile"
    for name, target in (
        ("sammanfattning.docx", "pdf"),
        ("omrostningar.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76"),
    ):
        cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(tmp_path / "out"), str(tmp_path / name)]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        assert "Error" not in done.stderr
    pdf = (tmp_path / "out" / "sammanfattning.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2
    csv = (tmp_path / "out" / "omrostningar.csv").read_text(encoding="utf-8")  # 76: UTF-8
    assert TITLE in csv and "Flerval" in csv  # the first sheet, as LibreOffice read it
