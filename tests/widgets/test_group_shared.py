"""The lärlogg's group part without a browser: what a group member shared shows up for the others (escaped),
another group sees nothing, and a group service that is down is said in Swedish with no share button offered."""

from __future__ import annotations

import socket

from widgets.apps.larlogg import ReflectionWidget
from widgets.exercises import load_module
from widgets.store import LocalSharedStore, PersonalStore
from widgets.store.hub import UNAVAILABLE, HubSharedStore

XSS = "<img src=x onerror=alert(1)>"


def reflection(content, store, shared) -> ReflectionWidget:
    widget = ReflectionWidget(content, store, shared, autosave_delay=0)
    widget.load()
    return widget


def share_first_entry(widget: ReflectionWidget) -> None:
    view = widget.entries.views[0]
    next(c for c in view.actions.children if getattr(c, "description", "") == "Dela med gruppen").click()


def test_a_shared_reflection_shows_for_the_group_and_as_text(tmp_path):
    modul1 = load_module("modul1")
    shared_file = tmp_path / "delat.sqlite3"
    with (
        PersonalStore(tmp_path / "anna.sqlite3") as anna_store,
        LocalSharedStore(shared_file, user="anna") as anna_shared,
        PersonalStore(tmp_path / "bo.sqlite3") as bo_store,
        LocalSharedStore(shared_file, user="bo") as bo_shared,
    ):
        anna_shared.cast_vote("grupp-a", "start", "ja")  # local store: a group exists once it has data
        anna = reflection(modul1, anna_store, anna_shared)
        assert "Ingen i gruppen har delat något" in anna.group.list.value
        anna.text.value = f"Jag delar detta {XSS}"
        anna.save.click()
        share_first_entry(anna)
        assert anna_store.entries()[0].shared_with == "grupp-a"
        anna.refresh_entries()
        assert "Du · " in anna.group.list.value  # one's own share is labelled as such

        bo = reflection(modul1, bo_store, bo_shared)
        shown = bo.group.list.value
        assert "Delat i gruppen grupp-a" in shown and "anna · " in shown
        assert "Jag delar detta &lt;img src=x" in shown and XSS not in shown
        assert bo.group.refresh_button in bo.group.children[-1].children

        modul2 = reflection(load_module("modul2"), bo_store, bo_shared)  # another module: not shown there
        assert "Ingen i gruppen har delat något" in modul2.group.list.value


def test_no_group_no_group_section(tmp_path):
    with PersonalStore(tmp_path / "p.sqlite3") as store:
        widget = reflection(load_module("modul1"), store, None)
        assert widget.group.children == ()


def test_a_service_that_is_down_is_said_and_nothing_can_be_shared(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = HubSharedStore(f"http://127.0.0.1:{port}/services/digikomp-grupp/", "t", retry_pauses=(0.01,))
    with PersonalStore(tmp_path / "p.sqlite3") as store:
        widget = reflection(load_module("modul1"), store, down)
        assert UNAVAILABLE in widget.message.value
        widget.text.value = "Sparas ändå privat"
        widget.save.click()
        assert store.entries()[0].text == "Sparas ändå privat"
        names = [getattr(c, "description", "") for c in widget.entries.views[0].actions.children]
        assert "Dela med gruppen" not in names
        assert widget.group.children == ()


def test_sharing_appears_by_itself_when_the_service_is_back(tmp_path):
    import http.server
    import json
    import threading
    import time

    class Back(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = (
                {"name": "anna", "groups": ["grupp-a"], "teacher": False} if self.path.endswith("/me") else []
            )
            raw = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = HubSharedStore(f"http://127.0.0.1:{port}/services/digikomp-grupp/", "t", retry_pauses=())
    with PersonalStore(tmp_path / "p.sqlite3") as store:
        store.add_entry("modul1", "Vill dela sen")
        widget = ReflectionWidget(load_module("modul1"), store, down, autosave_delay=0)
        widget.group_retry_seconds = 0.1
        widget.load()
        assert UNAVAILABLE in widget.message.value
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Back)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        try:
            deadline = time.monotonic() + 10
            while "Delat i gruppen grupp-a" not in widget.group.list.value and time.monotonic() < deadline:
                time.sleep(0.05)
            assert "Delat i gruppen grupp-a" in widget.group.list.value
            assert widget.message.value == ""
            names = [getattr(c, "description", "") for c in widget.entries.views[0].actions.children]
            assert "Dela med gruppen" in names
        finally:
            server.shutdown()
            server.server_close()
