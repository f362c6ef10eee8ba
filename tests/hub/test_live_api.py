"""Live polls and group work through a real hub and proxy, on SQLite and PostgreSQL: identity from the hub,
members only, teachers only, one answer per person, limits, moderation, and anonymous rows without a name."""

from __future__ import annotations

import pytest

from .conftest import rows

TEACHER = "larare"


def poll(hub, **spec) -> dict:
    spec.setdefault("kind", "choice")
    if spec["kind"] == "choice":
        spec.setdefault("options", ["Ja", "Nej"])
    reply = hub.call("POST", "polls", TEACHER, body=spec)
    assert reply.status == 201, reply.body
    return reply.body


def test_only_teachers_manage_polls(hub, uid):
    assert hub.call("POST", "polls", "deltagare1", body={"kind": "open", "question": "?"}).status == 403
    p = poll(hub, question=f"Fråga {uid}")
    for method, path, body in (
        ("GET", "polls", None),
        ("PATCH", f"polls/{p['id']}", {"revealed": True}),
        ("POST", f"polls/{p['id']}/reset", None),
        ("DELETE", f"polls/{p['id']}", None),
        ("PATCH", f"polls/{p['id']}/answers/1", {"hidden": True}),
    ):
        reply = hub.call(method, path, "deltagare1", body=body)
        assert reply.status == 403, (method, path, reply.body)
        assert "lärare" in reply.body["message"]
    assert hub.call("GET", f"polls/{p['id']}/results", "deltagare1").status == 403  # not revealed


def test_one_answer_per_person_and_a_group_poll_for_its_members_only(hub, uid):
    p = poll(hub, question=f"Gruppfråga {uid}", group="grupp-a")
    assert hub.call("PUT", f"polls/{p['id']}/answer", "deltagare4", body={"value": "Ja"}).status == 403
    for value in ("Ja", "Nej", "Ja"):
        assert hub.call("PUT", f"polls/{p['id']}/answer", "deltagare1", body={"value": value}).status == 204
    results = hub.call("GET", f"polls/{p['id']}/results", TEACHER).body
    assert results["counts"] == {"Ja": 1, "Nej": 0} and results["respondents"] == 1
    assert rows(hub, "SELECT count(*) FROM poll_answers WHERE poll_id = ?", (p["id"],)) == [(1,)]
    active = hub.call("GET", "me/polls", "deltagare4").body["polls"]
    assert p["id"] not in {a["poll"]["id"] for a in active}


def test_an_anonymous_polls_rows_hold_no_user_name(hub, uid):
    p = poll(hub, question=f"Anonym {uid}", anonymous=True)
    for user in ("deltagare1", "deltagare2"):
        assert hub.call("PUT", f"polls/{p['id']}/answer", user, body={"value": "Nej"}).status == 204
    stored = rows(hub, "SELECT * FROM poll_answers WHERE poll_id = ?", (p["id"],))
    assert len(stored) == 2
    text = repr(stored)
    assert "deltagare" not in text
    named = poll(hub, question=f"Namngiven {uid}")
    hub.call("PUT", f"polls/{named['id']}/answer", "deltagare1", body={"value": "Ja"})
    assert rows(hub, "SELECT author FROM poll_answers WHERE poll_id = ?", (named["id"],)) == [("deltagare1",)]


