"""Fixtures for the real-browser tests: one Voilà server, the system's Chromium driven by Playwright, axe-core."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field

import pytest

from widgets.paths import REPO_ROOT

from .voila_server import CHROMIUM_ARGS, VoilaServer, chromium_path

RENDER_TIMEOUT_MS = 60_000
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class RenderLog:
    """Render times seen by the tests, printed at the end of the session (for the closing note)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)

    def add(self, notebook: str, value: float) -> None:
        self.seconds.setdefault(notebook, []).append(value)


RENDER_LOG = RenderLog()


@dataclass
class AxeLog:
    """Every axe-core run of the session: notebook -> scans and the rule ids of the violations found.

    The accessibility statement's test (``test_om_tjansten.py``) compares its list of known shortcomings with this
    record; the session also writes it to ``reports/axe-resultat.json`` (what the last assessment found)."""

    scans: dict[str, int] = field(default_factory=dict)
    rules: dict[str, set[str]] = field(default_factory=dict)

    def add(self, notebook: str, violations: list[dict]) -> None:
        self.scans[notebook] = self.scans.get(notebook, 0) + 1
        self.rules.setdefault(notebook, set()).update(v["id"] for v in violations)

    def as_json(self) -> dict:
        return {
            nb: {"scans": n, "violations": sorted(self.rules[nb])} for nb, n in sorted(self.scans.items())
        }


AXE_LOG = AxeLog()
AXE_RECORD = REPO_ROOT / "reports" / "axe-resultat.json"
_NOTEBOOK_IN_URL = re.compile(r"/voila/render/(?:[^?#]*/)?([^/?#]+\.ipynb)")


def pytest_sessionfinish(session, exitstatus):
    if AXE_LOG.scans:
        AXE_RECORD.parent.mkdir(parents=True, exist_ok=True)
        AXE_RECORD.write_text(json.dumps(AXE_LOG.as_json(), indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    if RENDER_LOG.seconds:
        terminalreporter.write_sep("-", "render times seen in the browser (navigation → widgets shown)")
        for notebook, values in sorted(RENDER_LOG.seconds.items()):
            shown = ", ".join(f"{v:.2f} s" for v in values)
            terminalreporter.write_line(f"{notebook}: {shown}")


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("participant"))
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium saknas: installera Debian-paketet 'chromium' (make test gör det som root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.console_errors = []
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    pg.external_requests = []
    pg.on(
        "request",
        lambda req: (
            pg.external_requests.append(req.url)
            if req.url.startswith(("http://", "https://"))
            and not req.url.startswith(("http://127.0.0.1", "http://localhost"))
            else None
        ),
    )
    yield pg
    context.close()


def wait_rendered(page) -> None:
    """Wait until the page's widgets are shown and the loading text is gone (after a navigation or reload)."""
    page.wait_for_selector("#rendered_cells .jupyter-widgets", state="visible", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_function("document.getElementById('loading') === null", timeout=RENDER_TIMEOUT_MS)


def open_app(page, voila, notebook: str) -> float:
    """Navigate to an app and wait until its widgets are shown; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(voila.render_url(notebook), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT_MS)
    wait_rendered(page)
    elapsed = time.perf_counter() - start
    RENDER_LOG.add(notebook, elapsed)
    return elapsed


def axe_violations(page) -> list[dict]:
    """WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    match = _NOTEBOOK_IN_URL.search(page.url)
    if match:
        AXE_LOG.add(match.group(1), violations)
    return violations


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} → {targets}")
    return "\n".join(lines)


def assert_no_error_shown(page) -> None:
    """No cell error, no Python traceback text, no 'nan' and no uncaught page error."""
    assert (
        page.locator(
            ".dk-cell-error, .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        ).count()
        == 0
    )
    text = page.inner_text("body")
    for marker in ("Traceback", "Error:", "There was an error", "NaN", " nan "):
        assert marker not in text, f"{marker!r} visas på sidan"
    assert not page.console_errors, page.console_errors


def assert_clean(page) -> None:
    """No error shown and zero axe violations (WCAG 2.1 A/AA) on what the page shows now."""
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
