"""A participant's page without a browser: what Voilà's page says to the server, over HTTP and the kernel websocket.

One visit is what the page does: GET ``/voila/render/<notebook>`` and read the streamed HTML to the end (the
kernel id is in the ``jupyter-config-data`` script; the cells' outputs are JSON in the HTML), ask for the kernel's
model (``GET /api/kernels/<id>``, as Voilà's widget manager does), open the kernel's websocket
``/api/kernels/<id>/channels`` (jupyter_server's legacy protocol: one JSON text frame per message, a binary frame
when a message carries buffers) and send ``kernel_info_request`` as the page's kernel connection does, fetch every widget's state the way the ipywidgets 8 manager does
(``comm_open`` on ``jupyter.widget.control`` with protocol version 1.0.0, then ``{"method": "request_states"}``,
answered by one ``update_states``), change one input (``{"method": "update", "state": …}`` on the model's comm,
as a view's ``save_changes`` does) and, on leaving, ``POST /voila/api/shutdown/<id>`` (Voilà's ``beforeunload``).

Static files (voila.js and its chunks, CSS) are not fetched: a participant's browser caches them after the first
page, and the real browsers that run beside the clients pay them. Everything has a timeout; nothing retries.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import struct
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from random import Random

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"  # @jupyter-widgets/base CONTROL_COMM_PROTOCOL_VERSION
#: The ipywidgets 8 manager falls back to one request per model when ``update_states`` takes longer than this.
FRONTEND_CONTROL_TIMEOUT_S = 4.0
PROTOCOL_VERSION = "5.3"

_CONFIG_RE = re.compile(r'<script id="jupyter-config-data"[^>]*>(.*?)</script>', re.S)
_KERNEL_ID_RE = re.compile(r'"kernelId"\s*:\s*"([0-9a-fA-F-]{8,})"')
_ERROR_RES = (
    re.compile(r"dk-cell-error"),
    re.compile(r"application/vnd\.jupyter\.stderr"),
    re.compile(r'"name"\s*:\s*"stderr"'),
    re.compile(r'"output_type"\s*:\s*"error"'),
)

SELECTION_MODELS = {"DropdownModel", "RadioButtonsModel", "ToggleButtonsModel", "SelectModel"}
NUMBER_MODELS = {
    "IntSliderModel",
    "FloatSliderModel",
    "IntTextModel",
    "FloatTextModel",
    "BoundedIntTextModel",
    "BoundedFloatTextModel",
}
BOOLEAN_MODELS = {"CheckboxModel", "ToggleButtonModel"}
TEXT_MODELS = {"TextModel", "TextareaModel"}


@dataclass(frozen=True)
class PageInfo:
    """What the HTML says: the kernel id, how many widget views its outputs hold, whether an error is shown."""

    kernel_id: str | None
    widget_views: int
    error: bool


def parse_page(html: str) -> PageInfo:
    kernel_id = None
    config = _CONFIG_RE.search(html)
    if config:
        try:
            kernel_id = json.loads(config.group(1)).get("kernelId") or None
        except ValueError:
            kernel_id = None
    if kernel_id is None:
        found = _KERNEL_ID_RE.search(html)
        kernel_id = found.group(1) if found else None
    return PageInfo(
        kernel_id=kernel_id,
        widget_views=html.count(WIDGET_VIEW_MIME),
        error=any(r.search(html) for r in _ERROR_RES),
    )


def cookies_from(headers: list[str]) -> dict[str, str]:
    """Name → value of every ``Set-Cookie`` header (what a browser would send back)."""
    jar: dict[str, str] = {}
    for header in headers:
        parsed = SimpleCookie()
        try:
            parsed.load(header)
        except Exception:  # a cookie the stdlib cannot parse is skipped, as it would not matter here
            continue
        jar.update({name: morsel.value for name, morsel in parsed.items()})
    return jar


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def decode_frame(frame: bytes | str) -> dict:
    """One websocket frame of jupyter_server's legacy protocol: JSON text, or binary with buffers.

    Binary: 4 bytes big-endian count n, n offsets (4 bytes each) from the frame's start; part 0 is the JSON message,
    the rest are its buffers.
    """
    if isinstance(frame, str):
        msg = json.loads(frame)
        msg.setdefault("buffers", [])
        return msg
    (count,) = struct.unpack("!I", frame[:4])
    offsets = [*struct.unpack("!" + "I" * count, frame[4 : 4 * (count + 1)]), len(frame)]
    parts = [frame[start:stop] for start, stop in itertools.pairwise(offsets)]
    msg = json.loads(parts[0].decode("utf-8"))
    msg["buffers"] = parts[1:]
    return msg


def pick_change(states: dict, rng: Random) -> tuple[str, str, dict] | None:
    """A random enabled input among the widget states and a valid new state for it: (model id, model name, state)."""
    candidates = []
    for model_id, model in sorted(states.items()):
        change = _change_for(model.get("model_name", ""), model.get("state", {}))
        if change is not None:
            candidates.append((model_id, model["model_name"], change))
    return rng.choice(candidates) if candidates else None


def _change_for(name: str, state: dict) -> dict | None:
    if state.get("disabled"):
        return None
    if name in SELECTION_MODELS:
        labels = state.get("_options_labels") or []
        if len(labels) < 2:
            return None
        index = state.get("index")
        return {"index": 0 if index is None else (index + 1) % len(labels)}
    if name in NUMBER_MODELS:
        value, step = state.get("value"), state.get("step") or 1
        if not isinstance(value, int | float):
            return None
        low, high = state.get("min"), state.get("max")
        new = value + step
        if high is not None and new > high:
            new = value - step
        if low is not None and new < low:
            return None
        return {"value": int(new) if name.startswith(("Int", "BoundedInt")) else float(new)}
    if name in BOOLEAN_MODELS:
        return {"value": not state.get("value")}
    if name in TEXT_MODELS:
        return {"value": (state.get("value") or "") + " x"}
    return None


@dataclass
class Page:
    status: int
    html: str
    cookies: dict[str, str]
    first_byte_s: float | None
    seconds: float


async def fetch_page(http, url: str, timeout: float) -> Page:
    """GET a page with tornado's client and read it to the end; ``status`` 599 means no answer in time."""
    from tornado.httpclient import HTTPRequest

    start = time.perf_counter()
    first: list[float] = []
    chunks: list[bytes] = []

    def on_chunk(chunk: bytes) -> None:
        if not first:
            first.append(time.perf_counter() - start)
        chunks.append(chunk)

    request = HTTPRequest(url, request_timeout=timeout, connect_timeout=timeout, streaming_callback=on_chunk)
    response = await http.fetch(request, raise_error=False)
    return Page(
        status=response.code,
        html=b"".join(chunks).decode("utf-8", errors="replace"),
        cookies=cookies_from(response.headers.get_list("Set-Cookie") if response.headers else []),
        first_byte_s=first[0] if first else None,
        seconds=time.perf_counter() - start,
    )


