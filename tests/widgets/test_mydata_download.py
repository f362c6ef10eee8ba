"""Min lärlogg's "Ladda ned alla mina uppgifter" and "Radera all min data" without a browser."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from widgets.apps.larlogg import larlogg_app
from widgets.apps.larlogg.mydata import deleted_text
from widgets.store import DeletedCounts, LocalSharedStore, PersonalStore, StoreError, sharing
from widgets.store.mydata import JSON_NAME


@pytest.fixture
def stores(tmp_path):
    with (
        PersonalStore(tmp_path / "anna.sqlite3") as personal,
        LocalSharedStore(tmp_path / "delat.sqlite3", user="anna") as shared,
        LocalSharedStore(tmp_path / "delat.sqlite3", user="bo") as other,
    ):
        yield personal, shared, other


def downloaded(link) -> zipfile.ZipFile:
    assert link.mime == "application/zip" and link.data, link.value
    return zipfile.ZipFile(io.BytesIO(link.data))


def test_the_button_gives_one_zip_with_everything_and_says_what_is_in_it(stores):
    personal, shared, other = stores
    entry = personal.add_entry("modul1", "Min tanke <b>fet</b>", prompt_id="m1-omvarldsbevakning")
    personal.record_answer("modul1", "quiz", "q1", "a", correct=True)
    sharing.share_entry(personal, shared, entry.id, "grupp-a")
    other.post_note("grupp-a", "tavla", "Bos lapp")
    app = larlogg_app(personal, shared)
    app.everything.button.click()
    archive = downloaded(app.everything.download)
    doc = json.loads(archive.read(JSON_NAME))
    assert [e["text"] for e in doc["personal_store"]["entries"]] == ["Min tanke <b>fet</b>"]
    assert doc["group_store"]["notes"] == []  # Bo's note is not Anna's
    message = app.everything.message.value
    assert "1 anteckning, 1 svar på övningar och 1 delad anteckning" in message
    assert "<b>" not in message and "<b>" not in app.everything.download.value
    assert "97_personuppgifter.ipynb" in app.everything.children[0].value


def test_an_unreachable_group_store_gives_the_personal_part_with_a_warning(stores, monkeypatch):
    personal, shared, _ = stores
    personal.add_entry("modul1", "Privat")

    def fail():
        raise StoreError("Gruppytan svarar inte just nu.")

    monkeypatch.setattr(shared, "my_data", fail)
    app = larlogg_app(personal, shared)
    app.everything.button.click()
    assert 'class="dk-warning"' in app.everything.message.value
    assert "Gruppytan svarar inte just nu." in app.everything.message.value
    doc = json.loads(downloaded(app.everything.download).read(JSON_NAME))
    assert doc["group_store"]["available"] is False


def test_delete_all_reports_what_was_removed_where(stores):
    personal, shared, other = stores
    entry = personal.add_entry("modul1", "Ett")
    personal.edit_entry(entry.id, "Två")
    personal.save_draft("modul2", "p", "Utkast")
    sharing.share_entry(personal, shared, entry.id, "grupp-a")
    shared.cast_vote("grupp-a", "poll", "ja")
    other.cast_vote("grupp-a", "poll", "nej")
    app = larlogg_app(personal, shared)
    app.everything.button.click()
    app.understood.value = True
    app.delete_all.click()
    text = app.delete_message.value
    assert (
        "I din egen lärlogg: 1 anteckning, 1 tidigare version, 1 utkast, 0 svar på övningar och 0 sparade"
        in text
    )
    assert "I gruppytan: 1 delad anteckning, 1 röst och 0 lappar." in text
    assert "anonyma omröstningar" in text
    assert app.everything.download.value == ""  # the old zip is not offered after deleting
    assert shared.my_data().items == () and other.tally("grupp-a", "poll") == {"nej": 1}


def test_without_a_group_store_the_report_says_there_was_none():
    text = deleted_text(DeletedCounts(entries=2), with_group_store=False)
    assert text.startswith("All din data är raderad. I din egen lärlogg: 2 anteckningar,")
    assert "inte kopplad till någon gruppyta" in text
