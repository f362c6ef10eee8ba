"""The shared store (group work) behind the SharedStore protocol, and the sharing rules between the stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.errors import DomainError
from widgets.store import LocalSharedStore, PermissionDeniedError, PersonalStore, SharedStore, sharing


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "data"
    monkeypatch.setenv("DIGIKOMP_DATA_DIR", str(path))
    return path


@pytest.fixture
def shared_path(tmp_path) -> Path:
    return tmp_path / "grupp" / "delat.sqlite3"


@pytest.fixture
def anna(shared_path):
    with LocalSharedStore(shared_path, user="anna") as s:
        yield s


@pytest.fixture
def bo(shared_path):
    with LocalSharedStore(shared_path, user="bo") as s:
        yield s


@pytest.fixture
def mine():
    with PersonalStore() as s:
        yield s


def test_local_backend_satisfies_the_protocol(anna):
    assert isinstance(anna, SharedStore)


def test_default_path_is_in_the_data_dir_and_user_from_the_hub(data_dir, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "cecilia")
    with LocalSharedStore() as s:
        assert s.path == data_dir / "digikomp-delat.sqlite3"
        assert s.user == "cecilia"


def test_a_shared_entry_is_seen_by_the_group_and_not_by_another_group(anna, bo):
    item = anna.share_entry("grupp-1", source_id=7, module="modul2", prompt="Vad?", text="Mitt svar")
    assert item.author == "anna"
    assert [i.text for i in bo.shared_items("grupp-1")] == ["Mitt svar"]
    assert bo.shared_items("grupp-2") == []
    assert [i.id for i in bo.shared_items("grupp-1", module="modul2")] == [item.id]
    assert bo.shared_items("grupp-1", module="modul1") == []
    assert bo.groups() == ["grupp-1"]


def test_sharing_again_replaces_the_copy_instead_of_duplicating(anna):
    anna.share_entry("g", source_id=1, module="modul1", prompt=None, text="Första")
    anna.share_entry("g", source_id=1, module="modul1", prompt=None, text="Ändrad")
    assert [i.text for i in anna.shared_items("g")] == ["Ändrad"]


def test_unsharing_removes_only_my_copy(anna, bo):
    anna.share_entry("g", source_id=1, module="modul1", prompt=None, text="Annas")
    bo.share_entry("g", source_id=1, module="modul1", prompt=None, text="Bos")
    assert anna.unshare_entry("g", 1)
    assert not anna.unshare_entry("g", 1)
    assert [i.author for i in bo.shared_items("g")] == ["bo"]


def test_votes_one_per_person_can_be_changed_and_withdrawn(anna, bo):
    anna.cast_vote("g", "prioritet", "e-tjänst")
    bo.cast_vote("g", "prioritet", "e-tjänst")
    anna.cast_vote("g", "prioritet", "chattbot")
    assert anna.tally("g", "prioritet") == {"chattbot": 1, "e-tjänst": 1}
    assert anna.my_vote("g", "prioritet") == "chattbot"
    assert bo.withdraw_vote("g", "prioritet")
    assert anna.tally("g", "prioritet") == {"chattbot": 1}
    assert bo.my_vote("g", "prioritet") is None


def test_an_empty_vote_is_refused(anna):
    with pytest.raises(DomainError, match="Välj ett alternativ"):
        anna.cast_vote("g", "p", " ")


def test_a_board_lists_notes_and_only_the_author_may_delete(anna, bo):
    note = anna.post_note("g", "ideer", "Gemensam e-tjänst för bygglov")
    bo.post_note("g", "ideer", "Chattbot för felanmälan")
    bo.post_note("g", "annat", "Annan tavla")
    assert [n.text for n in bo.board("g", "ideer")] == [
        "Gemensam e-tjänst för bygglov",
        "Chattbot för felanmälan",
    ]
    with pytest.raises(PermissionDeniedError, match="egna lappar"):
        bo.delete_note("g", note.id)
    assert anna.delete_note("g", note.id)
    assert not anna.delete_note("g", note.id)


def test_delete_my_data_removes_only_mine(anna, bo):
    anna.share_entry("g", source_id=1, module="m", prompt=None, text="a")
    anna.cast_vote("g", "p", "x")
    anna.post_note("g", "b", "lapp")
    bo.post_note("g", "b", "bos lapp")
    assert anna.delete_my_data() == {"delade anteckningar": 1, "röster": 1, "lappar": 1}
    assert [n.author for n in bo.board("g", "b")] == ["bo"]


# --- sharing rules spanning both stores --------------------------------------------------------------------


def test_an_entry_is_private_until_shared_explicitly(mine, anna, bo):
    entry = mine.add_entry("modul2", "Privat tanke")
    assert bo.shared_items("g") == []
    item = sharing.share_entry(mine, anna, entry.id, "g")
    assert mine.entry(entry.id).shared_with == "g"
    assert [i.source_id for i in bo.shared_items("g")] == [entry.id]
    assert item.text == "Privat tanke"


def test_unsharing_makes_it_private_again(mine, anna, bo):
    entry = mine.add_entry("modul2", "Tillfälligt delad")
    sharing.share_entry(mine, anna, entry.id, "g")
    assert not sharing.unshare_entry(mine, anna, entry.id).shared
    assert bo.shared_items("g") == []


def test_sharing_with_another_group_moves_the_copy(mine, anna, bo):
    entry = mine.add_entry("modul2", "Flyttas")
    sharing.share_entry(mine, anna, entry.id, "g1")
    sharing.share_entry(mine, anna, entry.id, "g2")
    assert bo.shared_items("g1") == []
    assert len(bo.shared_items("g2")) == 1


def test_deleting_a_shared_entry_removes_the_groups_copy(mine, anna, bo):
    entry = mine.add_entry("modul2", "Raderas")
    sharing.share_entry(mine, anna, entry.id, "g")
    assert sharing.delete_entry(mine, anna, entry.id)
    assert bo.shared_items("g") == []
    assert not sharing.delete_entry(mine, anna, entry.id)


def test_delete_all_my_data_covers_both_stores(mine, anna):
    entry = mine.add_entry("modul2", "Allt ska bort")
    sharing.share_entry(mine, anna, entry.id, "g")
    anna.cast_vote("g", "p", "x")
    counts = sharing.delete_all_my_data(mine, anna)
    assert counts.entries == 1
    assert counts.shared == {"delade anteckningar": 1, "röster": 1, "lappar": 0}
    assert counts.total == 3
    assert anna.shared_items("g") == []
