"""Start and stop a real Voilà server for browser tests and benchmarks."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VoilaServer:
    """``digikomp start`` on a free port with a throwaway participant data directory.

    ``notebooks_dir`` serves another folder (``digikomp start --katalog``); ``extra`` are more Voilà flags
    (e.g. ``--VoilaConfiguration.preheat_kernel=False``); ``env`` adds environment variables for the server and
    its kernels.
    """

    def __init__(
        self,
        data_dir: Path,
        extra: list[str] | None = None,
        log_path: Path | None = None,
        notebooks_dir: Path | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DIGIKOMP_DATA_DIR": str(data_dir), **(env or {})}
        self.log_path = log_path or data_dir / "voila.log"
        self._log = self.log_path.open("w")
        cmd = [
            sys.executable,
            "-m",
            "widgets.cli",
            "start",
            "--no-browser",
            "--port",
            str(self.port),
            *(("--katalog", str(notebooks_dir)) if notebooks_dir is not None else ()),
            "--",
            "--Voila.ip=127.0.0.1",
            *(extra or []),
        ]
        self.proc = subprocess.Popen(cmd, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"Voilà exited: {self.log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + "/voila/tree", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"Voilà did not answer within {timeout} s: {self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()

    def render_url(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"
