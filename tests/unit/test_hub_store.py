"""HubSharedStore: the kernel's client of the group service.

Two kinds of server: the group service's real application (SQLite, uvicorn on a free port) with the hub's token
check replaced by a fixed table of tokens — the API's shapes and errors as the client meets them — and a small
scripted HTTP server for what the real one cannot be made to do on demand (answer 503, drop the connection,
answer garbage). The whole path through a real JupyterHub is tests/hub/test_kernel_store.py and the browser test."""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest

from widgets.errors import DomainError
from widgets.store import NotFoundError, PermissionDeniedError, PersonalStore, StoreError, sharing
from widgets.store.backend import in_hub, shared_store
from widgets.store.hub import BAD_ANSWER, NOT_LOGGED_IN, UNAVAILABLE, HubSharedStore

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

PREFIX = "/services/digikomp-grupp/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def service(group_service_factory):
    return group_service_factory()


def store(url: str, token: str) -> HubSharedStore:
    return HubSharedStore(url, token, retry_pauses=(0.01, 0.01))


def test_a_member_shares_and_the_group_sees_it_another_group_does_not(service):
    d1, d2, d4 = store(service, "tok-d1"), store(service, "tok-d2"), store(service, "tok-d4")
    assert (d1.user, d1.groups(), d1.teacher) == ("deltagare1", ["grupp-a"], False)
    item = d1.share_entry(
        "grupp-a", source_id=7, module="modul1", prompt="Vad tar du med dig?", text="<b>Hej</b>"
    )
    assert (item.author, item.group, item.text, item.shared.tzinfo is not None) == (
        "deltagare1",
        "grupp-a",
        "<b>Hej</b>",  # stored as text; the views escape it
        True,
    )
    seen = d2.shared_items("grupp-a", module="modul1")
    assert [(i.author, i.source_id, i.text) for i in seen] == [("deltagare1", 7, "<b>Hej</b>")]
    assert d2.shared_items("grupp-a", module="modul2") == []
    with pytest.raises(PermissionDeniedError) as denied:
        d4.shared_items("grupp-a")
    assert "inte med i den gruppen" in denied.value.message
    with pytest.raises(PermissionDeniedError):
        d4.share_entry("grupp-a", source_id=1, module="modul1", prompt=None, text="in i fel grupp")


def test_a_long_swedish_text_fits_the_services_body_limit(service):
    """Sent as UTF-8, not as \\u escapes: 20 000 "å" are 40 kB, not 120 kB against the 64 KiB limit."""
    text = "å" * 20_000
    item = store(service, "tok-d1").share_entry(
        "grupp-a", source_id=8, module="modul1", prompt=None, text=text
    )
    assert item.text == text


def test_resharing_replaces_and_unsharing_removes(service):
    d1, d2 = store(service, "tok-d1"), store(service, "tok-d2")
    d1.share_entry("grupp-a", source_id=21, module="modul2", prompt=None, text="första")
    d1.share_entry("grupp-a", source_id=21, module="modul2", prompt=None, text="andra")
    assert [i.text for i in d2.shared_items("grupp-a", "modul2")] == ["andra"]
    assert d1.unshare_entry("grupp-a", 21) is True
    assert d1.unshare_entry("grupp-a", 21) is False
    assert d2.shared_items("grupp-a", "modul2") == []


def test_the_teacher_reads_every_group_but_writes_in_none(service):
    store(service, "tok-d4").share_entry("grupp-b", source_id=3, module="modul3", prompt=None, text="B")
    teacher = store(service, "tok-larare")
    assert teacher.teacher and teacher.groups() == []
    assert [i.text for i in teacher.shared_items("grupp-b", "modul3")] == ["B"]
    with pytest.raises(PermissionDeniedError):
        teacher.share_entry("grupp-b", source_id=1, module="modul3", prompt=None, text="lärarens")


