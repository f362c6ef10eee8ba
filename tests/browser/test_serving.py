"""No page is ever left blank: forced failures of the serving, seen in a real browser.

One course server (the course's own configuration and template, preheated pools) serves small notebooks that fail
on purpose: a notebook whose first preheat fails (the pool must discard that kernel, never serve it), one whose
first visit fails after the visitor came (the page must say so and recover by itself), and a plain one whose
kernel is killed while the page is open (the page must say so and offer a reload that works).
"""

from __future__ import annotations

import os
import signal
import time

import nbformat
import pytest

from tools.bench import procfs

from .conftest import RENDER_TIMEOUT_MS, axe_violations, describe, wait_rendered
from .voila_server import VoilaServer

pytestmark = pytest.mark.browser

SLIDER = 'import ipywidgets as w\nw.IntSlider(value=3, min=0, max=10, description="Antal")'
FAIL_ONCE = """import os, pathlib
marker = pathlib.Path(os.environ["DIGIKOMP_DATA_DIR"]) / "{name}"
if not marker.exists():
    marker.touch()
    raise RuntimeError("{name}: the first run fails on purpose")
"""
NOTEBOOKS = {
    "plain.ipynb": SLIDER,
    "preheat_fails_once.ipynb": FAIL_ONCE.format(name="preheat-failed") + SLIDER,
    "visit_fails_once.ipynb": "from widgets.apps.session import wait_for_visit\nwait_for_visit()\n"
    + FAIL_ONCE.format(name="visit-failed")
    + SLIDER,
}
WATCHDOG = ".dk-watchdog"


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("failing-notebooks")
    for name, source in NOTEBOOKS.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["title"] = name
        nb.cells = [nbformat.v4.new_code_cell(source)]
        nbformat.write(nb, folder / name)
    data = tmp_path_factory.mktemp("failing-data")
    server = VoilaServer(data, notebooks_dir=folder)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def wait_until_logged(server: VoilaServer, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in server.log_path.read_text():
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the server log:\n{server.log_path.read_text()[-3000:]}")


def test_a_pool_kernel_whose_preheat_failed_is_discarded_and_never_served(failing_server, page):
    wait_until_logged(failing_server, "Discarding pool kernel")
    page.goto(failing_server.render_url("preheat_fails_once.ipynb"), wait_until="domcontentloaded")
    wait_rendered(page)
    assert page.locator(".dk-cell-error").count() == 0
    assert page.locator(f"{WATCHDOG}[role=alert]").count() == 0
    assert "Antal" in page.inner_text("#rendered_cells")


def test_a_page_that_fails_after_the_visit_says_so_and_recovers_by_itself(failing_server, page):
    seen: list[str] = []

    def record(text: str) -> None:  # Playwright needs a Python function here, not a bound builtin
        seen.append(text)

    page.expose_function("dkSeen", record)
    page.add_init_script(
        """new MutationObserver(() => {
             const box = document.querySelector('.dk-watchdog');
             if (box && box.getAttribute('role') === 'alert') window.dkSeen(box.textContent);
           }).observe(document, {subtree: true, childList: true, characterData: true});"""
    )
    page.goto(failing_server.render_url("visit_fails_once.ipynb"), wait_until="domcontentloaded")
    page.wait_for_selector(f"{WATCHDOG}[role=status]", timeout=RENDER_TIMEOUT_MS)
    wait_rendered(page)
    assert any("laddas om med en ny kärna" in text for text in seen), seen
    assert "laddades om automatiskt" in page.inner_text(WATCHDOG)
    assert page.locator(".dk-cell-error").count() == 0


def test_a_killed_kernel_is_reported_and_the_reload_button_brings_the_page_back(failing_server, page):
    page.goto(failing_server.render_url("plain.ipynb"), wait_until="domcontentloaded")
    wait_rendered(page)
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    pid = procfs.kernel_pid(kernel_id)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    alert = page.locator(f"{WATCHDOG}[role=alert]")
    alert.wait_for(timeout=30_000)
    assert "tappat kontakten" in alert.inner_text()
    button = page.get_by_role("button", name="Ladda om sidan")
    assert button.is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    with page.expect_navigation():
        button.click()
    wait_rendered(page)
    assert page.locator(f"{WATCHDOG}[role=alert]").count() == 0
    new_id = page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    assert new_id != kernel_id


def test_leaving_a_page_shuts_its_kernel_down(failing_server, page):
    """Voilà's page frees its kernel on beforeunload; that POST needs the _xsrf cookie the page now sets."""
    page.goto(failing_server.render_url("plain.ipynb"), wait_until="domcontentloaded")
    wait_rendered(page)
    assert any(c["name"] == "_xsrf" for c in page.context.cookies())
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId"
    )
    pid = procfs.kernel_pid(kernel_id)
    assert pid is not None
    page.goto("about:blank")
    assert procfs.wait_gone(pid, timeout=20), "the kernel of a closed page is still running"
