"""Live polls on the teacher page (Lärarsidan): open a prepared poll (exercises/omrostningar.yaml) or one written on
the spot for everyone or a group, follow the results live, close, reveal, reset or delete, hide answers or
questions, show one poll large in presentation mode, and sum up the session with an export to Excel and Word.

The results of the selected poll follow ``store.results(poll_id, after=version, wait=25)`` in a
:class:`~widgets.store.live.Watcher` started by :meth:`PollsSection.load` and stopped by :meth:`PollsSection.close`.
The exports are built in a child process (:func:`widgets.live.export.export_file`), imported on the first click, so
pandas and matplotlib never load in the teacher's kernel."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import ipywidgets as w

from ...errors import ContentError, DomainError
from ...live.prepared import PreparedPoll, load_prepared
from ...live.tables import KIND_LABELS, STATE_LABELS, WHOLE_SESSION, default_title
from ...store.errors import StoreError
from ...store.live import KINDS, MAX_WAIT, LiveStore, Poll, Results, Scale, Watcher
from ...ui.chart import SvgChart
from ...ui.controls import AskFirst, button, html, message
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import table, tag
from ..live.results import (
    NO_ANSWERS,
    bars,
    by_upvotes,
    leading_text,
    questions_html,
    summary_html,
    upvotes_text,
    word_cloud_html,
)

INTRO = (
    "Öppna en förberedd omröstning eller skriv en egen. Deltagarna ser den direkt på sidan de har öppen och på "
    "sidan Delta. Resultaten visas för deltagarna först när du väljer att visa dem."
)
PRESENT = "Presentera omröstningen"
PRESENT_OFF = "Avsluta presentationen"
NONE_YET = "Inga omröstningar i sessionen än."
WIDE = {"description_width": "initial"}
MAX_OPTIONS = 10
MIN_STEPS, MAX_STEPS = 2, 10
_PREPARED: Any = object()


def parse_options(text: str) -> list[str]:
    """The options field: one option per line, blank lines ignored; 2–10 different options."""
    options = [line.strip() for line in text.splitlines() if line.strip()]
    if len(options) < 2:
        raise DomainError("options", "Skriv minst två alternativ, ett per rad.")
    if len(options) > MAX_OPTIONS:
        raise DomainError("options", f"Högst {MAX_OPTIONS} alternativ (du har skrivit {len(options)}).")
    if len(set(options)) < len(options):
        raise DomainError("options", "Två alternativ är likadana; skriv varje alternativ en gång.")
    return options


def parse_scale(low: int, high: int, low_label: str, high_label: str) -> Scale:
    steps = high - low + 1
    if not MIN_STEPS <= steps <= MAX_STEPS:
        raise DomainError(
            "scale", f"Skalan ska ha {MIN_STEPS}–{MAX_STEPS} steg; {low}–{high} ger {max(steps, 0)} steg."
        )
    return Scale(low, high, low_label.strip(), high_label.strip())


def parse_filter(text: str) -> list[str]:
    return [word.strip().lower() for word in text.split(",") if word.strip()]


def poll_label(poll: Poll) -> str:
    """A poll in the session's list: question, state and whether participants see the results."""
    state = STATE_LABELS.get(poll.state, poll.state)
    shown = " · resultat visas" if poll.revealed else ""
    group = f" · {poll.group}" if poll.group else ""
    return f"{poll.question} – {state}{shown}{group}"


def summary_table(results: Sequence[Results]) -> str:
    rows: list[list[object]] = [
        [
            n,
            r.poll.question,
            KIND_LABELS.get(r.poll.kind, r.poll.kind),
            r.poll.group or WHOLE_SESSION,
            STATE_LABELS.get(r.poll.state, r.poll.state),
            r.respondents,
            leading_text(r),
        ]
        for n, r in enumerate(results, start=1)
    ]
    headers = ["Nr", "Fråga", "Typ", "Grupp", "Status", "Svarande", "Ledande svar"]
    return table(headers, rows, numeric={0, 5}, caption="Sessionens omröstningar")


