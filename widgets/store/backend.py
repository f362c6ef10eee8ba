"""Which shared store a page uses: the group service inside the course's JupyterHub, none elsewhere.

Inside a user's server on the hub (``JUPYTERHUB_API_TOKEN`` and ``DIGIKOMP_GROUP_SERVICE_URL`` set, see
deploy/jupyterhub_config.py) pages share through :class:`~widgets.store.hub.HubSharedStore`. Outside a hub there
is no group to share with (``make start`` is one person's course), so pages show nothing about sharing."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .shared import SharedStore

URL_ENV = "DIGIKOMP_GROUP_SERVICE_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"


def in_hub(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """True inside a user's server on the course's JupyterHub (a token and the service's address are set)."""
    return bool(environ.get(TOKEN_ENV) and environ.get(URL_ENV))


def shared_store(environ: dict[str, str] | os._Environ[str] = os.environ) -> SharedStore | None:
    """The shared store for this kernel, or None when there is no group to share with. Opens no connection.

    The hub client (:mod:`widgets.store.hub`, with ``http.client``) is imported only on the hub: a page
    outside it never needs it, and its import is part of every cold kernel's start."""
    if in_hub(environ):
        from .hub import HubSharedStore

        return HubSharedStore(environ[URL_ENV], environ[TOKEN_ENV])
    return None
