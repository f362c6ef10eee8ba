"""Killing the group service with SIGKILL under load loses nothing it acknowledged; the hub restarts it."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time

import pytest

from .conftest import rows
from .harness import request, wait_until

WRITERS = {"deltagare1": "grupp-a", "deltagare2": "grupp-a", "deltagare4": "grupp-b", "deltagare5": "grupp-b"}


def test_sigkill_mid_load_loses_no_acknowledged_write(hub, uid):
    tokens = {user: hub.token_for(user) for user in WRITERS}
    acked: list[tuple[str, str, int, str]] = []
    refused: list[int] = []
    stop = threading.Event()

    def write(user: str, group: str, first: int) -> None:
        n = first
        while not stop.is_set():
            n += 1
            text = f"Anteckning {n} av {user}: åäö"
            body = {"source_id": n, "module": "modul1", "prompt": None, "text": text}
            try:
                reply = request(
                    "POST",
                    f"{hub.direct_url}api/groups/{group}/items",
                    token=tokens[user],
                    body=body,
                    timeout=10,
                )
            except (OSError, http.client.HTTPException):  # the service died or is down: nothing acknowledged
                time.sleep(0.05)
                continue
            if reply.status == 201:
                acked.append((group, user, n, text))
            else:
                refused.append(reply.status)

    base = uid * 100_000
    threads = [
        threading.Thread(target=write, args=(user, group, base + i * 10_000), daemon=True)
        for i, (user, group) in enumerate(WRITERS.items())
    ]
    for thread in threads:
        thread.start()
    old_pid = hub.service_pid()
    wait_until(lambda: len(acked) >= 60, 60, "60 acknowledged shares before the kill", interval=0.05)
    os.kill(old_pid, signal.SIGKILL)
    killed_at = time.monotonic()
    time.sleep(1.0)  # the writers meet a dead service
    stop.set()
    for thread in threads:
        thread.join(15)
    assert refused == []
    # JupyterHub polls its managed services (every 30 s) and starts a dead one again.
    wait_until(hub.service_healthy, 60, "the group service restarted by the hub", interval=0.5)
    restart_seconds = time.monotonic() - killed_at
    assert hub.service_pid() not in (None, old_pid)
    assert "Service digikomp-grupp exited with status -9" in hub.log()
    print(f"\n{hub.backend}: {len(acked)} acknowledged shares, service back after {restart_seconds:.1f} s")

    stored = {
        (g, a, s): t
        for g, a, s, t in rows(
            hub, "SELECT grp, author, source_id, text FROM shared_items WHERE source_id > ?", (base,)
        )
    }
    lost = [(g, a, s) for g, a, s, t in acked if stored.get((g, a, s)) != t]
    assert lost == [], f"{len(lost)} of {len(acked)} acknowledged shares lost"
    # And through the API, as the teacher sees the groups.
    listed = {
        (i["group"], i["author"], i["source_id"])
        for group in ("grupp-a", "grupp-b")
        for i in hub.call("GET", f"groups/{group}/items", "larare").body
    }
    assert {(g, a, s) for g, a, s, _ in acked} <= listed
    again = hub.call(
        "POST",
        "groups/grupp-a/items",
        "deltagare1",
        body={"source_id": base, "module": "modul1", "prompt": None, "text": "Efter omstart"},
    )
    assert again.status == 201


def test_a_stopped_database_is_a_swedish_503_and_the_service_recovers(hub, uid):
    if hub.postgres is None:
        pytest.skip("SQLite is a file in the service's own folder: it is never down on its own")
    body = {"source_id": uid, "module": "modul1", "prompt": None, "text": "Medan databasen är nere"}
    hub.postgres.stop()
    try:
        down = hub.call("POST", "groups/grupp-a/items", "deltagare1", body=body)
        assert down.status == 503
        assert down.body["message"].startswith("Gruppytans databas svarar inte just nu.")
        assert hub.call("GET", "health").status == 503
    finally:
        hub.postgres.start()
    wait_until(hub.service_healthy, 30, "the service's database back")
    assert hub.call("POST", "groups/grupp-a/items", "deltagare1", body=body).status == 201
