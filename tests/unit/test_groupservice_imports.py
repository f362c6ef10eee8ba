"""The group service's stack stays out of participant kernels: what the notebooks import (every page, the store
client HubSharedStore included) loads neither widgets.groupservice nor its web and database libraries."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import nbformat

from widgets.paths import NOTEBOOKS_DIR

SERVICE_STACK = {
    "fastapi",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "jupyterhub",
    "pydantic",
}
IMPORT = re.compile(r"^\s*(from\s+widgets[\w.]*\s+import\s+.+|import\s+widgets[\w.]*)\s*$")


def notebook_imports() -> list[str]:
    lines = []
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                lines += [line.strip() for line in cell.source.splitlines() if IMPORT.match(line)]
    return sorted(set(lines))


def test_no_notebook_import_loads_the_group_service_stack(tmp_path):
    imports = notebook_imports()
    assert imports, "the notebooks import their apps from widgets"
    extra = ["import widgets.store", "import widgets.store.sharing"]
    try:  # the kernel side of the hub: the backend choice and HubSharedStore
        import widgets.store.backend  # noqa: F401

        extra += [
            "from widgets.store.backend import shared_store",
            "shared_store({'JUPYTERHUB_API_TOKEN': 'x', "
            "'DIGIKOMP_GROUP_SERVICE_URL': 'http://127.0.0.1:9/services/digikomp-grupp/'})",
        ]
    except ImportError:
        pass
    script = "\n".join([*imports, *extra, "import sys", "print(' '.join(sorted(sys.modules)))"])
    env = {**os.environ, "DIGIKOMP_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env)
    modules = set(out.stdout.split())
    assert not {m for m in modules if m.startswith("widgets.groupservice")}
    assert {m.split(".")[0] for m in modules}.isdisjoint(SERVICE_STACK)
