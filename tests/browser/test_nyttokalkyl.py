"""Nyttokalkyl in a real browser: the item rows appear when the 'Poster' tab is opened, an edited amount changes the
net present value, and the page stays free of axe violations with the rows shown."""

from __future__ import annotations

import pytest

from .conftest import assert_no_error_shown, axe_violations, describe, open_app

pytestmark = pytest.mark.browser

NYTTOKALKYL = "60_nyttokalkyl.ipynb"
TIMEOUT = 45_000


def test_items_tab_builds_its_rows_and_an_edit_changes_the_npv(page, voila):
    open_app(page, voila, NYTTOKALKYL)
    npv = page.locator(".dk-kf dd").first
    before = npv.inner_text()
    page.get_by_role("tab", name="Poster").click()
    page.locator("h3", has_text="Post 1").wait_for(timeout=TIMEOUT)
    likely = page.get_by_label(
        "Troligt (kr/år)"
    ).first  # the chatbot's introduction: 400 000 of 300 000–600 000
    likely.fill("500 000")
    likely.press("Enter")
    page.wait_for_function(
        "([sel, before]) => document.querySelector(sel).innerText !== before",
        arg=[".dk-kf dd", before],
        timeout=TIMEOUT,
    )
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
