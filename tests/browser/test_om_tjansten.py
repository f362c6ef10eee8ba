"""Tillgänglighetsredogörelse and Personuppgifter in a real browser: linked from the footer of every page, zero
axe violations, and the statement's list of known shortcomings matching what axe-core finds on every page."""

from __future__ import annotations

import pytest

from widgets.about.audit import REFLOW, compare
from widgets.about.pages import load_statement
from widgets.paths import NOTEBOOKS_DIR

from .conftest import (
    AXE_LOG,
    AXE_TAGS,
    assert_no_error_shown,
    axe_violations,
    describe,
    open_app,
    wait_rendered,
)

pytestmark = pytest.mark.browser

NOTEBOOKS = sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))
STATEMENT = "96_tillganglighetsredogorelse.ipynb"
PRIVACY = "97_personuppgifter.ipynb"
FOOTER_LINKS = {"Tillgänglighetsredogörelse": STATEMENT, "Personuppgifter": PRIVACY}
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: 320 CSS px, as 1280 px at 400 % zoom

#: Scrolling boxes inside the page whose content is wider than the box at 320 px, except a data table's own
#: keyboard-reachable scrolling region; and the document itself scrolling sideways.
SIDEWAYS = """() => {
    const boxes = [...document.querySelectorAll('#rendered_cells *')].filter(e =>
        e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
        && !(e.classList.contains('dk-table-scroll') && e.tabIndex === 0));
    const out = boxes.map(e => e.className.split(' ').filter(c => c.startsWith('dk-')).join('.') + ' '
        + e.scrollWidth + '/' + e.clientWidth);
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) { out.push('document ' + doc.scrollWidth + '/' + doc.clientWidth); }
    return out;
}"""
NEXT_FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
#: How tall the window must be for the whole page to be on screen: the cells scroll inside the page's shell, and
#: axe-core checks colour contrast only for what is visible, so a 900 px window leaves the rest unchecked.
FULL_HEIGHT = """() => {
    const cells = document.getElementById('rendered_cells');
    let box = cells, extra = 0;
    for (let e = cells; e; e = e.parentElement) {
        if (e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY)) {
            box = e; break;
        }
    }
    extra = window.innerHeight - box.clientHeight;
    return Math.ceil(box.scrollHeight + extra);
}"""
MAX_HEIGHT = 16_000  # Chromium's largest screenshot surface; taller pages are checked in the first 16 000 px
REFLOW_FOUND: dict[str, list[str]] = {}


@pytest.fixture(scope="module")
def every_page(browser, voila):
    """Open every page once: its footer's links (name -> href), an axe-core run over the whole page in a window as
    tall as the page (recorded in AXE_LOG), and what scrolls sideways when the window is 320 px wide
    (REFLOW_FOUND)."""
    context = browser.new_context(locale="sv-SE", viewport=WIDE)
    page = context.new_page()
    page.console_errors = []
    footers = {}
    for notebook in NOTEBOOKS:
        page.set_viewport_size(WIDE)
        open_app(page, voila, notebook)
        nav = page.get_by_role("navigation", name="Om tjänsten")
        footers[notebook] = {
            name: nav.get_by_role("link", name=name, exact=True).get_attribute("href")
            for name in FOOTER_LINKS
        }
        height = min(page.evaluate(FULL_HEIGHT), MAX_HEIGHT)
        page.set_viewport_size({"width": WIDE["width"], "height": max(height, WIDE["height"])})
        page.evaluate(NEXT_FRAME)
        axe_violations(page)
        page.set_viewport_size(NARROW)
        page.evaluate(NEXT_FRAME)
        REFLOW_FOUND[notebook] = page.evaluate(SIDEWAYS)
    context.close()
    return footers


def test_every_page_links_to_both_pages_in_its_footer(every_page):
    assert sorted(every_page) == NOTEBOOKS
    for notebook, links in every_page.items():
        for name, target in FOOTER_LINKS.items():
            assert links[name] and links[name].endswith(f"/voila/render/{target}"), (notebook, links)


def test_the_known_shortcomings_match_what_axe_finds_on_every_page(every_page):
    """An axe violation the statement does not list fails here, and so does a listed one that is gone."""
    record = {nb: AXE_LOG.rules[nb] for nb in AXE_LOG.scans}
    assert set(NOTEBOOKS) <= set(record)
    result = compare(load_statement(), record)
    assert result.ok, result.explain()


def test_the_known_reflow_shortcomings_match_what_scrolls_sideways_at_320_px(every_page):
    """A page whose content must be scrolled sideways at 320 px is listed (found_by: omflode), and only such."""
    record = {nb: {REFLOW} if found else set() for nb, found in REFLOW_FOUND.items()}
    result = compare(load_statement(), record, check=REFLOW)
    details = "\n".join(f"{nb}: {', '.join(found)}" for nb, found in REFLOW_FOUND.items() if found)
    assert result.ok, result.explain() + "\n" + details


def test_the_footer_link_opens_the_statement_with_zero_violations(page, voila):
    open_app(page, voila, "60_nyttokalkyl.ipynb")
    page.get_by_role("navigation", name="Om tjänsten").get_by_role(
        "link", name="Tillgänglighetsredogörelse"
    ).click()
    wait_rendered(page)
    assert page.url.endswith(f"/voila/render/{STATEMENT}")
    assert page.locator("h1").first.inner_text() == "Tillgänglighetsredogörelse"
    assert page.title() == "Tillgänglighetsredogörelse – Digital kompetens för offentlig sektor"
    for heading in (
        "Hur tillgänglig är kursmiljön?",
        "Kända brister",
        "Tillsyn",
        "Hur vi har testat kursmiljön",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_the_privacy_page_shows_placeholders_plainly_with_zero_violations(page, voila):
    open_app(page, voila, PRIVACY)
    assert page.locator("h1").first.inner_text() == "Personuppgifter"
    assert page.get_by_text("Några uppgifter på sidan är inte ifyllda än").is_visible()
    assert page.locator("mark.dk-placeholder").count() >= 5
    table = page.get_by_role("table", name="Vad kursmiljön sparar om dig")
    assert table.get_by_role("columnheader").all_inner_texts() == ["Vad", "Var", "Vem ser det", "Hur länge"]
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_an_unlisted_violation_would_fail_the_statements_test(page, voila):
    """Put a real violation on the statement page (pale grey text on white): axe-core finds it and
    the comparison names it. Run outside AXE_LOG, so the session's record stays the pages as served."""
    from axe_playwright_python.sync_playwright import Axe

    open_app(page, voila, STATEMENT)
    page.evaluate(
        """() => {
            const p = document.createElement('p');
            p.textContent = 'Svag text som knappt syns';
            p.style.color = '#cccccc';
            p.style.background = '#ffffff';
            document.querySelector('#rendered_cells .dk-about').appendChild(p);
            p.scrollIntoView();
        }"""
    )
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    rules = {v["id"] for v in found}
    assert "color-contrast" in rules
    result = compare(load_statement(), {STATEMENT: rules})
    assert (STATEMENT, "color-contrast") in result.undisclosed
    assert "listar det inte" in result.explain()
