"""Group work in the database beyond sharing: reveals, board notes' rounds and harvest, dot votes, joint cases
with versions, and progress shared with the teacher. Plain functions, one short transaction per call."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from .db import board_notes, dots, group_cases, reveals, shared_progress, votes
from .repository import _NOTE_COLUMNS, _note, _write, utc_now


def revealed(engine: Engine, group: str, item_id: str) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(
                select(reveals.c.item_id).where(reveals.c.grp == group, reveals.c.item_id == item_id)
            ).first()
            is not None
        )


def set_revealed(engine: Engine, user: str, group: str, item_id: str, on: bool) -> None:
    with _write(engine) as conn, conn.begin():
        conn.execute(delete(reveals).where(reveals.c.grp == group, reveals.c.item_id == item_id))
        if on:
            conn.execute(
                insert(reveals).values(grp=group, item_id=item_id, revealed_by=user, revealed=utc_now())
            )


def voters(engine: Engine, group: str, poll_id: str) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).where(votes.c.grp == group, votes.c.poll_id == poll_id)
        ).scalar_one()


# --- boards ---------------------------------------------------------------------------------------------------


def board(engine: Engine, group: str, board_id: str, user: str, teacher: bool) -> list[dict[str, Any]]:
    """The group's shared notes and the caller's own private ones (a teacher who is not the author: shared only)."""
    visible = board_notes.c.shared.is_(True) | (board_notes.c.author == user)
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_NOTE_COLUMNS, board_notes.c.step, board_notes.c.shared, board_notes.c.harvested)
            .where(board_notes.c.grp == group, board_notes.c.board_id == board_id, visible)
            .order_by(board_notes.c.id)
        ).all()
    return [note(r) for r in rows]


def note(row: Any) -> dict[str, Any]:
    out = _note(row)
    m = row._mapping
    out.update(step=m["step"], shared=bool(m["shared"]), harvested=bool(m["harvested"]))
    return out


def get_note(engine: Engine, group: str, note_id: int) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(*_NOTE_COLUMNS, board_notes.c.step, board_notes.c.shared, board_notes.c.harvested).where(
                board_notes.c.id == note_id, board_notes.c.grp == group
            )
        ).first()
    return note(row) if row is not None else None


def post_note(
    engine: Engine, user: str, group: str, board_id: str, text: str, step: str | None, shared: bool
) -> dict[str, Any]:
    with _write(engine) as conn, conn.begin():
        note_id = conn.execute(
            insert(board_notes)
            .values(
                grp=group,
                board_id=board_id,
                author=user,
                text=text,
                created=utc_now(),
                step=step,
                shared=shared,
                harvested=False,
            )
            .returning(board_notes.c.id)
        ).scalar_one()
    found = get_note(engine, group, note_id)
    assert found is not None
    return found


def change_note(engine: Engine, group: str, note_id: int, values: dict[str, Any]) -> dict[str, Any] | None:
    with _write(engine) as conn, conn.begin():
        conn.execute(
            update(board_notes)
            .where(board_notes.c.id == note_id, board_notes.c.grp == group)
            .values(**values)
        )
        if values.get("shared") is False:
            conn.execute(delete(dots).where(dots.c.note_id == note_id))
    return get_note(engine, group, note_id)


def harvest(engine: Engine, board_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_NOTE_COLUMNS, board_notes.c.step, board_notes.c.shared, board_notes.c.harvested)
            .where(
                board_notes.c.board_id == board_id,
                board_notes.c.harvested.is_(True),
                board_notes.c.shared.is_(True),
            )
            .order_by(board_notes.c.grp, board_notes.c.id)
        ).all()
    return [note(r) for r in rows]


def shared_note_ids(engine: Engine, group: str, board_id: str) -> set[int]:
    with engine.connect() as conn:
        return set(
            conn.execute(
                select(board_notes.c.id).where(
                    board_notes.c.grp == group,
                    board_notes.c.board_id == board_id,
                    board_notes.c.shared.is_(True),
                )
            ).scalars()
        )


def set_dots(engine: Engine, user: str, group: str, board_id: str, allocation: dict[int, int]) -> None:
    """Replace the caller's dots on a board (checked by the API: notes on this board, sum within the limit)."""
    with _write(engine) as conn, conn.begin():
        conn.execute(
            delete(dots).where(dots.c.grp == group, dots.c.board_id == board_id, dots.c.voter == user)
        )
        rows = [
            {"grp": group, "board_id": board_id, "voter": user, "note_id": note_id, "n": n}
            for note_id, n in sorted(allocation.items())
            if n > 0
        ]
        if rows:
            conn.execute(insert(dots), rows)


def dot_state(engine: Engine, user: str, group: str, board_id: str) -> dict[str, Any]:
    where = (dots.c.grp == group, dots.c.board_id == board_id)
    with engine.connect() as conn:
        mine = dict(conn.execute(select(dots.c.note_id, dots.c.n).where(*where, dots.c.voter == user)).all())
        voters_ = conn.execute(select(func.count(func.distinct(dots.c.voter))).where(*where)).scalar_one()
        tally = dict(
            conn.execute(
                select(dots.c.note_id, func.sum(dots.c.n)).where(*where).group_by(dots.c.note_id)
            ).all()
        )
    return {"mine": mine, "voters": voters_, "tally": {k: int(v) for k, v in tally.items()}}


# --- joint cases ------------------------------------------------------------------------------------------------

