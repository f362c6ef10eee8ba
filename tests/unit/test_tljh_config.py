"""deploy/tljh/digikomp.py as The Littlest JupyterHub loads it — a file in ``jupyterhub_config.d`` read with
traitlets' ``load_subconfig`` after TLJH's own configuration — against the one-machine hub
(deploy/jupyterhub_config.py): same service, roles, server scopes and Start page, and TLJH's own idle-culler
service and role kept (a sub-config that assigned the lists would replace them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from traitlets import Dict, List, Unicode
from traitlets.config import Configurable
from traitlets.config.loader import PyFileConfigLoader

TLJH_FILE = Path(__file__).resolve().parents[2] / "deploy" / "tljh" / "digikomp.py"

#: What TLJH's own configuration has set when it loads the folder (its culler as a service with a role).
TLJH_MAIN = f"""
c = get_config()
c.JupyterHub.services = [{{"name": "cull-idle", "admin": True, "command": ["cull"]}}]
c.JupyterHub.load_roles = [{{"name": "tljh-idle-culler", "services": ["cull-idle"], "scopes": ["admin:users"]}}]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{"TLJH_SET": "1"}}
load_subconfig({str(TLJH_FILE)!r})
"""


class JupyterHub(Configurable):
    services = List().tag(config=True)
    load_roles = List().tag(config=True)
    load_groups = Dict().tag(config=True)


class Spawner(Configurable):
    server_token_scopes = List().tag(config=True)
    default_url = Unicode().tag(config=True)
    notebook_dir = Unicode().tag(config=True)
    environment = Dict().tag(config=True)


@pytest.fixture(scope="module")
def tljh(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tljh")
    (folder / "jupyterhub_config.py").write_text(TLJH_MAIN, encoding="utf-8")
    config = PyFileConfigLoader("jupyterhub_config.py", str(folder)).load_config()
    return JupyterHub(config=config), Spawner(config=config)


def test_tljhs_own_culler_service_and_role_are_kept(tljh):
    hub, spawner = tljh
    assert [s["name"] for s in hub.services] == ["cull-idle", "digikomp-grupp"]
    assert "tljh-idle-culler" in [r["name"] for r in hub.load_roles]
    assert spawner.environment["TLJH_SET"] == "1"


def test_service_roles_and_scopes_are_the_one_machine_hubs(tljh, hub_config):
    hub, spawner = tljh
    service = next(s for s in hub.services if s["name"] == "digikomp-grupp")
    local = next(s for s in hub_config.JupyterHub.services if s["name"] == "digikomp-grupp")
    assert service["command"][1:] == local["command"][1:] == ["-m", "widgets.groupservice"]
    assert service["environment"]["DIGIKOMP_TEACHER_GROUP"] == local["environment"]["DIGIKOMP_TEACHER_GROUP"]
    assert service["oauth_no_confirm"] is True and service["display"] is False
    port = service["url"].rsplit(":", 1)[1]
    assert (
        spawner.environment["DIGIKOMP_GROUP_SERVICE_URL"]
        == f"http://127.0.0.1:{port}/services/digikomp-grupp/"
    )

    roles = {r["name"]: r for r in hub.load_roles}
    local_roles = {r["name"]: r for r in hub_config.JupyterHub.load_roles}
    assert set(local_roles["digikomp-kurs"]["scopes"]) <= set(
        roles["user"]["scopes"]
    )  # every user of the hub
    assert "self" in roles["user"]["scopes"]  # JupyterHub's default user role is kept
    for name in ("digikomp-larare", "digikomp-grupp-tjanst"):
        assert sorted(roles[name]["scopes"]) == sorted(local_roles[name]["scopes"]), name
    assert roles["digikomp-larare"]["groups"] == local_roles["digikomp-larare"]["groups"] == ["larare"]
    assert roles["digikomp-grupp-tjanst"]["services"] == ["digikomp-grupp"]
    assert sorted(spawner.server_token_scopes) == sorted(hub_config.Spawner.server_token_scopes)
    assert "larare" in hub.load_groups


def test_users_servers_open_the_course_start_page(tljh, hub_config):
    _, spawner = tljh
    assert spawner.default_url == hub_config.Spawner.default_url  # not TLJH's JupyterLab
    assert spawner.notebook_dir == "/srv/digikomp/notebooks"
