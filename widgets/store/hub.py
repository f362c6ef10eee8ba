"""The shared store on a JupyterHub: :class:`HubSharedStore` calls the course's group service (``digikomp-grupp``,
docs/group-service.md) as the logged-in user.

It runs in participants' kernels, so it uses the standard library only (``urllib.request``; no requests/httpx).
The caller's identity is the server's ``JUPYTERHUB_API_TOKEN``, sent in the ``Authorization`` header (never in a
URL, never logged); the service resolves it with the hub, so a kernel cannot claim to be anyone else.

Errors become the store's errors with the service's Swedish message: 403 → :class:`PermissionDeniedError`, 404 →
:class:`NotFoundError` (or ``False`` where the protocol says so), 413/422 → :class:`~widgets.errors.DomainError`
for the field, anything else (the service or its database down, a timeout) → :class:`StoreError` saying so. Only
idempotent calls are retried (reads, votes, deletes, and sharing, which replaces the group's copy); a board note
is posted once, so a failure never leaves two notes. Nothing is queued: a share that fails is refused with the
message, and the entry stays private."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import logging
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from ..errors import DomainError
from .backend import TOKEN_ENV, URL_ENV
from .errors import NotFoundError, PermissionDeniedError, StoreError
from .hub_live import LiveCalls
from .hub_work import WorkCalls
from .shared import BoardNote, MySharedData, SharedItem, Vote

log = logging.getLogger(__name__)


UNAVAILABLE = (
    "Gruppytan svarar inte just nu. Det du skriver sparas ändå i din egen lärlogg, men inget kan delas med "
    "gruppen förrän gruppytan är tillbaka. Försök igen om en stund."
)
NOT_LOGGED_IN = (
    "Gruppytan kände inte igen din inloggning. Ladda om sidan; hjälper inte det, logga in på nytt."
)
BAD_ANSWER = "Gruppytan svarade på ett sätt som kursmiljön inte förstår. Försök igen om en stund."

#: Seconds to wait for one answer, and the pauses before the retries of an idempotent call.
TIMEOUT = 5.0
RETRY_PAUSES = (0.3, 1.0)
#: How long the caller's name and groups are reused before asking the service again.
ME_TTL = 30.0
_RETRY_STATUS = {502, 503, 504}


def _time(value: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _item(d: dict[str, Any]) -> SharedItem:
    fields = (int(d["id"]), d["group"], d["author"], int(d["source_id"]), d["module"], d["prompt"], d["text"])
    return SharedItem(*fields, _time(d["shared"]))


def _note(d: dict[str, Any]) -> BoardNote:
    fields = (int(d["id"]), d["group"], d["board_id"], d["author"], d["text"], _time(d["created"]))
    return BoardNote(*fields, d.get("step"), bool(d.get("shared", True)), bool(d.get("harvested", False)))


def _quote(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")


class HubSharedStore(LiveCalls, WorkCalls):
    """:class:`~widgets.store.shared.SharedStore`, :class:`~widgets.store.live.LiveStore` and
    :class:`~widgets.store.groupwork.GroupWork` over the group service's API, as the hub token's user."""

    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        *,
        timeout: float = TIMEOUT,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        base_url = base_url if base_url is not None else os.environ.get(URL_ENV, "")
        token = token if token is not None else os.environ.get(TOKEN_ENV, "")
        if not base_url or not token:
            raise StoreError("Gruppytan är inte inställd i den här kursmiljön.")
        self.base_url = base_url.rstrip("/") + "/"
        self._token = token
        self.timeout = timeout
        self.retry_pauses = retry_pauses
        self._sleep = sleep
        # Never through an HTTP proxy from the environment: the service is the hub's neighbour.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self._me: tuple[float, dict[str, Any]] | None = None
        self._lock = threading.Lock()
        self.notice: str | None = None

    def __repr__(self) -> str:  # the token stays out of logs and tracebacks
        return f"HubSharedStore({self.base_url!r})"

    # --- HTTP ------------------------------------------------------------------------------------------------

    def _request(
        self, method: str, path: str, body: Any = None, *, idempotent: bool, timeout: float | None = None
    ) -> tuple[int, Any]:
        """One API call; returns (status, parsed JSON or None). Raises the store's errors."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        pauses = self.retry_pauses if idempotent else ()
        for attempt in range(len(pauses) + 1):
            request = urllib.request.Request(self.base_url + "api/" + path, data=data, method=method)
            request.add_unredirected_header("Authorization", f"token {self._token}")
            request.add_header("Accept", "application/json")
            if data is not None:
                request.add_header("Content-Type", "application/json")
            try:
                with self._opener.open(request, timeout=timeout or self.timeout) as response:
                    return response.status, self._json(response.read())
            except urllib.error.HTTPError as exc:
                try:
                    status, payload = exc.code, self._json(exc.read(), strict=False)
                except (OSError, http.client.HTTPException):
                    status, payload = exc.code, None
                finally:
                    exc.close()
                if status not in _RETRY_STATUS or attempt == len(pauses):
                    raise self._error(status, payload) from None
                log.warning("gruppytan svarade %s på %s (försök %d)", status, method, attempt + 1)
            except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, cut short
                if attempt == len(pauses):
                    log.warning("gruppytan nås inte: %s", type(exc).__name__)
                    raise StoreError(UNAVAILABLE) from None
            self._sleep(pauses[attempt])
        raise AssertionError("unreachable")

    @staticmethod
    def _json(raw: bytes, strict: bool = True) -> Any:
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            if strict:
                raise StoreError(BAD_ANSWER) from None
            return None

    @staticmethod
    def _error(status: int, payload: Any) -> Exception:
        message = payload.get("message") if isinstance(payload, dict) else None
        field = payload.get("field") if isinstance(payload, dict) else None
        if not isinstance(message, str) or not message:
            message = None
        if status == 401:
            return StoreError(NOT_LOGGED_IN)
        if status == 403:
            return PermissionDeniedError(message or "Du har inte behörighet till det här i gruppytan.")
        if status == 404:
            return NotFoundError(message or "Det finns inte i gruppytan (det kan redan ha tagits bort).")
        if status == 409 and field and not (isinstance(payload, dict) and "current" in payload):
            # Refused by the current state of what it concerns (a closed poll's options, a filtered word, …).
            return DomainError(str(field).rsplit(".", 1)[-1], message or BAD_ANSWER)
        if status in (413, 422):
            name = str(field).rsplit(".", 1)[-1] if field else "text"
            return DomainError(name, message or "Texten kan inte delas: den är för lång eller ogiltig.")
        if status >= 500:
            return StoreError(message or UNAVAILABLE)
        error = StoreError(message or BAD_ANSWER)
        error.payload = payload  # e.g. a 409's current version
        return error

    def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        idempotent: bool = True,
        timeout: float | None = None,
    ) -> Any:
        return self._request(method, path, body, idempotent=idempotent, timeout=timeout)[1]

    def _delete(self, path: str) -> bool:
        try:
            self._request("DELETE", path, idempotent=True)
        except NotFoundError:
            return False
        return True

    def _parsed(self, build: Callable[[], Any]) -> Any:
        try:
            return build()
        except (KeyError, TypeError, ValueError, AttributeError):
            raise StoreError(BAD_ANSWER) from None

    # --- who am I --------------------------------------------------------------------------------------------

    def me(self, fresh: bool = False) -> dict[str, Any]:
        """``{"name", "groups", "teacher"}`` from the service (kept for :data:`ME_TTL` seconds)."""
        with self._lock:
            cached = self._me
        if cached is not None and not fresh and time.monotonic() - cached[0] < ME_TTL:
            return cached[1]
        me = self._call("GET", "me")
        if not isinstance(me, dict) or not isinstance(me.get("name"), str):
            raise StoreError(BAD_ANSWER)
        with self._lock:
            self._me = (time.monotonic(), me)
        return me

    @property
    def user(self) -> str:
        return self.me()["name"]

    @property
    def teacher(self) -> bool:
        return bool(self.me().get("teacher"))

    def groups(self) -> list[str]:
        """The groups the caller is a member of: where they may share and write (a teacher usually none)."""
        return self._parsed(lambda: [str(g) for g in self.me()["groups"]])

    def visible_groups(self) -> list[str]:
        """The groups the caller may read: their own, and for a teacher every course group on the hub."""
        if not self.teacher:
            return self.groups()
        found = self._call("GET", "groups")
        return self._parsed(lambda: [str(g) for g in found["groups"]])

    # --- shared entries --------------------------------------------------------------------------------------

    def share_entry(
        self, group: str, *, source_id: int, module: str, prompt: str | None, text: str
    ) -> SharedItem:
        if not isinstance(group, str) or not group.strip():
            raise DomainError("grupp", "Välj en grupp att dela med.")
        if not (text or "").strip():
            raise DomainError("text", "En tom anteckning kan inte delas.")
        body = {"source_id": int(source_id), "module": module, "prompt": prompt, "text": text}
        # Sharing the same entry again replaces the group's copy, so a retry cannot make two.
        found = self._call("POST", f"groups/{_quote(group.strip())}/items", body)
        return self._parsed(lambda: _item(found))

    def unshare_entry(self, group: str, source_id: int) -> bool:
        return self._delete(f"groups/{_quote(group)}/items/{int(source_id)}")

    def shared_items(self, group: str, module: str | None = None) -> list[SharedItem]:
        query = f"?module={_quote(module)}" if module is not None else ""
        found = self._call("GET", f"groups/{_quote(group)}/items{query}")
        return self._parsed(lambda: [_item(d) for d in found])

    # --- votes -----------------------------------------------------------------------------------------------

    def cast_vote(self, group: str, poll_id: str, choice: str) -> None:
        if not isinstance(choice, str) or not choice.strip():
            raise DomainError("val", "Välj ett alternativ innan du röstar.")
        self._call("PUT", f"groups/{_quote(group)}/votes/{_quote(poll_id)}/mine", {"choice": choice.strip()})

    def withdraw_vote(self, group: str, poll_id: str) -> bool:
        return self._delete(f"groups/{_quote(group)}/votes/{_quote(poll_id)}/mine")

    def my_vote(self, group: str, poll_id: str) -> str | None:
        return self.vote_state(group, poll_id).my_vote

    def tally(self, group: str, poll_id: str) -> dict[str, int]:
        """The tally as the caller may see it: empty until they voted, unless revealed (vote_state says which)."""
        return self.vote_state(group, poll_id).tally or {}

    # --- group boards ----------------------------------------------------------------------------------------

    def post_note(
        self, group: str, board_id: str, text: str, *, step: str | None = None, shared: bool = True
    ) -> BoardNote:
        if not (text or "").strip():
            raise DomainError("text", "Skriv något innan du lägger upp lappen.")
        path = f"groups/{_quote(group)}/boards/{_quote(board_id)}/notes"
        body = {"text": text, "step": step, "shared": bool(shared)}
        found = self._call("POST", path, body, idempotent=False)  # a retry could post it twice
        return self._parsed(lambda: _note(found))

    def delete_note(self, group: str, note_id: int) -> bool:
        return self._delete(f"groups/{_quote(group)}/notes/{int(note_id)}")

    def board(self, group: str, board_id: str) -> list[BoardNote]:
        found = self._call("GET", f"groups/{_quote(group)}/boards/{_quote(board_id)}/notes")
        return self._parsed(lambda: [_note(d) for d in found])

    # --- the user's own data ---------------------------------------------------------------------------------

    def my_data(self) -> MySharedData:
        found = self._call("GET", "me/data")

        def build() -> MySharedData:
            votes = tuple(
                Vote(v["group"], v["vote_id"], v["choice"], _time(v["voted"])) for v in found["votes"]
            )
            return MySharedData(
                user=found["name"],
                items=tuple(_item(d) for d in found["items"]),
                votes=votes,
                notes=tuple(_note(d) for d in found["notes"]),
            )

        return self._parsed(build)

    def delete_my_data(self) -> dict[str, int]:
        found = self._call("DELETE", "me/data")
        return self._parsed(
            lambda: {
                "delade anteckningar": int(found["items"]),
                "röster": int(found["votes"]),
                "lappar": int(found["notes"]),
            }
        )

    def close(self) -> None:
        """Nothing to close: every call is its own connection."""

    def __enter__(self) -> HubSharedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
