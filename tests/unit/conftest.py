"""The group service's real application on a free port (SQLite, uvicorn in a thread) with the hub's token check
replaced by a fixed table of tokens: the API as a kernel's client meets it, without a hub. The same API through a
real JupyterHub is tests/hub/."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

PREFIX = "/services/digikomp-grupp/"
USERS = {  # token -> (name, JupyterHub groups)
    "tok-d1": ("deltagare1", {"grupp-a"}),
    "tok-d2": ("deltagare2", {"grupp-a"}),
    "tok-d3": ("deltagare3", {"grupp-a"}),
    "tok-d4": ("deltagare4", {"grupp-b"}),
    "tok-larare": ("larare", {"larare"}),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def group_service_factory(tmp_path_factory):
    """``factory()`` starts the service once per test module and returns its base URL."""
    pytest.importorskip("fastapi")
    import uvicorn

    from widgets.groupservice import db
    from widgets.groupservice.api import create_app
    from widgets.groupservice.auth import Caller, Identity
    from widgets.groupservice.errors import ApiError

    class FixedIdentity(Identity):
        def __init__(self) -> None:
            self.teacher_group = "larare"

        async def caller(self, authorization):
            token = (authorization or "").removeprefix("token ").strip()
            if token not in USERS:
                raise ApiError(401, "Token är ogiltig eller har gått ut. Logga in på JupyterHub igen.")
            name, groups = USERS[token]
            return Caller(name, frozenset(groups - {"larare"}), "larare" in groups)

        async def course_groups(self):
            return sorted({g for _, gs in USERS.values() for g in gs} - {"larare"})

        async def members(self, group):
            return sorted(name for name, gs in USERS.values() if group in gs)

    started = []

    def factory() -> str:
        folder = tmp_path_factory.mktemp("grupp")
        engine = db.make_engine(f"sqlite:///{folder / 'grupp.sqlite'}")
        db.upgrade(engine)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(engine, FixedIdentity(), PREFIX), host="127.0.0.1", port=port, log_config=None
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "the group service did not start"
            time.sleep(0.05)
        started.append((server, thread, engine))
        return f"http://127.0.0.1:{port}{PREFIX}"

    yield factory
    for server, thread, engine in started:
        server.should_exit = True
        thread.join(10)
        engine.dispose()


HUB_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub_config.py"


@pytest.fixture(scope="module")
def hub_config(tmp_path_factory):
    """deploy/jupyterhub_config.py loaded as JupyterHub loads it (``c = get_config()``), state in a temp folder."""
    import os

    from traitlets.config import Config

    env = {"DIGIKOMP_HUB_STATE_DIR": str(tmp_path_factory.mktemp("hub")), "DIGIKOMP_DEMO_PASSWORD": "x" * 12}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        config = Config()
        namespace = {"get_config": lambda: config, "__file__": str(HUB_CONFIG)}
        exec(compile(HUB_CONFIG.read_text(encoding="utf-8"), str(HUB_CONFIG), "exec"), namespace)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return config
