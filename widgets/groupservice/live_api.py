"""Live polls: the teacher opens a poll for the session or a group, participants answer, the teacher reveals.

Teachers (``larare``) create, change, reset, delete and moderate polls and always see results; participants see
the polls addressed to them (``active``), answer one per person, ask and upvote questions, and see results once
revealed. ``results?after=V&wait=S`` and ``active?after=T&wait=S`` are long polls (changes.py)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from . import live
from .anonymity import respondent
from .api import READ, WRITE, Database, Db, NoteId, Who, _err
from .auth import Caller
from .errors import ApiError
from .live_words import refused_word
from .schemas import (
    MAX_ROW_ID,
    ActiveOut,
    AnswerRequest,
    Asked,
    Moderation,
    PollChange,
    PollOut,
    PollRequest,
    QuestionRequest,
    ResultsOut,
)

MAX_WAIT = 25.0
MAX_QUESTIONS = 10  # per person per Q&A poll
NOT_TEACHER = "Bara kursens lärare kan göra det här."
NO_POLL = "Omröstningen finns inte (den kan ha tagits bort)."
CLOSED = "Omröstningen är stängd. Läraren kan öppna den igen."
HIDDEN_RESULTS = "Resultatet visas när läraren visar det för deltagarna."

LiveId = Annotated[int, Path(ge=0, le=MAX_ROW_ID, description="A live poll's number")]
Wait = Annotated[float, Query(ge=0, le=MAX_WAIT)]

live_api = APIRouter(tags=["omröstningar (live)"])


def _teacher(who: Caller) -> None:
    if not who.teacher:
        raise ApiError(403, NOT_TEACHER)


def _addressed(who: Caller, poll: dict[str, Any]) -> None:
    if not (who.teacher or poll["group"] is None or poll["group"] in who.groups):
        raise ApiError(403, "Omröstningen gäller en annan grupp.")


def _key(request: Request, live_id: LiveId, who: Caller) -> str:
    return respondent(request.app.state.anonymity_key, live_id, who.name)


def _changes(request: Request):
    changes = request.app.state.changes
    changes.bind(asyncio.get_running_loop())
    return changes


def _found(db: Database, live_id: LiveId) -> dict[str, Any]:
    poll = db(live.get, live_id)
    if poll is None:
        raise ApiError(404, NO_POLL)
    return poll


@live_api.post("/polls", response_model=PollOut, status_code=201, responses=WRITE)
async def create_poll(who: Who, db: Db, body: PollRequest, request: Request) -> dict[str, Any]:
    """Open (or prepare, ``state: closed``) a poll; teachers only. What a poll must have depends on its kind
    (the body's schema says it: options for choice, a scale for scale, a filter only for words)."""
    _teacher(who)
    spec = body.model_dump()
    if body.group is not None and body.group not in await request.app.state.identity.course_groups():
        raise ApiError(422, f"Gruppen {body.group} finns inte på kursens JupyterHub.", "group")
    poll = await run_in_threadpool(db, live.create, who.name, spec)
    _changes(request).notify(("polls",))
    return poll


@live_api.get("/polls", response_model=list[PollOut], responses=READ)
def list_polls(
    who: Who,
    db: Db,
    module: Annotated[str | None, Query(max_length=100)] = None,
    session: Annotated[str | None, Query(max_length=100)] = None,
) -> list[dict[str, Any]]:
    """Every poll (teachers), oldest first; optionally of one module or session."""
    _teacher(who)
    return db(live.listed, module, session)


@live_api.get("/me/polls", response_model=ActiveOut, responses=READ)
async def active(
    who: Who,
    db: Db,
    request: Request,
    after: Annotated[str | None, Query(max_length=64)] = None,
    wait: Wait = 0,
) -> dict[str, Any]:
    """The polls addressed to the caller that are open or revealed, with the caller's own answers. With ``after``
    (the token of an earlier answer) and ``wait``, held until something the caller sees changes."""
    changes = _changes(request)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    # Results of revealed polls and Q&A lists change with others' answers: those polls are watched too. The watch
    # is registered before each read; when a read finds a poll to watch that was not watched during it, read again.
    watched: set[Any] = {("polls",), ("user", who.name)}
    while True:
        with changes.watch(watched) as woken:
            seen = await run_in_threadpool(_active, db, request, who)
            if after is None or seen["token"] != after or loop.time() >= deadline:
                return seen
            wanted = {
                ("poll", p["poll"]["id"])
                for p in seen["polls"]
                if p["poll"]["revealed"] or p["poll"]["kind"] == "qa"
            }
            if not wanted <= watched:
                watched |= wanted
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), timeout=max(0.0, deadline - loop.time()))