_CASE = (
    group_cases.c.case_id,
    group_cases.c.name,
    group_cases.c.version,
    group_cases.c.saved_by,
    group_cases.c.saved,
)


def _version(row: Any) -> dict[str, Any]:
    m = row._mapping
    return {k: m[k] for k in ("case_id", "name", "version", "saved_by", "saved")}


def cases(engine: Engine, group: str) -> list[dict[str, Any]]:
    latest = (
        select(group_cases.c.case_id, func.max(group_cases.c.version).label("v"))
        .where(group_cases.c.grp == group)
        .group_by(group_cases.c.case_id)
        .subquery()
    )
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_CASE)
            .join(latest, (latest.c.case_id == group_cases.c.case_id) & (latest.c.v == group_cases.c.version))
            .where(group_cases.c.grp == group)
            .order_by(group_cases.c.name, group_cases.c.case_id)
        ).all()
    return [_version(r) for r in rows]


def case(engine: Engine, group: str, case_id: str, version: int | None = None) -> dict[str, Any] | None:
    query = select(*_CASE, group_cases.c.data).where(
        group_cases.c.grp == group, group_cases.c.case_id == case_id
    )
    query = (
        query.where(group_cases.c.version == version)
        if version is not None
        else query.order_by(group_cases.c.version.desc()).limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    out = _version(row)
    out["data"] = json.loads(row._mapping["data"])
    return out


def history(engine: Engine, group: str, case_id: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_CASE)
            .where(group_cases.c.grp == group, group_cases.c.case_id == case_id)
            .order_by(group_cases.c.version.desc())
        ).all()
    return [_version(r) for r in rows]


def save_case(
    engine: Engine, user: str, group: str, case_id: str, name: str, data: dict[str, Any], base_version: int
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(saved version, None), or (None, the latest case) when ``base_version`` is not the latest: never an
    overwrite. Two saves on the same base at the same moment: the primary key lets one in and refuses the other."""
    try:
        with _write(engine) as conn, conn.begin():
            latest = conn.execute(
                select(func.max(group_cases.c.version)).where(
                    group_cases.c.grp == group, group_cases.c.case_id == case_id
                )
            ).scalar()
            if (latest or 0) != base_version:
                conflict = True
            else:
                conflict = False
                conn.execute(
                    insert(group_cases).values(
                        grp=group,
                        case_id=case_id,
                        version=base_version + 1,
                        name=name,
                        data=json.dumps(data, sort_keys=True),  # escaped: a NUL in a text is stored as \u0000
                        saved_by=user,
                        saved=utc_now(),
                    )
                )
    except IntegrityError:
        conflict = True
    if conflict:
        return None, case(engine, group, case_id)
    saved = case(engine, group, case_id, base_version + 1)
    assert saved is not None
    saved.pop("data")
    return saved, None


# --- progress shared with the teacher -----------------------------------------------------------------------------


def share_progress(engine: Engine, user: str, module: str, done: int, total: int) -> None:
    key = (shared_progress.c.user == user, shared_progress.c.module == module)
    for attempt in range(2):
        try:
            with _write(engine) as conn, conn.begin():
                changed = conn.execute(
                    update(shared_progress).where(*key).values(done=done, total=total, updated=utc_now())
                ).rowcount
                if not changed:
                    conn.execute(
                        insert(shared_progress).values(
                            user=user, module=module, done=done, total=total, updated=utc_now()
                        )
                    )
            return
        except IntegrityError:
            if attempt:
                raise


def stop_progress(engine: Engine, user: str) -> int:
    with _write(engine) as conn, conn.begin():
        return conn.execute(delete(shared_progress).where(shared_progress.c.user == user)).rowcount


def progress(engine: Engine, users: list[str]) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(shared_progress)
            .where(shared_progress.c.user.in_(users))
            .order_by(shared_progress.c.user, shared_progress.c.module)
        ).all()
    return [dict(r._mapping) for r in rows]


# --- right of access and erasure ------------------------------------------------------------------------------------


def held_for(engine: Engine, user: str) -> dict[str, Any]:
    with engine.connect() as conn:
        dot_rows = conn.execute(
            select(dots.c.grp, dots.c.board_id, dots.c.note_id, dots.c.n)
            .where(dots.c.voter == user)
            .order_by(dots.c.grp, dots.c.board_id, dots.c.note_id)
        ).all()
        case_rows = conn.execute(
            select(group_cases.c.grp, *_CASE)
            .where(group_cases.c.saved_by == user)
            .order_by(group_cases.c.saved)
        ).all()
    return {
        "dots": [{"group": g, "board_id": b, "note_id": i, "dots": n} for g, b, i, n in dot_rows],
        "case_versions": [{"group": r.grp, **_version(r)} for r in case_rows],
        "progress": progress(engine, [user]),
    }


def forget(engine: Engine, user: str) -> dict[str, int]:
    """The user's dots and shared progress removed; versions they saved of a group's case stay with the group
    (the group owns the case) but no longer carry their name."""
    with _write(engine) as conn, conn.begin():
        return {
            "dots": conn.execute(delete(dots).where(dots.c.voter == user)).rowcount,
            "progress": conn.execute(delete(shared_progress).where(shared_progress.c.user == user)).rowcount,
            "case_versions": conn.execute(
                update(group_cases).where(group_cases.c.saved_by == user).values(saved_by="")
            ).rowcount,
        }
