"""All my data, one download: every kind of record the stores hold, and nothing of another user's."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import docx
import pytest

from widgets.store import LocalSharedStore, PersonalStore, StoreError, sharing
from widgets.store.mydata import FORMAT, JSON_NAME, README_NAME, collect, to_zip, zip_name

TITLES = {"modul1": "Modul 1: Power Skills", "modul2": "Modul 2: Ledarskap"}
NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def stores(tmp_path):
    """Anna's and Bo's personal stores, and one shared store file both of them write to."""
    opened = {
        "anna": PersonalStore(tmp_path / "anna" / "digikomp.sqlite3"),
        "bo": PersonalStore(tmp_path / "bo" / "digikomp.sqlite3"),
        "anna_shared": LocalSharedStore(tmp_path / "delat.sqlite3", user="anna"),
        "bo_shared": LocalSharedStore(tmp_path / "delat.sqlite3", user="bo"),
    }
    yield opened
    for store in opened.values():
        store.close()


def fill(personal: PersonalStore, shared: LocalSharedStore, who: str) -> None:
    """One record of every kind, each text marked with whose it is."""
    entry = personal.add_entry(
        "modul1", f"{who}: första texten", prompt_id="p1", prompt="Vad tar du med dig?"
    )
    personal.edit_entry(entry.id, f"{who}: andra texten")
    personal.add_entry("modul2", f"{who}: privat anteckning")
    personal.save_draft("modul2", "p2", f"{who}: utkast")
    personal.record_answer("modul1", "quiz", "q1", "fel", correct=False)
    personal.record_answer("modul1", "quiz", "q1", f"{who}: rätt", correct=True)
    personal.record_answer("modul1", "likert", "l1", 4)
    personal.save_case(f"{who}s kalkyl", f"name: {who}s kalkyl\n")
    sharing.share_entry(personal, shared, entry.id, "grupp-a")
    shared.cast_vote("grupp-a", "omrostning-1", f"{who}s val")
    shared.post_note("grupp-a", "tavla-1", f"{who}: lapp")


def test_the_export_holds_every_kind_of_record_put_in(stores):
    fill(stores["anna"], stores["anna_shared"], "anna")
    data = collect(stores["anna"], stores["anna_shared"], TITLES, generated=NOW)
    doc = data.document
    assert (doc["format"], doc["version"], doc["exported"]) == (FORMAT, 1, "2026-12-02T09:30:00Z")
    mine = doc["personal_store"]
    first = mine["entries"][0]
    assert first["text"] == "anna: andra texten"
    assert first["module_title"] == "Modul 1: Power Skills"
    assert first["prompt"] == "Vad tar du med dig?"
    assert first["shared_with"] == "grupp-a"
    assert [h["text"] for h in first["history"]] == ["anna: första texten"]
    assert mine["entries"][1]["history"] == []
    assert [d["text"] for d in mine["drafts"]] == ["anna: utkast"]
    assert [(a["item_id"], a["value"], a["correct"]) for a in mine["answers"]] == [
        ("q1", "fel", False),
        ("q1", "anna: rätt", True),
        ("l1", 4, None),
    ]
    progress = {p["module"]: p for p in mine["progress"]}
    assert progress["modul1"]["items_answered"] == [["likert", "l1"], ["quiz", "q1"]]
    assert progress["modul1"]["items_correct"] == [["quiz", "q1"]]
    assert progress["modul1"]["prompts_answered"] == ["p1"]
    assert progress["modul2"]["entries"] == 1
    assert [c["name"] for c in mine["cases"]] == ["annas kalkyl"]
    group = doc["group_store"]
    assert group["available"] is True and group["user"] == "anna"
    assert [(i["group"], i["text"]) for i in group["items"]] == [("grupp-a", "anna: andra texten")]
    assert [(v["poll_id"], v["choice"]) for v in group["votes"]] == [("omrostning-1", "annas val")]
    assert [n["text"] for n in group["notes"]] == ["anna: lapp"]
    assert data.counts == {
        "anteckningar": 2,
        "tidigare versioner": 1,
        "utkast": 1,
        "svar på övningar": 3,
        "sparade nyttokalkyler": 1,
        "delade anteckningar": 1,
        "röster": 1,
        "lappar": 1,
    }


def test_nothing_of_another_users_is_exported(stores):
    """Bo shares, votes and posts in the same group and shared file; none of it is in Anna's download."""
    fill(stores["anna"], stores["anna_shared"], "anna")
    fill(stores["bo"], stores["bo_shared"], "bo")
    data = collect(stores["anna"], stores["anna_shared"], TITLES, generated=NOW)
    text = json.dumps(data.document, ensure_ascii=False)
    assert "bo" not in text.replace("board_id", "")
    archive = zipfile.ZipFile(io.BytesIO(to_zip(data, TITLES)))
    for name in archive.namelist():
        if not name.endswith(".docx"):
            assert "bo:" not in archive.read(name).decode("utf-8"), name
    word = docx.Document(io.BytesIO(archive.read("min-larlogg.docx")))
    assert not any("bo:" in p.text for p in word.paragraphs)
    # Bo's own download is his and complete.
    theirs = collect(stores["bo"], stores["bo_shared"], TITLES, generated=NOW).document
    assert [n["text"] for n in theirs["group_store"]["notes"]] == ["bo: lapp"]