async def kernel_model(http, base_url: str, kernel_id: str, cookies: dict[str, str], timeout: float) -> int:
    """``GET /api/kernels/<id>``: what Voilà's widget manager asks before it connects (404: no such kernel)."""
    from tornado.httpclient import HTTPRequest

    headers = {"Cookie": cookie_header(cookies)} if cookies else None
    request = HTTPRequest(f"{base_url}/api/kernels/{kernel_id}", headers=headers, request_timeout=timeout)
    return (await http.fetch(request, raise_error=False)).code


async def shutdown(http, base_url: str, kernel_id: str, cookies: dict[str, str], timeout: float = 20) -> int:
    """``POST /voila/api/shutdown/<id>`` as Voilà's page does on ``beforeunload``; returns the HTTP status.

    The form's ``_xsrf`` is the ``_xsrf`` cookie's value, empty when the server set none — a pre-rendered page sets
    none, and the server then refuses with 403, as it refuses the browser's beacon.
    """
    from tornado.httpclient import HTTPRequest

    body = urllib.parse.urlencode({"_xsrf": cookies.get("_xsrf", "")})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = cookie_header(cookies)
    request = HTTPRequest(
        f"{base_url}/voila/api/shutdown/{kernel_id}",
        method="POST",
        body=body,
        headers=headers,
        request_timeout=timeout,
    )
    return (await http.fetch(request, raise_error=False)).code


