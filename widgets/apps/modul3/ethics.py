"""Ethics extras beside the generic exercise widgets: who is affected and which HLEG principles are at stake in
each dilemma, and the ALTAI result (weakest areas with suggestions, a Markdown download).

On the course's JupyterHub each dilemma also gets the group's vote (:class:`~widgets.apps.groupwork.DilemmaVote`);
the member's own reflection is shared through the lärlogg. The scenario cards and the Likert self-assessment are
the exercise engine's widgets; ``data/aiact/etik.yaml`` adds what they have no fields for
(:mod:`widgets.aiact.ethics`). The Likert widget already draws the radar chart, so the result section here draws
none."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import ipywidgets as w

from ... import fmt
from ...aiact.ethics import AltaiResult, Dilemma, Ethics, altai_result, default_ethics
from ...errors import DomainError
from ...store import PersonalStore
from ...store.capability import supports
from ...store.groupwork import GroupWork
from ...ui.controls import html, message
from ...ui.download import DownloadLink
from ...ui.feedback import guarded
from ...ui.html import bullets, esc, tag

if TYPE_CHECKING:
    from ..groupwork import DilemmaVote

MODULE = "modul3"
WAITING = "Svara på påståendena i självskattningen ovan, så visas dina svagaste områden och förslag här."


def dilemma_html(dilemma: Dilemma, source: str) -> str:
    """Stakeholders and principles at stake for one dilemma, with the source."""
    principles = "".join(
        tag("li", raw=tag("strong", p.name + ": ") + esc(p.summary)) for p in dilemma.principles
    )
    kind = "Konstruerat exempel." if dilemma.constructed else ""
    src = dilemma.source or source
    return tag(
        "div",
        raw=(tag("p", raw=tag("strong", kind)) if kind else "")
        + tag("h4", "Vilka berörs?")
        + bullets(dilemma.stakeholders)
        + tag("h4", "Vilka principer står på spel?")
        + tag("ul", raw=principles)
        + tag("p", f"Källa: {src}", cls="dk-source"),
        cls="dk-dilemma-extra",
    )


def add_dilemma_extras(exercise_widgets, ethics: Ethics | None = None, shared: object | None = None) -> int:
    """Put the stakeholders and principles first in each scenario widget that is a dilemma, when it is opened
    (the scenario's intro, always shown, already says who is affected); on the course's JupyterHub (``shared``
    offers group work) the group's vote on the dilemma's first decision follows them."""
    ethics = ethics or default_ethics()
    known = {d.scenario.id: d for d in ethics.dilemmas}
    hub = supports(shared, GroupWork)  # the group's vote only on the hub (its views are imported then)
    added = 0
    for widget in exercise_widgets:
        dilemma = known.get(getattr(widget.exercise, "id", None))
        if dilemma is None:
            continue
        widget.dilemma_extra = None
        widget.dilemma_vote = None

        def place(widget=widget, dilemma=dilemma) -> None:
            widget.dilemma_extra = html(dilemma_html(dilemma, ethics.source))
            widget.insert_part(0, widget.dilemma_extra)
            if hub is None:
                return
            vote = dilemma_vote(hub, dilemma)
            widget.dilemma_vote = vote
            widget.insert_part(1, vote)
            if widget.loaded:  # the visit has started (the usual case: opened by a click)
                vote.load()

        widget.when_built(place)
        added += 1
    return added


def dilemma_vote(store: GroupWork, dilemma: Dilemma) -> DilemmaVote:
    """The group's vote on a dilemma: its first card's options, the poll id the scenario's id."""
    from ..groupwork import DilemmaVote  # the group tools: on the hub only

    start = dilemma.scenario.card(dilemma.scenario.start)
    return DilemmaVote(
        store,
        None,
        dilemma.scenario.id,
        [(o.id, o.text) for o in start.options],
        title="Gruppens omröstning",
        question=f"{start.title or 'Första valet'}: vad skulle du göra? Rösta först, se sedan hur gruppen röstade.",
    )


def altai_markdown(result: AltaiResult, ethics: Ethics, today: dt.date) -> str:
    """The self-assessment result as Markdown: the profile, the weakest areas and suggestions, the source."""
    lines = [f"# {ethics.altai.title} – mitt resultat", "", f"Sparat {fmt.date(today)}.", "", "## Profil", ""]
    for s in result.profile:
        shown = "inte besvarad" if s.mean is None else f"{fmt.number(s.mean, 1)} av {result.scale_max}"
        lines.append(f"- {s.title}: {shown}")
    lines += ["", "## Svagaste områden och förslag", ""]
    for advice in result.weakest:
        r = advice.requirement
        lines += [f"### {r.number}. {r.title} ({fmt.number(advice.score.mean, 1)} av {result.scale_max})", ""]
        lines += [r.summary, ""]
        lines += [f"- {s}" for s in r.suggestions]
        lines.append("")
    lines += [f"Källa: {ethics.altai_source}", ""]
    return "\n".join(lines)


def weakest_html(result: AltaiResult) -> str:
    parts = ""
    for advice in result.weakest:
        r = advice.requirement
        parts += tag(
            "li",
            raw=tag("strong", f"{r.number}. {r.title}")
            + esc(f" – ditt medelvärde {fmt.number(advice.score.mean, 1)} av {result.scale_max}")
            + tag("p", r.summary)
            + tag("p", "Förslag:")
            + bullets(r.suggestions),
        )
    return tag("ol", raw=parts)


class AltaiResultView(w.VBox):
    """Reads the saved Likert answers and shows the weakest areas with suggestions, exportable as Markdown."""

    def __init__(self, store: PersonalStore, ethics: Ethics | None = None, today=None) -> None:
        self.store = store
        self.ethics = ethics or default_ethics()
        self.today = today or dt.date.today
        self.body = html(tag("p", WAITING, cls="dk-muted"))
        self.download = DownloadLink()
        self.message = message()
        self.result: AltaiResult | None = None
        heading = html(
            tag("h4", "Dina svagaste områden – och vad ni kan göra")
            + tag("p", "Diagrammet ovan visar hela profilen. Här är de områden där du skattade lägst.")
        )
        super().__init__([heading, self.body, self.download, self.message])
        self.add_class("dk-m34")

    def responses(self) -> dict[str, int]:
        answers = self.store.latest_answers(MODULE, self.ethics.altai.id)
        return {item: a.value for (_, item), a in answers.items() if isinstance(a.value, int)}

    def load(self) -> None:
        """Re-read the saved answers and show the result (call after the visit has started)."""

        def compute():
            try:
                return altai_result(self.responses(), self.ethics)
            except DomainError:
                return None

        result = guarded(self.message, compute).value_or(None)  # None: nothing answered yet, or it failed
        self.result = result
        if result is None:
            self.body.value = tag("p", WAITING, cls="dk-muted")
            self.download.value = ""
            return
        self.body.value = weakest_html(result)
        text = altai_markdown(result, self.ethics, self.today())
        self.download.set(
            "altai-sjalvskattning.md",
            "text/markdown",
            text.encode("utf-8"),
            "Ladda ned resultatet som Markdown-fil",
        )

    def follow(self, likert_widget) -> None:
        """Refresh whenever a statement of the generic Likert widget changes: after it has saved an answer, and
        when "Börja om" clears the statements (the store is reset before the controls are cleared)."""
        for control in getattr(likert_widget, "controls", {}).values():
            control.observe(lambda _: self.load(), names="value")
