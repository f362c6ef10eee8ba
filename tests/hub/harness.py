"""A real JupyterHub with its proxy and the group service, and a real PostgreSQL, on free ports in a temp folder.

Plain functions and small classes, used by ``tests/hub/conftest.py`` and by ``tools/bench/groupservice.py``:

- :func:`start_postgres` — ``initdb`` in a new folder and ``pg_ctl start`` on a free port (as the ``postgres``
  system user when run as root: PostgreSQL refuses to run as root); :meth:`Postgres.stop` stops it.
- :func:`start_hub` — ``jupyterhub -f deploy/jupyterhub_config.py`` with ``DIGIKOMP_*`` ports, state folder, demo
  password and a test token (``DIGIKOMP_HUB_TEST_TOKEN``: the ``digikomp-test`` service may create users' tokens);
  the hub starts configurable-http-proxy (``node_modules``, ``make``'s ``node_modules/.installed``) and the
  group service. :meth:`Hub.stop` stops all three.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE = "digikomp-grupp"
ACCESS = f"access:services!service={SERVICE}"
PG_DATABASE = "grupp"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float, what: str, interval: float = 0.2):
    """Call ``check()`` until it returns something truthy; TimeoutError naming ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


# --- HTTP ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any  # parsed JSON, or the raw text when it is not JSON
    headers: dict[str, str]


