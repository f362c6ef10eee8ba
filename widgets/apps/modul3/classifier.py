""" "Vilken risknivå?": the AI Act classifier as a guided question flow, one question at a time, and its result.

The view only walks :mod:`widgets.aiact` (questions, levels, duties and dates are data in
``data/aiact/regler.yaml``): it shows the next question, keeps the answers given on the path, and renders the
:class:`~widgets.aiact.Classification` in words, with article references, duties and the date versions."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ... import aiact, fmt
from ...ui.controls import button, hidden_label, html, message, reused
from ...ui.feedback import guarded
from ...ui.html import bullets, esc, table, tag
from ..sections import Section, checked_text, strip_number

CHOOSE_ONE = "Välj ett svar innan du går vidare."
CHOOSE_SOME = "Kryssa i minst ett alternativ (eller ”inget av detta”) innan du går vidare."
NO_DATE = "inget datum angivet"
DUTIES_HEADING = "Vad ni behöver göra"


def _refs_html(refs) -> str:
    if not refs:
        return ""
    items = "".join(
        tag(
            "li",
            raw=tag("strong", f"{r.ref}, {r.title}: ")
            + esc(r.summary)
            + " "
            + tag("span", f"Källa: {r.source}", cls="dk-source"),
        )
        for r in refs
    )
    return tag("details", raw=tag("summary", "Vad säger förordningen?") + tag("ul", raw=items))


def question_html(question: aiact.Question) -> str:
    return (
        tag("p", raw=tag("strong", question.text))
        + (tag("p", question.help, cls="dk-muted") if question.help else "")
        + _refs_html(question.refs)
    )


def _date_text(version_date: aiact.VersionDate) -> str:
    """The date, or what the version's source says instead (never a "no change" the source does not make)."""
    if version_date.date is not None:
        return fmt.date(version_date.date)
    return version_date.note or NO_DATE


def dates_html(result: aiact.Classification, rules: aiact.Rules) -> str:
    """When the rules apply, per version of the application dates, with each version's status and source."""
    parts = tag("h4", "När gäller reglerna?") + tag("p", result.dates_notice)
    if result.applies_from:
        shown = rules.dates.shown_version
        others = [v for v in rules.dates.versions if v.id != shown.id]
        headers = ["Vad", shown.name, *(v.name for v in others)]
        rows = []
        for a in result.applies_from:
            by_version = {o.version.id: o for o in a.others}
            rows.append(
                [
                    a.milestone.title,
                    _date_text(a.shown),
                    *(_date_text(by_version[v.id]) for v in others),
                ]
            )
        parts += table(headers, rows, caption="Datum då reglerna börjar tillämpas, per version")
    versions = "".join(
        tag(
            "li",
            raw=tag("strong", v.name + ": ")
            + esc(v.status)
            + " "
            + esc("(verifierad)" if v.verified else "(inte verifierad)")
            + " "
            + tag("span", f"Källa: {v.source} {checked_text(v.checked)}", cls="dk-source"),
        )
        for v in rules.dates.versions
    )
    return parts + tag("ul", raw=versions)


def result_html(result: aiact.Classification, rules: aiact.Rules | None = None, heading: str = "h3") -> str:
    """The classification in words: level, why (with articles), a public deployer's duties, dates, sources."""
    rules = rules or aiact.rules()
    level = result.level
    parts = tag(
        "div",
        raw=tag(heading, f"Risknivå: {level.name}") + tag("p", level.summary),
        cls="dk-level",
        role="status",
    )
    reasons = "".join(
        tag("li", raw=esc(r.text) + (" " + tag("strong", f"({r.citation})") if r.citation else ""))
        for r in result.reasons
    )
    parts += tag("h4", "Varför?") + tag("ul", raw=reasons)
    if result.notes:
        parts += tag("h4", "Att tänka på") + bullets(result.notes)
    if result.duties:
        duties = ""
        for d in result.duties:
            refs = ", ".join(r.ref for r in d.refs)
            duties += tag(
                "li",
                raw=tag("strong", d.title + (f" ({refs})" if refs else ""))
                + tag("p", d.text)
                + (tag("ul", raw="".join(tag("li", p) for p in d.parts)) if d.parts else ""),
            )
        parts += tag("h4", DUTIES_HEADING) + tag("ul", raw=duties)
    parts += dates_html(result, rules)
    parts += tag("p", f"Källa: {rules.source} {checked_text(rules.checked)}", cls="dk-source")
    parts += tag("p", rules.disclaimer, cls="dk-muted")
    return parts


