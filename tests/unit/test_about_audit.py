"""The accessibility statement's known shortcomings against what axe-core found (widgets.about.audit)."""

from __future__ import annotations

import dataclasses

from widgets.about.audit import compare
from widgets.about.pages import Shortcoming, load_statement

NB = "60_nyttokalkyl.ipynb"


def item(rule: str = "color-contrast", pages: tuple[str, ...] = (NB,), found_by: str = "axe") -> Shortcoming:
    return Shortcoming(
        f"brist-{rule}", "Titel", "Beskrivning", ("1.4.3 Kontrast (minimum)",), pages, found_by, "Åtgärd",
        "2026-12-02", rule if found_by == "axe" else None,
    )  # fmt: skip


def statement(*items: Shortcoming):
    return dataclasses.replace(load_statement(), shortcomings=items)


def test_no_violations_and_none_listed_agree():
    assert compare(statement(), {NB: set(), "00_start.ipynb": set()}).ok


def test_a_violation_nobody_listed_fails_and_is_named():
    result = compare(statement(), {NB: {"color-contrast"}, "00_start.ipynb": set()})
    assert result.undisclosed == ((NB, "color-contrast"),)
    assert not result.ok and "listar det inte" in result.explain()


def test_a_listed_violation_on_its_page_is_disclosed():
    assert compare(statement(item()), {NB: {"color-contrast"}, "00_start.ipynb": set()}).ok


def test_the_same_rule_on_another_page_is_not_disclosed_by_it():
    result = compare(statement(item()), {NB: {"color-contrast"}, "00_start.ipynb": {"color-contrast"}})
    assert result.undisclosed == (("00_start.ipynb", "color-contrast"),)


def test_a_listed_violation_that_is_gone_must_be_removed():
    result = compare(statement(item()), {NB: set(), "00_start.ipynb": set()})
    assert result.stale == (("brist-color-contrast", NB),)
    assert "inte längre hittar" in result.explain()


def test_a_shortcoming_for_every_page_counts_anywhere_and_goes_stale_when_found_nowhere():
    everywhere = item(pages=())
    assert compare(statement(everywhere), {NB: {"color-contrast"}, "00_start.ipynb": set()}).ok
    assert compare(statement(everywhere), {NB: set()}).stale == (("brist-color-contrast", "alla sidor"),)


def test_a_page_never_scanned_is_reported():
    assert compare(statement(item()), {"00_start.ipynb": set()}).unscanned == (NB,)


def test_manual_findings_are_not_compared_with_axe():
    assert compare(statement(item(found_by="manuell")), {NB: set()}).ok


def test_the_reflow_check_is_compared_with_its_own_shortcomings():
    wide = dataclasses.replace(item(found_by="omflode"), wcag=("1.4.10 Omflöde",))
    assert compare(statement(wide), {NB: {"omflode"}, "00_start.ipynb": set()}, check="omflode").ok
    result = compare(statement(), {NB: {"omflode"}}, check="omflode")
    assert result.undisclosed == ((NB, "omflode"),) and "omflödestestet" in result.explain()
    # An axe finding is not disclosed by a reflow shortcoming, and the other way round.
    assert not compare(statement(wide), {NB: {"omflode"}}, check="axe").ok