def request(
    method: str,
    url: str,
    *,
    token: str | None = None,
    body: Any = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> Reply:
    """One HTTP request with the stdlib; never raises for an HTTP status (connection errors do raise)."""
    data = (
        raw if raw is not None else (None if body is None else json.dumps(body, ensure_ascii=False).encode())
    )
    req = urllib.request.Request(quote(url, safe=":/?=&%"), data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token is not None:
        req.add_header("Authorization", f"token {token}")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, text, hdrs = resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        status, text, hdrs = exc.code, exc.read(), dict(exc.headers)
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text.decode("utf-8", "replace")
    return Reply(status, parsed, hdrs)


# --- PostgreSQL ---------------------------------------------------------------------------------------------------


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} not found (Debian: apt-get install postgresql)")
    return found


def _as_postgres_user() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Postgres:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{PG_DATABASE}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [
                *_as_postgres_user(),
                _pg_bin("pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-w",
                "-t",
                "60",
                *args,
            ],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._ctl("-l", str(self.folder / "postgres.log"), "-o", options, "start")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "fast", "stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def connect(self):
        import psycopg

        return psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname={PG_DATABASE}", autocommit=True
        )


def start_postgres() -> Postgres:
    """A throwaway PostgreSQL cluster with a database ``grupp`` (trust authentication, loopback only)."""
    folder = Path(tempfile.mkdtemp(prefix="digikomp-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    subprocess.run(
        [
            *_as_postgres_user(),
            _pg_bin("initdb"),
            "-D",
            str(folder / "data"),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    pg = Postgres(folder, free_port())
    pg.start()
    import psycopg

    with psycopg.connect(
        f"host=127.0.0.1 port={pg.port} user=postgres dbname=postgres", autocommit=True
    ) as conn:
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return pg


# --- JupyterHub -----------------------------------------------------------------------------------------------------


@dataclass
class Hub:
    state: Path
    port: int
    service_port: int
    test_token: str
    postgres: Postgres | None  # None: the service's default SQLite file
    proc: subprocess.Popen
    log_path: Path
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def backend(self) -> str:
        return "postgresql" if self.postgres else "sqlite"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        """The service through the hub's proxy (what a browser or a test uses)."""
        return f"{self.url}/services/{SERVICE}/"

    @property
    def direct_url(self) -> str:
        """The service on its own port (what a kernel uses: ``DIGIKOMP_GROUP_SERVICE_URL``)."""
        return f"http://127.0.0.1:{self.service_port}/services/{SERVICE}/"

    @property
    def sqlite_path(self) -> Path:
        return self.state / "grupp" / "grupp.sqlite"

    def hub_api(self, method: str, path: str, body: Any = None) -> Reply:
        return request(method, f"{self.url}/hub/api/{path}", token=self.test_token, body=body)

    def token_for(self, user: str, scopes: list[str] | None = None) -> str:
        """A new API token of ``user`` with ``scopes`` (default: what a user's kernel has for the service)."""
        key = f"{user}:{','.join(scopes or [])}"
        if key not in self.tokens:
            reply = self.hub_api(
                "POST", f"users/{user}/tokens", {"scopes": scopes or [ACCESS], "note": "digikomp hub test"}
            )
            if reply.status != 201:
                raise RuntimeError(f"token for {user}: {reply.status} {reply.body}")
            self.tokens[key] = reply.body["token"]
        return self.tokens[key]

    def call(
        self, method: str, path: str, user: str | None = None, *, direct: bool = False, **kwargs
    ) -> Reply:
        """Call the service's API (``path`` below ``api/``) as ``user`` (a token made for them)."""
        token = self.token_for(user) if user else kwargs.pop("token", None)
        base = self.direct_url if direct else self.service_url
        return request(method, f"{base}api/{path}", token=token, **kwargs)

    def hub_healthy(self) -> bool:
        try:
            return request("GET", f"{self.url}/hub/health", timeout=5).status == 200
        except OSError:
            return False

    def service_healthy(self) -> bool:
        try:
            return request("GET", f"{self.service_url}api/health", timeout=5).status == 200
        except OSError:
            return False

    def service_pid(self) -> int | None:
        """The group service's process (a child of the hub), or None while it is not running."""
        for stat in glob.glob("/proc/[0-9]*/stat"):
            try:
                pid_text, rest = Path(stat).read_text().split(" ", 1)
                ppid = int(rest.rsplit(")", 1)[1].split()[1])
                if ppid != self.proc.pid:
                    continue
                cmdline = Path(stat).with_name("cmdline").read_bytes().split(b"\0")
            except (OSError, ValueError, IndexError):
                continue
            if b"widgets.groupservice" in cmdline:
                return int(pid_text)
        return None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        # A proxy left behind by a hub that did not stop cleanly.
        pid_file = self.state / "proxy.pid"
        if pid_file.exists():
            with contextlib.suppress(ValueError, OSError):
                pid = int(pid_file.read_text().strip())
                if b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGTERM)


def start_hub(state: Path, *, postgres: Postgres | None = None, timeout: float = 120) -> Hub:
    """JupyterHub with deploy/jupyterhub_config.py, its proxy and the group service, answering on free ports."""
    if not PROXY.exists():
        raise RuntimeError("configurable-http-proxy is missing: run `sh tools/hub.sh install-proxy` (npm ci)")
    state.mkdir(parents=True, exist_ok=True)
    port, service_port = free_port(), free_port()
    token = secrets.token_hex(32)
    env = {
        **os.environ,
        "DIGIKOMP_HUB_PORT": str(port),
        "DIGIKOMP_HUB_API_PORT": str(free_port()),
        "DIGIKOMP_PROXY_API_PORT": str(free_port()),
        "DIGIKOMP_SERVICE_PORT": str(service_port),
        "DIGIKOMP_HUB_STATE_DIR": str(state),
        "DIGIKOMP_DEMO_PASSWORD": secrets.token_urlsafe(12),
        "DIGIKOMP_HUB_TEST_TOKEN": token,
        "PATH": os.pathsep.join(
            [str(Path(sys.executable).parent), str(PROXY.parent), os.environ.get("PATH", "")]
        ),
    }
    env.pop("DIGIKOMP_GROUP_DB_URL", None)
    if postgres:
        env["DIGIKOMP_GROUP_DB_URL"] = postgres.url
    log_path = state / "hub.log"
    with log_path.open("ab") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(CONFIG)],
            cwd=state,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(state, port, service_port, token, postgres, proc, log_path)
    try:
        wait_until(lambda: proc.poll() is not None or hub.hub_healthy(), timeout, "hub", interval=0.5)
        wait_until(
            lambda: proc.poll() is not None or hub.service_healthy(), timeout, "group service", interval=0.5
        )
        if proc.poll() is not None:
            raise RuntimeError(f"jupyterhub exited ({proc.returncode}):\n{hub.log()[-4000:]}")
    except BaseException:
        hub.stop()
        raise
    return hub
