"""``make lab`` as a participant runs it, and the Start page served by JupyterLab's Voilà extension."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from widgets.paths import REPO_ROOT

from .conftest import assert_no_error_shown, axe_violations, describe, open_app

pytestmark = pytest.mark.browser

START_TIMEOUT_S = 120  # make may first reinstall the package into .venv when pyproject.toml has changed
#: The address Jupyter prints for the participant to open, with its token.
URL_IN_LOG = re.compile(r"(http://127\.0\.0\.1:\d+)/\S*\?token=(\w+)")


@dataclass
class Lab:
    url: str
    token: str

    def render_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}?token={self.token}"


def stop(proc: subprocess.Popen) -> None:
    """Stop make, the server and its kernels (which Jupyter starts in sessions of their own)."""
    try:
        processes = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        processes = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    _, alive = psutil.wait_procs(processes, timeout=20)
    for p in alive:
        p.kill()
    psutil.wait_procs(alive, timeout=5)
    proc.wait(timeout=5)


@pytest.fixture
def lab(tmp_path, _private_data_dir):
    """``make lab`` with a fresh home folder (for Jupyter's runtime files, workspaces and IPython profile)."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), DIGIKOMP_DATA_DIR=str(_private_data_dir))
    log_path = tmp_path / "lab.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            ["make", "lab", "LAB_ARGS=--no-browser"],  # no display here to open a browser on
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield wait_for_url(proc, log_path)
    finally:
        stop(proc)


def wait_for_url(proc: subprocess.Popen, log_path: Path) -> Lab:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        found = URL_IN_LOG.search(log_path.read_text())
        if found:
            return Lab(url=found[1], token=found[2])
        if proc.poll() is not None:
            pytest.fail(f"make lab exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.3)
    pytest.fail(f"make lab printed no address within {START_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}")


def test_make_lab_serves_the_start_page_through_voila(lab, page):
    open_app(page, lab, "notebooks/00_start.ipynb")
    assert page.get_attribute("html", "lang") == "sv"
    assert_no_error_shown(page)
    violations = axe_violations(page)
    assert not violations, describe(violations)
