"""The SVG chart primitives: round ticks that cover the data, escaped text, data mapped into the plot."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from widgets.ui.svg import ROW_HEIGHT, Canvas, Plot, Scale, colour, legend_html, nice_ticks, rows_height

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@given(finite, finite)
@example(0.0, 5e-324)  # a span that underflows
@example(1e12, 1e12)
def test_ticks_cover_the_data_with_round_equal_steps(a, b):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low + 1e-9 * max(1, abs(low)) and ticks[-1] >= high - 1e-9 * max(1, abs(high))
    assert 2 <= len(ticks) <= 12
    step = ticks[1] - ticks[0]
    assert all(abs((b - a) - step) <= 1e-6 * max(1.0, step) for a, b in itertools.pairwise(ticks))
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(mantissa == pytest.approx(m) for m in (1, 2, 2.5, 5, 10))


def test_ticks_include_zero_and_known_values():
    assert nice_ticks(0, 400_000) == [0, 100_000, 200_000, 300_000, 400_000]
    assert nice_ticks(-350, 380) == [-400, -200, 0, 200, 400]
    same = nice_ticks(5, 5)
    assert same[0] < 5 < same[-1]


def test_text_and_labels_are_escaped():
    canvas = Canvas(100, 50)
    canvas.text(1, 2, '<script>alert(1)</script> & "x"')
    svg = canvas.svg('Alt <img src=x onerror=alert(1)> "quoted"')
    assert "<script>" not in svg and "<img" not in svg
    assert (
        "&lt;script&gt;" in svg
        and 'aria-label="Alt &lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;"' in svg
    )
    legend = legend_html([("<b>Nytta</b>", "#000", "bar")])
    assert "<b>" not in legend and "&lt;b&gt;Nytta&lt;/b&gt;" in legend


def test_plot_maps_values_into_its_area():
    canvas = Canvas(400, 200)
    plot = Plot(canvas, [-100, 300], str, categories=4)
    assert plot.value(plot.ticks[0]) == pytest.approx(plot.bottom)
    assert plot.value(plot.ticks[-1]) == pytest.approx(plot.top)
    assert plot.left < plot.centre(0) < plot.centre(3) < plot.right
    assert Scale(0, 10, 100, 200)(5) == 150


@pytest.mark.parametrize(
    "bad", ['red" onload="alert(1)', "#00566b;stroke:url(x)", "url(#x)", "#12345", "rgb(0,0,0)", "", "Red"]
)
def test_a_colour_that_could_leave_its_attribute_is_refused(bad):
    canvas = Canvas(100, 50)
    for draw in (
        lambda: canvas.rect(0, 0, 1, 1, bad),
        lambda: canvas.line(0, 0, 1, 1, bad),
        lambda: canvas.polyline([(0, 0), (1, 1)], bad),
        lambda: canvas.polygon([(0, 0), (1, 1)], bad),
        lambda: canvas.circle(0, 0, 1, bad),
        lambda: legend_html([("Nytta", bad, "bar")]),
    ):
        with pytest.raises(ValueError, match="Not a colour"):
            draw()
    assert canvas.parts == []


def test_good_colours_anchors_and_shapes_pass_and_bad_ones_do_not():
    for good in ("#fff", "#00566bcc", "#D55E00", "none", "white"):
        assert colour(good) == good
    canvas = Canvas(100, 50)
    with pytest.raises(ValueError, match="Not a text anchor"):
        canvas.text(0, 0, "x", anchor='end" onload="x')
    with pytest.raises(ValueError, match="Not a legend shape"):
        legend_html([("Nytta", "#000", 'bar" onclick="x')])


def test_centre_on_a_horizontal_plot_is_the_middle_of_a_row():
    canvas = Canvas(400, rows_height(3))
    plot = Plot(canvas, [0, 10], str, categories=3, horizontal=True)
    assert plot.top < plot.centre(0) < plot.centre(1) < plot.centre(2) < plot.bottom
    assert plot.centre(1) - plot.centre(0) == pytest.approx(ROW_HEIGHT)
    assert plot.row_top(1) < plot.centre(1) < plot.row_top(2)


def test_the_benefit_app_draws_without_matplotlib(packages_loaded_by):
    """The kernel stays small: building the Nyttokalkyl page and changing the rate imports no plotting library."""
    loaded = packages_loaded_by(
        "from widgets.apps.nyttokalkyl import nyttokalkyl_app\n"
        "app = nyttokalkyl_app(); app.fields.rate.value = '7'\n"
        "for i in range(5): app.tabs.selected_index = i"
    )
    assert loaded.isdisjoint({"matplotlib", "pandas", "PIL"})
