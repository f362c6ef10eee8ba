"""JupyterHub for the course on one machine: ``make hub`` (a laptop demo) and the hub tests (tests/hub).

**For a demo on one machine only.** Everyone logs in with one shared password and every user's server runs as the
same operating-system user (``SimpleLocalProcessSpawner``: no isolation between users). A municipality's or LiU's
installation uses a real authenticator and spawner: see docs/deploy.md (The Littlest JupyterHub, Zero to JupyterHub).

Everything that differs between ``make hub`` and a test run comes from the environment, so tests can start the hub
on free ports in a temporary folder:

- ``DIGIKOMP_HUB_PORT`` (public port, 8000), ``DIGIKOMP_HUB_API_PORT`` (the hub's own port, 8081),
  ``DIGIKOMP_PROXY_API_PORT`` (configurable-http-proxy's API, 8001), ``DIGIKOMP_SERVICE_PORT`` (group service, 10101);
- ``DIGIKOMP_HUB_STATE_DIR``: the hub's database, cookie secret, pid files and the users' homes (``<repo>/.hub``);
- ``DIGIKOMP_DEMO_PASSWORD``: the shared password (``tools/hub.sh`` makes one up when it is unset);
- ``DIGIKOMP_GROUP_DB_URL``: the group service's database (a SQLite file in ``<state>/grupp/`` by default);
- ``DIGIKOMP_HUB_NOTEBOOK_DIR``: what the users' servers serve (``<repo>/notebooks``; the benchmark adds its floor);
- ``DIGIKOMP_HUB_TEST_TOKEN``: tests only — an extra service ``digikomp-test`` with that token, allowed to manage
  users, tokens and servers. Never set it outside tests.

The single-user servers get the same course settings as the standalone server (Voilà template ``digikomp``, no
tracebacks, kernel culling: ``config/jupyter_server_config.json``) through ``tools/jupyter-server.sh``, and open the
Start page through Voilà's server extension.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVICE = "digikomp-grupp"
TEACHER_GROUP = "larare"
GROUPS = {
    "grupp-a": ["deltagare1", "deltagare2", "deltagare3"],
    "grupp-b": ["deltagare4", "deltagare5", "deltagare6"],
    TEACHER_GROUP: ["larare"],
}
USERS = sorted({name for members in GROUPS.values() for name in members})
START_PAGE = "/voila/render/00_start.ipynb"
#: A user's server that has had no activity (no open page, no kernel) this long stops itself (as Zero to
#: JupyterHub's default culler does after an hour); the hub notices and shows "start my server" next time.
SERVER_IDLE_SECONDS = 3600


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value else default


PORT = _port("DIGIKOMP_HUB_PORT", 8000)
HUB_API_PORT = _port("DIGIKOMP_HUB_API_PORT", 8081)
PROXY_API_PORT = _port("DIGIKOMP_PROXY_API_PORT", 8001)
SERVICE_PORT = _port("DIGIKOMP_SERVICE_PORT", 10101)
STATE = Path(os.environ.get("DIGIKOMP_HUB_STATE_DIR") or REPO / ".hub").resolve()
NOTEBOOK_DIR = Path(os.environ.get("DIGIKOMP_HUB_NOTEBOOK_DIR") or REPO / "notebooks").resolve()
GROUP_DATA_DIR = STATE / "grupp"
GROUP_DB_URL = os.environ.get("DIGIKOMP_GROUP_DB_URL") or f"sqlite:///{GROUP_DATA_DIR / 'grupp.sqlite'}"
STATE.mkdir(parents=True, exist_ok=True)
GROUP_DATA_DIR.mkdir(parents=True, exist_ok=True)

# --- The hub, its proxy and their state -------------------------------------------------------------------------
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = HUB_API_PORT
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every user's server
c.JupyterHub.cleanup_proxy = True
# The hub's own pages in Swedish (login, home, spawn pending, errors, …).
c.JupyterHub.template_paths = [str(Path(__file__).resolve().parent / "templates")]
c.JupyterHub.template_vars = {
    "demo_login_hint": "Demo: logga in som deltagare1–deltagare6 eller larare, med lösenordet som make hub skrev ut."
}
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
_local_proxy = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
if _local_proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(_local_proxy)]

# --- Who may log in: a shared demo password ---------------------------------------------------------------------
c.JupyterHub.authenticator_class = "shared-password"
DEMO_PASSWORD = os.environ.get("DIGIKOMP_DEMO_PASSWORD") or ""
if not DEMO_PASSWORD:
    DEMO_PASSWORD = secrets.token_urlsafe(9)
    print(f"Demolösenord (för alla demoanvändare): {DEMO_PASSWORD}", file=sys.stderr, flush=True)
c.SharedPasswordAuthenticator.user_password = DEMO_PASSWORD
c.Authenticator.allowed_users = set(USERS)
c.Authenticator.admin_users = set()

# --- Groups and roles -------------------------------------------------------------------------------------------
c.JupyterHub.load_groups = {name: {"users": members} for name, members in GROUPS.items()}
c.JupyterHub.load_roles = [
    {
        "name": "digikomp-kurs",
        "description": "Participants and teachers may use the course's group service",
        "scopes": [f"access:services!service={SERVICE}"],
        "groups": list(GROUPS),
    },
    {
        # Teachers form the course groups from the Lärarsidan or `digikomp grupper` with their own token: create
        # groups and set their members. Their servers' tokens carry these (server_token_scopes below); a
        # participant's token does not, since a token only gets the scopes its user holds.
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

# --- The group service ------------------------------------------------------------------------------------------
c.JupyterHub.services = [
    {
        "name": SERVICE,
        "url": f"http://127.0.0.1:{SERVICE_PORT}",
        "command": [sys.executable, "-m", "widgets.groupservice"],
        "cwd": str(REPO),
        "environment": {
            "DIGIKOMP_GROUP_DB_URL": GROUP_DB_URL,
            "DIGIKOMP_GROUP_DATA_DIR": str(GROUP_DATA_DIR),
            "DIGIKOMP_TEACHER_GROUP": TEACHER_GROUP,
        },
        "oauth_no_confirm": True,
        "display": False,
    }
]

_test_token = os.environ.get("DIGIKOMP_HUB_TEST_TOKEN")
if _test_token:
    c.JupyterHub.services.append({"name": "digikomp-test", "api_token": _test_token})
    c.JupyterHub.load_roles.append(
        {
            "name": "digikomp-test",
            "description": "Tests only: create users' tokens, manage groups, start and stop servers",
            "scopes": [
                "admin:users",
                "admin:groups",
                "admin:servers",
                "tokens",
                "servers",
                "access:servers",
                f"access:services!service={SERVICE}",
                "read:users",
                "read:groups",
            ],
            "services": ["digikomp-test"],
        }
    )

# --- Users' servers ---------------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = ["/bin/sh", str(REPO / "tools" / "jupyter-server.sh"), str(BIN / "jupyterhub-singleuser")]
c.Spawner.args = [f"--ServerApp.shutdown_no_activity_timeout={SERVER_IDLE_SECONDS}"]
c.Spawner.notebook_dir = str(NOTEBOOK_DIR)
c.Spawner.default_url = START_PAGE
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
# The server's token (JUPYTERHUB_API_TOKEN, inherited by its kernels) may call the group service as its user and
# tell the service the user's name and groups; the first two are JupyterHub's defaults for a server.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={SERVICE}",
    "read:users:name!user",
    "read:users:groups!user",
    # Teachers only (others do not hold them): forming groups through the hub's API.
    "admin:groups",
    "groups",
    "list:groups",
    "read:groups",
]
c.Spawner.environment = {
    "DIGIKOMP_DATA_DIR": lambda spawner: str(Path(spawner.home_dir) / "digikomp"),
    "DIGIKOMP_GROUP_SERVICE_URL": f"http://127.0.0.1:{SERVICE_PORT}/services/{SERVICE}/",
    "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)]),
}
