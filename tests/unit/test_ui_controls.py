"""The one set of view controls (widgets.ui.controls): shared layouts and styles that cannot change, one ask-first
control in its two forms, and the controls' look in the template's CSS instead of style widgets on the page."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import pytest

from widgets.ui.controls import AskFirst, FrozenLayout, button, html, message, reused

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "share/jupyter/voila/templates/digikomp/static/digikomp.css"


@pytest.mark.parametrize("kind", ["auto", "wrap", "plain", "start", "button", "html", "toggles", "checkbox"])
def test_changing_a_shared_layout_or_style_raises(kind):
    """Does a widget that tries to restyle a shared object get an error instead of restyling every widget?"""
    shared = reused(kind)
    assert reused(kind) is shared
    name = "width" if isinstance(shared, w.Layout) else "description_width"
    if kind == "button":
        name = "button_color"
    before = getattr(shared, name)
    with pytest.raises(AttributeError, match="shared"):
        setattr(shared, name, "12px")
    with pytest.raises(AttributeError, match="shared"):
        shared.set_trait(name, "12px")
    assert getattr(shared, name) == before


def test_a_widget_on_a_shared_layout_cannot_hide_its_neighbours():
    first, second = html("a"), html("b")
    assert first.layout is second.layout
    with pytest.raises(AttributeError):
        first.layout.display = "none"
    assert second.layout.display is None
    first.layout = w.Layout(display="none")  # its own layout: allowed, and only this widget changes
    assert second.layout.display is None and first.layout.display == "none"


def test_own_layouts_stay_changeable():
    layout = w.Layout()
    layout.width = "3em"
    assert layout.width == "3em"
    assert not isinstance(layout, FrozenLayout)


def test_a_closed_shared_object_is_replaced():
    """A closed widget cannot be shown again (e.g. after Widget.close_all in a long-lived kernel)."""
    shared = reused("plain")
    shared.close()
    assert reused("plain") is not shared and reused("plain").comm is not None


def test_controls_share_their_layout_and_style():
    assert button("Spara").layout is reused("auto") and button("Spara").style is reused("button")
    assert message().layout is reused("plain") and message().style is reused("html")
    long = button("Ett långt alternativ som får radbrytas", wrap=True)
    assert long.layout is reused("wrap") and "dk-wrap" in long._dom_classes
    assert button("Ok", tooltip="Spara anteckningen").tooltip == "Spara anteckningen"
    assert button("Ok").tooltip == "Ok"  # the visible text is the accessible name


def test_ask_first_with_its_own_button_asks_before_it_acts():
    done: list[bool] = []
    ask = AskFirst("Vill du börja om?", "Ja, börja om", lambda: done.append(True), label="Börja om")
    assert ask.box is not None and list(ask.box.children) == [ask.start]
    assert ask.question is None  # nothing built before it asks: long lists stay light
    ask.start.click()
    assert ask.asking and not done
    assert ask.start not in ask.box.children and "Vill du börja om?" in ask.question.value
    assert 'role="alert"' in ask.question.value and ask.yes.description == "Ja, börja om"
    ask.no.click()
    assert not ask.asking and not done and list(ask.box.children) == [ask.start]
    ask.start.click()
    ask.yes.click()
    assert done == [True] and not ask.asking and list(ask.box.children) == [ask.start]


def test_ask_first_with_the_owners_button_asks_in_the_owners_box():
    done: list[str] = []
    start = button("Radera")
    area = w.VBox()
    made: list[int] = []

    def where() -> w.VBox:
        made.append(1)
        return area

    ask = AskFirst("Vill du radera?", "Ja, radera", lambda: done.append("raderad"), start=start, area=where)
    assert ask.box is None and not made  # the owner's box is not asked for before the question
    start.click()
    assert ask.asking and "Vill du radera?" in area.children[0].value and ask.yes in area.children[1].children
    ask.no.click()
    assert area.children == () and not done
    start.click()
    ask.yes.click()
    assert done == ["raderad"] and area.children == () and not ask.asking


def test_ask_first_needs_exactly_one_kind_of_button():
    with pytest.raises(TypeError):
        AskFirst("?", "Ja", lambda: None)
    with pytest.raises(TypeError):
        AskFirst("?", "Ja", lambda: None, label="Ta bort", start=button("Ta bort"))


def test_no_view_carries_its_own_style_rules():
    """The look lives in the template's CSS: an inline <style> costs a widget per page and repeats per module."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "widgets/apps").rglob("*.py")
        if "<style" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "cls", ["dk-wrap", "dk-open", "dk-sr-label", "dk-statement", "dk-long-label", "dk-field"]
)
def test_the_template_styles_the_controls_on_every_page(cls):
    """The rule must not be scoped to one module's box (it was .dk-exercise or .dk-m34 before)."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", css) for s in rule.split(",")]
    mine = [s for s in selectors if re.search(rf"\.{cls}\b", s)]
    assert mine, cls
    assert all(not re.search(r"\.dk-(exercise|m34)\b", s) for s in mine), mine
