"""Bar charts of a poll's results for the Word summary, drawn with matplotlib, each with a text alternative.

Object-oriented matplotlib on an Agg canvas (no pyplot state), imported inside the functions: this module runs
in the export's child process and importing it costs nothing. Participants' text is drawn as plain text (a ``$``
would otherwise start matplotlib's mathtext)."""

from __future__ import annotations

import io
import textwrap
from typing import TYPE_CHECKING

from .. import fmt
from ..store.live import Results
from .tables import scale_steps

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DPI = 200
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with 2.5 cm margins
BAR = "#0072B2"  # Okabe–Ito blue; the numbers are written on the bars, so nothing is told by colour alone
INK = "#1a1a1a"
TOP_WORDS = 15
LABEL_CHARS = 40


def _plain(text: str) -> str:
    return textwrap.shorten(text.replace("$", r"\$"), LABEL_CHARS, placeholder=" …")


def _figure(height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    figure.clear()
    return buffer.getvalue()


def _bars(labels: list[str], counts: list[int], horizontal: bool, axis_label: str) -> Figure:
    from matplotlib.ticker import MaxNLocator

    height = max(1.8, 0.7 + 0.34 * len(labels)) if horizontal else 3.0
    figure = _figure(height)
    ax = figure.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    positions = list(range(len(labels)))
    if horizontal:
        positions = positions[::-1]  # the first label on top
        bars = ax.barh(positions, counts, color=BAR)
        ax.set_yticks(positions, [_plain(label) for label in labels])
        ax.set_xlabel(axis_label, fontsize=8)
    else:
        bars = ax.bar(positions, counts, color=BAR)
        ax.set_xticks(positions, [_plain(label) for label in labels])
        ax.set_ylabel(axis_label, fontsize=8)
    ax.bar_label(bars, labels=[fmt.number(n) for n in counts], fontsize=8, color=INK, padding=2)
    (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))  # counts are whole
    if horizontal:
        ax.set_xlim(0, max([*counts, 1]) * 1.12)
    else:
        ax.set_ylim(0, max([*counts, 1]) * 1.12)
    return figure


def _counted(results: Results) -> list[tuple[str, int]]:
    """(label, count) for the bars of a choice, scale or words poll."""
    kind = results.poll.kind
    if kind == "choice":
        order = list(dict.fromkeys([*results.poll.options, *results.counts]))
        return [(option, results.counts.get(option, 0)) for option in order]
    if kind == "scale":
        return [
            (f"{step} ({label})" if label else str(step), results.counts.get(str(step), 0))
            for step, label in scale_steps(results)
        ]
    if kind == "words":
        return list(results.words[:TOP_WORDS])
    return []


def has_chart(results: Results) -> bool:
    return bool(_counted(results))


def chart(results: Results) -> Figure:
    """Choice: one bar per option; scale: one bar per step; words: the most frequent words."""
    pairs = _counted(results)
    labels, counts = [p[0] for p in pairs], [p[1] for p in pairs]
    if results.poll.kind == "scale":
        return _bars(labels, counts, horizontal=False, axis_label="Antal svar")
    axis = "Antal gånger ordet angavs" if results.poll.kind == "words" else "Antal svar"
    return _bars(labels, counts, horizontal=True, axis_label=axis)


def alt_text(results: Results) -> str:
    """What the chart shows, in words: every bar with its count (and share)."""
    pairs = _counted(results)
    total = sum(n for _, n in pairs)
    question = results.poll.question
    if results.poll.kind == "words":
        listed = ", ".join(f"{word} {fmt.number(n)}" for word, n in pairs)
        return (
            f"Stapeldiagram: de {fmt.number(len(pairs))} vanligaste orden i ordmolnet ”{question}” med hur "
            f"många gånger de angavs: {listed}."
        )
    what = "steg på skalan" if results.poll.kind == "scale" else "alternativ"
    listed = "; ".join(
        f"{label}: {fmt.number(n)}" + (f" ({fmt.percent(n / total)})" if total else "") for label, n in pairs
    )
    text = (
        f"Stapeldiagram: antal svar per {what} för ”{question}”, {fmt.number(results.respondents)} svarande. "
    )
    text += f"{listed}."
    if results.poll.kind == "scale" and results.mean is not None:
        text += f" Medelvärde {fmt.number(results.mean, 1)}."
    return text
