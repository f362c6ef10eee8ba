"""Group work: dilemma votes with reveal, boards with rounds, dot voting and a harvest, joint cases with
versioned saves, and progress participants chose to share with the teacher (docs/group-service.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from .. import fmt
from . import repository, work
from .api import READ, WRITE, Db, GroupId, LocalId, NoteId, Who, _err, readable, writable
from .auth import Caller
from .errors import ApiError
from .schemas import (
    MAX_ROW_ID,
    BoardNote,
    CaseOut,
    CaseSave,
    CaseVersionOut,
    DotsRequest,
    DotStateOut,
    Members,
    NoteChange,
    NoteRequest,
    ProgressOut,
    ProgressRequest,
    RevealRequest,
    VoteStateOut,
)

MAX_DOTS = 5
CaseId = LocalId
RevealId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:ÅÄÖåäöÉéÜü-]{1,110}$")]
NO_NOTE = "Lappen finns inte (den kan redan ha tagits bort)."
NO_CASE = "Gruppen har ingen kalkyl med det namnet (den kan ha bytt namn)."

work_api = APIRouter()


async def _members(request: Request, group: str) -> list[str]:
    return await request.app.state.identity.members(group)


@work_api.get("/groups/{group}/members", response_model=Members, responses=READ, tags=["grupparbete"])
async def members(who: Who, group: GroupId, request: Request) -> dict[str, list[str]]:
    readable(who, group)
    return {"members": await _members(request, group)}


@work_api.put("/groups/{group}/reveals/{item_id}", status_code=204, responses=WRITE, tags=["grupparbete"])
def reveal(
    who: Who,
    db: Db,
    group: GroupId,
    item_id: RevealId,
    body: RevealRequest,
) -> Response:
    """Show (or hide again) a group's vote tally or dot tally before everyone has voted; teachers."""
    readable(who, group)
    if not who.teacher:
        raise ApiError(403, "Bara kursens lärare kan visa gruppens resultat i förväg.")
    db(work.set_revealed, who.name, group, item_id, body.revealed)
    return Response(status_code=204)


@work_api.get(
    "/groups/{group}/votes/{vote_id}", response_model=VoteStateOut, responses=READ, tags=["omröstningar"]
)
async def vote_state(who: Who, db: Db, group: GroupId, vote_id: LocalId, request: Request) -> dict[str, Any]:
    """The caller's vote and, once they have voted (or the teacher revealed it; teachers always), the tally."""
    readable(who, group)
    seen = await run_in_threadpool(db, repository.poll, who.name, group, vote_id)
    shown = await run_in_threadpool(db, work.revealed, group, vote_id)
    voters = await run_in_threadpool(db, work.voters, group, vote_id)
    visible = who.teacher or shown or seen["my_vote"] is not None
    return {
        "my_vote": seen["my_vote"],
        "tally": seen["tally"] if visible else None,
        "revealed": shown,
        "voters": voters,
        "members": len(await _members(request, group)),
    }


# --- boards ---------------------------------------------------------------------------------------------------


@work_api.get(
    "/groups/{group}/boards/{board_id}/notes", response_model=list[BoardNote], responses=READ, tags=["tavlor"]
)
def board(who: Who, db: Db, group: GroupId, board_id: LocalId) -> list[dict[str, Any]]:
    """The group's shared notes and the caller's own private ones, oldest first."""
    readable(who, group)
    return db(work.board, group, board_id, who.name, who.teacher)


@work_api.post(
    "/groups/{group}/boards/{board_id}/notes",
    response_model=BoardNote,
    status_code=201,
    responses=WRITE,
    tags=["tavlor"],
)
def post_note(who: Who, db: Db, group: GroupId, board_id: LocalId, note: NoteRequest) -> dict[str, Any]:
    """A note; ``shared: false`` keeps it visible to its author only until they share it."""
    writable(who, group)
    return db(work.post_note, who.name, group, board_id, note.text, note.step, note.shared)


