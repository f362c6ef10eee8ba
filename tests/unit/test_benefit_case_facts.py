"""The example benefit cases say where each figure comes from, as the course's fact sheet gives it (issue #10):
no "per besök" the thesis does not state, Kommune-Kari's share and Mina meddelanden's template without a
primary source marked as such, and the PO rule's 142 hours credited to Inera, not SKR."""

from __future__ import annotations

import re

import pytest

from widgets.benefit import example_cases, hourly_cost, load_case
from widgets.benefit import texts as btexts
from widgets.paths import DATA_DIR, REPO_ROOT

CASES = {p.stem: load_case(p) for p in example_cases()}
README = (DATA_DIR / "cases" / "README.md").read_text(encoding="utf-8")


def all_text(case) -> str:
    """Every source, note and description a participant can read in a case."""
    parts = [case.description, case.discount_rate_source, case.horizon_source, *case.sources]
    for alt in case.alternatives:
        parts.append(alt.description)
        for item in alt.items:
            parts += [item.source, item.note, item.description]
            estimates = [item.amount] if item.amount is not None else []
            if item.driver is not None:
                parts.append(item.driver.salary_source)
                estimates += [e for _, e, _ in item.driver.factors()]
            parts += [t for e in estimates for t in (e.source, e.note)]
    return " ".join(p for p in parts if p)


def test_the_readme_names_test_files_that_exist():
    paths = re.findall(r"`(tests/[^`]+\.py)`", README)
    assert paths
    for path in paths:
        assert (REPO_ROOT / path).is_file(), path
    (test_name,) = re.findall(r"`(test_[a-z_]+)`", README)
    assert f"def {test_name}(" in (REPO_ROOT / "tests/unit/test_benefit_io.py").read_text(encoding="utf-8")


def test_sodertalje_does_not_say_per_visit():
    """The KTH thesis figures are minutes saved under its assumptions; the facts do not say per visit."""
    assert "per besök" not in all_text(CASES["sodertalje-digitala-las"])
    assert "examensarbetets antaganden" in CASES["sodertalje-digitala-las"].description


def test_kommune_kari_share_is_an_assumption_without_primary_source():
    case = CASES["kommune-kari-chattbot"]
    driver = next(i.driver for i in case.main.items if i.driver is not None)
    assert driver.share.assumption
    assert "primärkälla och år anges inte" in driver.share.source
    assert "antagande" in case.description


def test_the_po_rule_credits_the_142_hours_to_inera_and_calls_the_mix_an_assumption():
    case = CASES["kommune-kari-chattbot"]
    driver = next(i.driver for i in case.main.items if i.driver is not None)
    assert driver.salary_method == "po"
    assert "142 timmar (Inera" in driver.salary_source and "SKR 2021" in driver.salary_source
    assert "antagande för övningen" in driver.salary_source
    po = hourly_cost(33_000, btexts.SALARY_PO, 0.4015)
    assert "Inera" in po.source and "SKR" in po.source and "antagande" in po.source


@pytest.mark.parametrize("name", ["mina-meddelanden", "sodertalje-digitala-las"])
def test_the_mina_meddelanden_template_is_not_given_a_publisher_or_year(name):
    """The facts name no publisher or year for the template: each source citing it says so."""
    case = CASES[name]
    sources = [case.discount_rate_source, case.horizon_source, *case.sources]
    sources += [i.source for a in case.alternatives for i in a.items]
    for source in (s for s in sources if "Mina meddelanden" in s and "Antagande" not in s):
        assert "utgivare och år anges inte" in source, source
