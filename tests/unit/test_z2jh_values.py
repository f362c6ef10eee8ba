"""deploy/z2jh/values.yaml against the Zero to JupyterHub chart's documented options, and against the one-machine
hub (deploy/jupyterhub_config.py): same service, same scopes, same Start page.

``CHART_OPTIONS`` is what this file relies on, read from the chart's ``jupyterhub/values.schema.yaml``
(jupyterhub/zero-to-jupyterhub-k8s, revision ``CHART_SCHEMA_REVISION``, whose Chart.yaml names JupyterHub 5.4.5;
the 4.x line, installed with ``--version 4.3.3``). Each entry: the JSON types the schema allows (``open`` where the
schema says ``additionalProperties: true`` — what is below is passed through to JupyterHub or Kubernetes).
No helm binary is needed: the values are loaded as Helm does (YAML), checked key by key, and the Python snippet in
``hub.extraConfig`` is run on a stand-in of the chart's ``c``."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
VALUES = REPO / "deploy" / "z2jh" / "values.yaml"
CHART_SCHEMA_REVISION = "02dd73df01bdbb6d602fed21b0be12565ab38080"

OPEN = "open"
CHART_OPTIONS: dict[str, tuple[str, ...] | str] = {
    "hub": ("object",),
    "hub.image": ("object",),
    "hub.image.name": ("string",),
    "hub.image.tag": ("string",),
    "hub.db": ("object",),
    "hub.db.type": ("enum:sqlite-pvc,sqlite-memory,mysql,postgres,other",),
    "hub.db.url": ("string", "null"),
    "hub.db.upgrade": ("boolean", "null"),
    "hub.extraEnv": OPEN,
    "hub.services": OPEN,
    "hub.service": ("object",),
    "hub.service.extraPorts": ("array",),
    "hub.loadRoles": OPEN,
    "hub.config": OPEN,
    "hub.extraConfig": OPEN,
    "hub.networkPolicy": ("object",),
    "hub.networkPolicy.ingress": ("array",),
    "singleuser": ("object",),
    "singleuser.image": ("object",),
    "singleuser.image.name": ("string",),
    "singleuser.image.tag": ("string",),
    "singleuser.defaultUrl": ("string", "null"),
    "singleuser.extraEnv": OPEN,
    "singleuser.memory": ("object",),
    "singleuser.memory.guarantee": ("number", "string", "null"),
    "singleuser.memory.limit": ("number", "string", "null"),
    "singleuser.cpu": ("object",),
    "singleuser.cpu.guarantee": ("number", "null"),
    "singleuser.cpu.limit": ("number", "null"),
    "singleuser.networkPolicy": ("object",),
    "singleuser.networkPolicy.egress": ("array",),
    "singleuser.storage": ("object",),
    "singleuser.storage.type": ("enum:dynamic,static,none",),
    "singleuser.storage.capacity": ("string", "null"),
    "singleuser.storage.homeMountPath": ("string",),
    "cull": ("object",),
    "cull.enabled": ("boolean",),
    "cull.timeout": ("integer", "null"),
    "cull.every": ("integer", "null"),
    "cull.users": ("boolean", "null"),
}
#: Required by the schema when the parent is given.
REQUIRED = {"hub.image": {"name", "tag"}, "singleuser.image": {"name", "tag"}, "cull": {"enabled"},
            "singleuser.storage": {"type", "homeMountPath"}}  # fmt: skip


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def walk(node: dict, prefix: str = ""):
    """(path, value) of every key, stopping below options the chart passes through."""
    for key, value in node.items():
        path = f"{prefix}{key}"
        yield path, value
        if isinstance(value, dict) and CHART_OPTIONS.get(path) != OPEN:
            yield from walk(value, path + ".")


def allowed(value, types: tuple[str, ...]) -> bool:
    kind = json_type(value)
    for t in types:
        if t.startswith("enum:"):
            if value in t[5:].split(","):
                return True
        elif t == kind or (t == "number" and kind == "integer"):
            return True
    return False


def to_bytes(quantity) -> int:
    """A Kubernetes memory quantity (512M, 1G, 1Gi, bytes)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT]i?)?", str(quantity))
    assert match, f"not a memory quantity: {quantity!r}"
    number, unit = float(match.group(1)), match.group(2) or ""
    scale = {
        "": 1,
        "K": 1e3,
        "M": 1e6,
        "G": 1e9,
        "T": 1e12,
        "Ki": 2**10,
        "Mi": 2**20,
        "Gi": 2**30,
        "Ti": 2**40,
    }
    return int(number * scale[unit])


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_every_key_is_a_documented_option_of_the_chart(values):
    unknown = [path for path, _ in walk(values) if path not in CHART_OPTIONS]
    assert unknown == [], (
        f"keys the chart's schema (revision {CHART_SCHEMA_REVISION[:7]}) does not document: {unknown}"
    )
    wrong = [
        (path, json_type(value))
        for path, value in walk(values)
        if CHART_OPTIONS[path] != OPEN and not allowed(value, CHART_OPTIONS[path])
    ]
    assert wrong == [], wrong
    for parent, keys in REQUIRED.items():
        node = values
        for part in parent.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if node:
            assert keys <= set(node), f"{parent} needs {sorted(keys - set(node))}"


