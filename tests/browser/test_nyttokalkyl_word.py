"""Nyttokalkyl in a real browser: 'Skapa beslutsunderlag (Word)' under 'Spara och exportera' gives a download that
is a Word document with every section and the page's net present value; the tab stays free of axe violations."""

from __future__ import annotations

import pytest
from docx import Document

from widgets.benefit.decision import SECTIONS

from .conftest import assert_no_error_shown, axe_violations, describe, open_app

pytestmark = pytest.mark.browser

NYTTOKALKYL = "60_nyttokalkyl.ipynb"
TIMEOUT = 45_000
BUILD_TIMEOUT = (
    130_000  # the child process may take up to worddoc.TIMEOUT; a failure shows its own message first
)


def test_the_word_document_downloads_from_the_app(page, voila, tmp_path):
    open_app(page, voila, NYTTOKALKYL)
    npv = page.locator(".dk-kf dd").first.inner_text()
    page.get_by_role("tab", name="Spara och exportera").click()
    page.get_by_role("button", name="Skapa beslutsunderlag (Word)").click()
    link = page.get_by_role("link", name="Ladda ned beslutsunderlaget (Word)")
    link.or_(page.locator(".dk-error")).first.wait_for(timeout=BUILD_TIMEOUT)
    assert_no_error_shown(page)
    assert page.locator(".dk-error").count() == 0
    with page.expect_download(timeout=TIMEOUT) as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith("-beslutsunderlag.docx")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    doc = Document(str(target))
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == list(SECTIONS)
    tables = [
        p.text.split(". ", 1)[1]
        for p in doc.paragraphs
        if p.style.name == "Caption" and p.text[:6] == "Tabell"
    ]
    key_figures = doc.tables[tables.index("Nyckeltal")]
    assert key_figures.rows[1].cells[1].text.replace("\u2212", "-") == npv.replace("\u2212", "-")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
