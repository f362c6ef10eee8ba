"""Project files that must stay true to each other: environments, notebooks, template, configuration."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml

from widgets.paths import CONFIG_DIR, NOTEBOOKS_DIR, REPO_ROOT, SHARE_JUPYTER_DIR
from widgets.program import load_program

# PyPI name -> conda-forge name where they differ.
CONDA_NAMES = {"tzdata": "python-tzdata"}
REQ = re.compile(r"^([A-Za-z0-9_.-]+)\s*(.*)$")
TEMPLATE = SHARE_JUPYTER_DIR / "voila" / "templates" / "digikomp"


def split(requirement: str) -> tuple[str, str]:
    name, spec = REQ.match(requirement.strip()).groups()
    return name.lower(), spec.replace(" ", "")


def test_environment_yml_carries_the_same_runtime_dependencies_as_pyproject():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {CONDA_NAMES.get(n, n): spec for n, spec in map(split, project["dependencies"])}
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    conda = dict(split(d) for d in env["dependencies"] if isinstance(d, str))
    assert conda.pop("python") == ">=3.11"
    conda.pop("pip")
    assert conda == wanted


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_clean_and_only_assemble_apps(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], "committed with outputs"
            assert cell.execution_count is None
            code = [line for line in cell.source.splitlines() if line.strip() and not line.startswith("#")]
            assert len(code) <= 8, "logic belongs in the package, not in a notebook"
    assert nb.metadata.get("title"), "the page title comes from metadata.title"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.metadata.get("voila", {}).get("template") == "digikomp"


def test_every_event_has_its_notebook_titled_after_it():
    program = load_program()
    for event in program.events:
        nb = nbformat.read(NOTEBOOKS_DIR / event.notebook, as_version=4)
        assert nb.metadata["title"].startswith(event.label)
        assert f'"{event.id}"' in nb.cells[-1].source
    assert (NOTEBOOKS_DIR / "00_start.ipynb").exists()


def test_template_is_swedish_and_loads_nothing_from_third_parties():
    index = (TEMPLATE / "index.html.j2").read_text()
    assert '<html lang="sv">' in index
    for path in TEMPLATE.rglob("*"):
        if path.is_file():
            assert not re.search(r"(src|href)=\"https?://", path.read_text()), path


def test_configuration_culls_idle_kernels_and_preheats():
    voila = json.loads((CONFIG_DIR / "voila.json").read_text())
    server = json.loads((CONFIG_DIR / "jupyter_server_config.json").read_text())
    for config in (voila, server):
        assert config["VoilaConfiguration"]["template"] == "digikomp"
        assert config["VoilaConfiguration"]["show_tracebacks"] is False
        assert config["MappingKernelManager"]["cull_idle_timeout"] == 600
        # A late IOPub output is an error page the watchdog recovers from, never a page without its app.
        assert config["VoilaExecutor"]["raise_on_iopub_timeout"] is True
        assert config["VoilaExecutor"]["iopub_timeout"] >= 10
        # A dead kernel is gone (its page says so); a silently restarted one would leave the widgets dead.
        assert config["KernelRestarter"]["restart_limit"] == 0
    assert voila["VoilaConfiguration"]["preheat_kernel"] is True


def test_pool_configuration_names_the_course_notebooks():
    """Are the fill order and the per-notebook pool sizes about notebooks that exist, every one in the order?"""
    voila = json.loads((CONFIG_DIR / "voila.json").read_text())
    names = {p.name for p in notebooks()}
    order = voila["CoursePoolManager"]["fill_order"]
    assert order[0] == "00_start.ipynb"
    assert sorted(order) == sorted(names)
    pools = voila["VoilaKernelManager"]["kernel_pools_config"]
    assert set(pools) - {"default"} <= names
    assert all(isinstance(c["pool_size"], int) and c["pool_size"] >= 1 for c in pools.values())
