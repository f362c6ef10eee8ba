"""Errors as JSON with a Swedish message: ``{"message": "…", "field": "text" | null}``.

Also the ASGI layer in front of the app: the body size limit (413) and one access-log line per request (method,
path without query string, status, milliseconds, caller) — never headers, so a token cannot reach the log."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("digikomp.grupp")

STATUS_MESSAGES = {
    400: "Begäran kunde inte läsas.",
    401: "Inloggning saknas: anropet måste ha en JupyterHub-token.",
    403: "Du har inte behörighet till det här.",
    404: "Det finns inget här.",
    405: "Metoden stöds inte för den här adressen.",
    413: "Begäran är för stor.",
    415: "Skicka innehållet som JSON.",
    422: "Begäran innehåller ett ogiltigt värde.",
    500: "Något gick fel i gruppytan. Försök igen om en stund.",
    503: "Gruppytan är inte tillgänglig just nu. Försök igen om en stund.",
}

FIELD_MESSAGES = {
    "missing": "Fältet saknas.",
    "extra_forbidden": "Fältet får inte skickas.",
    "string_type": "Måste vara text.",
    "int_type": "Måste vara ett heltal.",
    "int_parsing": "Måste vara ett heltal.",
    "string_too_short": "Får inte vara tomt.",
    "greater_than_equal": "Talet är för litet.",
    "less_than_equal": "Talet är för stort.",
    "model_type": "Begäran måste vara ett JSON-objekt.",
    "model_attributes_type": "Begäran måste vara ett JSON-objekt.",
    "dict_type": "Begäran måste vara ett JSON-objekt.",
    "json_invalid": "Begäran är inte giltig JSON.",
    "not_utf8": "Texten innehåller ett tecken som inte kan sparas.",
    "nul_character": "Texten innehåller ett nolltecken, som inte kan sparas.",
    "too_long": "För många värden.",
    "too_short": "För få värden.",
    "list_type": "Måste vara en lista.",
    "bool_type": "Måste vara sant eller falskt.",
    "literal_error": "Värdet är inte ett av de tillåtna.",
    "union_tag_invalid": "Okänd typ av omröstning (choice, scale, words, open eller qa).",
    "union_tag_not_found": "Fältet kind saknas: vilken typ av omröstning?",
    "unique_items": "Alternativen måste skilja sig åt.",
}

#: The tags of the poll kinds, which pydantic puts first in a field's location for a body chosen by ``kind``.
UNION_TAGS = {"choice", "scale", "words", "open", "qa"}

# Fields whose own wording beats the generic one.
SPECIFIC = {
    (
        "author",
        "extra_forbidden",
    ): "Fältet author får inte skickas: avsändaren är alltid den inloggade användaren.",
    (
        "user",
        "extra_forbidden",
    ): "Fältet user får inte skickas: avsändaren är alltid den inloggade användaren.",
    ("text", "string_pattern_mismatch"): "Texten får inte vara tom.",
    ("choice", "string_pattern_mismatch"): "Välj ett alternativ.",
}


class ApiError(Exception):
    def __init__(
        self, status: int, message: str, field: str | None = None, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field
        self.extra = extra or {}  # more of the answer, e.g. the current version in a 409


def body(message: str, field: str | None = None) -> dict[str, Any]:
    return {"message": message, "field": field}


def _field_message(field: str | None, error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if (field, kind) in SPECIFIC:
        return SPECIFIC[field, kind]
    if kind == "string_too_long":
        return f"För lång text (högst {error['ctx']['max_length']:,} tecken).".replace(",", "\u00a0")
    if kind == "string_pattern_mismatch":
        return "Värdet har ett ogiltigt format (bokstäver, siffror, punkt, bindestreck och understreck)."
    return FIELD_MESSAGES.get(kind, STATUS_MESSAGES[422])


async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    error = exc.errors()[0]
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in {"body", "path", "query", "header"}:
        loc = loc[1:]
    if len(loc) > 1 and loc[0] in UNION_TAGS:
        loc = loc[1:]
    field = ".".join(loc) or None
    if error.get("type") == "json_invalid":
        field = None
    return JSONResponse(body(_field_message(field, error), field), status_code=422)


async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
    headers = {"WWW-Authenticate": "token"} if exc.status == 401 else None
    content = {**jsonable_encoder(exc.extra), **body(exc.message, exc.field)}
    return JSONResponse(content, status_code=exc.status, headers=headers)


async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400:  # FastAPI: a body that is not even text (invalid UTF-8)
        return JSONResponse(body(FIELD_MESSAGES["json_invalid"]), status_code=422)
    message = STATUS_MESSAGES.get(exc.status_code, STATUS_MESSAGES[400])
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        # Every method of the path (one route per method), not only those of the first route that matched.
        methods = {
            method
            for route in request.app.router.routes
            if getattr(route, "path_regex", None) and route.path_regex.match(request.url.path)
            for method in getattr(route, "methods", ())
        }
        headers["Allow"] = ", ".join(sorted(methods))
    return JSONResponse(body(message), status_code=exc.status_code, headers=headers or None)


async def unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    log.error("Oväntat fel: %s", type(exc).__name__, exc_info=exc)
    return JSONResponse(body(STATUS_MESSAGES[500]), status_code=500)


class Guard:
    """ASGI middleware: refuses bodies over ``max_body`` bytes with 413 and writes the access log."""

    def __init__(self, app, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0}

        async def send_logged(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            chunks, too_big = await self._read(scope, receive)
            if too_big:
                await self._send_413(send_logged)
                return
            replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

            async def receive_again():
                return replay.pop() if replay else await receive()

            await self.app(scope, receive_again, send_logged)
        finally:
            user = scope.get("state", {}).get("user", "-")
            millis = (time.perf_counter() - started) * 1000
            log.info("%s %s %s %.1f ms %s", scope["method"], scope["path"], status["code"], millis, user)

    async def _read(self, scope, receive) -> tuple[list[bytes], bool]:
        for name, value in scope.get("headers", ()):
            if name == b"content-length" and value.isdigit() and int(value) > self.max_body:
                return [], True
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return [], True
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return chunks, False

    async def _send_413(self, send) -> None:
        kib = self.max_body // 1024
        payload = json.dumps(body(f"Begäran är för stor (högst {kib} KiB)."), ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