def test_bad_input_becomes_a_message_for_the_field(service):
    d1 = store(service, "tok-d1")
    with pytest.raises(DomainError) as empty:
        d1.share_entry("grupp-a", source_id=1, module="modul1", prompt=None, text="   ")
    assert empty.value.field == "text"
    with pytest.raises(DomainError) as long:
        d1.share_entry("grupp-a", source_id=1, module="modul1", prompt=None, text="å" * 20_001)
    assert long.value.field == "text" and long.value.message
    with pytest.raises(DomainError) as huge:  # over the service's body limit: 413
        d1.share_entry("grupp-a", source_id=1, module="modul1", prompt=None, text="x" * 70_000)
    assert huge.value.field == "text" and huge.value.message


def test_votes_and_board_notes(service):
    d1, d2 = store(service, "tok-d1"), store(service, "tok-d2")
    d1.cast_vote("grupp-a", "omrostning-1", "ja")
    d2.cast_vote("grupp-a", "omrostning-1", "nej")
    d2.cast_vote("grupp-a", "omrostning-1", "ja")
    assert d1.my_vote("grupp-a", "omrostning-1") == "ja"
    assert d1.tally("grupp-a", "omrostning-1") == {"ja": 2}
    assert d1.withdraw_vote("grupp-a", "omrostning-1") is True
    assert d1.withdraw_vote("grupp-a", "omrostning-1") is False
    note = d1.post_note("grupp-a", "ideer", "En idé")
    assert [(n.author, n.text) for n in d2.board("grupp-a", "ideer")] == [("deltagare1", "En idé")]
    with pytest.raises(PermissionDeniedError):
        d2.delete_note("grupp-a", note.id)
    assert d1.delete_note("grupp-a", note.id) is True
    assert d1.delete_note("grupp-a", note.id) is False


def test_my_data_and_deleting_it(service):
    d2 = store(service, "tok-d2")
    d2.share_entry("grupp-a", source_id=99, module="modul5", prompt=None, text="mitt")
    d2.post_note("grupp-a", "tavla", "min lapp")
    mine = d2.my_data()
    assert mine.user == "deltagare2"
    assert {i.author for i in mine.items} == {"deltagare2"} and {n.author for n in mine.notes} == {
        "deltagare2"
    }
    counts = d2.delete_my_data()
    assert set(counts) == {"delade anteckningar", "röster", "lappar"} and counts["lappar"] == 1
    assert d2.my_data().items == ()


def test_sharing_a_larlogg_entry_marks_it_in_the_personal_store(service, tmp_path):
    personal = PersonalStore(tmp_path / "p.sqlite3")
    entry = personal.add_entry("modul4", "Det här delar jag.")
    item = sharing.share_entry(personal, store(service, "tok-d1"), entry.id, "grupp-a")
    assert personal.entry(entry.id).shared_with == "grupp-a" and item.source_id == entry.id
    sharing.unshare_entry(personal, store(service, "tok-d1"), entry.id)
    assert personal.entry(entry.id).shared_with is None
    assert [
        i for i in store(service, "tok-d2").shared_items("grupp-a", "modul4") if i.source_id == entry.id
    ] == []


def test_an_unknown_token_is_told_to_log_in_again(service):
    with pytest.raises(StoreError) as refused:
        store(service, "nope").groups()
    assert refused.value.message == NOT_LOGGED_IN


# --- a scripted server: outages and garbage --------------------------------------------------------------------


class Scripted(http.server.ThreadingHTTPServer):
    """Answers each request with the next (status, body) of ``script`` and records what it was asked."""

    def __init__(self, script):
        self.script = list(script)
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{PREFIX}"


class Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append((self.command, self.path, dict(self.headers)))
        status, body = self.server.script.pop(0) if self.server.script else (500, b"")
        if status == 0:  # drop the connection without an answer
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def scripted():
    servers = []

    def start(*script):
        server = Scripted(script)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


ME = {"name": "deltagare1", "groups": ["grupp-a"], "teacher": False}


