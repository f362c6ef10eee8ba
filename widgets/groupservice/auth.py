"""Who is calling: the token in ``Authorization: token …`` resolved by the hub, never a claim of the client.

``jupyterhub.services.auth.HubAuth`` asks ``GET /hub/api/user`` with the caller's token (name, groups, the token's
scopes) and caches the answer for ``CACHE_SECONDS`` keyed by a SHA-256 of the token. The token must carry
``access:services!service=digikomp-grupp`` (what ``c.Spawner.server_token_scopes`` gives a user's kernel). The
teacher role is membership of the hub group ``DIGIKOMP_TEACHER_GROUP`` (default ``larare``). Tokens are only read
from the header — a token in the URL is never looked at — and never logged."""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import quote

from jupyterhub.services.auth import HubAuth, check_scopes
from tornado.httpclient import AsyncHTTPClient, HTTPClientError

from .errors import ApiError

CACHE_SECONDS = 60
MEMBERS_SECONDS = 15
TOKEN = re.compile(r"^(?:token|bearer)\s+(\S+)\s*$", re.IGNORECASE)
log = logging.getLogger("digikomp.grupp")


@dataclass(frozen=True)
class Caller:
    name: str
    groups: frozenset[str]  # course groups, without the teachers' group
    teacher: bool

    def may_read(self, group: str) -> bool:
        return self.teacher or group in self.groups

    def may_write(self, group: str) -> bool:
        return group in self.groups


class Identity:
    def __init__(self, teacher_group: str = "larare", hub_auth: HubAuth | None = None) -> None:
        self.teacher_group = teacher_group
        self.hub_auth = hub_auth or HubAuth(cache_max_age=CACHE_SECONDS)
        self._groups: tuple[float, list[str]] | None = None
        self._members: dict[str, tuple[float, list[str]]] = {}

    async def course_groups(self) -> list[str]:
        """Every course group on the hub (not the teachers'), asked with the service's own token (the hub grants
        it ``read:groups:name``); kept for ``CACHE_SECONDS``."""
        if self._groups is not None and time.monotonic() - self._groups[0] < CACHE_SECONDS:
            return self._groups[1]
        try:
            reply = await AsyncHTTPClient().fetch(
                f"{self.hub_auth.api_url.rstrip('/')}/groups",
                headers={"Authorization": f"token {self.hub_auth.api_token}"},
                request_timeout=10,
            )
            names = sorted({g["name"] for g in json.loads(reply.body)} - {self.teacher_group})
        except HTTPClientError as exc:
            # 403: the hub's role for the service lacks list:groups (deploy/jupyterhub_config.py grants it).
            log.error("JupyterHub nekade gruppytan att lista grupperna (HTTP %s)", exc.code)
            raise ApiError(503, "Gruppytan får inte läsa kursens grupper från JupyterHub just nu.") from None
        except Exception as exc:
            log.warning("JupyterHub svarade inte på frågan om grupper (%s)", type(exc).__name__)
            raise ApiError(
                503, "Inloggningen (JupyterHub) svarar inte just nu. Försök igen om en stund."
            ) from None
        self._groups = (time.monotonic(), names)
        return names

    async def members(self, group: str) -> list[str]:
        """The members of a course group on the hub (the service's token has ``read:groups``), kept for
        ``MEMBERS_SECONDS`` so that a teacher's new grouping shows within that time."""
        cached = self._members.get(group)
        if cached is not None and time.monotonic() - cached[0] < MEMBERS_SECONDS:
            return cached[1]
        try:
            reply = await AsyncHTTPClient().fetch(
                f"{self.hub_auth.api_url.rstrip('/')}/groups/{quote(group, safe='')}",
                headers={"Authorization": f"token {self.hub_auth.api_token}"},
                request_timeout=10,
            )
            names = sorted(json.loads(reply.body).get("users") or [])
        except HTTPClientError as exc:
            if exc.code == 404:
                names = []
            else:
                log.error("JupyterHub nekade gruppytan att läsa gruppens medlemmar (HTTP %s)", exc.code)
                raise ApiError(
                    503, "Gruppytan får inte läsa gruppens medlemmar från JupyterHub just nu."
                ) from None
        except Exception as exc:
            log.warning("JupyterHub svarade inte på frågan om medlemmar (%s)", type(exc).__name__)
            raise ApiError(
                503, "Inloggningen (JupyterHub) svarar inte just nu. Försök igen om en stund."
            ) from None
        self._members[group] = (time.monotonic(), names)
        return names

    async def caller(self, authorization: str | None) -> Caller:
        match = TOKEN.match(authorization or "")
        if match is None:
            raise ApiError(
                401, "Inloggning saknas: anropet måste ha en JupyterHub-token (Authorization: token …)."
            )
        try:
            model = await self.hub_auth.user_for_token(match.group(1), sync=False)
        except Exception as exc:  # tornado HTTPError or a connection error: the hub is not answering
            log.warning("JupyterHub svarade inte när en token skulle kontrolleras (%s)", type(exc).__name__)
            raise ApiError(
                503, "Inloggningen (JupyterHub) svarar inte just nu. Försök igen om en stund."
            ) from None
        if not model:
            raise ApiError(401, "Token är ogiltig eller har gått ut. Logga in på JupyterHub igen.")
        if model.get("kind", "user") != "user" or not model.get("name"):
            raise ApiError(403, "Bara inloggade användare kan använda gruppytan.")
        if not check_scopes(self.hub_auth.access_scopes, set(model.get("scopes", ()))):
            raise ApiError(403, "Den här token ger inte åtkomst till gruppytan (digikomp-grupp).")
        groups = frozenset(model.get("groups") or ())
        return Caller(model["name"], groups - {self.teacher_group}, self.teacher_group in groups)
