"""The Nyttokalkyl's 'Skapa beslutsunderlag (Word)': built on request in a child process, with the page's case and
its seeded simulation; a stale document is taken away; a failure is a Swedish sentence."""

from __future__ import annotations

import io
import json
import subprocess

import pytest
from docx import Document

from widgets import fmt
from widgets.apps.nyttokalkyl import nyttokalkyl_app, worddoc
from widgets.apps.nyttokalkyl.app import FILES, UNCERTAINTY
from widgets.benefit import case_from_dict, evaluate
from widgets.benefit.decision import SECTIONS


@pytest.fixture
def app():
    return nyttokalkyl_app()


def link_document(link):
    assert 'download="' in link.value and link.filename.endswith("beslutsunderlag.docx")
    return Document(io.BytesIO(link.data))


def rows_after(doc, caption: str) -> dict[str, str]:
    captions = [
        p.text.split(". ", 1)[1]
        for p in doc.paragraphs
        if p.style.name == "Caption" and p.text.startswith("Tabell")
    ]
    table = doc.tables[captions.index(caption)]
    return {row.cells[0].text: row.cells[-1].text for row in table.rows[1:]}


def test_the_document_is_the_cases_with_the_pages_simulation(app):
    app.fields.rate.value = "5"
    app.tabs.selected_index = UNCERTAINTY
    app.uncertainty.run_button.click()
    mc = app.uncertainty.last
    app.tabs.selected_index = FILES
    assert app.files.word.link.value == ""  # nothing is built before it is asked for
    app.files.word.button.click()
    assert "klart att ladda ned" in app.files.word.message.value
    doc = link_document(app.files.word.link)
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 1"] == list(SECTIONS)
    figures = rows_after(doc, "Nyckeltal")
    assert figures["Nettonuvärde"] == fmt.sek(evaluate(app.case).npv)
    simulated = rows_after(doc, "Monte Carlo-simulering av nettonuvärdet")
    assert simulated["Sannolikhet att nettonuvärdet är positivt"] == fmt.percent(mc.p_npv_positive)
    assert not app.files.word.button.disabled


def test_the_request_carries_the_case_unchanged(app):
    request = worddoc.request(app.case, 0, None)
    assert case_from_dict(json.loads(json.dumps(request))["case"]) == app.case  # as the child reads it
    assert request["monte_carlo"] is None


def test_a_changed_case_takes_the_old_document_away(app):
    app.tabs.selected_index = FILES
    app.files.word.button.click()
    assert app.files.word.link.value
    app.fields.rate.value = "6"
    assert app.files.word.link.value == ""
    assert app.files.word.message.value == ""


def test_a_failed_child_is_a_swedish_sentence_and_no_link(app, monkeypatch):
    def failing(*args, **kwargs):
        return subprocess.CompletedProcess(args, 1, b"", b"Traceback: boom")

    monkeypatch.setattr(worddoc.subprocess, "run", failing)
    app.tabs.selected_index = FILES
    app.files.word.button.click()
    assert worddoc.FAILED in app.files.word.message.value
    assert "Traceback" not in app.files.word.message.value
    assert app.files.word.link.value == ""
    assert not app.files.word.button.disabled
