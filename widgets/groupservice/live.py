"""Live polls in the database: plain functions over an engine, one short transaction per call (as repository.py).

Every write to a poll — an answer, a question, an upvote, moderation, a change of state — raises the poll's
``version`` in the same transaction, so a teacher's long poll (``results?after=``) knows whether it is current.
Who may do what is checked by the API (live_api.py) before these are called."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from .db import poll_answers, poll_questions, poll_upvotes, polls
from .repository import _write, utc_now

_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def word_key(text: str) -> str:
    """How a word-cloud answer is counted: case and surrounding punctuation ignored, inner spaces collapsed."""
    return _EDGE.sub("", _SPACE.sub(" ", text.strip()).casefold())


def _poll(row: Any) -> dict[str, Any]:
    m = row._mapping
    return {
        "id": m["id"],
        "kind": m["kind"],
        "question": m["question"],
        "options": json.loads(m["options"]),
        "scale": json.loads(m["scale"]) if m["scale"] else None,
        "filter": json.loads(m["filter"]),
        "anonymous": bool(m["anonymous"]),
        "group": m["grp"],
        "module": m["module"],
        "source": m["source"],
        "session": m["session"],
        "state": m["state"],
        "revealed": bool(m["revealed"]),
        "created": m["created"],
        "created_by": m["created_by"],
        "version": m["version"],
    }


def _bump(conn: Connection, poll_id: int) -> None:
    conn.execute(update(polls).where(polls.c.id == poll_id).values(version=polls.c.version + 1))


def create(engine: Engine, user: str, spec: dict[str, Any]) -> dict[str, Any]:
    with _write(engine) as conn, conn.begin():
        poll_id = conn.execute(
            insert(polls)
            .values(
                kind=spec["kind"],
                question=spec["question"],
                options=json.dumps(spec.get("options") or [], ensure_ascii=False),
                scale=json.dumps(spec["scale"], ensure_ascii=False) if spec.get("scale") else None,
                filter=json.dumps(spec.get("filter") or [], ensure_ascii=False),
                anonymous=bool(spec.get("anonymous")),
                grp=spec.get("group"),
                module=spec.get("module"),
                source=spec.get("source"),
                session=spec.get("session"),
                state=spec.get("state") or "open",
                revealed=False,
                created=utc_now(),
                created_by=user,
                version=1,
            )
            .returning(polls.c.id)
        ).scalar_one()
        return _poll(conn.execute(select(polls).where(polls.c.id == poll_id)).one())


def get(engine: Engine, poll_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(polls).where(polls.c.id == poll_id)).first()
    return _poll(row) if row is not None else None


def listed(engine: Engine, module: str | None = None, session: str | None = None) -> list[dict[str, Any]]:
    query = select(polls)
    if module is not None:
        query = query.where(polls.c.module == module)
    if session is not None:
        query = query.where(polls.c.session == session)
    with engine.connect() as conn:
        return [_poll(r) for r in conn.execute(query.order_by(polls.c.id)).all()]


def change(
    engine: Engine, poll_id: int, *, state: str | None, revealed: bool | None
) -> dict[str, Any] | None:
    values: dict[str, Any] = {}
    if state is not None:
        values["state"] = state
    if revealed is not None:
        values["revealed"] = revealed
    with _write(engine) as conn, conn.begin():
        if values:
            conn.execute(update(polls).where(polls.c.id == poll_id).values(**values))
        _bump(conn, poll_id)
        row = conn.execute(select(polls).where(polls.c.id == poll_id)).first()
    return _poll(row) if row is not None else None


def reset(engine: Engine, poll_id: int) -> bool:
    """Every answer, question and upvote removed; results hidden again."""
    with _write(engine) as conn, conn.begin():
        if conn.execute(select(polls.c.id).where(polls.c.id == poll_id)).first() is None:
            return False
        questions = select(poll_questions.c.id).where(poll_questions.c.poll_id == poll_id)
        conn.execute(delete(poll_upvotes).where(poll_upvotes.c.question_id.in_(questions)))
        conn.execute(delete(poll_questions).where(poll_questions.c.poll_id == poll_id))
        conn.execute(delete(poll_answers).where(poll_answers.c.poll_id == poll_id))
        conn.execute(update(polls).where(polls.c.id == poll_id).values(revealed=False))
        _bump(conn, poll_id)
    return True


def remove(engine: Engine, poll_id: int) -> bool:
    with _write(engine) as conn, conn.begin():
        questions = select(poll_questions.c.id).where(poll_questions.c.poll_id == poll_id)
        conn.execute(delete(poll_upvotes).where(poll_upvotes.c.question_id.in_(questions)))
        conn.execute(delete(poll_questions).where(poll_questions.c.poll_id == poll_id))
        conn.execute(delete(poll_answers).where(poll_answers.c.poll_id == poll_id))
        return conn.execute(delete(polls).where(polls.c.id == poll_id)).rowcount > 0


def answer(engine: Engine, poll_id: int, respondent: str, author: str | None, value: str) -> None:
    """The person's answer (a second answer replaces the first: one per person)."""
    key = and_(poll_answers.c.poll_id == poll_id, poll_answers.c.respondent == respondent)
    for attempt in range(2):
        try:
            with _write(engine) as conn, conn.begin():
                changed = conn.execute(
                    update(poll_answers).where(key).values(value=value, hidden=False, answered=utc_now())
                )
                if changed.rowcount == 0:
                    conn.execute(
                        insert(poll_answers).values(
                            poll_id=poll_id,
                            respondent=respondent,
                            author=author,
                            value=value,
                            hidden=False,
                            answered=utc_now(),
                        )
                    )
                _bump(conn, poll_id)
            return
        except IntegrityError:
            if attempt:  # PostgreSQL: two first answers at the same moment; the second becomes a replace
                raise


