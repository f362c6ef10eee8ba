"""The case library: pick one of the worked public-sector cases, classify it yourself, compare with the answer.

Cases are data (``data/aiact/fall.yaml``): constructed ones are marked "Konstruerat exempel", real ones carry
their source, the date it was checked and what is still to be checked."""

from __future__ import annotations

import ipywidgets as w

from ... import aiact
from ...ui.controls import button, html
from ...ui.html import esc, tag
from ..exercises._common import Openable
from ..sections import Section, checked_text
from .classifier import QuestionFlow, result_html

CONSTRUCTED = "Konstruerat exempel"
REAL = "Verkligt fall, som det har rapporterats"
TITLE = "Fallbiblioteket: klassa ett fall"


def case_html(case: aiact.Case) -> str:
    """Title, whether it is constructed or real (with source), and the description."""
    if case.constructed:
        kind = tag("p", raw=tag("strong", CONSTRUCTED), cls="dk-badge")
        source = ""
    else:
        kind = tag("p", raw=tag("strong", REAL), cls="dk-badge")
        checked = f" {checked_text(case.checked)}" if case.checked else ""
        source = tag("p", f"Källa: {case.source}{checked}", cls="dk-source")
        if case.check_note:
            source += tag("p", case.check_note, cls="dk-muted")
    return tag("h3", case.title) + kind + tag("p", case.description) + source


def comparison_html(case: aiact.Case, mine: aiact.Classification, rules: aiact.Rules) -> str:
    """Your level against the expected one, in words, with the explanation."""
    expected = rules.level(case.expected_level)
    if mine.level.id == expected.id:
        verdict = tag("p", f"Samma som det väntade svaret: {expected.name}.", cls="dk-ok", role="status")
    else:
        verdict = tag(
            "p",
            f"Du kom fram till {mine.level.name}. Det väntade svaret är {expected.name}.",
            cls="dk-error",
            role="status",
        )
    parts = tag("h4", "Jämför med det väntade svaret") + verdict + tag("p", case.explanation)
    if case.assumption:
        parts += tag("p", raw=tag("strong", "Antagande: ") + esc(case.assumption))
    return parts


class CaseLibrary(Openable):
    """Choose a case, read it, walk the flow for it, then compare (built when the library is opened)."""

    def __init__(self) -> None:
        self.rules = aiact.rules()
        self.cases = aiact.cases()
        intro = html(
            tag("h2", TITLE)
            + tag(
                "p",
                f"{len(self.cases)} fall från offentlig sektor, verkliga och konstruerade. Välj ett fall, klassa "
                "det själv med frågorna och jämför sedan med det väntade svaret och förklaringen.",
            )
        )
        super().__init__("Fallbiblioteket", [intro])

    def build(self) -> list[w.Widget]:
        self.picker = w.Dropdown(
            options=[(c.title + (" (konstruerat)" if c.constructed else ""), c.id) for c in self.cases],
            description="Välj ett fall",
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        self.card = html()
        self.flow = QuestionFlow(on_done=self._done, name="fallet", show_result=True)
        self.compare = html()
        self.reveal = button(
            "Visa svaret utan att klassa", "Visa det väntade svaret för fallet utan att klassa"
        )
        self.reveal.on_click(lambda _: self.show_expected())
        self.picker.observe(lambda _: self.pick(self.picker.value), names="value")
        self.pick(self.cases[0].id)
        return [self.picker, self.card, self.flow, self.compare, self.reveal]

    @property
    def case(self) -> aiact.Case:
        return next(c for c in self.cases if c.id == self.picker.value)

    def pick(self, case_id: str) -> None:
        if self.picker.value != case_id:
            self.picker.value = case_id  # observe calls pick again
            return
        self.card.value = case_html(self.case)
        self.compare.value = ""
        self.flow.reset()

    def _done(self, result: aiact.Classification) -> None:
        self.compare.value = comparison_html(self.case, result, self.rules)

    def show_expected(self) -> None:
        """The expected classification and explanation, without walking the flow."""
        case = self.case
        expected = aiact.classify(case.answers, self.rules)
        self.compare.value = (
            tag("h4", "Det väntade svaret")
            + tag("p", case.explanation)
            + (tag("p", raw=tag("strong", "Antagande: ") + esc(case.assumption)) if case.assumption else "")
            + result_html(expected, self.rules, heading="h4")
        )


class CaseSection(Section):
    """The card with the case library (:attr:`library`)."""

    def __init__(self) -> None:
        self.library = CaseLibrary()
        super().__init__(self.library)


def case_section() -> CaseSection:
    return CaseSection()
