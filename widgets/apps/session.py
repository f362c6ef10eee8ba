"""Per-visit state in preheated kernels.

Voilà's preheated kernels run a notebook before anyone asks for it and cache the page. Anything that depends on
who is visiting or when — today's date, the participant's saved answers and drafts — must be read when the page is
actually requested, or a second tab would show (and could overwrite) stale text. App builders call
:func:`wait_for_visit` after their imports and before reading such state: the heavy imports stay preheated.

The wait is Voilà's own protocol (``voila.utils.wait_for_request``): the kernel opens the server's
``/voila/query/<kernel id>`` websocket and blocks until the server sends the visitor's request info, which it
puts into ``os.environ``. It is spoken here with ``websockets``' small synchronous client because importing
``voila.utils`` costs over 2 s of CPU (it loads jupyter_server, jupyterlab_server and nbconvert) in every
preheating kernel — time each pool fill held its slot while the other pages waited (``widgets/serving``).
"""

from __future__ import annotations

import json
import os

CONNECT_TIMEOUT_S = 10


def query_url(env: os._Environ | dict = os.environ) -> str:
    """The server's request-info websocket for this kernel, built from the variables Voilà gives its kernels."""
    protocol = env.get("VOILA_WS_PROTOCOL", "ws")
    host = env.get("VOILA_APP_IP", "127.0.0.1")
    port = env.get("VOILA_APP_PORT", "8866")
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}"


def wait_for_visit() -> None:
    """Block a preheated kernel until its page is requested; return at once in every other mode."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    from websockets.sync.client import connect

    with connect(query_url(), open_timeout=CONNECT_TIMEOUT_S, max_size=None) as socket:
        info = socket.recv()
    for key, value in json.loads(info).items():
        os.environ[key] = value
