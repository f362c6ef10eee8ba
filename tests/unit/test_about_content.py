"""The accessibility statement, the privacy notice and the deployment settings load, and mistakes in them are
reported as ``file: field: what is wrong``."""

from __future__ import annotations

import pytest

from widgets.about.pages import load_privacy, load_statement, split_text
from widgets.about.settings import SETTINGS_ENV, TEXT_VALUES, load_settings
from widgets.content import dump_yaml, parse_yaml_text
from widgets.errors import ContentError
from widgets.paths import DATA_DIR, REPO_ROOT

STATEMENT = DATA_DIR / "tillganglighetsredogorelse.yaml"
PRIVACY = DATA_DIR / "personuppgifter.yaml"
SETTINGS = REPO_ROOT / "deploy" / "tjanst.yaml"


def edited(tmp_path, source, change) -> str:
    """A copy of a content file with one change (a function on the parsed data)."""
    data = parse_yaml_text(source.read_text(encoding="utf-8"), source.name)
    change(data)
    path = tmp_path / source.name
    path.write_text(dump_yaml(data), encoding="utf-8")
    return str(path)


def test_the_course_files_load():
    statement = load_statement()
    assert statement.level in {"helt", "delvis", "inte"}
    assert {s.id for s in statement.sections} >= {
        "om-du-inte-kan",
        "rapportera",
        "tillsyn",
        "teknisk-information",
    }
    privacy = load_privacy()
    assert {s.id for s in privacy.sections} >= {"ansvarig", "vad", "varfor", "rattigheter"}
    settings = load_settings()
    assert settings.value("ansvarig") == "Linköpings universitet"


def test_the_default_settings_invent_no_contact_detail():
    """Linköpings universitet is named in the program sheet; every contact detail is still a placeholder."""
    settings = load_settings()
    assert "Utbildningsleverantör är Linköpings universitet" in settings.controller_source
    for group in ("kontakt", "dataskyddsombud", "tillganglighet"):
        assert [value for _, _, value in settings.contacts(group)] == [None] * len(settings.contacts(group))
    assert set(settings.missing) == set(settings.values) - {"ansvarig"}


def test_the_settings_file_can_be_pointed_elsewhere(tmp_path, monkeypatch):
    def fill(data):
        data["ansvarig"]["namn"] = "Exempelkommunen"
        data["kontakt"]["e_post"] = "dataskydd@example.org"
        data["tillganglighet"]["telefon"] = "013-12 34 56"

    monkeypatch.setenv(SETTINGS_ENV, edited(tmp_path, SETTINGS, fill))
    settings = load_settings()
    assert settings.value("ansvarig") == "Exempelkommunen"
    assert settings.value("kontakt.e_post") == "dataskydd@example.org"
    assert settings.value("tillganglighet.telefon") == "013-12 34 56"
    assert "kontakt.e_post" not in settings.missing


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: d["kontakt"].__setitem__("e_post", "inte en adress"), "kontakt.e_post", "har fel form"),
        (lambda d: d["kontakt"].__setitem__("telefon", "ring oss"), "kontakt.telefon", "har fel form"),
        (lambda d: d["kontakt"].pop("postadress"), "kontakt.postadress", "saknas"),
        (lambda d: d.__setitem__("kontak", {}), "kontak", "okänt fält"),
        (lambda d: d["ansvarig"].__setitem__("namn", ""), "ansvarig.namn", "får inte vara tomt"),
    ],
)
def test_mistakes_in_the_settings_name_file_and_field(tmp_path, change, field, message):
    path = edited(tmp_path, SETTINGS, change)
    with pytest.raises(ContentError) as err:
        load_settings(path)
    assert err.value.field == field and message in err.value.message
    assert str(err.value).startswith(f"{path}: {field}: ")


def test_every_text_value_is_known_to_the_settings():
    settings = load_settings()
    for key in TEXT_VALUES:
        settings.value(key)  # raises KeyError if a listed value is not in the file


def test_an_unknown_value_in_a_text_is_named(tmp_path):
    path = edited(
        tmp_path, PRIVACY, lambda d: d["sections"][0]["text"].__setitem__(0, "Ansvarig: {ansvarg}.")
    )
    with pytest.raises(ContentError) as err:
        load_privacy(path)
    assert err.value.field == "sections[1].text[1]"
    assert "{ansvarg} är ingen känd uppgift" in err.value.message and "{ansvarig}" in err.value.message


def test_split_text_finds_the_values():
    assert split_text("Ansvarig är {ansvarig}.") == ["Ansvarig är ", ("ansvarig",), "."]
    assert split_text("{rattslig_grund}") == [("rattslig_grund",)]


def test_a_table_row_with_too_few_cells_is_named(tmp_path):
    def shorten(data):
        section = next(s for s in data["sections"] if "table" in s)
        section["table"]["rows"][0] = section["table"]["rows"][0][:2]

    with pytest.raises(ContentError) as err:
        load_privacy(edited(tmp_path, PRIVACY, shorten))
    assert err.value.field.endswith(".table.rows[1]") and "har 2 celler" in err.value.message


def shortcoming(**changes) -> dict:
    item = {
        "id": "exempel",
        "title": "En brist",
        "description": "Vad som inte fungerar.",
        "wcag": ["1.4.3 Kontrast (minimum)"],
        "pages": ["60_nyttokalkyl.ipynb"],
        "found_by": "axe",
        "axe_rule": "color-contrast",
        "action": "Vi byter färg.",
        "checked": "2026-12-02",
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not None}


def with_items(*items, level=None):
    def change(data):
        data["shortcomings"]["items"] = list(items)
        if level:
            data["compliance"]["level"] = level
            data["compliance"]["text"] = f"Kursmiljön är {level} förenlig med lagen."

    return change


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (with_items(level="helt"), None, None),  # helt with no shortcomings is consistent
        (with_items(shortcoming(), level="helt"), "compliance.level", "går inte med kända brister"),
        (with_items(level="delvis"), "compliance.level", "kräver att bristerna står i listan"),
        (with_items(shortcoming(axe_rule=None)), "shortcomings.items[1].axe_rule", "saknas"),
        (with_items(shortcoming(found_by="manuell")), "shortcomings.items[1].axe_rule", "hör bara till"),
        (with_items(shortcoming(pages=["99_finns_inte.ipynb"])), "shortcomings.items[1].pages", "finns inte"),
        (with_items(shortcoming(wcag=["kontrast"])), "shortcomings.items[1].wcag[1]", "har fel form"),
        (with_items(shortcoming(), shortcoming()), "shortcomings.items[2].id", "finns redan"),
        (with_items(shortcoming(found_by="robot")), "shortcomings.items[1].found_by", "är inte tillåtet"),
    ],
)
def test_the_statements_level_and_shortcomings_are_checked(tmp_path, change, field, message):
    path = edited(tmp_path, STATEMENT, change)
    if field is None:
        assert load_statement(path).shortcomings == ()
        return
    with pytest.raises(ContentError) as err:
        load_statement(path)
    assert err.value.field == field and message in err.value.message, str(err.value)


def test_the_compliance_text_must_say_the_level(tmp_path):
    def change(data):
        data["compliance"]["text"] = "Kursmiljön är helt förenlig med lagen."

    with pytest.raises(ContentError) as err:
        load_statement(edited(tmp_path, STATEMENT, change))
    assert err.value.field == "compliance.text"
