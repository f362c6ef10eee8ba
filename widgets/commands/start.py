"""``digikomp start``: serve the course with Voilà, the Start page at ``/``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..paths import NOTEBOOKS_DIR, SHARE_JUPYTER_DIR


def course_environment() -> None:
    """Make the course's template and kernel spec visible to Voilà and its kernels."""
    paths = [str(SHARE_JUPYTER_DIR), *filter(None, os.environ.get("JUPYTER_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")


def serve(
    port: int = 8866,
    open_browser: bool = True,
    extra: list[str] | None = None,
    notebooks_dir: Path | str = NOTEBOOKS_DIR,
    pools: dict[str, int] | None = None,
) -> None:
    """Serve ``notebooks_dir`` (default: the course's ``notebooks/``) with the course's Voilà configuration."""
    from ..serving.app import voila_app_class

    course_environment()
    argv = [
        str(notebooks_dir),
        f"--port={port}",
        *(() if open_browser else ("--no-browser",)),
        *(f"--CourseVoila.pool_sizes={notebook}={size}" for notebook, size in (pools or {}).items()),
        *(extra or []),
    ]
    voila_app_class().launch_instance(argv=argv)


def _run(args) -> int:
    serve(
        port=args.port,
        open_browser=not args.no_browser,
        extra=args.voila_args,
        notebooks_dir=args.katalog or NOTEBOOKS_DIR,
        pools=dict(args.pool or []),
    )
    return 0


def _pool_size(text: str) -> tuple[str, int]:
    notebook, sep, size = text.partition("=")
    if not sep or not notebook.endswith(".ipynb") or not size.isdigit():
        raise argparse.ArgumentTypeError(f"skriv NOTEBOOK=ANTAL, t.ex. 30_modul3_ai.ipynb=8 (fick {text!r})")
    return notebook, int(size)


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
    p.add_argument(
        "--pool",
        metavar="NOTEBOOK=N",
        type=_pool_size,
        action="append",
        help="håll N förvärmda kärnor redo för NOTEBOOK, t.ex. --pool 30_modul3_ai.ipynb=8 (upprepa för fler)",
    )
    p.add_argument("voila_args", nargs="*", help="fler flaggor till Voilà, t.ex. --Voila.ip=0.0.0.0")
    p.set_defaults(func=_run)
