"""The personal store's settings (schema version 2): a JSON value per key, an old file migrated with its data."""

from __future__ import annotations

import sqlite3

import pytest

from widgets.store import PersonalStore, _db, personal


@pytest.fixture
def store(tmp_path):
    with PersonalStore(tmp_path / "logg.sqlite3") as s:
        yield s


def test_a_setting_is_absent_until_set_and_none_removes_it(store):
    assert store.setting(personal.SHARE_PROGRESS) is None
    assert store.setting(personal.SHARE_PROGRESS, False) is False
    store.set_setting(personal.SHARE_PROGRESS, True)
    assert store.setting(personal.SHARE_PROGRESS, False) is True
    store.set_setting(personal.SHARE_PROGRESS, False)
    assert store.setting(personal.SHARE_PROGRESS) is False
    store.set_setting("annat", {"å": [1, 2]})
    assert store.settings() == {"annat": {"å": [1, 2]}, personal.SHARE_PROGRESS: False}
    store.set_setting(personal.SHARE_PROGRESS, None)
    assert store.setting(personal.SHARE_PROGRESS, "standard") == "standard"


def test_settings_survive_reopening_and_are_deleted_with_all_my_data(tmp_path):
    path = tmp_path / "logg.sqlite3"
    with PersonalStore(path) as s:
        s.set_setting(personal.SHARE_PROGRESS, True)
    with PersonalStore(path) as s:
        assert s.setting(personal.SHARE_PROGRESS) is True
        s.delete_all_my_data()
        assert s.settings() == {}


def test_a_version_1_file_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "gammal.sqlite3"
    v1 = _db.Schema(personal.SCHEMA.application_id, personal.SCHEMA.migrations[:1], "lärloggen")
    old = _db.open_database(path, v1, describe=lambda *a: "").connection
    old.execute(
        "INSERT INTO entries (module, text, created, updated) VALUES ('modul1', 'Före', "
        "'2026-04-01T08:00:00.000000+00:00', '2026-04-01T08:00:00.000000+00:00')"
    )
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()
    with PersonalStore(path) as s:
        assert [e.text for e in s.entries()] == ["Före"]
        assert s.setting(personal.SHARE_PROGRESS) is None
        s.set_setting(personal.SHARE_PROGRESS, True)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == personal.SCHEMA.version == 2
    assert conn.execute("SELECT key, value FROM settings").fetchall() == [(personal.SHARE_PROGRESS, "true")]
    conn.close()
