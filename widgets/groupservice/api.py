"""The group service's JSON API (FastAPI). All paths live under the hub's prefix for the service
(``/services/digikomp-grupp/``); the OpenAPI 3 document is ``{prefix}api/openapi.json``.

Database calls are plain functions (``repository``) run in FastAPI's thread pool; the caller is resolved first by
an async dependency (``auth.Identity``)."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response, Security
from fastapi.exceptions import RequestValidationError
from fastapi.security import APIKeyHeader
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import errors, repository
from .auth import Caller, Identity
from .errors import ApiError
from .schemas import (
    ID_PATTERN,
    MAX_ID,
    MAX_ROW_ID,
    Deleted,
    ErrorBody,
    Groups,
    Health,
    Me,
    MyData,
    SharedItem,
    ShareRequest,
    VoteRequest,
)

MAX_BODY = 64 * 1024
DB_DOWN = "Gruppytans databas svarar inte just nu. Försök igen om en stund – inget av det du redan delat har försvunnit."

GroupId = Annotated[str, Path(pattern=ID_PATTERN, max_length=100, examples=["grupp-a"])]
LocalId = Annotated[str, Path(pattern=ID_PATTERN, max_length=100)]
SourceId = Annotated[int, Path(ge=0, le=MAX_ID)]
NoteId = Annotated[int, Path(ge=0, le=MAX_ROW_ID)]

_err = {"model": ErrorBody}
AUTH = {401: _err, 403: _err, 503: _err}
READ = {**AUTH, 422: _err}
WRITE = {**READ, 413: _err}

token_header = APIKeyHeader(
    name="Authorization",
    scheme_name="JupyterHubToken",
    description="`token <JupyterHub API token>` with the scope `access:services!service=digikomp-grupp`.",
    auto_error=False,
)


class Database:
    """The engine, with database outages turned into a Swedish 503."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self, call, *args, **kwargs) -> Any:
        try:
            return call(self.engine, *args, **kwargs)
        except DBAPIError as exc:
            if not (isinstance(exc, OperationalError) or exc.connection_invalidated):
                raise
            errors.log.warning("Databasen svarade inte (%s)", type(exc.orig).__name__)
            raise ApiError(503, DB_DOWN) from None


async def _caller(request: Request, authorization: str | None = Security(token_header)) -> Caller:
    who = await request.app.state.identity.caller(authorization)
    request.scope.setdefault("state", {})["user"] = who.name
    return who


def _database(request: Request) -> Database:
    return request.app.state.database


Who = Annotated[Caller, Depends(_caller)]
Db = Annotated[Database, Depends(_database)]


def readable(who: Caller, group: str) -> None:
    if not who.may_read(group):
        raise ApiError(403, "Du är inte med i den gruppen.")


def writable(who: Caller, group: str) -> None:
    if not who.may_write(group):
        if who.teacher:
            raise ApiError(403, "Som lärare kan du läsa alla grupper men bara skriva i grupper du är med i.")
        raise ApiError(403, "Du är inte med i den gruppen.")


api = APIRouter()


@api.get("/health", response_model=Health, responses={503: _err}, tags=["drift"])
def health(db: Db) -> dict[str, str]:
    """The service answers and its database too (no login needed)."""
    db(repository.ping)
    return {"status": "ok"}


@api.get("/me", response_model=Me, responses=AUTH, tags=["identitet"])
def me(who: Who) -> dict[str, Any]:
    return {"name": who.name, "groups": sorted(who.groups), "teacher": who.teacher}


@api.get("/groups", response_model=Groups, responses=AUTH, tags=["identitet"])
async def groups(who: Who, request: Request) -> dict[str, list[str]]:
    """The groups the caller may read: a teacher every course group on the hub, anyone else their own."""
    if who.teacher:
        return {"groups": await request.app.state.identity.course_groups()}
    return {"groups": sorted(who.groups)}


@api.get("/groups/{group}/items", response_model=list[SharedItem], responses=READ, tags=["delat"])
def list_items(
    who: Who,
    db: Db,
    group: GroupId,
    module: Annotated[str | None, Query(pattern=ID_PATTERN, max_length=100)] = None,
) -> list[dict[str, Any]]:
    """Entries shared with the group, oldest first (members and teachers)."""
    readable(who, group)
    return db(repository.items, group, module)


@api.post(
    "/groups/{group}/items",
    response_model=SharedItem,
    status_code=201,
    responses={**WRITE, 200: {"model": SharedItem, "description": "Re-shared: the earlier copy replaced"}},
    tags=["delat"],
)
def share(who: Who, db: Db, group: GroupId, item: ShareRequest, response: Response) -> dict[str, Any]:
    """Share one of the caller's entries with a group they are a member of (201), or replace it (200)."""
    writable(who, group)
    result = db(
        repository.share,
        who.name,
        group,
        source_id=item.source_id,
        module=item.module,
        prompt=item.prompt,
        text=item.text,
    )
    if not result.created:
        response.status_code = 200
    return result.item