class PollsSection(w.VBox):
    """The polls part of the teacher page. ``prepared``: the prepared polls (default: exercises/omrostningar.yaml);
    ``session``: the session the polls belong to (passed to the store); ``module``: the module shown first."""

    def __init__(
        self,
        store: LiveStore,
        prepared: Sequence[PreparedPoll] | None = _PREPARED,
        session: str | None = None,
        module: str | None = None,
        *,
        wait: float = MAX_WAIT,
    ) -> None:
        self.store = store
        self.session = session
        self.wait = wait
        self.notice = message()
        if prepared is _PREPARED:
            try:
                prepared = load_prepared()
            except ContentError as exc:
                prepared = ()
                self.notice.error(f"De förberedda omröstningarna kunde inte läsas: {exc}")
        self.prepared = tuple(prepared or ())
        self.polls_by_id: dict[int, Poll] = {}
        self.selected: int | None = None
        self.results: Results | None = None
        self.watcher: Watcher[int, Results] | None = None
        self.summary_results: list[Results] = []
        self._lock = threading.RLock()  # the watcher's thread and the page's clicks both draw the results
        self._build_picker(module)
        self._build_selected()
        self._build_summary()
        self.intro = html(tag("p", INTRO))  # the teacher page gives the section its heading ("Omröstningar")
        super().__init__()
        self.add_class("dk-card")
        self.add_class("dk-polls")
        self._layout()

    # --- building ----------------------------------------------------------------------------------------------

    def _build_picker(self, module: str | None) -> None:
        self.source = w.RadioButtons(
            options=[("Förberedd omröstning", "prepared"), ("Skriv en egen", "own")],
            value="prepared" if self.prepared else "own",
            description="Omröstning",
            style=WIDE,
        )
        modules = list(dict.fromkeys(p.module for p in self.prepared))
        titles = _module_titles()
        self.module_pick = w.Dropdown(
            options=[(titles.get(m, m), m) for m in modules],
            value=module if module in modules else (modules[0] if modules else None),
            description="Modul",
            style=WIDE,
        )
        self.prepared_pick = w.Dropdown(
            description="Förberedd fråga", style=WIDE, layout=w.Layout(width="auto")
        )
        self.prepared_info = html()
        self.kind = w.Dropdown(options=[(KIND_LABELS[k], k) for k in KINDS], description="Typ", style=WIDE)
        self.question = w.Textarea(description="Fråga", style=WIDE, layout=w.Layout(width="100%"))
        self.question_message = message()
        self.options = w.Textarea(
            description="Alternativ (ett per rad)", style=WIDE, layout=w.Layout(width="100%")
        )
        self.options_message = message()
        self.scale_min = w.BoundedIntText(
            value=1, min=0, max=1, description="Skalan från (0 eller 1)", style=WIDE
        )
        self.scale_max = w.BoundedIntText(value=5, min=2, max=10, description="till (2–10)", style=WIDE)
        self.min_label = w.Text(description="Betydelse av lägsta steget", style=WIDE)
        self.max_label = w.Text(description="Betydelse av högsta steget", style=WIDE)
        self.scale_message = message()
        self.filter = w.Text(description="Ord som inte tas emot (skilj med komma)", style=WIDE)
        self.anonymous = w.Checkbox(
            value=True, description="Anonym (inga namn sparas med svaren)", indent=False
        )
        self.audience = w.Dropdown(options=[(WHOLE_SESSION, None)], description="Till", style=WIDE)
        self.open_button = button("Öppna omröstningen", button_style="primary")
        self.open_button.on_click(lambda _: self.open_poll())
        self.open_message = message()
        self.picker = w.VBox()
        for control in (self.source, self.kind):
            control.observe(lambda _: self._show_picker(), names="value")
        self.module_pick.observe(lambda _: self._fill_prepared(), names="value")
        self.prepared_pick.observe(lambda _: self._describe_prepared(), names="value")
        self._fill_prepared()
        self._show_picker()

    def _build_selected(self) -> None:
        self.poll_list = w.Select(
            options=[],
            description="Omröstningar i sessionen",
            rows=6,
            style=WIDE,
            layout=w.Layout(width="100%"),
        )
        self._listing = False  # the list's options are being replaced: its passing values are no choice
        self.poll_list.observe(lambda change: self._listing or self.select(change["new"]), names="value")
        self.list_message = message()
        self.state_button = button("Stäng omröstningen")
        self.state_button.on_click(lambda _: self.toggle_state())
        self.reveal_button = button("Visa resultat för deltagarna")
        self.reveal_button.on_click(lambda _: self.toggle_reveal())
        self.reset = AskFirst(
            "Vill du ta bort alla svar på omröstningen? Det går inte att ångra.",
            "Ja, nollställ",
            self.reset_poll,
            label="Nollställ",
        )
        self.delete = AskFirst(
            "Vill du ta bort omröstningen och alla dess svar? Det går inte att ångra.",
            "Ja, ta bort",
            self.delete_poll,
            label="Ta bort",
        )
        self.poll_message = message()
        self.poll_controls = w.VBox(
            [
                w.Box(
                    [self.state_button, self.reveal_button, self.reset.box, self.delete.box],
                    layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
                ),
                self.poll_message,
            ]
        )
        self.present = w.ToggleButton(value=False, description=PRESENT, tooltip=PRESENT)
        self.present.observe(lambda _: self._on_present(), names="value")
        self.stage_head = html()
        self.chart = SvgChart("Resultatet")
        self.stage_text = html()
        self.stage_status = message()
        self.stage = w.VBox([self.stage_head, self.chart, self.stage_text, self.stage_status])
        self.stage.add_class("dk-poll-stage")
        self.moderation = w.VBox()
        self._moderation_rows: dict[tuple[str, int], tuple[w.HTML, w.Button]] = {}
        self._hidden: dict[tuple[str, int], bool] = {}

    def _build_summary(self) -> None:
        self.summary_button = button("Visa sammanfattningen")
        self.summary_button.on_click(lambda _: self.show_summary())
        self.summary = html()
        self.excel_button = button("Excel", tooltip="Exportera sessionens resultat till Excel")
        self.word_button = button("Word", tooltip="Exportera en sammanfattning med diagram till Word")
        self.excel_button.on_click(lambda _: self.export("xlsx"))
        self.word_button.on_click(lambda _: self.export("docx"))
        self.export_message = message()
        self.download = DownloadLink()

    def _layout(self) -> None:
        if self.present.value:
            self.children = [self.present, self.stage]
            return
        selected = self.selected is not None
        self.children = [
            self.intro,
            self.notice,
            self.picker,
            html(tag("h3", "Sessionens omröstningar")),
            self.poll_list,
            self.list_message,
            *([self.poll_controls, self.present, self.stage, self.moderation] if selected else []),
            html(tag("h3", "Sammanfattning")),
            self.summary_button,
            self.summary,
            w.HBox([self.excel_button, self.word_button]),
            self.export_message,
            self.download,
        ]

    # --- the picker --------------------------------------------------------------------------------------------

    def _fill_prepared(self) -> None:
        polls = [p for p in self.prepared if p.module == self.module_pick.value]
        self.prepared_pick.options = [(f"{p.question} ({KIND_LABELS[p.kind]})", p.id) for p in polls]
        self.prepared_pick.value = polls[0].id if polls else None
        self._describe_prepared()

    def chosen_prepared(self) -> PreparedPoll | None:
        return next((p for p in self.prepared if p.id == self.prepared_pick.value), None)

    def _describe_prepared(self) -> None:
        poll = self.chosen_prepared()
        if poll is None:
            self.prepared_info.value = ""
            return
        lines = [KIND_LABELS[poll.kind], "anonym" if poll.anonymous else "med namn"]
        if poll.options:
            lines.append("alternativ: " + "; ".join(poll.options))
        if poll.scale is not None:
            s = poll.scale
            lines.append(f"skala {s.min} ({s.min_label}) – {s.max} ({s.max_label})")
        self.prepared_info.value = tag("p", " · ".join(lines), cls="dk-muted")

    def _show_picker(self) -> None:
        if self.source.value == "prepared":
            fields: list[w.Widget] = [self.module_pick, self.prepared_pick, self.prepared_info]
        else:
            kind = self.kind.value
            fields = [self.kind, self.question, self.question_message]
            if kind == "choice":
                fields += [self.options, self.options_message]
            elif kind == "scale":
                fields += [self.scale_min, self.scale_max, self.min_label, self.max_label, self.scale_message]
            elif kind == "words":
                fields.append(self.filter)
            fields.append(self.anonymous)
        self.picker.children = [
            html(tag("h3", "Ny omröstning")),
            *([self.source] if self.prepared else []),
            *fields,
            self.audience,
            self.open_button,
            self.open_message,
        ]

    def _own_poll(self) -> dict[str, Any] | None:
        """The form's poll as create_poll arguments, or None with the mistakes shown beside their fields."""
        for m in (self.question_message, self.options_message, self.scale_message):
            m.clear()
        kind = self.kind.value
        question = self.question.value.strip()
        args: dict[str, Any] = {"kind": kind, "question": question, "anonymous": self.anonymous.value}
        ok = True
        if not question:
            self.question_message.error("Skriv frågan först.")
            ok = False
        if kind == "choice":
            options = guarded(self.options_message, lambda: parse_options(self.options.value))
            ok = ok and options.ok
            args["options"] = options.value_or([])
        elif kind == "scale":
            scale = guarded(
                self.scale_message,
                lambda: parse_scale(
                    self.scale_min.value, self.scale_max.value, self.min_label.value, self.max_label.value
                ),
            )
            ok = ok and scale.ok
            args["scale"] = scale.value_or(None)
        elif kind == "words":
            args["filter"] = parse_filter(self.filter.value)
        return args if ok else None

    def open_poll(self) -> Poll | None:
        """Create the chosen or written poll, open, for the chosen audience; it becomes the selected poll."""
        self.open_message.clear()
        if self.source.value == "prepared" and self.prepared:
            chosen = self.chosen_prepared()
            if chosen is None:
                self.open_message.error("Välj en förberedd omröstning först.")
                return None
            args: dict[str, Any] | None = {
                "kind": chosen.kind,
                "question": chosen.question,
                "options": list(chosen.options),
                "scale": chosen.scale,
                "anonymous": chosen.anonymous,
                "filter": list(chosen.filter),
                "module": chosen.module,
                "source": chosen.id,
            }
        else:
            args = self._own_poll()
            if args is None:
                return None
            args.setdefault("module", self.module_pick.value)
        assert args is not None
        kind, question = args.pop("kind"), args.pop("question")
        store, group, session = self.store, self.audience.value, self.session
        fields = {
            "question": self.question_message,
            "options": self.options_message,
            "scale": self.scale_message,
        }
        try:
            poll = store.create_poll(kind, question, group=group, session=session, **args)
        except DomainError as exc:
            fields.get(exc.field, self.open_message).error(exc.message)
            return None
        except StoreError as exc:
            field = getattr(exc, "field", None)
            target = fields.get(field, self.open_message) if isinstance(field, str) else self.open_message
            target.error(exc.message)
            return None
        who = f"gruppen {group}" if group else "alla"
        self.open_message.ok(f"Omröstningen är öppen för {who}.")
        if self.source.value == "own":
            self.question.value = ""
            self.options.value = ""
        self.refresh_list()
        self.poll_list.value = poll.id
        return poll

    # --- the session's polls -----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the groups and the session's polls and follow the selected poll (call after the visit started)."""
        groups = guarded(self.list_message, self.store.visible_groups).value_or([])
        self.audience.options = [(WHOLE_SESSION, None), *((g, g) for g in groups)]
        self.refresh_list()
        if self.selected is not None:
            self._follow(self.selected)

    def close(self) -> None:
        self._stop()

    def refresh_list(self) -> None:
        store, session = self.store, self.session
        listed = guarded(self.list_message, lambda: store.polls(session=session))
        if not listed.ok:
            return
        polls = listed.value
        self.polls_by_id = {p.id: p for p in polls}
        options = [(poll_label(p), p.id) for p in polls]
        keep = self.selected if self.selected in self.polls_by_id else None
        self._listing = True
        try:
            self.poll_list.options = options
            self.poll_list.value = keep
        finally:
            self._listing = False
        self.select(keep)
        if not polls:
            self.list_message.info(NONE_YET)
        self._show_poll_controls()

    def select(self, poll_id: int | None) -> None:
        if poll_id == self.selected:
            return
        self._stop()
        self.selected = poll_id
        self.results = None
        self._moderation_rows.clear()
        self.poll_message.clear()
        if poll_id is None:
            if self.present.value:
                self.present.value = False
            self._layout()
            return
        self._show_poll_controls()
        self._follow(poll_id)
        self._layout()

    def _follow(self, poll_id: int) -> None:
        self._stop()
        store, wait = self.store, self.wait

        def fetch(after: int | None) -> tuple[int, Results]:
            results = store.results(poll_id, after=after, wait=wait)
            return results.version, results

        self.watcher = Watcher(fetch, self.show_results, self._results_error, name="digikomp-poll-results")
        self.watcher.start()

    def _stop(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def refresh_results(self) -> None:
        """Fetch the selected poll's results now."""
        if self.selected is None:
            return
        pid = self.selected
        results = guarded(self.stage_status, lambda: self.store.results(pid))
        if results.ok:
            self.show_results(results.value)

    def _results_error(self, error: StoreError) -> None:
        self.stage_status.error(f"Resultaten kan inte hämtas just nu: {error.message}")

    # --- the selected poll -------------------------------------------------------------------------------------

    @property
    def poll(self) -> Poll | None:
        if self.results is not None and self.results.poll.id == self.selected:
            return self.results.poll
        return self.polls_by_id.get(self.selected) if self.selected is not None else None

    def _show_poll_controls(self) -> None:
        poll = self.poll
        if poll is None:
            return
        self.state_button.description = "Stäng omröstningen" if poll.state == "open" else "Öppna igen"
        self.reveal_button.description = (
            "Dölj resultaten för deltagarna" if poll.revealed else "Visa resultat för deltagarna"
        )
        for b in (self.state_button, self.reveal_button):
            b.tooltip = b.description

    def _act(self, action: Any, done: str) -> bool:
        if guarded(self.poll_message, action).ok:
            self.poll_message.ok(done)
            return True
        return False

    def toggle_state(self) -> None:
        poll = self.poll
        if poll is None:
            return
        state = "closed" if poll.state == "open" else "open"
        done = "Omröstningen är stängd." if state == "closed" else "Omröstningen är öppen igen."
        self._change(lambda: self.store.update_poll(poll.id, state=state), done)

    def toggle_reveal(self) -> None:
        poll = self.poll
        if poll is None:
            return
        on = not poll.revealed
        done = "Deltagarna ser nu resultaten." if on else "Resultaten är dolda för deltagarna."
        self._change(lambda: self.store.update_poll(poll.id, revealed=on), done)

    def _change(self, action: Any, done: str) -> None:
        if self._act(action, done):
            self.refresh_list()
            self.refresh_results()
            self._show_poll_controls()

    def reset_poll(self) -> None:
        poll = self.poll
        if poll is not None:
            self._change(lambda: self.store.reset_poll(poll.id), "Alla svar är borttagna.")

    def delete_poll(self) -> None:
        poll = self.poll
        if poll is None:
            return
        self._stop()
        if self._act(lambda: self.store.delete_poll(poll.id), ""):
            self.select(None)
            self.refresh_list()
            self.list_message.ok(f"Omröstningen ”{poll.question}” är borttagen.")
        else:
            self._follow(poll.id)

    # --- results -----------------------------------------------------------------------------------------------

    def show_results(self, results: Results) -> None:
        """Draw the selected poll's results (called by the watcher whenever they change)."""
        with self._lock:
            if results.poll.id == self.selected:
                self._draw(results)

    def _draw(self, results: Results) -> None:
        self.results = results
        poll = results.poll
        self.polls_by_id[poll.id] = poll
        self._show_poll_controls()
        state = STATE_LABELS.get(poll.state, poll.state)
        shown = "resultaten visas för deltagarna" if poll.revealed else "resultaten är dolda för deltagarna"
        self.stage_head.value = tag("h3", poll.question) + tag("p", f"{state} · {shown}", cls="dk-muted")
        self.stage_status.clear()
        kind = poll.kind
        if kind in ("choice", "scale"):
            if results.respondents:
                self.chart.show(bars(results))
            else:
                self.chart.say(NO_ANSWERS)
        else:
            self.chart.value = ""
        text = summary_html(results)
        if kind == "words":
            text += word_cloud_html(results.words)
        elif kind == "open":
            visible = [a for a in results.answers if not a.hidden]
            items = "".join(tag("li", a.text) for a in visible)
            text += (
                tag("ul", raw=items, cls="dk-poll-answers")
                if visible
                else tag("p", NO_ANSWERS, cls="dk-muted")
            )
        elif kind == "qa":
            text += questions_html(results.questions)
        self.stage_text.value = text
        self._show_moderation(results)

    def _show_moderation(self, results: Results) -> None:
        kind = results.poll.kind
        rows: list[w.Widget] = []
        if kind in ("words", "open"):
            for a in results.answers:
                rows.append(self._moderation_row("answer", a.id, a.text, a.author, a.hidden, ""))
        elif kind == "qa":
            for q in by_upvotes(results.questions):
                rows.append(
                    self._moderation_row(
                        "question", q.id, q.text, q.author, q.hidden, upvotes_text(q.upvotes)
                    )
                )
        heading = "Svaren" if kind in ("words", "open") else "Frågorna"
        self.moderation.children = [html(tag("h4", f"{heading} (dölj eller visa)")), *rows] if rows else []

    def _moderation_row(
        self, what: str, item_id: int, text: str, author: str | None, hidden: bool, extra: str
    ) -> w.Widget:
        key = (what, item_id)
        if key not in self._moderation_rows:
            toggle = button("Dölj")
            toggle.on_click(lambda _, k=key: self.moderate(*k))
            self._moderation_rows[key] = (html(), toggle)
        label, toggle = self._moderation_rows[key]
        parts = [tag("span", text)]
        if author:
            parts.append(tag("span", f"– {author}", cls="dk-muted"))
        if extra:
            parts.append(tag("span", f"({extra})"))
        if hidden:
            parts.append(tag("span", "dold för deltagarna", cls="dk-badge"))
        label.value = tag("p", raw=" ".join(parts))
        noun = "svaret" if what == "answer" else "frågan"
        toggle.description = "Visa" if hidden else "Dölj"
        toggle.tooltip = f"{'Visa' if hidden else 'Dölj'} {noun}: {text}"
        self._hidden[key] = hidden
        return w.HBox([toggle, label], layout=w.Layout(align_items="center"))

    def moderate(self, what: str, item_id: int) -> None:
        poll = self.poll
        if poll is None:
            return
        hide = not self._hidden.get((what, item_id), False)
        store = self.store
        if what == "answer":
            action: Any = lambda: store.moderate_answer(poll.id, item_id, hide)  # noqa: E731
        else:
            action = lambda: store.moderate_question(poll.id, item_id, hide)  # noqa: E731
        noun = "Svaret" if what == "answer" else "Frågan"
        if self._act(action, f"{noun} är {'dold' if hide else 'synlig igen'} för deltagarna."):
            self.refresh_results()

    def _on_present(self) -> None:
        on = self.present.value
        self.present.description = PRESENT_OFF if on else PRESENT
        self.present.tooltip = self.present.description
        if on:
            self.add_class("dk-poll-present")
        else:
            self.remove_class("dk-poll-present")
        self._layout()

    # --- the session's summary and its export ------------------------------------------------------------------

    def _session_results(self, target: Message) -> list[Results] | None:
        store, session = self.store, self.session

        def collect() -> list[Results]:
            return [store.results(p.id) for p in store.polls(session=session)]

        return guarded(target, collect).value_or(None)

    def show_summary(self) -> None:
        results = self._session_results(self.export_message)
        if results is None:
            return
        self.summary_results = results
        self.summary.value = summary_table(results) if results else tag("p", NONE_YET, cls="dk-muted")

    def export(self, kind: str) -> None:
        """The session's results as an Excel workbook (``xlsx``) or a Word summary (``docx``), to download."""
        self.download.value = ""
        results = self._session_results(self.export_message)
        if results is None:
            return
        if not results:
            self.export_message.error(NONE_YET)
            return
        from ...live.export import export_file

        title = default_title(results)
        exported = guarded(self.export_message, lambda: export_file(kind, results, title))
        if not exported.ok:
            return
        made = exported.value
        label = "Excel-filen" if kind == "xlsx" else "Word-filen"
        self.download.set(made.name, made.mime, made.data, f"Ladda ned {label} ({made.name})")
        self.export_message.ok(f"{label} är klar.")


def _module_titles() -> dict[str, str]:
    from ...program import default_program

    return {event.id: event.label for event in default_program().events}


__all__ = ["PollsSection", "parse_filter", "parse_options", "parse_scale", "poll_label", "summary_table"]
