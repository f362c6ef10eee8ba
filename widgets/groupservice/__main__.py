"""``python -m widgets.groupservice``: started by JupyterHub as the managed service ``digikomp-grupp``.

Reads the hub's ``JUPYTERHUB_SERVICE_URL`` (where to listen) and ``JUPYTERHUB_SERVICE_PREFIX``, migrates the
database (``DIGIKOMP_GROUP_DB_URL`` or SQLite in ``DIGIKOMP_GROUP_DATA_DIR``) and serves with uvicorn."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from . import anonymity, db
from .api import create_app
from .auth import Identity

log = logging.getLogger("digikomp.grupp")
KEEP_ALIVE_S = 75


def main() -> int:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s", stream=sys.stderr
    )
    url = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:10101")
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/services/digikomp-grupp/"
    engine = db.make_engine(db.database_url())
    try:
        db.upgrade(engine)
    except Exception as exc:
        log.error(
            "Databasen kunde inte öppnas eller uppgraderas (%s): %s", engine.url.render_as_string(), exc
        )
        return 1
    log.info("Gruppytan: databas %s, lyssnar på %s%s", engine.url.render_as_string(), url.geturl(), prefix)
    key = anonymity.load_key(Path(os.environ.get("DIGIKOMP_GROUP_DATA_DIR") or ".").resolve())
    app = create_app(engine, Identity(os.environ.get("DIGIKOMP_TEACHER_GROUP") or "larare"), prefix, key)
    uvicorn.run(
        app,
        host=url.hostname or "127.0.0.1",
        port=url.port or 10101,
        access_log=False,
        log_config=None,
        # Idle keep-alive connections stay open longer than the proxy's (5 s) and a teacher's pause between polls:
        # uvicorn's default of 5 s closed them under a client that was about to write (a broken pipe).
        timeout_keep_alive=KEEP_ALIVE_S,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
