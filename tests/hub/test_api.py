"""The group service's API through a real hub and proxy, on SQLite and on PostgreSQL (the ``hub`` fixture)."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from .conftest import rows
from .harness import request


def item(source_id: int, text: str = "Vi testar gruppytan.", module: str = "modul1") -> dict:
    return {"source_id": source_id, "module": module, "prompt": "Vad tar du med dig?", "text": text}


def test_health_and_openapi_need_no_login(hub):
    assert hub.call("GET", "health").body == {"status": "ok"}
    doc = hub.call("GET", "openapi.json").body
    assert doc["openapi"].startswith("3.")
    assert "/services/digikomp-grupp/api/groups/{group}/items" in doc["paths"]


def test_me_comes_from_the_hub(hub):
    assert hub.call("GET", "me", "deltagare1").body == {
        "name": "deltagare1",
        "groups": ["grupp-a"],
        "teacher": False,
    }
    assert hub.call("GET", "me", "larare").body == {"name": "larare", "groups": [], "teacher": True}
    # The service on its own port (as a kernel calls it) answers the same.
    assert hub.call("GET", "me", "deltagare4", direct=True).body["groups"] == ["grupp-b"]


def test_a_member_shares_and_the_group_reads_it_as_text(hub, uid):
    text = '<script>alert("x")</script> & <b>fet</b> – åäö'
    first = hub.call("POST", "groups/grupp-a/items", "deltagare1", body=item(uid, text))
    assert first.status == 201
    assert first.body["author"] == "deltagare1"
    assert first.body["text"] == text
    again = hub.call("POST", "groups/grupp-a/items", "deltagare1", body=item(uid, text + " (ändrad)"))
    assert again.status == 200
    assert again.body["id"] == first.body["id"]
    seen = hub.call("GET", "groups/grupp-a/items", "deltagare2")
    assert seen.status == 200
    mine = [i for i in seen.body if i["source_id"] == uid]
    assert [(i["author"], i["text"]) for i in mine] == [("deltagare1", text + " (ändrad)")]
    stored = rows(
        hub, "SELECT text FROM shared_items WHERE author = ? AND source_id = ?", ("deltagare1", uid)
    )
    assert stored == [(text + " (ändrad)",)]
    hub.call("POST", "groups/grupp-a/items", "deltagare3", body=item(uid, "Modul två", module="modul2"))
    modul2 = hub.call("GET", "groups/grupp-a/items?module=modul2", "deltagare2").body
    assert {i["module"] for i in modul2} == {"modul2"}
    assert ("deltagare3", uid) in {(i["author"], i["source_id"]) for i in modul2}
    assert hub.call("DELETE", f"groups/grupp-a/items/{uid}", "deltagare1").status == 204
    assert hub.call("DELETE", f"groups/grupp-a/items/{uid}", "deltagare1").status == 404


def test_someone_outside_the_group_gets_403_for_everything(hub, uid):
    hub.call("POST", "groups/grupp-a/items", "deltagare1", body=item(uid))
    calls = [
        ("GET", "groups/grupp-a/items", None),
        ("POST", "groups/grupp-a/items", item(uid)),
        ("DELETE", f"groups/grupp-a/items/{uid}", None),
        ("GET", f"groups/grupp-a/votes/p{uid}", None),
        ("PUT", f"groups/grupp-a/votes/p{uid}/mine", {"choice": "ja"}),
        ("GET", f"groups/grupp-a/boards/b{uid}/notes", None),
        ("POST", f"groups/grupp-a/boards/b{uid}/notes", {"text": "hej"}),
    ]
    for method, path, body in calls:
        reply = hub.call(method, path, "deltagare4", body=body)
        assert reply.status == 403, (method, path)
        assert reply.body == {"message": "Du är inte med i den gruppen.", "field": None}
    assert rows(hub, "SELECT count(*) FROM shared_items WHERE author = ?", ("deltagare4",)) == [(0,)]


def test_a_teacher_reads_every_group_and_writes_only_where_a_member(hub, uid):
    hub.call("POST", "groups/grupp-b/items", "deltagare5", body=item(uid, "Från grupp b"))
    for group in ("grupp-a", "grupp-b"):
        assert hub.call("GET", f"groups/{group}/items", "larare").status == 200
    assert any(i["source_id"] == uid for i in hub.call("GET", "groups/grupp-b/items", "larare").body)
    refused = hub.call("POST", "groups/grupp-b/items", "larare", body=item(uid))
    assert refused.status == 403
    assert "lärare" in refused.body["message"]
    note = hub.call(
        "POST", f"groups/grupp-b/boards/b{uid}/notes", "deltagare5", body={"text": "Olämplig lapp"}
    )
    assert hub.call("DELETE", f"groups/grupp-b/notes/{note.body['id']}", "larare").status == 204


@pytest.mark.parametrize("claim", ["author", "user"])
def test_a_body_cannot_say_who_wrote_it(hub, uid, claim):
    reply = hub.call("POST", "groups/grupp-a/items", "deltagare1", body={**item(uid), claim: "deltagare2"})
    assert reply.status == 422
    assert reply.body["field"] == claim
    assert "inloggade" in reply.body["message"]
    assert rows(hub, "SELECT count(*) FROM shared_items WHERE source_id = ?", (uid,)) == [(0,)]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source_id": 1, "module": "modul1", "prompt": None}, "text"),
        ({"source_id": "1", "module": "modul1", "prompt": None, "text": "x"}, "source_id"),
        ({"source_id": 1, "module": "modul1", "prompt": None, "text": "   "}, "text"),
        ({"source_id": 1, "module": "modul1", "prompt": None, "text": "a\u0000b"}, "text"),
        ({"source_id": 1, "module": "modul1", "prompt": None, "text": "x" * 20_001}, "text"),
        ({"source_id": -1, "module": "modul1", "prompt": None, "text": "x"}, "source_id"),
        ({"source_id": 1, "module": "modul 1!", "prompt": None, "text": "x"}, "module"),
        ([1, 2], None),
    ],
)
def test_invalid_input_is_422_naming_the_field_in_swedish(hub, body, field):
    reply = hub.call("POST", "groups/grupp-a/items", "deltagare1", body=body)
    assert reply.status == 422
    assert reply.body["field"] == field
    assert reply.body["message"] and "error" not in reply.body["message"].lower()


def test_invalid_json_and_bad_path_are_422(hub):
    bad_json = hub.call("POST", "groups/grupp-a/items", "deltagare1", raw=b'{"text": ')
    assert (bad_json.status, bad_json.body["field"]) == (422, None)
    bad_group = hub.call("GET", "groups/grupp%20a%3F/items", "deltagare1")
    assert (bad_group.status, bad_group.body["field"]) == (422, "group")


def test_bodies_over_64_kib_are_413(hub, uid):
    big = item(uid, "å" * 40_000)  # 80 000 bytes of UTF-8
    reply = hub.call("POST", "groups/grupp-a/items", "deltagare1", body=big)
    assert reply.status == 413
    assert reply.body == {"message": "Begäran är för stor (högst 64 KiB).", "field": None}
    # Without Content-Length (chunked), straight to the service: counted while read.
    target = urlsplit(hub.direct_url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    payload = json.dumps(big).encode()
    chunks = (payload[i : i + 8192] for i in range(0, len(payload), 8192))
    conn.request(
        "POST",
        f"{target.path}api/groups/grupp-a/items",
        body=chunks,
        headers={"Authorization": f"token {hub.token_for('deltagare1')}", "Content-Type": "application/json"},
        encode_chunked=True,
    )
    resp = conn.getresponse()
    assert resp.status == 413
    assert json.loads(resp.read())["message"].startswith("Begäran är för stor")
    conn.close()
    assert rows(hub, "SELECT count(*) FROM shared_items WHERE source_id = ?", (uid,)) == [(0,)]


def test_no_token_or_a_bad_one_is_401_and_a_token_without_the_scope_403(hub):
    url = f"{hub.service_url}api/me"
    missing = request("GET", url)
    assert missing.status == 401
    assert missing.body["message"].startswith("Inloggning saknas")
    assert request("GET", url, token="inte-en-riktig-token").status == 401
    assert request("GET", url, headers={"Authorization": "Basic ZGVsdGFnYXJlMTp4"}).status == 401
    # A token in the URL is never looked at.
    assert request("GET", f"{url}?token={hub.token_for('deltagare1')}").status == 401
    narrow = hub.token_for("deltagare1", ["read:users:name!user"])
    refused = request("GET", url, token=narrow)
    assert refused.status == 403
    assert "åtkomst till gruppytan" in refused.body["message"]


def test_votes_replace_and_withdraw(hub, uid):
    poll = f"groups/grupp-a/votes/fraga{uid}"
    mine = f"{poll}/mine"
    assert hub.call("PUT", mine, "deltagare1", body={"choice": "ja"}).status == 204
    assert hub.call("PUT", mine, "deltagare2", body={"choice": "nej"}).status == 204
    assert hub.call("PUT", mine, "deltagare1", body={"choice": "nej"}).status == 204
    members = len(hub.call("GET", "groups/grupp-a/members", "deltagare1").body["members"])
    state = {"revealed": False, "voters": 2, "members": members}
    assert hub.call("GET", poll, "deltagare1").body == {"my_vote": "nej", "tally": {"nej": 2}, **state}
    assert hub.call("GET", poll, "larare").body == {"my_vote": None, "tally": {"nej": 2}, **state}
    assert hub.call("DELETE", mine, "deltagare2").status == 204
    assert hub.call("DELETE", mine, "deltagare2").status == 404
    assert hub.call("GET", poll, "deltagare3").body["tally"] is None  # not voted, not revealed
    assert hub.call("GET", poll, "larare").body["tally"] == {"nej": 1}


def test_board_notes_only_their_author_or_a_teacher_deletes(hub, uid):
    board = f"groups/grupp-a/boards/idéer{uid}/notes"
    posted = hub.call("POST", board, "deltagare1", body={"text": "Första idén"})
    assert posted.status == 201
    assert posted.body["author"] == "deltagare1"
    hub.call("POST", board, "deltagare2", body={"text": "Andra idén"})
    assert [n["text"] for n in hub.call("GET", board, "deltagare3").body] == ["Första idén", "Andra idén"]
    note = f"groups/grupp-a/notes/{posted.body['id']}"
    denied = hub.call("DELETE", note, "deltagare2")
    assert (denied.status, denied.body["message"]) == (403, "Du kan bara ta bort dina egna lappar.")
    assert hub.call("DELETE", note, "deltagare1").status == 204
    assert hub.call("DELETE", note, "deltagare1").status == 404


def test_my_data_lists_everything_and_delete_leaves_no_row(hub, uid):
    user = "deltagare6"
    hub.call("POST", "groups/grupp-b/items", user, body=item(uid))
    hub.call("PUT", f"groups/grupp-b/votes/p{uid}/mine", user, body={"choice": "kanske"})
    hub.call("POST", f"groups/grupp-b/boards/b{uid}/notes", user, body={"text": "Min lapp"})
    hub.call("POST", "groups/grupp-b/items", "deltagare5", body=item(uid, "Någon annans"))
    data = hub.call("GET", "me/data", user).body
    assert data["name"] == user
    assert [i["source_id"] for i in data["items"]] == [uid]
    assert [(v["vote_id"], v["choice"]) for v in data["votes"]] == [(f"p{uid}", "kanske")]
    assert [n["text"] for n in data["notes"]] == ["Min lapp"]
    counts = hub.call("DELETE", "me/data", user).body
    assert {k: counts[k] for k in ("items", "votes", "notes")} == {"items": 1, "votes": 1, "notes": 1}
    assert not any(v for k, v in counts.items() if k not in ("items", "votes", "notes"))
    for table, column in (("shared_items", "author"), ("votes", "voter"), ("board_notes", "author")):
        assert rows(hub, f"SELECT count(*) FROM {table} WHERE {column} = ?", (user,)) == [(0,)], table
    assert rows(hub, "SELECT count(*) FROM shared_items WHERE author = ?", ("deltagare5",))[0][0] >= 1
    empty = ("items", "votes", "notes", "poll_answers", "poll_questions", "dots", "case_versions", "progress")
    assert hub.call("GET", "me/data", user).body == {"name": user, **{k: [] for k in empty}}


def test_tokens_never_reach_the_logs(hub, uid):
    token = hub.token_for("deltagare2")
    request("GET", f"{hub.service_url}api/me?token={token}")
    request("GET", f"{hub.direct_url}api/me", headers={"Authorization": f"token {token}x"})
    hub.call("POST", "groups/grupp-a/items", "deltagare2", body=item(uid))
    log = hub.log()
    assert "digikomp.grupp POST /services/digikomp-grupp/api/groups/grupp-a/items 201" in log
    for secret in [*hub.tokens.values(), hub.test_token]:
        assert secret not in log


def test_a_teacher_lists_every_course_group_a_participant_only_their_own(hub):
    assert hub.call("GET", "groups", "larare").body == {"groups": ["grupp-a", "grupp-b"]}
    assert hub.call("GET", "groups", "deltagare4").body == {"groups": ["grupp-b"]}
    assert hub.call("GET", "groups").status == 401
