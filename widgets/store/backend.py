"""Which shared store a page uses: the group service inside the course's JupyterHub, none elsewhere.

Inside a user's server on the hub (``JUPYTERHUB_API_TOKEN`` and ``DIGIKOMP_GROUP_SERVICE_URL`` set, see
deploy/jupyterhub_config.py) pages share through :class:`~widgets.store.hub.HubSharedStore`. Outside a hub there
is no group to share with (``make start`` is one person's course), so pages show nothing about sharing."""

from __future__ import annotations

import os

from .hub import HubSharedStore, in_hub
from .shared import SharedStore


def shared_store(environ: dict[str, str] | os._Environ[str] = os.environ) -> SharedStore | None:
    """The shared store for this kernel, or None when there is no group to share with. Opens no connection."""
    if in_hub(environ):
        return HubSharedStore(environ["DIGIKOMP_GROUP_SERVICE_URL"], environ["JUPYTERHUB_API_TOKEN"])
    return None