def _active(db: Database, request: Request, who: Caller) -> dict[str, Any]:
    out = []
    for poll in db(live.addressed, who.groups, who.teacher):
        key = _key(request, poll["id"], who)
        entry: dict[str, Any] = {
            "poll": poll,
            "my_answer": db(live.my_answer, poll["id"], key),
            "my_upvotes": db(live.my_upvotes, poll["id"], key) if poll["kind"] == "qa" else [],
            "questions": [],
            "results": None,
        }
        if poll["kind"] == "qa" or poll["revealed"]:
            results = db(live.results, poll["id"], teacher=False, respondent=key)
            if results is not None:
                entry["questions"] = results["questions"]
                if poll["revealed"]:
                    entry["results"] = results
        out.append(entry)
    digest = hashlib.sha256(json.dumps(out, default=str, sort_keys=True).encode()).hexdigest()[:32]
    return {"token": digest, "polls": out}


@live_api.get("/polls/{live_id}", response_model=PollOut, responses={**READ, 404: _err})
def get_poll(who: Who, db: Db, live_id: LiveId) -> dict[str, Any]:
    poll = _found(db, live_id)
    _addressed(who, poll)
    return poll


@live_api.patch("/polls/{live_id}", response_model=PollOut, responses={**WRITE, 404: _err})
def change_poll(who: Who, db: Db, live_id: LiveId, body: PollChange, request: Request) -> dict[str, Any]:
    """Open or close a poll, show or hide its results to participants (teachers)."""
    _teacher(who)
    _found(db, live_id)
    poll = db(live.change, live_id, state=body.state, revealed=body.revealed)
    if poll is None:
        raise ApiError(404, NO_POLL)
    request.app.state.changes.notify(("polls",), ("poll", live_id))
    return poll


@live_api.post("/polls/{live_id}/reset", status_code=204, responses={**READ, 404: _err})
def reset_poll(who: Who, db: Db, live_id: LiveId, request: Request) -> Response:
    """Remove every answer, question and upvote; the results are hidden again (teachers)."""
    _teacher(who)
    if not db(live.reset, live_id):
        raise ApiError(404, NO_POLL)
    request.app.state.changes.notify(("polls",), ("poll", live_id))
    return Response(status_code=204)


@live_api.delete("/polls/{live_id}", status_code=204, responses={**READ, 404: _err})
def delete_poll(who: Who, db: Db, live_id: LiveId, request: Request) -> Response:
    _teacher(who)
    if not db(live.remove, live_id):
        raise ApiError(404, NO_POLL)
    request.app.state.changes.notify(("polls",), ("poll", live_id))
    return Response(status_code=204)


def _valid_answer(poll: dict[str, Any], value: str) -> str:
    kind = poll["kind"]
    if kind == "choice":
        if value not in poll["options"]:
            raise ApiError(409, "Välj ett av omröstningens alternativ.", "value")
        return value
    if kind == "scale":
        low, high = poll["scale"]["min"], poll["scale"]["max"]
        text = value.strip()
        if not (text.lstrip("-").isdigit() and low <= int(text) <= high):
            raise ApiError(409, f"Välj ett heltal från {low} till {high}.", "value")
        return str(int(text))
    text = value.strip()
    if not text:
        raise ApiError(409, "Svaret får inte vara tomt.", "value")
    if kind == "words":
        if len(text) > 40 or len(text.split()) > 3:
            raise ApiError(409, "Skriv ett kort svar: högst tre ord och 40 tecken.", "value")
        if refused_word(text, poll["filter"]):
            raise ApiError(409, "Svaret innehåller ett ord som läraren har filtrerat bort.", "value")
    if kind == "qa":
        raise ApiError(409, "I en frågestund ställer du en fråga i stället för att svara.", "value")
    return text


@live_api.put("/polls/{live_id}/answer", status_code=204, responses={**WRITE, 404: _err, 409: _err})
def answer(who: Who, db: Db, live_id: LiveId, body: AnswerRequest, request: Request) -> Response:
    """Answer (one answer per person: answering again replaces it). In an anonymous poll no name is stored."""
    poll = _found(db, live_id)
    _addressed(who, poll)
    if poll["state"] != "open":
        raise ApiError(409, CLOSED)
    value = _valid_answer(poll, body.value)
    author = None if poll["anonymous"] else who.name
    db(live.answer, live_id, _key(request, live_id, who), author, value)
    request.app.state.changes.notify(("poll", live_id), ("user", who.name))
    return Response(status_code=204)


@live_api.delete("/polls/{live_id}/answer", status_code=204, responses={**READ, 404: _err, 409: _err})
def withdraw(who: Who, db: Db, live_id: LiveId, request: Request) -> Response:
    poll = _found(db, live_id)
    _addressed(who, poll)
    if poll["state"] != "open":
        raise ApiError(409, CLOSED)
    if not db(live.withdraw, live_id, _key(request, live_id, who)):
        raise ApiError(404, "Du har inget svar att ta tillbaka.")
    request.app.state.changes.notify(("poll", live_id), ("user", who.name))
    return Response(status_code=204)