def test_the_zip_holds_json_readme_and_the_readable_log(stores):
    fill(stores["anna"], stores["anna_shared"], "anna")
    data = collect(stores["anna"], stores["anna_shared"], TITLES, generated=NOW)
    archive = zipfile.ZipFile(io.BytesIO(to_zip(data, TITLES)))
    assert sorted(archive.namelist()) == sorted(
        [JSON_NAME, README_NAME, "min-larlogg.md", "min-larlogg.docx"]
    )
    assert json.loads(archive.read(JSON_NAME)) == data.document
    readme = archive.read(README_NAME).decode("utf-8")
    for field in ("entries", "history", "drafts", "answers", "progress", "cases", "items", "votes", "notes"):
        assert field in readme
    assert "svar på övningar: 3" in readme
    assert "anna: andra texten" in archive.read("min-larlogg.md").decode("utf-8")
    assert zip_name(data) == "mina-uppgifter-2026-12-02.zip"


def test_without_a_group_store_the_file_says_so(stores):
    stores["anna"].add_entry("modul1", "Bara privat")
    data = collect(stores["anna"], None, TITLES, generated=NOW)
    assert data.document["group_store"] is None
    assert "delade anteckningar" not in data.counts
    assert "inget finns sparat om dig där" in to_zip_readme(data)


def to_zip_readme(data) -> str:
    return zipfile.ZipFile(io.BytesIO(to_zip(data))).read(README_NAME).decode("utf-8")


class Unreachable(LocalSharedStore):
    def my_data(self):
        raise StoreError("Gruppytan svarar inte just nu.")


def test_an_unreachable_group_store_still_gives_the_personal_part_and_says_why(stores, tmp_path):
    stores["anna"].add_entry("modul1", "Privat text")
    with Unreachable(tmp_path / "delat.sqlite3", user="anna") as shared:
        data = collect(stores["anna"], shared, TITLES, generated=NOW)
    assert data.group_error == "Gruppytan svarar inte just nu."
    assert data.document["group_store"] == {"available": False, "message": "Gruppytan svarar inte just nu."}
    assert [e["text"] for e in data.document["personal_store"]["entries"]] == ["Privat text"]
    assert "kunde inte hämtas just nu" in to_zip_readme(data)


def test_an_empty_store_exports_empty_lists(stores):
    doc = collect(stores["anna"], None, generated=NOW).document["personal_store"]
    assert [doc[k] for k in ("entries", "drafts", "answers", "progress", "cases")] == [[], [], [], [], []]


def test_delete_all_then_export_is_empty_in_both_stores(stores):
    fill(stores["anna"], stores["anna_shared"], "anna")
    fill(stores["bo"], stores["bo_shared"], "bo")
    counts = sharing.delete_all_my_data(stores["anna"], stores["anna_shared"])
    assert counts.shared == {"delade anteckningar": 1, "röster": 1, "lappar": 1}
    assert (counts.entries, counts.revisions, counts.drafts, counts.answers, counts.cases) == (2, 1, 1, 3, 1)
    data = collect(stores["anna"], stores["anna_shared"], generated=NOW)
    assert set(data.counts.values()) == {0}
    assert stores["bo_shared"].tally("grupp-a", "omrostning-1") == {"bos val": 1}