@api.delete(
    "/groups/{group}/items/{source_id}", status_code=204, responses={**READ, 404: _err}, tags=["delat"]
)
def unshare(who: Who, db: Db, group: GroupId, source_id: SourceId) -> Response:
    writable(who, group)
    if not db(repository.unshare, who.name, group, source_id):
        raise ApiError(404, "Anteckningen är inte delad i den gruppen (den kan redan ha tagits bort).")
    return Response(status_code=204)


@api.put("/groups/{group}/votes/{vote_id}/mine", status_code=204, responses=WRITE, tags=["omröstningar"])
def vote(who: Who, db: Db, group: GroupId, vote_id: LocalId, body: VoteRequest) -> Response:
    """Vote; voting again replaces the caller's earlier vote."""
    writable(who, group)
    db(repository.vote, who.name, group, vote_id, body.choice)
    return Response(status_code=204)


@api.delete(
    "/groups/{group}/votes/{vote_id}/mine",
    status_code=204,
    responses={**READ, 404: _err},
    tags=["omröstningar"],
)
def withdraw(who: Who, db: Db, group: GroupId, vote_id: LocalId) -> Response:
    writable(who, group)
    if not db(repository.withdraw_vote, who.name, group, vote_id):
        raise ApiError(404, "Du har ingen röst att ta tillbaka i den omröstningen.")
    return Response(status_code=204)


@api.delete(
    "/groups/{group}/notes/{note_id}", status_code=204, responses={**READ, 404: _err}, tags=["tavlor"]
)
def delete_note(who: Who, db: Db, group: GroupId, note_id: NoteId) -> Response:
    """Delete a note: its author, or a teacher."""
    readable(who, group)
    author = db(repository.note_author, group, note_id)
    if author is None:
        raise ApiError(404, "Lappen finns inte (den kan redan ha tagits bort).")
    if author != who.name and not who.teacher:
        raise ApiError(403, "Du kan bara ta bort dina egna lappar.")
    if not db(repository.delete_note, group, note_id):
        raise ApiError(404, "Lappen finns inte (den kan redan ha tagits bort).")
    return Response(status_code=204)


@api.get("/me/data", response_model=MyData, responses=AUTH, tags=["identitet"])
def my_data(who: Who, db: Db, request: Request) -> dict[str, Any]:
    """Everything the service holds from the caller (GDPR: right of access), anonymous poll answers included
    (found by the caller's keyed hash, which only the service can compute)."""
    from . import live, work

    keys = _respondent_keys(db, request, who.name)
    return {
        **db(repository.my_data, who.name),
        **{f"poll_{k}": v for k, v in db(live.held_for, who.name, keys).items()},
        **db(work.held_for, who.name),
    }


@api.delete("/me/data", response_model=Deleted, responses=AUTH, tags=["identitet"])
def delete_my_data(who: Who, db: Db, request: Request) -> dict[str, int]:
    """Remove everything the caller has put in the service; counts per kind. Versions of a group's joint case
    that the caller saved stay with the group without their name."""
    from . import live, work

    keys = list(_respondent_keys(db, request, who.name).values())
    counts = db(repository.delete_my_data, who.name)
    counts.update({f"poll_{k}": v for k, v in db(live.forget, keys).items()})
    counts.update(db(work.forget, who.name))
    request.app.state.changes.notify(("polls",), ("user", who.name))
    return counts


def _respondent_keys(db: Database, request: Request, user: str) -> dict[int, str]:
    from . import live
    from .anonymity import respondent

    return {p: respondent(request.app.state.anonymity_key, p, user) for p in db(live.poll_ids)}


def create_app(
    engine: Engine,
    identity: Identity,
    prefix: str = "/services/digikomp-grupp/",
    anonymity_key: bytes | None = None,
) -> errors.Guard:
    """The ASGI application: the API behind the body limit and access log (``.app`` is the FastAPI app).

    ``anonymity_key``: the secret of anonymous polls' keyed hashes (anonymity.py); a fresh one when not given
    (tests), so one answer per person holds only while this process runs."""
    from .changes import Changes
    from .live_api import live_api
    from .work_api import work_api

    prefix = "/" + prefix.strip("/") + "/"
    app = FastAPI(
        title="digikomp-grupp",
        version="1",
        description="Gruppytan i kursen Digital kompetens för offentlig sektor: delade lärloggsanteckningar, "
        "gruppomröstningar, gruppanslagstavlor med prickröstning, gemensamma kalkyler, lärarens "
        "live-omröstningar och delad framgång. Identiteten kommer från JupyterHub.",
        openapi_url=f"{prefix}api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.database = Database(engine)
    app.state.identity = identity
    app.state.anonymity_key = anonymity_key or secrets.token_bytes(32)
    app.state.changes = Changes()
    app.add_exception_handler(ApiError, errors.api_error)
    app.add_exception_handler(RequestValidationError, errors.validation_error)
    app.add_exception_handler(StarletteHTTPException, errors.http_error)
    app.add_exception_handler(Exception, errors.unexpected_error)
    app.include_router(api, prefix=f"{prefix}api")
    app.include_router(live_api, prefix=f"{prefix}api")
    app.include_router(work_api, prefix=f"{prefix}api")
    return errors.Guard(app, MAX_BODY)