@live_api.post(
    "/polls/{live_id}/questions",
    response_model=Asked,
    status_code=201,
    responses={**WRITE, 404: _err, 409: _err},
)
def ask(who: Who, db: Db, live_id: LiveId, body: QuestionRequest, request: Request) -> dict[str, int]:
    poll = _found(db, live_id)
    _addressed(who, poll)
    if poll["kind"] != "qa":
        raise ApiError(409, "Frågor ställs bara i en frågestund.", "text")
    if poll["state"] != "open":
        raise ApiError(409, CLOSED)
    key = _key(request, live_id, who)
    if db(live.questions_asked, live_id, key) >= MAX_QUESTIONS:
        raise ApiError(409, f"Du har redan ställt {MAX_QUESTIONS} frågor i den här frågestunden.", "text")
    question_id = db(live.ask, live_id, key, None if poll["anonymous"] else who.name, body.text.strip())
    request.app.state.changes.notify(("poll", live_id), ("user", who.name))
    return {"id": question_id}


def _question(db: Database, who: Caller, live_id: LiveId, question_id: int) -> dict[str, Any]:
    poll = _found(db, live_id)
    _addressed(who, poll)
    if db(live.question_poll, question_id) != live_id:
        raise ApiError(404, "Frågan finns inte (den kan ha tagits bort).")
    return poll


@live_api.put(
    "/polls/{live_id}/questions/{question_id}/upvote",
    status_code=204,
    responses={**READ, 404: _err, 409: _err},
)
def upvote(who: Who, db: Db, live_id: LiveId, question_id: NoteId, request: Request) -> Response:
    """Upvote a question (once per person; again changes nothing)."""
    poll = _question(db, who, live_id, question_id)
    if poll["state"] != "open":
        raise ApiError(409, CLOSED)
    db(live.upvote, live_id, question_id, _key(request, live_id, who), True)
    request.app.state.changes.notify(("poll", live_id), ("user", who.name))
    return Response(status_code=204)


@live_api.delete(
    "/polls/{live_id}/questions/{question_id}/upvote", status_code=204, responses={**READ, 404: _err}
)
def remove_upvote(who: Who, db: Db, live_id: LiveId, question_id: NoteId, request: Request) -> Response:
    _question(db, who, live_id, question_id)
    if not db(live.upvote, live_id, question_id, _key(request, live_id, who), False):
        raise ApiError(404, "Du har inte röstat upp den frågan.")
    request.app.state.changes.notify(("poll", live_id), ("user", who.name))
    return Response(status_code=204)


@live_api.patch("/polls/{live_id}/answers/{answer_id}", status_code=204, responses={**WRITE, 404: _err})
def moderate_answer(
    who: Who, db: Db, live_id: LiveId, answer_id: NoteId, body: Moderation, request: Request
) -> Response:
    """Hide an answer from the word cloud and the answers shown (or show it again); teachers."""
    _teacher(who)
    if not db(live.moderate, live_id, "answers", answer_id, body.hidden):
        raise ApiError(404, "Svaret finns inte (det kan ha tagits bort).")
    request.app.state.changes.notify(("poll", live_id))
    return Response(status_code=204)


@live_api.patch("/polls/{live_id}/questions/{question_id}", status_code=204, responses={**WRITE, 404: _err})
def moderate_question(
    who: Who, db: Db, live_id: LiveId, question_id: NoteId, body: Moderation, request: Request
) -> Response:
    _teacher(who)
    if not db(live.moderate, live_id, "questions", question_id, body.hidden):
        raise ApiError(404, "Frågan finns inte (den kan ha tagits bort).")
    request.app.state.changes.notify(("poll", live_id))
    return Response(status_code=204)


@live_api.get("/polls/{live_id}/results", response_model=ResultsOut, responses={**READ, 404: _err})
async def results(
    who: Who,
    db: Db,
    live_id: LiveId,
    request: Request,
    after: Annotated[int | None, Query(ge=0, le=MAX_ROW_ID)] = None,
    wait: Wait = 0,
) -> dict[str, Any]:
    """The results (teachers always; participants once revealed). With ``after`` (a version) and ``wait``, held
    until the poll's version is newer than ``after``."""
    changes = _changes(request)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait
    key = _key(request, live_id, who)
    while True:
        with changes.watch([("poll", live_id)]) as woken:
            out = await run_in_threadpool(db, live.results, live_id, teacher=who.teacher, respondent=key)
            if out is None:
                raise ApiError(404, NO_POLL)
            _addressed(who, out["poll"])
            if not who.teacher and not out["poll"]["revealed"]:
                raise ApiError(403, HIDDEN_RESULTS)
            if after is None or out["version"] > after or loop.time() >= deadline:
                return out
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), timeout=max(0.0, deadline - loop.time()))