@work_api.patch(
    "/groups/{group}/notes/{note_id}",
    response_model=BoardNote,
    responses={**WRITE, 404: _err},
    tags=["tavlor"],
)
def change_note(who: Who, db: Db, group: GroupId, note_id: NoteId, body: NoteChange) -> dict[str, Any]:
    """Its author shares, unshares or rewrites a note; a teacher picks it for the harvest (or not)."""
    readable(who, group)
    found = db(work.get_note, group, note_id)
    if found is None or (not found["shared"] and found["author"] != who.name):
        raise ApiError(404, NO_NOTE)
    values: dict[str, Any] = {}
    if body.shared is not None or body.text is not None:
        if found["author"] != who.name:
            raise ApiError(403, "Du kan bara ändra dina egna lappar.")
        if body.shared is not None:
            values["shared"] = body.shared
        if body.text is not None:
            values["text"] = body.text
    if body.harvested is not None:
        if not who.teacher:
            raise ApiError(403, "Bara kursens lärare väljer lappar till skörden.")
        if not found["shared"] and body.harvested:
            raise ApiError(422, "En privat lapp kan inte tas med i skörden.", "harvested")
        values["harvested"] = body.harvested
    if not values:
        return found
    changed = db(work.change_note, group, note_id, values)
    if changed is None:
        raise ApiError(404, NO_NOTE)
    return changed


@work_api.get("/boards/{board_id}/harvest", response_model=list[BoardNote], responses=READ, tags=["tavlor"])
def harvest(who: Who, db: Db, board_id: LocalId) -> list[dict[str, Any]]:
    """The notes teachers picked on this board in every group (for presentation mode); teachers."""
    if not who.teacher:
        raise ApiError(403, "Bara kursens lärare ser skörden från alla grupper.")
    return db(work.harvest, board_id)


@work_api.get(
    "/groups/{group}/boards/{board_id}/dots", response_model=DotStateOut, responses=READ, tags=["tavlor"]
)
async def dot_state(who: Who, db: Db, group: GroupId, board_id: LocalId, request: Request) -> dict[str, Any]:
    """My dots; the tally when every member has voted or the teacher revealed it (teachers always)."""
    readable(who, group)
    state = await run_in_threadpool(db, work.dot_state, who.name, group, board_id)
    shown = await run_in_threadpool(db, work.revealed, group, f"dots:{board_id}")
    members = await _members(request, group)
    everyone = bool(members) and state["voters"] >= len(members)
    return {
        "mine": _listed(state["mine"]),
        "voters": state["voters"],
        "members": len(members),
        "revealed": shown,
        "tally": _listed(state["tally"]) if (who.teacher or shown or everyone) else None,
    }


def _listed(counts: dict[int, int]) -> list[dict[str, int]]:
    return [{"note_id": k, "dots": v} for k, v in sorted(counts.items())]


@work_api.put(
    "/groups/{group}/boards/{board_id}/dots", status_code=204, responses={**WRITE, 409: _err}, tags=["tavlor"]
)
def set_dots(who: Who, db: Db, group: GroupId, board_id: LocalId, body: DotsRequest) -> Response:
    """Replace the caller's dots on the board: at most ``MAX_DOTS`` in all, only on the group's shared notes."""
    writable(who, group)
    allocation: dict[int, int] = {}
    for entry in body.dots:
        allocation[entry.note_id] = allocation.get(entry.note_id, 0) + entry.dots
    if sum(allocation.values()) > MAX_DOTS:
        raise ApiError(409, f"Du har högst {MAX_DOTS} prickar att fördela.", "dots")
    notes = db(work.shared_note_ids, group, board_id)
    if not set(allocation) <= notes:
        raise ApiError(409, "Prickar kan bara sättas på gruppens delade lappar på den här tavlan.", "dots")
    db(work.set_dots, who.name, group, board_id, allocation)
    return Response(status_code=204)


# --- joint cases ----------------------------------------------------------------------------------------------