@dataclass
class KernelSocket:
    """The kernel's websocket; every received message goes to the waiter of its parent message id."""

    conn: object
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    _waiters: dict[str, asyncio.Queue] = field(default_factory=dict)
    _reader: asyncio.Task | None = None
    closed: bool = False

    @classmethod
    async def connect(
        cls, ws_base: str, kernel_id: str, cookies: dict[str, str], timeout: float
    ) -> KernelSocket:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        session = uuid.uuid4().hex
        request = HTTPRequest(
            f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={session}",
            headers={"Cookie": cookie_header(cookies)} if cookies else None,
            connect_timeout=timeout,
            request_timeout=timeout,
        )
        conn = await asyncio.wait_for(websocket_connect(request, max_message_size=256 * 1024 * 1024), timeout)
        sock = cls(conn=conn, session=session)
        sock._reader = asyncio.ensure_future(sock._read())
        return sock

    async def _read(self) -> None:
        while True:
            frame = await self.conn.read_message()
            if frame is None:
                self.closed = True
                for queue in self._waiters.values():
                    queue.put_nowait(None)
                return
            try:
                msg = decode_frame(frame)
            except (ValueError, struct.error):
                continue
            parent = (msg.get("parent_header") or {}).get("msg_id")
            if parent in self._waiters:
                self._waiters[parent].put_nowait(msg)

    def message(self, msg_type: str, content: dict, metadata: dict | None = None) -> dict:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": "",
            "session": self.session,
            "date": "",
            "version": PROTOCOL_VERSION,
        }
        return {
            "header": header,
            "msg_id": msg_id,
            "msg_type": msg_type,
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "buffers": [],
            "channel": "shell",
        }

    def send(self, msg: dict) -> asyncio.Queue:
        """Send ``msg``; the returned queue receives every message whose parent it is (None when the socket closes)."""
        queue: asyncio.Queue = asyncio.Queue()
        self._waiters[msg["header"]["msg_id"]] = queue
        self.conn.write_message(json.dumps(msg))
        return queue

    async def until(self, queue: asyncio.Queue, done, timeout: float) -> list[dict]:
        """Messages from ``queue`` until ``done(msg)``; TimeoutError after ``timeout``, ConnectionError if closed."""
        seen: list[dict] = []
        async with asyncio.timeout(timeout):
            while True:
                msg = await queue.get()
                if msg is None:
                    raise ConnectionError("kärnans websocket stängdes")
                seen.append(msg)
                if done(msg):
                    return seen

    async def request_states(self, timeout: float) -> dict:
        """Every widget's state, as ipywidgets 8's manager asks for it when the page connects."""
        comm_id = uuid.uuid4().hex
        self.send(
            self.message(
                "comm_open",
                {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
                metadata={"version": CONTROL_VERSION},
            )
        )
        queue = self.send(
            self.message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        )
        seen = await self.until(queue, _is_update_states, timeout)
        self.send(self.message("comm_close", {"comm_id": comm_id, "data": {}}))
        return seen[-1]["content"]["data"].get("states", {})

    async def change(self, model_id: str, state: dict, timeout: float) -> dict:
        """Send one input change; wait until the kernel is idle again after it (every observer has run)."""
        start = time.perf_counter()
        msg = self.message(
            "comm_msg",
            {"comm_id": model_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )
        seen = await self.until(self.send(msg), _is_idle, timeout)
        echo = [m for m in seen if _comm_method(m) == "echo_update"]
        updates = [m for m in seen if _comm_method(m) == "update"]
        return {
            "ms": (time.perf_counter() - start) * 1000,
            "echo": bool(echo),
            "updates": len(updates),
            "errors": sum(_is_error(m) for m in seen),
        }

    async def close(self) -> None:
        self.conn.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, asyncio.CancelledError, Exception):
                self._reader.cancel()


def _comm_method(msg: dict) -> str | None:
    if msg["header"]["msg_type"] != "comm_msg":
        return None
    return (msg.get("content", {}).get("data") or {}).get("method")


def _is_update_states(msg: dict) -> bool:
    return _comm_method(msg) == "update_states"


def _is_error(msg: dict) -> bool:
    kind = msg["header"]["msg_type"]
    return kind == "error" or (kind == "stream" and msg["content"].get("name") == "stderr")


def _is_idle(msg: dict) -> bool:
    return msg["header"]["msg_type"] == "status" and msg["content"].get("execution_state") == "idle"
