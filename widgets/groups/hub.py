"""Writing a grouping to JupyterHub as hub groups, with the teacher's own token (stdlib HTTP only).

First :func:`preview` (what would change: new groups, members added and removed), then :func:`apply` with that
preview; :func:`apply` checks that the hub still looks as previewed. The token is the teacher's server token
(``JUPYTERHUB_API_TOKEN``, API at ``JUPYTERHUB_API_URL``); the teachers' role gives it ``admin:groups`` and
``groups`` (docs/deploy.md, "Bilda grupper"). The teachers' group ``larare`` is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

from ..store.errors import NotFoundError, PermissionDeniedError, StoreError
from .model import Grouping

TEACHER_GROUP = "larare"
TIMEOUT = 30
PAGE = 200  # JupyterHub's default largest page
SHOWN_OTHERS = 10

FORBIDDEN = (
    "Din token får inte ändra grupper på JupyterHub (behörigheten admin:groups saknas). Bara kursens lärare "
    "(gruppen larare) kan bilda grupper; logga in som lärare och starta om din server om du nyss blivit lärare."
)
UNAUTHORIZED = (
    "JupyterHub godtog inte din token (JUPYTERHUB_API_TOKEN). Starta om din server från hubbens kontrollpanel och "
    "försök igen."
)
NO_HUB = "Grupperna kan bara skrivas till JupyterHub från kursens hubb (JUPYTERHUB_API_TOKEN och JUPYTERHUB_API_URL saknas)."
MANAGED = (
    "Hubbens inloggning sköter grupperna (Authenticator.manage_groups), så de kan inte ändras här. Be hubbens "
    "administratör lägga in grupperna."
)


class HubGroups(Protocol):
    """What :func:`preview` and :func:`apply` need from the hub (a fake in tests)."""

    def group_names(self) -> list[str]: ...

    def group_members(self, name: str) -> set[str] | None: ...

    def create_group(self, name: str) -> None: ...

    def add_members(self, name: str, users: Sequence[str]) -> None: ...

    def remove_members(self, name: str, users: Sequence[str]) -> None: ...


class HubClient:
    """JupyterHub's REST API for groups, as the token's owner."""

    def __init__(self, api_url: str, token: str) -> None:
        self.api_url = api_url.rstrip("/")
        self.token = token

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HubClient | None:
        """The client for the kernel's hub, or None outside a hub (no token or no API URL)."""
        env = os.environ if env is None else env
        token, url = env.get("JUPYTERHUB_API_TOKEN"), env.get("JUPYTERHUB_API_URL")
        return cls(url, token) if token and url else None

    def _call(self, method: str, path: str, body: Any = None, group: str = "") -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.api_url}/{path}", data=data, method=method)
        req.add_header("Authorization", f"token {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                text = resp.read()
        except urllib.error.HTTPError as exc:
            raise _error(exc.code, _hub_message(exc.read()), group) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(
                f"JupyterHub svarar inte ({self.api_url}): {reason}. Försök igen om en stund."
            ) from None
        return json.loads(text) if text else None

    def group_names(self) -> list[str]:
        """Every group on the hub (the API's pages of at most :data:`PAGE` groups)."""
        names: list[str] = []
        while True:
            page = self._call("GET", f"groups?offset={len(names)}&limit={PAGE}")
            names.extend(g["name"] for g in page)
            if len(page) < PAGE:
                return names

    def group_members(self, name: str) -> set[str] | None:
        """The group's members, or None when the group does not exist."""
        try:
            reply = self._call("GET", f"groups/{quote(name, safe='')}", group=name)
        except NotFoundError:
            return None
        return set(reply.get("users", ()))

    def create_group(self, name: str) -> None:
        with contextlib.suppress(_Conflict):  # it exists already: fine
            self._call("POST", f"groups/{quote(name, safe='')}", {}, group=name)

    def add_members(self, name: str, users: Sequence[str]) -> None:
        self._call("POST", f"groups/{quote(name, safe='')}/users", {"users": list(users)}, group=name)

    def remove_members(self, name: str, users: Sequence[str]) -> None:
        self._call("DELETE", f"groups/{quote(name, safe='')}/users", {"users": list(users)}, group=name)


class _Conflict(StoreError):
    """409: the group exists already (only create_group sees it)."""


def _hub_message(raw: bytes) -> str:
    try:
        return str(json.loads(raw).get("message") or "")
    except (ValueError, AttributeError):
        return ""


def _error(status: int, hub_message: str, group: str) -> StoreError:
    if status == 401:
        return PermissionDeniedError(UNAUTHORIZED)
    if status == 403:
        return PermissionDeniedError(FORBIDDEN)
    if status == 404:
        return NotFoundError(f"Gruppen ”{group}” finns inte på JupyterHub.")
    if status == 409:
        return _Conflict(f"Gruppen ”{group}” finns redan på JupyterHub.")
    if status == 400 and hub_message.startswith("No such user:"):
        user = hub_message.removeprefix("No such user:").strip()
        return StoreError(
            f"JupyterHub känner inte till användaren ”{user}” (grupp {group}). Deltagarna måste finnas på hubben "
            "innan de kan läggas i grupper: be hubbens administratör lägga till dem, eller rätta användarnamnet."
        )
    if status == 400 and "disabled" in hub_message:
        return StoreError(MANAGED)
    detail = f" ({hub_message})" if hub_message else ""
    return StoreError(
        f"JupyterHub svarade med fel {status} för grupp {group}{detail}. Försök igen om en stund."
    )


@dataclass(frozen=True)
class GroupChange:
    name: str
    new: bool  # the group does not exist on the hub yet
    add: tuple[str, ...]
    remove: tuple[str, ...]  # members on the hub who are not in this group of the grouping

    @property
    def changes(self) -> bool:
        return self.new or bool(self.add) or bool(self.remove)


@dataclass(frozen=True)
class Preview:
    """What :func:`apply` would do, group by group (the grouping's order)."""

    grouping: Grouping
    changes: tuple[GroupChange, ...]
    others: tuple[str, ...] = ()  # other groups on the hub (not larare), left as they are

    @property
    def nothing_to_do(self) -> bool:
        return not any(c.changes for c in self.changes)

    def lines(self) -> list[str]:
        """Swedish lines for the teacher: one per group that changes, then a total."""
        lines = []
        for c in self.changes:
            if not c.changes:
                continue
            parts = ["ny grupp" if c.new else "finns redan"]
            if c.add:
                parts.append(f"läggs till: {', '.join(c.add)}")
            if c.remove:
                parts.append(f"tas bort: {', '.join(c.remove)}")
            lines.append(f"{c.name}: {'; '.join(parts)}.")
        new = sum(1 for c in self.changes if c.new)
        added = sum(len(c.add) for c in self.changes)
        removed = sum(len(c.remove) for c in self.changes)
        if self.nothing_to_do:
            lines.append("JupyterHub har redan just dessa grupper och medlemmar; inget behöver ändras.")
        else:
            lines.append(
                f"Totalt: {new} nya grupper, {added} medlemskap läggs till och {removed} tas bort. "
                f"Lärarnas grupp {TEACHER_GROUP} ändras inte."
            )
        if self.others:
            names = ", ".join(self.others[:SHOWN_OTHERS])
            more = len(self.others) - SHOWN_OTHERS
            names += f" och {more} till" if more > 0 else ""
            lines.append(
                f"Andra grupper på JupyterHub ändras inte: {names}. Deltagare som är med i dem är kvar där; ta "
                "bort grupper som inte längre ska användas på hubbens administrationssida."
            )
        return lines


def preview(client: HubGroups, grouping: Grouping) -> Preview:
    """Read the hub's groups of the same names and say what writing ``grouping`` would change."""
    if any(g.name == TEACHER_GROUP for g in grouping.groups):
        raise StoreError(
            f"Gruppen ”{TEACHER_GROUP}” är lärarnas grupp och ändras aldrig här; välj andra gruppnamn."
        )
    changes = []
    for group in grouping.groups:
        wanted = {p.anvandare for p in group.members}
        current = client.group_members(group.name)
        have = current or set()
        changes.append(
            GroupChange(
                group.name, current is None, tuple(sorted(wanted - have)), tuple(sorted(have - wanted))
            )
        )
    ours = {g.name for g in grouping.groups} | {TEACHER_GROUP}
    others = tuple(sorted(name for name in client.group_names() if name not in ours))
    return Preview(grouping, tuple(changes), others)


def apply(client: HubGroups, shown: Preview) -> Preview:
    """Write the previewed changes. Refused (StoreError) when the hub changed since the preview: preview again.
    Returns the hub's state afterwards as a preview (nothing to do when all went well)."""
    now = preview(client, shown.grouping)
    if now.changes != shown.changes:
        raise StoreError(
            "Grupperna på JupyterHub har ändrats sedan förhandsgranskningen. Förhandsgranska igen innan du skapar "
            "grupperna."
        )
    for change in shown.changes:
        if change.new:
            client.create_group(change.name)
        if change.add:
            client.add_members(change.name, change.add)
        if change.remove:
            client.remove_members(change.name, change.remove)
    return preview(client, shown.grouping)
