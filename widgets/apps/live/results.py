"""A poll's results as the page shows them: bars with counts and shares (inline SVG, every number also in words),
a word cloud whose words carry their counts for screen readers, open answers and Q&A questions by upvotes.

Pure functions from :class:`~widgets.store.live.Results` to HTML or a :class:`~widgets.ui.svg.Drawing`; every
participant's text goes through the escaping builders. Shared by the participants' panel and the teacher's
section (which adds moderation buttons of its own)."""

from __future__ import annotations

from ... import fmt
from ...live.charts import alt_text
from ...live.tables import scale_steps
from ...store.live import PollAnswer, Question, Results
from ...ui.html import tag
from ...ui.svg import Canvas, Drawing, Plot, rows_height

WIDTH = 640
BAR = (
    "#0072B2"  # Okabe–Ito blue; each bar's count and share are written beside it, never told by colour alone
)
TOP_WORDS = 15
CLOUD_EM = (1.0, 2.8)  # the least and the most frequent word's size
NO_ANSWERS = "Inga svar än."


def respondents_text(n: int) -> str:
    return f"{fmt.number(n)} svarande"


def counted(results: Results) -> list[tuple[str, int]]:
    """(label, count) per bar: every option in order, every scale step (the ends with their labels), or the
    most frequent words."""
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


def share_text(count: int, total: int) -> str:
    return f"{fmt.number(count)} ({fmt.percent(count / total)})" if total else fmt.number(count)


def bars(results: Results) -> Drawing:
    """One horizontal bar per option, step or word; its label says the count and the share of the answers."""
    pairs = counted(results)
    total = sum(n for _, n in pairs)
    canvas = Canvas(WIDTH, rows_height(len(pairs)))
    plot = Plot(canvas, [float(n) for _, n in pairs], fmt.number, categories=len(pairs), horizontal=True)
    for i, (label, n) in enumerate(pairs):
        plot.hbar(i, 0.0, float(n), BAR, label=f"{label}: {share_text(n, total)}")
    return canvas.drawing(alt_text(results))


def mean_text(results: Results) -> str:
    return f"Medelvärde: {fmt.number(results.mean, 1)}" if results.mean is not None else ""


def word_cloud_html(words: tuple[tuple[str, int], ...] | list[tuple[str, int]]) -> str:
    """The words as a list, sized by how often they were given; each word's count is in the list item for
    screen readers, and a disclosure below lists them with their counts for everyone."""
    if not words:
        return tag("p", NO_ANSWERS, cls="dk-muted")
    most = max(n for _, n in words)
    least = min(n for _, n in words)
    low, high = CLOUD_EM
    items = []
    for word, n in words:
        size = low if most == least else low + (high - low) * (n - least) / (most - least)
        count = tag("span", f" ({fmt.number(n)})", cls="dk-visually-hidden")
        items.append(tag("li", raw=tag("span", word) + count, style=f"font-size: {size:.2f}em"))
    cloud = tag("ul", raw="".join(items), cls="dk-wordcloud", aria_label="Ordmoln")
    listed = tag("ul", raw="".join(tag("li", f"{word}: {fmt.number(n)}") for word, n in words))
    details = tag("details", raw=tag("summary", "Orden med antal") + listed)
    return cloud + details


def answers_html(answers: tuple[PollAnswer, ...]) -> str:
    shown = [a for a in answers if not a.hidden]
    if not shown:
        return tag("p", NO_ANSWERS, cls="dk-muted")
    return tag("ul", raw="".join(tag("li", a.text) for a in shown), cls="dk-poll-answers")


def by_upvotes(questions: tuple[Question, ...]) -> list[Question]:
    return sorted(questions, key=lambda q: (-q.upvotes, q.id))


def upvotes_text(n: int) -> str:
    return "1 röst" if n == 1 else f"{fmt.number(n)} röster"


def questions_html(questions: tuple[Question, ...]) -> str:
    shown = [q for q in by_upvotes(questions) if not q.hidden]
    if not shown:
        return tag("p", "Inga frågor än.", cls="dk-muted")
    return tag(
        "ol",
        raw="".join(
            tag("li", raw=tag("span", q.text) + " " + tag("span", f"({upvotes_text(q.upvotes)})"))
            for q in shown
        ),
        cls="dk-poll-answers",
    )


def summary_html(results: Results) -> str:
    """Respondents and, for a scale, the mean, as one line."""
    parts = [respondents_text(results.respondents)]
    if results.poll.kind == "scale" and results.mean is not None:
        parts.append(mean_text(results))
    return tag("p", " · ".join(parts))


def results_html(results: Results) -> str:
    """The whole result for participants (hidden answers left out), bars as inline SVG."""
    kind = results.poll.kind
    head = tag("h4", "Resultat") + summary_html(results)
    if kind in ("choice", "scale"):
        if not results.respondents:
            return head + tag("p", NO_ANSWERS, cls="dk-muted")
        drawing = bars(results)
        return head + tag("div", raw=tag("figure", raw=drawing.svg), cls="dk-svg-chart")
    if kind == "words":
        return head + word_cloud_html(results.words)
    if kind == "open":
        return head + answers_html(results.answers)
    return head + questions_html(results.questions)


def leading_text(results: Results) -> str:
    """The leading answer for a summary table: the most chosen option(s), the mean, the top word or question."""
    kind = results.poll.kind
    if not results.respondents and kind != "qa":
        return "–"
    if kind == "choice":
        pairs = counted(results)
        top = max((n for _, n in pairs), default=0)
        if top == 0:
            return "–"
        leaders = [label for label, n in pairs if n == top]
        return " / ".join(leaders) + f" – {share_text(top, sum(n for _, n in pairs))}"
    if kind == "scale":
        return mean_text(results) or "–"
    if kind == "words":
        return f"{results.words[0][0]} ({fmt.number(results.words[0][1])})" if results.words else "–"
    if kind == "open":
        n = sum(not a.hidden for a in results.answers)
        return "1 svar" if n == 1 else f"{fmt.number(n)} svar"
    shown = [q for q in by_upvotes(results.questions) if not q.hidden]
    return f"{shown[0].text} ({upvotes_text(shown[0].upvotes)})" if shown else "–"
