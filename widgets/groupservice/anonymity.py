"""One answer per person in an anonymous poll without a name in the database: each answer row carries
``respondent`` = HMAC-SHA256(key, poll id and user name), never the name.

The key is a random secret kept in a file beside the service's data (``anonymity.key``, mode 0600, made on first
start), not in the database: someone who reads the database alone cannot tell who answered what. Whoever holds both
the key and the database can still test a known user name against a row — the same holds for every scheme that
must recognise a second answer from the same person — so the key file belongs to the service's account only."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

FILENAME = "anonymity.key"


def load_key(folder: Path) -> bytes:
    """The key in ``folder`` (made atomically on first use, readable by the service's user only)."""
    path = folder / FILENAME
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
            f.flush()
            os.fsync(f.fileno())
    key = bytes.fromhex(path.read_text().strip())
    if len(key) < 32:
        raise ValueError(f"{path}: the key is too short")
    return key


def respondent(key: bytes, poll_id: int, user: str) -> str:
    """The row key of ``user``'s answer to ``poll_id`` (64 hex characters)."""
    return hmac.new(key, f"{poll_id}\x00{user}".encode(), hashlib.sha256).hexdigest()