def withdraw(engine: Engine, poll_id: int, respondent: str) -> bool:
    with _write(engine) as conn, conn.begin():
        gone = conn.execute(
            delete(poll_answers).where(
                poll_answers.c.poll_id == poll_id, poll_answers.c.respondent == respondent
            )
        ).rowcount
        if gone:
            _bump(conn, poll_id)
        return gone > 0


def questions_asked(engine: Engine, poll_id: int, respondent: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).where(
                poll_questions.c.poll_id == poll_id, poll_questions.c.respondent == respondent
            )
        ).scalar_one()


def ask(engine: Engine, poll_id: int, respondent: str, author: str | None, text: str) -> int:
    with _write(engine) as conn, conn.begin():
        question_id = conn.execute(
            insert(poll_questions)
            .values(
                poll_id=poll_id,
                respondent=respondent,
                author=author,
                text=text,
                hidden=False,
                asked=utc_now(),
            )
            .returning(poll_questions.c.id)
        ).scalar_one()
        _bump(conn, poll_id)
    return question_id


def question_poll(engine: Engine, question_id: int) -> int | None:
    with engine.connect() as conn:
        return conn.execute(
            select(poll_questions.c.poll_id).where(poll_questions.c.id == question_id)
        ).scalar()


def upvote(engine: Engine, poll_id: int, question_id: int, respondent: str, on: bool) -> bool:
    """Add (once) or remove the person's upvote; False when removing one that was not there."""
    key = and_(poll_upvotes.c.question_id == question_id, poll_upvotes.c.respondent == respondent)
    try:
        with _write(engine) as conn, conn.begin():
            there = conn.execute(select(poll_upvotes.c.question_id).where(key)).first() is not None
            if on and not there:
                conn.execute(insert(poll_upvotes).values(question_id=question_id, respondent=respondent))
            elif not on and there:
                conn.execute(delete(poll_upvotes).where(key))
            elif not on:
                return False
            _bump(conn, poll_id)
    except IntegrityError:
        return True  # PostgreSQL: the same upvote twice at the same moment; one is kept
    return True


def moderate(engine: Engine, poll_id: int, table: str, row_id: int, hidden: bool) -> bool:
    target = poll_answers if table == "answers" else poll_questions
    with _write(engine) as conn, conn.begin():
        changed = conn.execute(
            update(target).where(target.c.id == row_id, target.c.poll_id == poll_id).values(hidden=hidden)
        ).rowcount
        if changed:
            _bump(conn, poll_id)
        return changed > 0


def my_answer(engine: Engine, poll_id: int, respondent: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            select(poll_answers.c.value).where(
                poll_answers.c.poll_id == poll_id, poll_answers.c.respondent == respondent
            )
        ).scalar()


def _questions(conn: Connection, poll_id: int, respondent: str | None, teacher: bool) -> list[dict[str, Any]]:
    votes = (
        select(poll_upvotes.c.question_id, func.count().label("n"))
        .group_by(poll_upvotes.c.question_id)
        .subquery()
    )
    query = (
        select(poll_questions, func.coalesce(votes.c.n, 0).label("upvotes"))
        .outerjoin(votes, votes.c.question_id == poll_questions.c.id)
        .where(poll_questions.c.poll_id == poll_id)
    )
    if not teacher:
        query = query.where(poll_questions.c.hidden.is_(False))
    out = []
    for row in conn.execute(query).all():
        m = row._mapping
        out.append(
            {
                "id": m["id"],
                "text": m["text"],
                "upvotes": int(m["upvotes"]),
                "hidden": bool(m["hidden"]),
                "author": m["author"] if teacher else None,
                "mine": respondent is not None and m["respondent"] == respondent,
            }
        )
    out.sort(key=lambda q: (-q["upvotes"], q["id"]))
    return out


