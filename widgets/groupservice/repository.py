"""What the group service stores, as plain functions over an engine: one short transaction per call.

Authorisation (who may read or write which group) is checked by the API before these are called; here ``user`` is
always the hub-identified caller."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from .db import board_notes, shared_items, votes


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Shared:
    item: dict[str, Any]
    created: bool  # False: an earlier share of the same entry was replaced


_ITEM_COLUMNS = (
    shared_items.c.id,
    shared_items.c.grp,
    shared_items.c.author,
    shared_items.c.source_id,
    shared_items.c.module,
    shared_items.c.prompt,
    shared_items.c.text,
    shared_items.c.shared,
)
_NOTE_COLUMNS = (
    board_notes.c.id,
    board_notes.c.grp,
    board_notes.c.board_id,
    board_notes.c.author,
    board_notes.c.text,
    board_notes.c.created,
)


def _item(row) -> dict[str, Any]:
    m = row._mapping
    return {
        "id": m["id"],
        "group": m["grp"],
        "author": m["author"],
        "source_id": m["source_id"],
        "module": m["module"],
        "prompt": m["prompt"],
        "text": m["text"],
        "shared": m["shared"],
    }


def _note(row) -> dict[str, Any]:
    m = row._mapping
    return {
        "id": m["id"],
        "group": m["grp"],
        "board_id": m["board_id"],
        "author": m["author"],
        "text": m["text"],
        "created": m["created"],
    }


def _write(engine: Engine):
    """A connection whose transaction takes the write lock at once (SQLite: BEGIN IMMEDIATE)."""
    return engine.connect().execution_options(write=True)


def share(
    engine: Engine, user: str, group: str, *, source_id: int, module: str, prompt: str | None, text: str
) -> Shared:
    values = {"module": module, "prompt": prompt, "text": text, "shared": utc_now()}
    key = and_(
        shared_items.c.grp == group, shared_items.c.author == user, shared_items.c.source_id == source_id
    )
    for attempt in range(2):
        try:
            with _write(engine) as conn, conn.begin():
                found = conn.execute(select(shared_items.c.id).where(key).with_for_update()).first()
                if found is None:
                    conn.execute(
                        insert(shared_items).values(grp=group, author=user, source_id=source_id, **values)
                    )
                else:
                    conn.execute(update(shared_items).where(key).values(**values))
                row = conn.execute(select(*_ITEM_COLUMNS).where(key)).one()
            return Shared(_item(row), created=found is None)
        except IntegrityError:
            # PostgreSQL: the same entry shared twice at the same moment; the second becomes a replace.
            if attempt:
                raise
    raise AssertionError("unreachable")


def unshare(engine: Engine, user: str, group: str, source_id: int) -> bool:
    with _write(engine) as conn, conn.begin():
        result = conn.execute(
            delete(shared_items).where(
                shared_items.c.grp == group,
                shared_items.c.author == user,
                shared_items.c.source_id == source_id,
            )
        )
        return result.rowcount > 0


def items(engine: Engine, group: str, module: str | None = None) -> list[dict[str, Any]]:
    query = select(*_ITEM_COLUMNS).where(shared_items.c.grp == group)
    if module is not None:
        query = query.where(shared_items.c.module == module)
    with engine.connect() as conn:
        rows = conn.execute(query.order_by(shared_items.c.shared, shared_items.c.id)).all()
    return [_item(r) for r in rows]


def vote(engine: Engine, user: str, group: str, poll_id: str, choice: str) -> None:
    key = and_(votes.c.grp == group, votes.c.poll_id == poll_id, votes.c.voter == user)
    for attempt in range(2):
        try:
            with _write(engine) as conn, conn.begin():
                changed = conn.execute(update(votes).where(key).values(choice=choice, voted=utc_now()))
                if changed.rowcount == 0:
                    conn.execute(
                        insert(votes).values(
                            grp=group, poll_id=poll_id, voter=user, choice=choice, voted=utc_now()
                        )
                    )
            return
        except IntegrityError:
            if attempt:
                raise


def withdraw_vote(engine: Engine, user: str, group: str, poll_id: str) -> bool:
    with _write(engine) as conn, conn.begin():
        result = conn.execute(
            delete(votes).where(votes.c.grp == group, votes.c.poll_id == poll_id, votes.c.voter == user)
        )
        return result.rowcount > 0


def poll(engine: Engine, user: str, group: str, poll_id: str) -> dict[str, Any]:
    where = (votes.c.grp == group, votes.c.poll_id == poll_id)
    with engine.connect() as conn:
        mine = conn.execute(select(votes.c.choice).where(*where, votes.c.voter == user)).scalar()
        rows = conn.execute(
            select(votes.c.choice, func.count())
            .where(*where)
            .group_by(votes.c.choice)
            .order_by(votes.c.choice)
        ).all()
    return {"my_vote": mine, "tally": dict(rows)}


def post_note(engine: Engine, user: str, group: str, board_id: str, text: str) -> dict[str, Any]:
    with _write(engine) as conn, conn.begin():
        note_id = conn.execute(
            insert(board_notes)
            .values(grp=group, board_id=board_id, author=user, text=text, created=utc_now())
            .returning(board_notes.c.id)
        ).scalar_one()
        row = conn.execute(select(*_NOTE_COLUMNS).where(board_notes.c.id == note_id)).one()
    return _note(row)


def note_author(engine: Engine, group: str, note_id: int) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            select(board_notes.c.author).where(board_notes.c.id == note_id, board_notes.c.grp == group)
        ).scalar()


def delete_note(engine: Engine, group: str, note_id: int) -> bool:
    with _write(engine) as conn, conn.begin():
        result = conn.execute(
            delete(board_notes).where(board_notes.c.id == note_id, board_notes.c.grp == group)
        )
        return result.rowcount > 0


def board(engine: Engine, group: str, board_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_NOTE_COLUMNS)
            .where(board_notes.c.grp == group, board_notes.c.board_id == board_id)
            .order_by(board_notes.c.id)
        ).all()
    return [_note(r) for r in rows]


def my_data(engine: Engine, user: str) -> dict[str, Any]:
    with engine.connect() as conn:
        item_rows = conn.execute(
            select(*_ITEM_COLUMNS).where(shared_items.c.author == user).order_by(shared_items.c.id)
        ).all()
        vote_rows = conn.execute(
            select(votes.c.grp, votes.c.poll_id, votes.c.choice, votes.c.voted)
            .where(votes.c.voter == user)
            .order_by(votes.c.grp, votes.c.poll_id)
        ).all()
        note_rows = conn.execute(
            select(*_NOTE_COLUMNS).where(board_notes.c.author == user).order_by(board_notes.c.id)
        ).all()
    return {
        "name": user,
        "items": [_item(r) for r in item_rows],
        "votes": [{"group": g, "vote_id": p, "choice": c, "voted": v} for g, p, c, v in vote_rows],
        "notes": [_note(r) for r in note_rows],
    }


def delete_my_data(engine: Engine, user: str) -> dict[str, int]:
    with _write(engine) as conn, conn.begin():
        return {
            "items": conn.execute(delete(shared_items).where(shared_items.c.author == user)).rowcount,
            "votes": conn.execute(delete(votes).where(votes.c.voter == user)).rowcount,
            "notes": conn.execute(delete(board_notes).where(board_notes.c.author == user)).rowcount,
        }


def ping(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(select(1))
