"""Shared view helpers: messages in place, escaping, charts with text alternatives."""

from __future__ import annotations

import pytest

from widgets.errors import DomainError
from widgets.ui.chart import SvgChart
from widgets.ui.download import DownloadLink
from widgets.ui.feedback import UNEXPECTED, Message, guarded
from widgets.ui.html import tag


def test_domain_error_is_shown_in_swedish_beside_the_field():
    message = Message()

    def bad():
        raise DomainError("Ränta", "Räntan måste vara större än −100 %.")

    assert not guarded(message, bad).ok
    assert message.has_error
    assert "Räntan måste vara större än −100 %." in message.value


def test_unexpected_errors_never_show_a_traceback():
    message = Message()
    guarded(message, lambda: 1 / 0)
    assert UNEXPECTED in message.value
    assert "ZeroDivision" not in message.value


def test_store_error_is_shown_as_it_is():
    from widgets.store import StoreError

    message = Message()

    def down():
        raise StoreError("Gruppytan svarar inte just nu.")

    assert not guarded(message, down).ok
    assert "Gruppytan svarar inte just nu." in message.value
    assert UNEXPECTED not in message.value


def test_success_clears_an_earlier_message():
    message = Message()
    message.error("fel")
    done = guarded(message, lambda: 42)
    assert done.ok and done.value == 42
    assert message.value == "" and not message.has_error


def test_an_action_that_returns_none_still_succeeds():
    """Success is said apart from the value: an action run for its effect returns None and has succeeded."""
    message = Message()
    done = guarded(message, lambda: None)
    assert done.ok and done.value is None
    failed = guarded(message, lambda: 1 / 0)
    assert not failed.ok and failed.value_or("nothing") == "nothing"
    with pytest.raises(ValueError, match="failed"):
        _ = failed.value
    with pytest.raises(TypeError):
        bool(failed)  # a condition must say .ok


def test_the_error_state_is_a_value_not_read_from_the_markup():
    message = Message()
    message.error("Fel")
    assert message.kind == "error" and message.has_error
    message.ok("Bra")
    assert message.kind == "ok" and not message.has_error
    message.error("Fel")
    message.value = '<p class="dk-error">skrivet direkt</p>'  # markup written directly is no known error
    assert message.kind == "" and not message.has_error
    copy = Message()
    message.warning("Se upp")
    copy.copy_from(message)
    assert copy.kind == "warning" and copy.value == message.value
    message.clear()
    assert message.kind == "" and message.value == ""


def test_a_download_link_carries_the_bytes_it_keeps():
    """The link's data: URI holds the file the widget says it offers; clearing the link forgets the file."""
    import base64
    import re

    link = DownloadLink()
    link.set("plan <1>.md", "text/markdown", "Åtgärder".encode(), "Ladda ned")
    assert (link.filename, link.mime, link.data) == ("plan <1>.md", "text/markdown", "Åtgärder".encode())
    match = re.search(r'download="([^"]+)" href="data:text/markdown;base64,([^"]+)"', link.value)
    assert match and match.group(1) == "plan &lt;1&gt;.md"
    assert base64.b64decode(match.group(2)) == link.data
    link.value = ""
    assert (link.filename, link.mime, link.data) == ("", "", b"")


def test_user_text_is_escaped():
    payload = '<img src=x onerror="alert(1)">'
    html = tag("p", payload)
    assert "<img" not in html and "&lt;img" in html
    message = Message()
    message.error(payload)
    assert "<img" not in message.value


def test_svg_chart_carries_its_text_alternative_and_legend():
    from widgets.ui.svg import Canvas

    chart = SvgChart(alt="Staplar")
    alt = "Nuvärdet stiger till 1 234 kr år 5"
    chart.show(Canvas(10, 10).drawing(alt, [("Nytta", "#000", "bar")]))
    assert chart.alt == alt
    assert f'role="img" aria-label="{alt}"' in chart.value
    assert "<li>" in chart.value and "Nytta" in chart.value
