"""A participant's kernel on the hub stays light: the group service's client is the standard library."""

from __future__ import annotations

HEAVY_OR_SERVER_SIDE = {
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "jupyterhub",
    "pandas",
    "matplotlib",
}


def test_a_module_page_on_the_hub_loads_no_http_client_library(packages_loaded_by):
    loaded = packages_loaded_by(
        "import os\n"
        "os.environ['JUPYTERHUB_API_TOKEN'] = 'kernel-token'\n"
        "os.environ['DIGIKOMP_GROUP_SERVICE_URL'] = 'http://127.0.0.1:9/services/digikomp-grupp/'\n"
        "from widgets.apps.module import module_app\n"
        "page = module_app('modul1')\n"
        "from widgets.store.hub import HubSharedStore\n"
        "assert isinstance(page.reflection.shared, HubSharedStore)\n"
        "assert 'Gruppytan svarar inte' in page.reflection.message.value, page.reflection.message.value\n"
    )
    assert "widgets" in loaded
    assert loaded.isdisjoint(HEAVY_OR_SERVER_SIDE), loaded & HEAVY_OR_SERVER_SIDE
