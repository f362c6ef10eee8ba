"""The personal store survives what participants' machines do to it: two kernels writing at once, a kernel
killed mid-write, a corrupt or foreign file at its path, and a file from a newer version of the course."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from widgets.store import LocalSharedStore, PersonalStore, StoreError, StoreTooNewError, personal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and file modes")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(path))
    return path


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "logg" / "digikomp.sqlite3"


def _python(script: str, *args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


WRITER = """
import sys, time
from pathlib import Path
from widgets.store import PersonalStore
path, tag, n, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
with PersonalStore(path, busy_timeout=30) as store:
    while not go.exists():
        time.sleep(0.001)
    for i in range(n):
        store.add_entry("modul1", f"{tag}-{i}", prompt_id="p")
        store.save_draft("modul1", tag, f"utkast {i}")
        store.record_answer("modul1", "quiz", tag, i, correct=True)
"""


def test_two_processes_writing_at_once_lose_nothing(db_path, tmp_path):
    """Two kernels (two browser tabs) save at the same moment: is every entry there afterwards?"""
    n = 150
    go = tmp_path / "go"
    procs = [_python(WRITER, db_path, tag, n, go) for tag in ("flik-a", "flik-b", "flik-c")]
    time.sleep(0.5)  # let all three open the store before the race starts
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with PersonalStore(db_path) as store:
        texts = {e.text for e in store.entries()}
        assert texts == {f"{tag}-{i}" for tag in ("flik-a", "flik-b", "flik-c") for i in range(n)}
        assert {d.prompt_id: d.text for d in store.drafts()} == dict.fromkeys(
            ("flik-a", "flik-b", "flik-c"), f"utkast {n - 1}"
        )
        assert len(store.latest_answers("modul1")) == 3
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_processes_creating_the_store_at_once_both_succeed(db_path, tmp_path):
    """Two kernels starting on a fresh machine must not trip over each other's migration."""
    go = tmp_path / "go"
    go.touch()
    procs = [_python(WRITER, db_path, tag, 5, go) for tag in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with PersonalStore(db_path) as store:
        assert store.count_entries() == 10
        assert store.notice is None


KILLED_WRITER = """
import sys
from pathlib import Path
from widgets.store import PersonalStore
store = PersonalStore(Path(sys.argv[1]))
i = 0
while True:
    entry = store.add_entry("modul2", f"anteckning {i} " + "text " * 400)
    print(entry.id, flush=True)  # printed only after the commit returned
    i += 1
"""


def test_a_process_killed_mid_write_leaves_every_committed_entry(db_path):
    """SIGKILL while writing in a loop: is the file readable and every reported entry in it?"""
    proc = _python(KILLED_WRITER, db_path)
    committed = []
    assert proc.stdout is not None
    while len(committed) < 200:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    committed += [int(line) for line in proc.stdout.read().split()]  # committed before the kill landed
    with PersonalStore(db_path) as store:
        assert store.notice is None
        ids = {e.id for e in store.entries()}
        assert set(committed) <= ids
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        store.add_entry("modul2", "efter kraschen")


INSIDE_TRANSACTION = """
import os, signal, sys
from pathlib import Path
from widgets.store import PersonalStore
store = PersonalStore(Path(sys.argv[1]))
store.add_entry("modul3", "sparad före")
with store._write() as db:
    db.execute(
        "INSERT INTO entries (module, text, created, updated) VALUES ('modul3', 'halvfärdig', 'x', 'x')"
    )
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_kill_inside_an_open_transaction_rolls_back_cleanly(db_path):
    """The kill lands after the INSERT but before COMMIT: the half-done write is gone, the rest is intact."""
    proc = _python(INSIDE_TRANSACTION, db_path)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with PersonalStore(db_path) as store:
        assert [e.text for e in store.entries()] == ["sparad före"]
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- a file at the path that is not (or no longer) our database ------------------------------------------


def _moved_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".flyttad-*"))


def test_a_garbage_file_is_moved_aside_with_a_swedish_message(db_path):
    db_path.parent.mkdir(parents=True)
    junk = b"Det har var aldrig en databas.\x00\xff" * 200
    db_path.write_bytes(junk)
    with PersonalStore(db_path) as store:
        assert store.notice is not None
        assert (
            "skadad" in store.notice
            and "flyttats" in store.notice
            and "ingenting har raderats" in store.notice
        )
        moved = _moved_files(db_path)
        assert len(moved) == 1 and moved[0] == store.moved_to
        assert moved[0].read_bytes() == junk  # kept byte for byte
        store.add_entry("modul1", "Ny lärlogg")
    with PersonalStore(db_path) as store:
        assert store.notice is None  # the new file is fine: no message the next time
        assert store.count_entries() == 1


def test_a_foreign_sqlite_file_is_moved_aside_not_migrated(db_path):
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE kunder (namn TEXT)")
    conn.execute("INSERT INTO kunder VALUES ('Någon annans data')")
    conn.commit()
    conn.close()
    with PersonalStore(db_path) as store:
        assert "tillhör inte kursmiljön" in store.notice
        moved = sqlite3.connect(store.moved_to)
        assert moved.execute("SELECT namn FROM kunder").fetchall() == [("Någon annans data",)]
        moved.close()
        assert store.count_entries() == 0


def test_the_shared_store_file_at_the_personal_path_counts_as_foreign(db_path):
    LocalSharedStore(db_path, user="anna").close()
    with PersonalStore(db_path) as store:
        assert store.notice is not None
        assert store.moved_to is not None


def test_a_damaged_page_is_detected_and_the_file_kept(db_path):
    with PersonalStore(db_path) as store:
        for i in range(300):
            store.add_entry("modul1", f"anteckning {i} " + "x" * 500)
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 600] = b"\xa5" * 600  # scribble over a b-tree page
    db_path.write_bytes(bytes(data))
    with PersonalStore(db_path) as store:
        assert store.notice is not None and "skadad" in store.notice
        assert store.moved_to.read_bytes() == bytes(data)
        assert store.count_entries() == 0


def test_moving_aside_never_overwrites_an_earlier_moved_file(db_path):
    db_path.parent.mkdir(parents=True)
    for n in range(3):
        db_path.write_bytes(f"skräp nummer {n}".encode() * 100)
        PersonalStore(db_path).close()
    moved = _moved_files(db_path)
    assert len(moved) == 3
    assert {p.read_bytes()[:15] for p in moved} == {f"skräp nummer {n}".encode()[:15] for n in range(3)}


def test_a_newer_schema_is_refused_and_the_file_left_untouched(db_path):
    with PersonalStore(db_path) as store:
        store.add_entry("modul1", "Skriven av en nyare version")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {personal.SCHEMA.version + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreTooNewError, match="nyare version av kursmiljön") as exc:
        PersonalStore(db_path)
    assert "Filen har inte ändrats" in str(exc.value)
    assert db_path.read_bytes() == before
    assert _moved_files(db_path) == []


def test_an_empty_file_at_the_path_becomes_a_store(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with PersonalStore(db_path) as store:
        assert store.notice is None
        store.add_entry("modul1", "ok")


def test_an_unusable_folder_gives_a_swedish_store_error(tmp_path):
    """The data folder's place is taken by a file: a clear message, not an OSError traceback."""
    (tmp_path / "upptagen").write_text("en fil, inte en mapp")
    with pytest.raises(StoreError, match="Det gick inte att öppna lärloggen"):
        PersonalStore(tmp_path / "upptagen" / "digikomp.sqlite3")