def test_limits_and_moderation(hub, uid):
    words = poll(hub, kind="words", question=f"Ord {uid}", filter=["olämpligt"])
    assert (
        hub.call("PUT", f"polls/{words['id']}/answer", "deltagare1", body={"value": "x" * 41}).status == 409
    )
    refused = hub.call("PUT", f"polls/{words['id']}/answer", "deltagare1", body={"value": "Olämpligt"})
    assert refused.status == 409 and refused.body["field"] == "value"  # refused by this poll's filter
    assert (
        hub.call("PUT", f"polls/{words['id']}/answer", "deltagare2", body={"value": "Tillit"}).status == 204
    )
    answer_id = hub.call("GET", f"polls/{words['id']}/results", TEACHER).body["answers"][0]["id"]
    assert (
        hub.call("PATCH", f"polls/{words['id']}/answers/{answer_id}", TEACHER, body={"hidden": True}).status
        == 204
    )
    assert hub.call("GET", f"polls/{words['id']}/results", TEACHER).body["words"] == []
    too_many = hub.call(
        "POST", "polls", TEACHER, body={"kind": "choice", "question": "?", "options": ["a"] * 11}
    )
    assert too_many.status == 422 and too_many.body["field"] == "options"
    assert hub.call("POST", "polls", TEACHER, body={"kind": "open", "question": "x" * 501}).status == 422
    qa = poll(hub, kind="qa", question=f"Q&A {uid}")
    for n in range(10):
        assert (
            hub.call("POST", f"polls/{qa['id']}/questions", "deltagare3", body={"text": f"Fråga {n}"}).status
            == 201
        )
    eleventh = hub.call("POST", f"polls/{qa['id']}/questions", "deltagare3", body={"text": "En till"})
    assert eleventh.status == 409 and "10 frågor" in eleventh.body["message"]
    hub.call("PATCH", f"polls/{qa['id']}", TEACHER, body={"state": "closed"})
    closed = hub.call("PUT", f"polls/{words['id']}/answer", "deltagare3", body={"value": "Sent"})
    assert closed.status == 204  # the word poll is still open
    assert hub.call("POST", f"polls/{qa['id']}/questions", "deltagare3", body={"text": "Sent"}).status == 409


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "groups/grupp-a/members", None),
        ("GET", "groups/grupp-a/votes/d1", None),
        ("GET", "groups/grupp-a/boards/b1/notes", None),
        ("POST", "groups/grupp-a/boards/b1/notes", {"text": "in"}),
        ("GET", "groups/grupp-a/boards/b1/dots", None),
        ("PUT", "groups/grupp-a/boards/b1/dots", {"dots": []}),
        ("GET", "groups/grupp-a/cases", None),
        ("PUT", "groups/grupp-a/cases/c1", {"base_version": 0, "name": "x", "data": {}}),
        ("GET", "groups/grupp-a/cases/c1/history", None),
    ],
)
def test_group_work_is_for_members_only(hub, method, path, body):
    reply = hub.call(method, path, "deltagare4", body=body)
    assert reply.status == 403, reply.body
    assert "inte med i den gruppen" in reply.body["message"]


def test_members_reveals_and_progress_through_the_hub(hub, uid):
    members = hub.call("GET", "groups/grupp-a/members", "deltagare1").body["members"]
    assert {"deltagare1", "deltagare2", "deltagare3"} <= set(members)  # other tests add bench users
    assert "deltagare4" not in members
    vote = f"dilemma-{uid}"
    hub.call("PUT", f"groups/grupp-a/votes/{vote}/mine", "deltagare1", body={"choice": "A"})
    before = hub.call("GET", f"groups/grupp-a/votes/{vote}", "deltagare2").body
    assert (before["tally"], before["voters"], before["members"]) == (None, 1, len(members))
    assert (
        hub.call("PUT", f"groups/grupp-a/reveals/{vote}", "deltagare1", body={"revealed": True}).status == 403
    )
    assert hub.call("PUT", f"groups/grupp-a/reveals/{vote}", TEACHER, body={"revealed": True}).status == 204
    assert hub.call("GET", f"groups/grupp-a/votes/{vote}", "deltagare2").body["tally"] == {"A": 1}
    assert hub.call("PUT", "me/progress/modul2", "deltagare2", body={"done": 2, "todo": 3}).status == 204
    assert hub.call("PUT", "me/progress/modul2", "deltagare2", body={"done": -1, "todo": 3}).status == 422
    assert hub.call("GET", "groups/grupp-a/progress", "deltagare1").status == 403
    shared = hub.call("GET", "groups/grupp-a/progress", TEACHER).body
    assert [(p["user"], p["done"], p["total"]) for p in shared if p["user"] == "deltagare2"] == [
        ("deltagare2", 2, 5)
    ]
    assert hub.call("DELETE", "me/progress", "deltagare2").status == 204


def test_a_joint_case_conflict_is_a_409_with_the_current_version(hub, uid):
    case = f"groups/grupp-b/cases/fall-{uid}"
    assert (
        hub.call("PUT", case, "deltagare4", body={"base_version": 0, "name": "Fall", "data": {"a": 1}}).status
        == 201
    )
    assert (
        hub.call("PUT", case, "deltagare5", body={"base_version": 1, "name": "Fall", "data": {"a": 2}}).status
        == 200
    )
    late = hub.call("PUT", case, "deltagare6", body={"base_version": 1, "name": "Fall", "data": {"a": 3}})
    assert late.status == 409 and late.body["field"] == "base_version"
    assert late.body["current"]["version"] == 2 and late.body["current"]["data"] == {"a": 2}
    assert "deltagare5" in late.body["message"]
    assert [v["version"] for v in hub.call("GET", f"{case}/history", "deltagare6").body] == [2, 1]