def results(
    engine: Engine, poll_id: int, *, teacher: bool, respondent: str | None = None
) -> dict[str, Any] | None:
    """The poll's results at its current version; hidden answers and authors only for the teacher."""
    with engine.connect() as conn:
        row = conn.execute(select(polls).where(polls.c.id == poll_id)).first()
        if row is None:
            return None
        poll = _poll(row)
        answers = conn.execute(
            select(poll_answers.c.id, poll_answers.c.value, poll_answers.c.hidden, poll_answers.c.author)
            .where(poll_answers.c.poll_id == poll_id)
            .order_by(poll_answers.c.id)
        ).all()
        questions = _questions(conn, poll_id, respondent, teacher) if poll["kind"] == "qa" else []
        askers = (
            conn.execute(
                select(func.count(func.distinct(poll_questions.c.respondent))).where(
                    poll_questions.c.poll_id == poll_id
                )
            ).scalar_one()
            if poll["kind"] == "qa"
            else 0
        )
    counts: dict[str, int] = {}
    mean = None
    words: list[dict[str, Any]] = []
    listed: list[dict[str, Any]] = []
    visible = [a for a in answers if teacher or not a.hidden]
    if poll["kind"] == "choice":
        counts = dict.fromkeys(poll["options"], 0)
        for a in answers:
            if a.value in counts:
                counts[a.value] += 1
    elif poll["kind"] == "scale":
        low, high = poll["scale"]["min"], poll["scale"]["max"]
        counts = {str(step): 0 for step in range(low, high + 1)}
        for a in answers:
            if a.value in counts:
                counts[a.value] += 1
        total = sum(counts.values())
        mean = sum(int(k) * n for k, n in counts.items()) / total if total else None
    elif poll["kind"] in ("words", "open"):
        listed = [
            {
                "id": a.id,
                "text": a.value,
                "hidden": bool(a.hidden),
                "author": a.author if teacher and not poll["anonymous"] else None,
            }
            for a in visible
        ]
        if poll["kind"] == "words":
            tally: dict[str, int] = {}
            for a in answers:
                if not a.hidden:
                    key = word_key(a.value)
                    if key:
                        tally[key] = tally.get(key, 0) + 1
            words = [
                {"text": k, "count": n} for k, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
            ]
    if not teacher or poll["anonymous"]:
        for q in questions:
            q["author"] = None
    return {
        "poll": poll,
        "version": poll["version"],
        "respondents": askers if poll["kind"] == "qa" else len(answers),
        "counts": counts,
        "mean": mean,
        "words": words,
        "answers": listed,
        "questions": questions,
    }


def addressed(engine: Engine, groups: frozenset[str], teacher: bool) -> list[dict[str, Any]]:
    """Polls a participant meets: open or revealed, for the whole session or one of their groups."""
    query = select(polls).where((polls.c.state == "open") | polls.c.revealed.is_(True))
    if not teacher:
        query = query.where(polls.c.grp.is_(None) | polls.c.grp.in_(sorted(groups)))
    with engine.connect() as conn:
        return [_poll(r) for r in conn.execute(query.order_by(polls.c.id.desc())).all()]


def my_upvotes(engine: Engine, poll_id: int, respondent: str) -> list[int]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(poll_upvotes.c.question_id)
                .join(poll_questions, poll_questions.c.id == poll_upvotes.c.question_id)
                .where(poll_questions.c.poll_id == poll_id, poll_upvotes.c.respondent == respondent)
                .order_by(poll_upvotes.c.question_id)
            ).scalars()
        )


def held_for(engine: Engine, user: str, keys: dict[int, str]) -> dict[str, list[dict[str, Any]]]:
    """What the service holds of ``user`` in polls (``keys``: poll id → the user's respondent key): named answers
    by name, anonymous ones by key (right of access)."""
    mine = list(keys.values())
    with engine.connect() as conn:
        answers = conn.execute(
            select(poll_answers.c.poll_id, poll_answers.c.value, poll_answers.c.answered)
            .where(poll_answers.c.respondent.in_(mine))
            .order_by(poll_answers.c.poll_id)
        ).all()
        questions = conn.execute(
            select(poll_questions.c.poll_id, poll_questions.c.text, poll_questions.c.asked)
            .where(poll_questions.c.respondent.in_(mine))
            .order_by(poll_questions.c.id)
        ).all()
    return {
        "answers": [{"live_id": p, "value": v, "answered": t} for p, v, t in answers],
        "questions": [{"live_id": p, "text": v, "asked": t} for p, v, t in questions],
    }


def forget(engine: Engine, keys: list[str]) -> dict[str, int]:
    with _write(engine) as conn, conn.begin():
        upvotes = conn.execute(delete(poll_upvotes).where(poll_upvotes.c.respondent.in_(keys))).rowcount
        asked = select(poll_questions.c.id).where(poll_questions.c.respondent.in_(keys))
        conn.execute(delete(poll_upvotes).where(poll_upvotes.c.question_id.in_(asked)))
        questions = conn.execute(delete(poll_questions).where(poll_questions.c.respondent.in_(keys))).rowcount
        answers = conn.execute(delete(poll_answers).where(poll_answers.c.respondent.in_(keys))).rowcount
    return {"answers": answers, "questions": questions, "upvotes": upvotes}


def poll_ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(select(polls.c.id)).scalars())
