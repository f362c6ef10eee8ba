"""Where the course's content and the participant's data live."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root. The package is installed in editable mode, so content is read from the checkout.
REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
EXERCISES_DIR = REPO_ROOT / "exercises"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
CONFIG_DIR = REPO_ROOT / "config"
SHARE_JUPYTER_DIR = REPO_ROOT / "share" / "jupyter"

DATA_DIR_ENV = "DIGIKOMP_DATA_DIR"


def user_data_dir() -> Path:
    """The participant's private data directory (``DIGIKOMP_DATA_DIR`` overrides the platform default)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("digikomp", appauthor=False)
