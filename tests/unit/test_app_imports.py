"""Import guard for every Voilà app: no app notebook's kernel loads pandas or matplotlib (they serve the "Räkna
själv" notebooks and the Word export's child process only), and the "Räkna själv" notebooks stay out of Voilà's
kernel pools and carry outputs only where nbval checks them."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from widgets.paths import CONFIG_DIR, NOTEBOOKS_DIR

HEAVY = {"pandas", "matplotlib"}
APPS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
RAKNA_SJALV = sorted((NOTEBOOKS_DIR / "rakna-sjalv").glob("*.ipynb"))


def app_code(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", APPS, ids=lambda p: p.name)
def test_no_app_kernel_loads_pandas_or_matplotlib(path, packages_loaded_by):
    loaded = packages_loaded_by(app_code(path))
    assert "widgets" in loaded  # the app was built
    assert loaded.isdisjoint(HEAVY), sorted(loaded & HEAVY)


def test_module_5_tools_opened_and_used_load_neither(packages_loaded_by):
    loaded = packages_loaded_by(
        "from widgets.apps.modul5 import modul5_app\n"
        "page = modul5_app()\n"
        "page.climate.expand(); page.climate.fields['laptop.count'].value = '10'\n"
        "page.climate.bridge.add.click()\n"
        "assert 'Lade till' in page.climate.bridge.message.value, page.climate.bridge.message.value\n"
        "page.agenda.expand(); page.agenda.rows[13].check.value = True\n"
    )
    assert loaded.isdisjoint(HEAVY), sorted(loaded & HEAVY)


def test_the_rakna_sjalv_notebooks_use_pandas_and_matplotlib_and_the_models():
    assert len(RAKNA_SJALV) >= 2
    for path in RAKNA_SJALV:
        code = app_code(path)
        assert "import pandas" in code and "import matplotlib" in code, path.name
        assert "from widgets." in code, path.name


@pytest.mark.parametrize("path", RAKNA_SJALV, ids=lambda p: p.name)
def test_committed_clean_and_checked_by_asserts_that_nbval_runs(path):
    """No stored outputs (nothing to drift); the checks are asserts, which fail the notebook under nbval."""
    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code), "committed with outputs"
    assert sum("assert " in cell.source for cell in code) >= 2
    assert not any("NBVAL_CHECK_OUTPUT" in cell.source for cell in code)


def test_voila_does_not_preheat_the_rakna_sjalv_notebooks():
    """Voilà's pool manager preheats every notebook under notebooks/ (rglob); these must not get app kernels."""
    voila = json.loads((CONFIG_DIR / "voila.json").read_text())
    denied = voila["VoilaKernelManager"].get("preheat_denylist", [])
    for path in RAKNA_SJALV:
        name = str(path.relative_to(NOTEBOOKS_DIR))
        assert any(pattern in name for pattern in denied), name
