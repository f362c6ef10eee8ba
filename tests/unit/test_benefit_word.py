"""The Nyttokalkyl's Word decision document: every section, table and figure, the model's figures, Swedish
language and properties, a summary without numbers of its own, plotted data equal to the model's, PDF via
LibreOffice, and the command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
from docx import Document

from widgets import fmt
from widgets.benefit import (
    blank_case,
    case_from_dict,
    case_to_dict,
    example_cases,
    load_case,
    monte_carlo,
    tornado,
)
from widgets.benefit import figures as figs
from widgets.benefit.decision import COURSE, SECTIONS, analyse, summary
from widgets.benefit.report import key_figures
from widgets.benefit.word import build_document, clean
from widgets.cli import main

CASES = {p.stem: p for p in example_cases()}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBER = re.compile(r"[−-]?\d[\d\u00a0 ]*(?:,\d+)?")


@pytest.fixture(scope="module")
def documents():
    """One document per example case, with a seeded simulation, built once and read back with python-docx."""
    out = {}
    for stem, path in CASES.items():
        case = load_case(path)
        mc = monte_carlo(case, 2000, seed=3)
        data = build_document(case, 0, mc)
        out[stem] = (case, mc, data, Document(io.BytesIO(data)))
    return out


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def captions(doc, kind: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith(kind)]


def table_after(doc, caption: str):
    """The Word table whose caption paragraph starts with ``caption`` (after its number)."""
    index = [c.split(". ", 1)[1] for c in captions(doc, "Tabell")].index(caption)
    return doc.tables[index]


def rows(table) -> list[list[str]]:
    """Cell texts, without the soft hyphens of the header row."""
    return [[cell.text.replace("\u00ad", "") for cell in row.cells] for row in table.rows]


def number(text: str) -> float:
    return float(
        text.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace("kr", "").replace(",", ".")
    )


@pytest.mark.parametrize("stem", sorted(CASES))
def test_every_section_table_and_figure_is_there(documents, stem):
    case, _, _, doc = documents[stem]
    assert headings(doc, 0) == [f"Beslutsunderlag: {case.name}"] or doc.paragraphs[0].style.name == "Title"
    assert headings(doc, 1) == list(SECTIONS)
    tables = [c.split(". ", 1)[1] for c in captions(doc, "Tabell")]
    for caption in ("Alternativen sida vid sida", "Nyttor per kategori och intressent (nuvärde)", "Nyttor i pengar",
                    "Kostnader i pengar", "Nyckeltal", "Resultat per år",
                    "Känslighet: nettonuvärdet med varje post på lågt och högt värde",
                    "Monte Carlo-simulering av nettonuvärdet", "Kalkylens förutsättningar",
                    "Indata med källor och antaganden", "Nyttorealiseringsplan"):  # fmt: skip
        assert caption in tables
    assert len(doc.tables) == len(tables)
    shapes = doc.inline_shapes
    assert len(shapes) == len(captions(doc, "Figur")) == 4
    for shape in shapes:
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") and re.search(r"\d", doc_pr.get("descr")), (
            "every figure has a text alternative"
        )
        assert shape.width.cm == pytest.approx(16.0)
    for table in doc.tables:  # the header row repeats and is the first row
        assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None


@pytest.mark.parametrize("stem", sorted(CASES))
def test_key_figures_are_the_models(documents, stem):
    case, mc, _, doc = documents[stem]
    a = analyse(case, 0, mc)
    r = a.result
    table = rows(table_after(doc, "Nyckeltal"))[1:]
    assert [tuple(row) for row in table] == [(label, clean(value)) for label, value in key_figures(r)]
    values = dict(table)
    assert number(values["Nettonuvärde"]) == pytest.approx(r.npv, abs=0.5)
    assert number(values["Nuvärde av nyttor"]) == pytest.approx(r.pv_benefits, abs=0.5)
    assert number(values["Nuvärde av kostnader"]) == pytest.approx(r.pv_costs, abs=0.5)
    ratio = values["Nyttokostnadskvot (nyttor ÷ kostnader)"]
    assert (
        ratio == "saknas"
        if r.benefit_cost_ratio is None
        else number(ratio) == pytest.approx(r.benefit_cost_ratio, abs=0.005)
    )
    irr = values["Internränta"]
    assert (
        irr == "saknas"
        if r.irr is None
        else number(irr.rstrip(" %\u00a0")) / 100 == pytest.approx(r.irr, abs=5e-4)
    )
    yearly = rows(table_after(doc, "Resultat per år"))[1:]
    assert [number(row[5]) for row in yearly] == pytest.approx(
        [y.cumulative_present_value for y in r.rows], abs=0.5
    )
    simulated = dict(rows(table_after(doc, "Monte Carlo-simulering av nettonuvärdet"))[1:])
    assert simulated["Sannolikhet att nettonuvärdet är positivt"] == fmt.percent(mc.p_npv_positive)
    assert number(simulated["P50 (medianen)"]) == pytest.approx(mc.p50, abs=0.5)
    ranked = rows(table_after(doc, "Känslighet: nettonuvärdet med varje post på lågt och högt värde"))[1:]
    assert [row[1] for row in ranked] == [b.label for b in tornado(case).bars[:10]]


def model_numbers(a) -> set[str]:
    """Every number the summary may use, formatted as the document formats it."""
    r, case = a.result, a.case
    texts = [fmt.sek(v) for v in (r.npv, r.pv_benefits, r.pv_costs)] + [fmt.percent(case.discount_rate)]
    texts += [
        str(case.horizon_years),
        str(len(case.alternatives)),
        case.price_level,
        case.name,
        case.organisation,
    ]
    texts += [str(case.start_year + t) for t in range(case.horizon_years)] + [
        f"år {t}" for t in range(case.horizon_years)
    ]
    texts += [f"år 0–{case.horizon_years - 1}"]
    texts += [fmt.sek(b.npv_low) for b in a.sweep.bars[:1]] + [fmt.sek(b.npv_high) for b in a.sweep.bars[:1]]
    texts += [b.label for b in a.sweep.bars[:1]] + [i.label for i in r.non_monetary]
    texts += [e.benefit for e in case.realisation_plan] + [alt.name for alt in case.alternatives]
    texts += [fmt.sek(x.npv) for x in a.comparison.results]
    if a.mc is not None:
        mc = a.mc
        texts += [fmt.number(mc.draws), fmt.percent(mc.p_npv_positive), "8 av 10"]
        texts += [fmt.sek(v) for v in (mc.p10, mc.p50, mc.p90)]
    return {m.group().strip() for t in texts for m in NUMBER.finditer(clean(t))}


@pytest.mark.parametrize("stem", sorted(CASES))
def test_the_summary_uses_only_the_models_numbers(documents, stem):
    case, mc, _, doc = documents[stem]
    a = analyse(case, 0, mc)
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"][: len(summary(a))]
    assert bullets == [clean(s) for s in summary(a)]
    allowed = model_numbers(a)
    for sentence in bullets:
        for found in NUMBER.finditer(sentence):
            assert found.group().strip() in allowed, (found.group(), sentence)


def test_the_summary_follows_the_results():
    case = load_case(CASES["sodertalje-digitala-las"])
    a = analyse(case)
    text = " ".join(summary(a))
    assert ("är nyttorna större än kostnaderna" in text) == (a.result.npv > 0)
    assert "Ingen" not in text and "simulering" not in text  # no simulation run: none mentioned
    assert "ingen nyttorealiseringsplan" in text
    assert "Av de 3 alternativen har" in text
    trelleborg = " ".join(summary(analyse(load_case(CASES["trelleborg-ekonomiskt-bistand"]))))
    assert "Nyttorealiseringsplanen anger en ansvarig för: Frigjord handläggartid." in trelleborg


def test_an_alternative_without_money_says_so_instead_of_a_verdict():
    case = load_case(CASES["trelleborg-ekonomiskt-bistand"])
    lines = summary(analyse(case, "Nollalternativ: manuell handläggning"))
    assert lines[1] == (
        "Alternativet ”Nollalternativ: manuell handläggning” har inga kostnader eller nyttor i pengar, så "
        "nettonuvärdet är 0\u00a0kr."
    )
    assert not any("återbetald" in line for line in lines)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_every_alternative_and_a_blank_case_make_a_document(stem):
    case = load_case(CASES[stem])
    for index in range(1, len(case.alternatives)):  # the first is in ``documents``
        doc = Document(io.BytesIO(build_document(case, index)))
        assert headings(doc, 1) == list(SECTIONS)
        assert len(doc.inline_shapes) == (3 if tornado(case, index).bars else 2)
    blank = Document(io.BytesIO(build_document(blank_case())))
    assert headings(blank, 1) == list(SECTIONS)


def test_without_a_simulation_the_document_says_so_and_has_three_figures():
    case = load_case(CASES["mina-meddelanden"])
    doc = Document(io.BytesIO(build_document(case)))
    assert "Ingen Monte Carlo-simulering är körd för det här underlaget." in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) == 3


def test_swedish_language_styles_and_properties(documents):
    case, _, _, doc = documents["trelleborg-ekonomiskt-bistand"]
    styles = doc.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(f"{W}val") == "sv-SE"
    langs = [lang.get(f"{W}val") for lang in styles.iter(f"{W}lang")]
    assert langs and set(langs) == {"sv-SE"}
    props = doc.core_properties
    assert props.language == "sv-SE"
    assert props.title == f"Beslutsunderlag: {case.name}"
    assert props.subject == COURSE
    assert props.author == case.owner
    assert props.category == case.organisation
    assert doc.sections[0].page_width.cm == pytest.approx(21.0, abs=0.01)
    assert doc.sections[-1].page_width.cm == pytest.approx(29.7, abs=0.01)  # the plan's wide table: landscape


def test_date_and_page_numbers():
    case = load_case(CASES["mina-meddelanden"])
    generated = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # already 1 april in Sweden
    doc = Document(io.BytesIO(build_document(case, generated=generated)))
    assert doc.paragraphs[1].text.endswith("Skapat: 1 april 2026")
    assert doc.core_properties.created == generated
    footer = doc.sections[0].footer
    assert footer.paragraphs[0].text.startswith(f"Beslutsunderlag: {case.name} · sida ")
    fields = [f.get(f"{W}instr") for f in footer._element.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert doc.sections[-1].footer.is_linked_to_previous


def test_the_plan_table_follows_digg_and_the_case(documents):
    case, _, _, doc = documents["trelleborg-ekonomiskt-bistand"]
    table = rows(table_after(doc, "Nyttorealiseringsplan"))
    assert table[0][:8] == ["Nytta", "Ansvarig (nyttoägare)", "Indikator", "Nuläge", "Målvärde", "Mätmetod och frekvens",
                            "Uppföljning", "Risker"]  # fmt: skip
    entry = case.realisation_plan[0]
    row = next(r for r in table if r[0] == entry.benefit)
    assert row[1] == entry.owner
    assert row[6] == "31 mars 2018, 30 september 2018"
    others = [r for r in table[1:] if r[0] != entry.benefit]
    assert others and all(cell == "–" for r in others for cell in r[1:])  # benefits still to plan


def test_user_text_with_control_characters_is_cleaned():
    assert clean("a\x0bb -5 kr 2018-03-31") == "ab -5 kr 2018-03-31"


def test_negative_amounts_carry_the_typographic_minus(documents):
    _, _, _, doc = documents["trelleborg-ekonomiskt-bistand"]
    yearly = rows(table_after(doc, "Resultat per år"))
    assert yearly[1][3].startswith("\u2212")  # year 0's net: the investment
    assert not any(re.search(r"-\d", cell) for row in yearly for cell in row)


# --- figures: the plotted data is the model's ---------------------------------------------------------------


def test_cumulative_figure_plots_the_present_values_and_the_payback_point():
    case = load_case(CASES["trelleborg-ekonomiskt-bistand"])
    r = analyse(case).result
    ax = figs.cumulative_figure(r).axes[0]
    assert [p.get_height() for p in ax.patches] == pytest.approx([y.present_value for y in r.rows])
    line = ax.lines[0]
    assert list(line.get_xdata()) == [y.calendar_year for y in r.rows]
    assert list(line.get_ydata()) == pytest.approx([y.cumulative_present_value for y in r.rows])
    marker = ax.lines[-1]
    assert list(marker.get_xdata()) == [r.start_year + r.discounted_payback_year]


def test_benefits_figure_stacks_the_categories_and_draws_the_costs():
    case = load_case(CASES["mina-meddelanden"])
    r = analyse(case).result
    ax = figs.benefits_figure(r).axes[0]
    shown = figs.shown_categories(r)
    heights = np.array([p.get_height() for p in ax.patches]).reshape(len(shown), len(r.rows))
    for k, category in enumerate(shown):
        assert heights[k] == pytest.approx([y.benefits_by_category[category] for y in r.rows])
    assert heights.sum(axis=0) == pytest.approx([y.benefits for y in r.rows])
    assert list(ax.lines[0].get_ydata()) == pytest.approx([y.costs for y in r.rows])


def test_tornado_figure_spans_each_inputs_npv_range():
    case = load_case(CASES["kommune-kari-chattbot"])
    sweep = tornado(case)
    ax = figs.tornado_figure(sweep).axes[0]
    bars = sweep.bars[:10]
    low, high = ax.patches[: len(bars)], ax.patches[len(bars) :]
    assert [p.get_x() + p.get_width() for p in low] == pytest.approx([b.npv_low for b in bars])
    assert [p.get_x() + p.get_width() for p in high] == pytest.approx([b.npv_high for b in bars])
    labels = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True))
    assert labels[max(labels)].startswith(bars[0].label[:20])  # the largest swing on top


def test_monte_carlo_figure_is_the_models_histogram_with_its_percentiles():
    case = load_case(CASES["sodertalje-digitala-las"])
    mc = monte_carlo(case, 5000, seed=1)
    ax = figs.monte_carlo_figure(mc).axes[0]
    counts, edges = mc.histogram(figs.HISTOGRAM_BINS)
    plotted = sorted((p.get_x() + p.get_width() / 2, p.get_height()) for p in ax.patches)
    assert [h for _, h in plotted] == list(counts)
    assert [x for x, _ in plotted] == pytest.approx(list((edges[:-1] + edges[1:]) / 2))
    assert [line.get_xdata()[0] for line in ax.lines] == pytest.approx([mc.p10, mc.p50, mc.p90])


def test_png_is_at_print_resolution():
    case = load_case(CASES["sodertalje-digitala-las"])
    data = figs.png(figs.cumulative_figure(analyse(case).result))
    assert data.startswith(b"\x89PNG")
    width = int.from_bytes(data[16:20], "big")
    assert width == round(figs.WIDTH_IN * figs.DPI)


# --- LibreOffice and the command line -----------------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice saknas (libreoffice-writer-nogui)"
)
def test_libreoffice_converts_every_example_to_pdf(documents, tmp_path):
    paths = []
    for stem, (_, _, data, _) in documents.items():
        path = tmp_path / f"{stem}.docx"
        path.write_bytes(data)
        paths.append(path)
    profile = tmp_path / "lo-profile"
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, paths)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr
    for path in paths:
        pdf = (tmp_path / "pdf" / path.name).with_suffix(".pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 5  # a real document, not an empty page


def test_command_line_writes_the_document(tmp_path, capsys):
    target = tmp_path / "underlag.docx"
    code = main(
        ["nyttokalkyl", str(CASES["mina-meddelanden"]), "--monte-carlo", "500", "--word", str(target)]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    assert f"Beslutsunderlaget (Word) sparades i {target}." in out
    doc = Document(str(target))
    assert headings(doc, 1) == list(SECTIONS)
    assert len(doc.inline_shapes) == 4


def test_command_line_refuses_another_suffix_before_any_work(tmp_path, capsys):
    code = main(["nyttokalkyl", str(CASES["mina-meddelanden"]), "--word", str(tmp_path / "x.doc")])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.strip() == "--word: Wordfilen måste sluta på .docx."
    assert not (tmp_path / "x.doc").exists()


@pytest.mark.parametrize("stem", sorted(CASES))
def test_the_child_process_rebuilds_the_case_exactly(stem, tmp_path):
    """The app sends ``case_to_dict`` as JSON; the child's document equals the one built in this process."""
    case = load_case(CASES[stem])
    assert case_from_dict(json.loads(json.dumps(case_to_dict(case)))) == case
    if stem == "sodertalje-digitala-las":
        request = {"case": case_to_dict(case), "alternative": 1, "monte_carlo": None}
        done = subprocess.run([sys.executable, "-m", "widgets.benefit.word"], input=json.dumps(request).encode(),
                              capture_output=True, check=True, timeout=120)  # fmt: skip
        doc = Document(io.BytesIO(done.stdout))
        assert f"Alternativ som underlaget gäller: {case.alternatives[1].name} ·" in doc.paragraphs[1].text
