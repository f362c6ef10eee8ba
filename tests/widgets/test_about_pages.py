"""The Tillgänglighetsredogörelse and Personuppgifter pages without a browser: built from their content and the
deployment settings, placeholders marked and announced, every text escaped."""

from __future__ import annotations

import dataclasses

import pytest

from widgets.about.pages import Shortcoming, load_privacy, load_statement
from widgets.about.settings import load_settings
from widgets.apps.about import PLACEHOLDER, personuppgifter_app, tillganglighet_app


def html(app) -> str:
    return app.children[0].value


@pytest.fixture
def settings():
    return load_settings()


def filled(settings, **values):
    return dataclasses.replace(settings, values={**settings.values, **values})


def test_the_statement_follows_diggs_structure(settings):
    page = html(tillganglighet_app(settings))
    order = [
        "<h1>Tillgänglighetsredogörelse</h1>",
        ">Hur tillgänglig är kursmiljön?</h2>",
        ">Vad kan du göra om du inte kan använda delar av kursmiljön?</h2>",
        ">Rapportera brister i kursmiljöns tillgänglighet</h2>",
        ">Tillsyn</h2>",
        ">Teknisk information om kursmiljöns tillgänglighet</h2>",
        "nivå AA",
        ">Kända brister</h2>",
        "<h3>Breda tabeller får inte plats på en smal skärm</h3>",
        ">Hur vi har testat kursmiljön</h2>",
        "Den senaste bedömningen gjordes 2 december 2026.",
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Linköpings universitet står bakom kursmiljön" in page
    assert 'href="https://digg.se"' in page


def test_the_statement_lists_each_known_shortcoming(settings):
    statement = load_statement()
    item = Shortcoming(
        "test", "Diagram <utan> tabell", "Beskrivning", ("1.1.1 Icke-textuellt innehåll",),
        ("60_nyttokalkyl.ipynb",), "manuell", "Vi lägger till en tabell.", "2026-12-01",
    )  # fmt: skip
    page = html(tillganglighet_app(settings, dataclasses.replace(statement, shortcomings=(item,))))
    assert "<h3>Diagram &lt;utan&gt; tabell</h3>" in page
    assert "Gäller: Nyttokalkyl" in page and "1.1.1 Icke-textuellt innehåll" in page
    assert "Hittad av: egen granskning" in page and "Senast kontrollerad: 1 december 2026" in page
    empty = html(tillganglighet_app(settings, dataclasses.replace(statement, shortcomings=())))
    assert statement.shortcomings_none.strip() in empty


def test_placeholders_are_marked_and_the_page_says_so(settings):
    page = html(personuppgifter_app(settings))
    assert PLACEHOLDER in page
    assert "Några uppgifter på sidan är inte ifyllda än" in page and "deploy/tjanst.yaml" in page
    assert "Personuppgiftsansvarig är Linköpings universitet." in page
    assert "@" not in page.replace("mailto:", "")  # no e-mail address was made up


def test_filled_in_settings_show_and_the_notice_goes(settings):
    complete = filled(settings, **{k: "Ifyllt värde" for k in settings.values if k != "ansvarig"})
    complete = filled(
        complete, **{"kontakt.e_post": "dataskydd@example.org", "dataskyddsombud.e_post": "dso@example.org"}
    )
    page = html(personuppgifter_app(complete))
    assert PLACEHOLDER not in page and "inte ifyllda än" not in page
    assert '<a href="mailto:dataskydd@example.org">dataskydd@example.org</a>' in page
    assert "Rättslig grund: Ifyllt värde" in page


def test_setting_values_are_escaped(settings):
    evil = filled(
        settings, ansvarig="<script>alert(1)</script>", **{"kontakt.postadress": '<img src=x onerror="x">'}
    )
    page = html(personuppgifter_app(evil)) + html(tillganglighet_app(evil))
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_privacy_page_says_what_is_stored_where_and_how_to_export_and_delete(settings):
    page = html(personuppgifter_app(settings, load_privacy()))
    for text in (
        "digikomp.sqlite3",
        "Gruppens medlemmar och kursens lärare",
        "Serverns loggar",
        "Ladda ned alla mina uppgifter",
        "Radera all min data",
        "anonym omröstning",
        "IMY",
    ):
        assert text in page, text
    assert "<caption>Vad kursmiljön sparar om dig</caption>" in page
