"""Exporting the lärlogg to Markdown and Word: headings per module, Swedish dates, prompts, escaped text."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from widgets.store import Entry
from widgets.store.export import group_by_module, to_docx, to_markdown

APRIL = dt.datetime(2026, 4, 1, 8, 5, tzinfo=dt.UTC)  # 10.05 in Stockholm (summer time)
TITLES = {
    "startkonferens": "Startkonferens",
    "modul1": "Modul 1: Power Skills",
    "modul2": "Modul 2: Ledarskap",
}
PAYLOADS = [
    "<script>alert('xss')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onmouseover="alert(2)">länk</a>',
]


def _entry(id_: int, module: str, text: str, when: dt.datetime = APRIL, **kw) -> Entry:
    return Entry(id_, module, kw.get("prompt_id"), kw.get("prompt"), text, when, kw.get("updated", when))


@pytest.fixture
def entries() -> list[Entry]:
    return [
        _entry(3, "modul2", "Om ledarskap.", APRIL + dt.timedelta(days=40), prompt="Hur leder du?"),
        _entry(
            1, "modul1", "Första tanken.\n\nAndra stycket\nmed radbrytning.", prompt="Vad tar du med dig?"
        ),
        _entry(
            2, "modul1", "Senare tanke.", APRIL + dt.timedelta(days=1), updated=APRIL + dt.timedelta(days=2)
        ),
        _entry(4, "okand", "Modul utan titel."),
    ]


def test_groups_follow_course_order_then_unknown_modules(entries):
    groups = group_by_module(entries, TITLES)
    assert [(m, t, [e.id for e in es]) for m, t, es in groups] == [
        ("modul1", "Modul 1: Power Skills", [1, 2]),
        ("modul2", "Modul 2: Ledarskap", [3]),
        ("okand", "okand", [4]),
    ]


def test_markdown_has_module_headings_swedish_dates_and_prompts(entries):
    md = to_markdown(entries, TITLES, generated=APRIL)
    assert md.startswith("# Min lärlogg\n")
    assert "Exporterad 1 april 2026 · 4 anteckningar" in md
    assert "## Modul 1: Power Skills" in md
    assert "### 1 april 2026, kl. 10.05" in md
    assert "*Vad tar du med dig?*" in md
    assert "Första tanken.\n\nAndra stycket\nmed radbrytning." in md
    assert "_(Ändrad 3 april 2026, kl. 10.05.)_" in md
    assert md.index("## Modul 1") < md.index("## Modul 2") < md.index("## okand")


def test_markdown_of_one_module_only(entries):
    md = to_markdown(entries, TITLES, module="modul2", generated=APRIL)
    assert "## Modul 2: Ledarskap" in md
    assert "Modul 1" not in md
    assert "1 anteckning\n" in md


def test_markdown_of_an_empty_log_says_so():
    assert "Inga anteckningar ännu." in to_markdown([], TITLES)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_cannot_carry_html_from_user_text(payload):
    md = to_markdown([_entry(1, "modul1", payload, prompt=payload)], TITLES)
    assert "<" not in md.replace("\\<", "")


def test_markdown_keeps_user_headings_from_breaking_the_structure():
    md = to_markdown([_entry(1, "modul1", "# Inte en rubrik\n> inte citat")], TITLES)
    assert "\\# Inte en rubrik" in md
    assert "\\> inte citat" in md
    assert md.count("\n## ") == 1


def _read(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_word_export_opens_and_has_headings_dates_and_text(entries):
    doc = _read(to_docx(entries, TITLES, generated=APRIL))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "Min lärlogg")
    headings1 = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings1 == ["Modul 1: Power Skills", "Modul 2: Ledarskap", "okand"]
    headings2 = [t for s, t in paragraphs if s == "Heading 2"]
    assert headings2[0] == "1 april 2026, kl. 10.05"
    assert ("Quote", "Vad tar du med dig?") in paragraphs
    assert ("Normal", "Första tanken.") in paragraphs
    assert ("Normal", "Andra stycket\nmed radbrytning.") in paragraphs
    assert doc.core_properties.title == "Min lärlogg"
    assert doc.core_properties.language == "sv-SE"
    (edited,) = [p for p in doc.paragraphs if p.text == "(Ändrad 3 april 2026, kl. 10.05.)"]
    assert edited.runs[0].italic
    assert doc.element.body[-1].tag.endswith("}sectPr")


def test_word_export_of_one_module(entries):
    doc = _read(to_docx(entries, TITLES, module="modul1"))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == ["Modul 1: Power Skills"]
    assert doc.core_properties.title == "Min lärlogg – Modul 1: Power Skills"


@pytest.mark.parametrize("payload", [*PAYLOADS, "kontrolltecken \x00\x07\x1b mitt i", "emoji 🙂 och å ä ö"])
def test_word_export_keeps_any_user_text_as_plain_text(payload):
    doc = _read(to_docx([_entry(1, "modul1", payload)], TITLES))
    body = [p.text for p in doc.paragraphs if p.style.name == "Normal"]
    expected = "".join(ch for ch in payload if ch >= " " or ch in "\n\t")
    assert expected in body


def test_word_export_of_an_empty_log_opens():
    doc = _read(to_docx([]))
    assert any(p.text == "Inga anteckningar ännu." for p in doc.paragraphs)


def test_exports_from_a_real_store(tmp_path):
    from widgets.store import PersonalStore

    with PersonalStore(tmp_path / "s.sqlite3") as store:
        store.add_entry("modul1", "Från databasen", prompt="Fråga?")
        entries = store.entries()
    assert "Från databasen" in to_markdown(entries, TITLES)
    assert any(p.text == "Från databasen" for p in _read(to_docx(entries, TITLES)).paragraphs)
