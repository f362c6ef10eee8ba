"""The course on The Littlest JupyterHub (TLJH): copy to ``/opt/tljh/config/jupyterhub_config.d/digikomp.py``.

TLJH loads every file in that folder after its own configuration, with ``c`` in scope. This file adds the
course to it: the group service ``digikomp-grupp`` as a hub-managed service, the roles that let participants and
teachers use it, what a user's server token may do, and the Start page. It is the configuration of the
one-machine hub (``deploy/jupyterhub_config.py``: same service, roles, scopes and Start page) with TLJH's
spawner, users and paths; ``tests/unit/test_tljh_config.py`` keeps the two the same. Installation steps:
docs/deploy.md, "One server: The Littlest JupyterHub".

Paths: the repository cloned to ``/srv/digikomp`` and installed into TLJH's user environment, the service in
its own environment ``/opt/digikomp-grupp``, its data in ``/srv/digikomp-grupp``. For PostgreSQL, set
``DIGIKOMP_GROUP_DB_URL`` in ``/etc/digikomp-grupp.env`` (readable by root only; read below), otherwise the
service keeps a SQLite file in its data folder.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

SERVICE = "digikomp-grupp"
TEACHER_GROUP = "larare"
SERVICE_PORT = 10101
COURSE = Path("/srv/digikomp")
SERVICE_PYTHON = "/opt/digikomp-grupp/bin/python"
SERVICE_DATA = "/srv/digikomp-grupp"
SECRETS = Path("/etc/digikomp-grupp.env")  # KEY=value lines, e.g. DIGIKOMP_GROUP_DB_URL=postgresql://…

environment = {"DIGIKOMP_GROUP_DATA_DIR": SERVICE_DATA, "DIGIKOMP_TEACHER_GROUP": TEACHER_GROUP}
if SECRETS.exists():
    for line in SECRETS.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            environment[key.strip()] = value.strip()

# TLJH loads this file with load_subconfig: ``c`` starts empty here and is merged into TLJH's own configuration, so
# lists and dicts are extended (traitlets applies append/extend/update to what TLJH set: its idle culler service
# and role stay), never assigned.
c.JupyterHub.services.append(
    {
        "name": SERVICE,
        "url": f"http://127.0.0.1:{SERVICE_PORT}",
        "command": [SERVICE_PYTHON, "-m", "widgets.groupservice"],
        "environment": environment,
        "oauth_no_confirm": True,
        "display": False,
    }
)
c.JupyterHub.load_groups.update({TEACHER_GROUP: {"users": []}})
c.JupyterHub.load_roles.extend(
    [
        {
            # JupyterHub's default role of every user, plus the course's group service (every user of this hub
            # takes the course; group membership is still checked by the service for every group).
            "name": "user",
            "description": "Everything about oneself, and the course's group service",
            "scopes": ["self", f"access:services!service={SERVICE}"],
        },
        {
            # Teachers form the course groups from the Lärarsidan or `digikomp grupper` with their own token.
            "name": "digikomp-larare",
            "description": "Teachers create the course's groups and set their members",
            "scopes": ["admin:groups", "groups", "list:groups", "read:groups"],
            "groups": [TEACHER_GROUP],
        },
        {
            "name": "digikomp-grupp-tjanst",
            "description": "The group service resolves callers, reads their JupyterHub groups and lists the groups",
            "scopes": ["read:users:name", "read:users:groups", "list:groups", "read:groups"],
            "services": [SERVICE],
        },
    ]
)
# The server's token (JUPYTERHUB_API_TOKEN, inherited by its kernels) may call the group service as its user and
# tell the service the user's name and groups; the first two are JupyterHub's defaults for a server.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE}",
    "read:users:name!user",
    "read:users:groups!user",
    # Teachers only (a token gets only the scopes its user holds): forming groups through the hub's API.
    "admin:groups",
    "groups",
    "list:groups",
    "read:groups",
]
c.Spawner.notebook_dir = str(COURSE / "notebooks")
c.Spawner.default_url = "/voila/render/00_start.ipynb"  # replaces TLJH's default app (JupyterLab)
c.Spawner.environment.update(
    {"DIGIKOMP_GROUP_SERVICE_URL": f"http://127.0.0.1:{SERVICE_PORT}/services/{SERVICE}/"}
)
