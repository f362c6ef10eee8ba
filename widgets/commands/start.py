"""``digikomp start``: serve the course with Voilà, the Start page at ``/``."""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import CONFIG_DIR, NOTEBOOKS_DIR, SHARE_JUPYTER_DIR

START_NOTEBOOK = "00_start.ipynb"


def course_environment() -> None:
    """Make the course's template and kernel spec visible to Voilà and its kernels."""
    paths = [str(SHARE_JUPYTER_DIR), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")


def voila_app_class():
    """Voilà serving ``notebooks/`` with the repository's configuration and ``/`` redirected to the Start page."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from voila.app import Voila

    class CourseVoila(Voila):
        def _config_file_paths_default(self):
            return [str(CONFIG_DIR)]

        def init_handlers(self):
            start = url_path_join(self.server_url, "voila/render", START_NOTEBOOK)
            return [
                (url_path_join(self.server_url, "/?"), RedirectHandler, {"url": start}),
                *super().init_handlers(),
            ]

    return CourseVoila


def serve(
    port: int = 8866,
    open_browser: bool = True,
    extra: list[str] | None = None,
    notebooks_dir: Path | str = NOTEBOOKS_DIR,
) -> None:
    """Serve ``notebooks_dir`` (default: the course's ``notebooks/``) with the course's Voilà configuration."""
    course_environment()
    argv = [
        str(notebooks_dir),
        f"--port={port}",
        *(() if open_browser else ("--no-browser",)),
        *(extra or []),
    ]
    voila_app_class().launch_instance(argv=argv)


def _run(args) -> int:
    serve(
        port=args.port,
        open_browser=not args.no_browser,
        extra=args.voila_args,
        notebooks_dir=args.katalog or NOTEBOOKS_DIR,
    )
    return 0


def register(sub) -> None:
    p = sub.add_parser("start", help="Starta kursen i Voilà (Startsidan på http://localhost:PORT/).")
    p.add_argument("--port", type=int, default=8866, help="port (standard 8866)")
    p.add_argument("--no-browser", action="store_true", help="öppna ingen webbläsare")
    p.add_argument(
        "--katalog",
        metavar="DIR",
        type=Path,
        default=None,
        help="servera notebooks från DIR i stället för kursens notebooks/ (t.ex. för mätningar)",
    )
    p.add_argument("voila_args", nargs="*", help="fler flaggor till Voilà, t.ex. --Voila.ip=0.0.0.0")
    p.set_defaults(func=_run)