def test_a_read_is_retried_while_the_service_restarts(scripted):
    server = scripted(
        (503, {"message": "Gruppytans databas svarar inte just nu.", "field": None}), (0, b""), (200, ME)
    )
    assert store(server.url, "tok").groups() == ["grupp-a"]
    assert len(server.seen) == 3


def test_an_outage_is_said_in_swedish_with_the_services_own_words(scripted):
    down = {"message": "Gruppytans databas svarar inte just nu.", "field": None}
    server = scripted((503, down), (503, down), (503, down))
    with pytest.raises(StoreError) as failed:
        store(server.url, "tok").shared_items("grupp-a")
    assert failed.value.message == "Gruppytans databas svarar inte just nu." and len(server.seen) == 3


def test_a_board_note_is_posted_once_even_when_the_answer_is_lost(scripted):
    server = scripted((0, b""), (201, {}))
    with pytest.raises(StoreError) as failed:
        store(server.url, "tok").post_note("grupp-a", "tavla", "bara en gång")
    assert failed.value.message == UNAVAILABLE and len(server.seen) == 1


def test_a_share_is_retried_because_sharing_again_replaces(scripted):
    item = {"id": 1, "group": "grupp-a", "author": "deltagare1", "source_id": 5, "module": "modul1",
            "prompt": None, "text": "t", "shared": "2026-04-01T08:05:00Z"}  # fmt: skip
    server = scripted((0, b""), (201, item))
    shared = store(server.url, "tok").share_entry(
        "grupp-a", source_id=5, module="modul1", prompt=None, text="t"
    )
    assert shared.shared.isoformat() == "2026-04-01T08:05:00+00:00" and len(server.seen) == 2
    assert all(method == "POST" for method, _, _ in server.seen)


def test_a_service_that_is_gone_refuses_a_share_clearly_and_the_entry_stays_private(tmp_path):

    gone = HubSharedStore(f"http://127.0.0.1:{free_port()}{PREFIX}", "tok", retry_pauses=(0.01,))
    personal = PersonalStore(tmp_path / "p.sqlite3")
    entry = personal.add_entry("modul1", "Privat tills vidare.")
    with pytest.raises(StoreError) as failed:
        sharing.share_entry(personal, gone, entry.id, "grupp-a")
    assert failed.value.message == UNAVAILABLE
    assert personal.entry(entry.id).shared_with is None


def test_garbage_is_not_taken_for_an_answer(scripted):
    server = scripted((200, b"<html>proxy error</html>"), (200, {"unexpected": True}))
    with pytest.raises(StoreError) as first:
        store(server.url, "tok").groups()
    with pytest.raises(StoreError) as second:
        store(server.url, "tok").groups()
    assert first.value.message == second.value.message == BAD_ANSWER


def test_the_token_travels_in_the_header_only_and_never_through_a_proxy(scripted, monkeypatch):
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # a proxy that would refuse every request
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    server = scripted((200, ME))
    client = store(server.url, "hemlig-token")
    assert client.groups() == ["grupp-a"]
    method, path, headers = server.seen[0]
    assert (method, path) == ("GET", f"{PREFIX}api/me")
    assert headers["Authorization"] == "token hemlig-token"
    assert "hemlig-token" not in path and "hemlig-token" not in repr(client)


def test_not_found_is_not_found(scripted):
    server = scripted((404, {"message": "Det finns inget här.", "field": None}))
    with pytest.raises(NotFoundError):
        store(server.url, "tok").board("grupp-a", "tavla")


def test_the_backend_comes_from_the_environment():
    assert shared_store({}) is None
    assert shared_store({"JUPYTERHUB_API_TOKEN": "t"}) is None  # a hub without the course's service
    inside = {"JUPYTERHUB_API_TOKEN": "t", "DIGIKOMP_GROUP_SERVICE_URL": "http://127.0.0.1:1/services/x"}
    assert in_hub(inside)
    chosen = shared_store(inside)
    assert isinstance(chosen, HubSharedStore) and chosen.base_url == "http://127.0.0.1:1/services/x/"