def test_the_group_service_and_its_roles_match_the_one_machine_hub(values, hub_config):
    service = values["hub"]["services"]["digikomp-grupp"]
    local = next(s for s in hub_config.JupyterHub.services if s["name"] == "digikomp-grupp")
    assert "widgets.groupservice" in " ".join(service["command"])
    assert service["environment"]["DIGIKOMP_TEACHER_GROUP"] == local["environment"]["DIGIKOMP_TEACHER_GROUP"]
    assert service["oauth_no_confirm"] is True
    port = int(service["url"].rsplit(":", 1)[1])
    assert {"name": "grupp", "port": port, "targetPort": port} in values["hub"]["service"]["extraPorts"]
    assert (
        values["singleuser"]["extraEnv"]["DIGIKOMP_GROUP_SERVICE_URL"]
        == f"http://hub:{port}/services/digikomp-grupp/"
    )

    local_roles = {r["name"]: r for r in hub_config.JupyterHub.load_roles}
    roles = values["hub"]["loadRoles"]
    assert set(local_roles["digikomp-kurs"]["scopes"]) <= set(
        roles["user"]["scopes"]
    )  # every user of the hub
    assert "self" in roles["user"]["scopes"]  # JupyterHub's default user role is kept
    assert sorted(roles["digikomp-grupp-tjanst"]["scopes"]) == sorted(
        local_roles["digikomp-grupp-tjanst"]["scopes"]
    )
    assert roles["digikomp-grupp-tjanst"]["services"] == ["digikomp-grupp"]
    scopes = values["hub"]["config"]["KubeSpawner"]["server_token_scopes"]
    assert sorted(scopes) == sorted(hub_config.Spawner.server_token_scopes)
    assert "larare" in values["hub"]["config"]["JupyterHub"]["load_groups"]


def test_kernels_reach_the_service_through_the_network_policies(values):
    port = int(values["hub"]["services"]["digikomp-grupp"]["url"].rsplit(":", 1)[1])
    ingress = values["hub"]["networkPolicy"]["ingress"]
    assert any(
        {"port": port} in rule["ports"]
        and {"podSelector": {"matchLabels": {"component": "singleuser-server"}}} in rule["from"]
        for rule in ingress
    )
    egress = values["singleuser"]["networkPolicy"]["egress"]
    assert any(
        {"port": port} in rule["ports"]
        and {"podSelector": {"matchLabels": {"component": "hub"}}} in rule["to"]
        for rule in egress
    )


def test_the_services_database_url_comes_from_a_secret(values):
    env = values["hub"]["extraEnv"]["DIGIKOMP_GROUP_DB_URL"]
    assert set(env["valueFrom"]["secretKeyRef"]) == {"name", "key"}
    assert "DIGIKOMP_GROUP_DB_URL" not in values["hub"]["services"]["digikomp-grupp"]["environment"]
    assert values["hub"]["db"]["type"] == "postgres" and "@" in values["hub"]["db"]["url"]
    assert ":" not in values["hub"]["db"]["url"].split("//", 1)[1].split("@", 1)[0], "no password in the file"

    from types import SimpleNamespace

    services = [{"name": "digikomp-grupp", "environment": {"DIGIKOMP_TEACHER_GROUP": "larare"}}]
    c = SimpleNamespace(
        JupyterHub=SimpleNamespace(services=services)
    )  # what of the chart's `c` the snippet uses

    snippet = values["hub"]["extraConfig"]["digikomp-grupp-db.py"]
    previous = os.environ.get("DIGIKOMP_GROUP_DB_URL")
    os.environ["DIGIKOMP_GROUP_DB_URL"] = "postgresql://grupp@db:5432/grupp"
    try:
        exec(compile(snippet, "hub.extraConfig.digikomp-grupp-db.py", "exec"), {"c": c})
    finally:
        if previous is None:
            os.environ.pop("DIGIKOMP_GROUP_DB_URL")
        else:
            os.environ["DIGIKOMP_GROUP_DB_URL"] = previous
    assert services[0]["environment"]["DIGIKOMP_GROUP_DB_URL"] == "postgresql://grupp@db:5432/grupp"


def test_users_servers_open_the_start_page_with_data_in_the_persistent_home(values, hub_config):
    single = values["singleuser"]
    assert single["defaultUrl"] == hub_config.Spawner.default_url
    assert single["extraEnv"]["DIGIKOMP_DATA_DIR"].startswith(single["storage"]["homeMountPath"] + "/")
    notebooks = values["hub"]["config"]["KubeSpawner"]["notebook_dir"]
    assert not notebooks.startswith(single["storage"]["homeMountPath"])  # the home volume would hide it
    assert (REPO / "notebooks" / single["defaultUrl"].rsplit("/", 1)[1]).exists()


def test_memory_guarantee_and_limit_are_quantities_with_the_guarantee_below_the_limit(values):
    memory = values["singleuser"]["memory"]
    assert 0 < to_bytes(memory["guarantee"]) <= to_bytes(memory["limit"])
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