@work_api.get(
    "/groups/{group}/cases", response_model=list[CaseVersionOut], responses=READ, tags=["gruppkalkyler"]
)
def cases(who: Who, db: Db, group: GroupId) -> list[dict[str, Any]]:
    """The group's joint cases, each at its latest version."""
    readable(who, group)
    return db(work.cases, group)


@work_api.get(
    "/groups/{group}/cases/{case_id}",
    response_model=CaseOut,
    responses={**READ, 404: _err},
    tags=["gruppkalkyler"],
)
def case(
    who: Who,
    db: Db,
    group: GroupId,
    case_id: CaseId,
    version: Annotated[int | None, Query(ge=1, le=MAX_ROW_ID)] = None,
) -> dict[str, Any]:
    """The latest version of a case (or ``version``), with its data."""
    readable(who, group)
    found = db(work.case, group, case_id, version)
    if found is None:
        raise ApiError(404, NO_CASE if version is None else f"Kalkylen har ingen version {version}.")
    return found


@work_api.get(
    "/groups/{group}/cases/{case_id}/history",
    response_model=list[CaseVersionOut],
    responses=READ,
    tags=["gruppkalkyler"],
)
def history(who: Who, db: Db, group: GroupId, case_id: CaseId) -> list[dict[str, Any]]:
    readable(who, group)
    return db(work.history, group, case_id)


def _conflict_message(base: int, current: dict[str, Any]) -> str:
    by = current["saved_by"] or "en tidigare medlem"
    return (
        f"Kalkylen har sparats av {by} (version {current['version']}, {fmt.moment(current['saved'])}) "
        f"efter versionen du utgick från (version {base}). Dina ändringar är inte sparade: jämför dem med "
        "den nya versionen och spara igen."
    )


@work_api.put(
    "/groups/{group}/cases/{case_id}",
    response_model=CaseVersionOut,
    responses={**WRITE, 409: _err, 201: {"model": CaseVersionOut}},
    tags=["gruppkalkyler"],
)
def save_case(
    who: Who, db: Db, group: GroupId, case_id: CaseId, body: CaseSave, response: Response
) -> dict[str, Any]:
    """Save a new version, based on ``base_version`` (0 for a new case). When someone saved after that version
    the save is refused (409) with the latest version in ``current``: nothing is ever silently overwritten."""
    writable(who, group)
    saved, current = db(work.save_case, who.name, group, case_id, body.name, body.data, body.base_version)
    if saved is None:
        if current is None:
            raise ApiError(
                409, "Kalkylen finns inte ännu: spara den som en ny gruppkalkyl (version 0).", "base_version"
            )
        raise ApiError(
            409, _conflict_message(body.base_version, current), "base_version", {"current": current}
        )
    if saved["version"] == 1:
        response.status_code = 201
    return saved


# --- progress -----------------------------------------------------------------------------------------------------


@work_api.put("/me/progress/{module}", status_code=204, responses=WRITE, tags=["framgång"])
def share_progress(who: Who, db: Db, module: LocalId, body: ProgressRequest) -> Response:
    """The caller shares how far they have come in a module with the teachers (they switched it on)."""
    db(work.share_progress, who.name, module, body.done, body.done + body.todo)
    return Response(status_code=204)


@work_api.delete("/me/progress", status_code=204, responses=READ, tags=["framgång"])
def stop_sharing_progress(who: Who, db: Db) -> Response:
    db(work.stop_progress, who.name)
    return Response(status_code=204)


@work_api.get("/groups/{group}/progress", response_model=list[ProgressOut], responses=READ, tags=["framgång"])
async def group_progress(who: Who, db: Db, group: GroupId, request: Request) -> list[dict[str, Any]]:
    """The progress the group's members chose to share; teachers."""
    _teacher_only(who)
    readable(who, group)
    return await run_in_threadpool(db, work.progress, await _members(request, group))


def _teacher_only(who: Caller) -> None:
    if not who.teacher:
        raise ApiError(403, "Bara kursens lärare ser deltagarnas framgång.")
