"""Shared view helpers: messages in place, escaping, charts with text alternatives."""

from __future__ import annotations

from widgets.errors import DomainError
from widgets.ui.chart import ChartImage
from widgets.ui.feedback import UNEXPECTED, Message, guarded
from widgets.ui.html import tag


def test_domain_error_is_shown_in_swedish_beside_the_field():
    message = Message()

    def bad():
        raise DomainError("Ränta", "Räntan måste vara större än −100 %.")

    assert guarded(message, bad) is None
    assert message.has_error
    assert "Räntan måste vara större än −100 %." in message.value


def test_unexpected_errors_never_show_a_traceback():
    message = Message()
    guarded(message, lambda: 1 / 0)
    assert UNEXPECTED in message.value
    assert "ZeroDivision" not in message.value


def test_success_clears_an_earlier_message():
    message = Message()
    message.error("fel")
    assert guarded(message, lambda: 42) == 42
    assert message.value == ""


def test_user_text_is_escaped():
    payload = '<img src=x onerror="alert(1)">'
    html = tag("p", payload)
    assert "<img" not in html and "&lt;img" in html
    message = Message()
    message.error(payload)
    assert "<img" not in message.value


def test_chart_image_carries_its_text_alternative():
    chart = ChartImage(alt="Staplar")
    chart.show(b"\x89PNG", "Nuvärdet stiger till 1 234 kr år 5")
    assert chart.alt == chart.tooltip == "Nuvärdet stiger till 1 234 kr år 5"


def test_chart_image_syncs_the_description_its_tooltip_needs_in_the_browser():
    """ipywidgets' view reads description.length when a tooltip is set; Image has none of its own."""
    state = ChartImage(alt="x").get_state()
    assert state["description"] == ""
    assert state["tooltip"] == "x"
    assert bytes(state["value"]).startswith(b"\x89PNG")