class QuestionFlow(w.VBox):
    """The guided flow: a step counter, one question (radio buttons, or checkboxes when ``multiple``),
    "Tillbaka" and "Nästa"; at the end ``on_done(classification)`` and the result.

    ``answers`` holds exactly the answers on the current path, in the order asked."""

    def __init__(
        self,
        on_done: Callable[[aiact.Classification], None] | None = None,
        name: str = "",
        show_result: bool = True,
    ) -> None:
        self.rules = aiact.rules()
        self.on_done = on_done
        self.name = name  # distinguishes several flows on one page in accessible names
        self.show_result = show_result
        self.answers: dict[str, list[str] | str] = {}
        self.order: list[str] = []
        self.question: aiact.Question | None = None
        self.result: aiact.Classification | None = None
        self.counter = html()
        self.text = html()
        self.choices = w.VBox()
        self.radio: w.RadioButtons | None = None
        self.boxes: dict[str, w.Checkbox] = {}
        self.message = message()
        self.back = button("Tillbaka", f"Tillbaka till föregående fråga{self._suffix}")
        self.next = button("Nästa", f"Nästa fråga{self._suffix}", button_style="primary")
        self.restart = button("Börja om", f"Börja om frågorna{self._suffix}")
        self.back.on_click(lambda _: self.go_back())
        self.next.on_click(lambda _: self.go_next())
        self.restart.on_click(lambda _: self.reset())
        self.result_box = html()
        super().__init__(
            [
                self.counter,
                self.text,
                self.choices,
                self.message,
                w.HBox([self.back, self.next, self.restart], layout=reused("plain")),
                self.result_box,
            ]
        )
        self.reset()

    @property
    def _suffix(self) -> str:
        return f" ({self.name})" if self.name else ""

    # --- state ---------------------------------------------------------------------------------------------

    def reset(self) -> None:
        self.answers = {}
        self.order = []
        self.result = None
        self.result_box.value = ""
        self.message.clear()
        self._ask(aiact.next_question({}, self.rules))

    def _ask(self, question: aiact.Question | None, previous=None) -> None:
        self.question = question
        if question is None:
            return
        self.result = None
        self.result_box.value = ""
        number = len(self.order) + 1
        total = len(self.rules.questions)
        self.counter.value = tag(
            "p", f"Fråga {number} (av högst {total}): {strip_number(question.step)}", cls="dk-step"
        )
        self.text.value = question_html(question)
        label = question.text + self._suffix
        if question.multiple:
            chosen = set(previous or ())
            self.radio = None
            self.boxes = {}
            for o in question.options:
                box = w.Checkbox(
                    value=o.id in chosen,
                    description=o.text,
                    indent=False,
                    layout=reused("auto"),
                    style=reused("checkbox"),
                )
                box.add_class("dk-long-label")
                box.observe(self._exclusive(o), names="value")
                self.boxes[o.id] = box
            self.choices.children = list(self.boxes.values())
        else:
            self.boxes = {}
            options = [(o.text, o.id) for o in question.options]
            value = previous[0] if previous else None
            self.radio = hidden_label(
                w.RadioButtons(
                    options=options,
                    value=value,
                    description=label,
                    layout=reused("auto"),
                    style=reused("description"),
                )
            )
            self.choices.children = [self.radio]
        self.back.disabled = not self.order
        self.next.disabled = False
        self.choices.layout.display = None

    def _exclusive(self, option: aiact.Option):
        """'Inget av detta' and the other choices exclude each other."""

        def on_change(change) -> None:
            if not change["new"] or self.question is None:
                return
            for o in self.question.options:
                if o.id != option.id and (o.none or option.none):
                    self.boxes[o.id].value = False

        return on_change

    def selection(self) -> list[str]:
        if self.question is None:
            return []
        if self.question.multiple:
            return [oid for oid, box in self.boxes.items() if box.value]
        return [self.radio.value] if self.radio is not None and self.radio.value is not None else []

    def choose(self, value) -> None:
        """Select an answer for the current question (an option id, or a list for a multiple question)."""
        ids = [value] if isinstance(value, str) else list(value)
        if self.question is None:
            return
        if self.question.multiple:
            for oid, box in self.boxes.items():
                box.value = oid in ids
        else:
            self.radio.value = ids[0]

    def go_next(self) -> None:
        question = self.question
        if question is None:
            return
        chosen = self.selection()
        if not chosen:
            self.message.error(CHOOSE_SOME if question.multiple else CHOOSE_ONE)
            return
        answers = dict(self.answers)
        answers[question.id] = chosen if question.multiple else chosen[0]
        following = guarded(self.message, lambda: aiact.next_question(answers, self.rules))
        if not following.ok:
            return
        self.answers = answers
        self.order.append(question.id)
        if following.value is not None:
            self._ask(following.value)
            return
        result = guarded(self.message, lambda: aiact.classify(self.answers, self.rules))
        if result.ok:
            self._finish(result.value)

    def _finish(self, result: aiact.Classification) -> None:
        self.result = result
        self.question = None
        self.counter.value = tag("p", f"Klart efter {len(self.order)} frågor.", cls="dk-step")
        self.text.value = ""
        self.choices.children = []
        self.choices.layout.display = "none"
        self.next.disabled = True
        self.back.disabled = False
        if self.show_result:
            self.result_box.value = result_html(result, self.rules)
        if self.on_done is not None:
            self.on_done(result)

    def go_back(self) -> None:
        if not self.order:
            return
        last = self.order.pop()
        previous = self.answers.pop(last)
        self.message.clear()
        previous = [previous] if isinstance(previous, str) else list(previous)
        self._ask(self.rules.question(last), previous)

    def answer_all(self, answers) -> None:
        """Walk the flow with the given answers (e.g. a case's), as a participant would."""
        self.reset()
        while self.question is not None and self.question.id in answers:
            self.choose(answers[self.question.id])
            self.go_next()


class ClassifierSection(Section):
    """The "Vilken risknivå?" section: an intro and the question flow (:attr:`flow`)."""

    def __init__(self) -> None:
        rules = aiact.rules()
        self.flow = QuestionFlow()
        fallback = (
            "Svara på en fråga i taget om ett AI-system du känner till. Du får risknivån, skälen med "
            "artikelhänvisningar och vad ni som offentlig tillhandahållare behöver göra."
        )
        intro = html(
            tag("h2", "Vilken risknivå? AI-förordningen steg för steg") + tag("p", rules.intro or fallback)
        )
        super().__init__(intro, self.flow)
        self.add_class("dk-aiact-flow")


def classifier_section() -> ClassifierSection:
    return ClassifierSection()
