"""The teacher's view of group work, per group and module: the members and the progress they chose to share,
lärlogg entries shared with the group, the notes on the module's boards and the group's dilemma votes.

Only what the group service returns to a teacher is shown: a private lärlogg entry never leaves the
participant's own store, a private board note is returned to its author only, and progress is there only for
those who switched on "Dela min framgång med läraren". Every text written by a participant is escaped.

Which boards and votes belong to a module is read from its content (``exercises/<module>.yaml``):

* boards: the workshop, scan and scenario exercises whose content has ``group_board:`` (the ones that have a group
  board on the module page, as in the harvest view); the board id is the exercise id (the module page's board
  posts under the id of its exercise), titled by the exercise's title;
* votes: the module's dilemmas in ``data/aiact/etik.yaml`` (module 3); the poll id is the dilemma's scenario id,
  and a choice that is an option id of the scenario's first card is shown with that option's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

import ipywidgets as w
from babel.dates import format_date

from ... import fmt
from ...errors import ContentError
from ...exercises import ModuleContent, Scan, Scenario, Workshop, load_module
from ...program import Event, Program, default_program
from ...store.capability import supports
from ...store.groupwork import GroupWork, Progress, VoteState
from ...store.models import local
from ...store.shared import BoardNote, SharedItem
from ...ui.controls import button, message
from ...ui.feedback import guarded
from ...ui.html import table, tag

TITLE = "Gruppernas arbete"
NO_HUB = "Lärarens översikt över grupperna behöver kursens JupyterHub."
NOT_TEACHER = "Översikten över gruppernas arbete är bara för kursens lärare."
NOT_SHARING = "delar inte sin framgång"


def when(moment: dt.datetime) -> str:
    """``2 december kl. 10.14`` in Swedish time."""
    at = local(moment)
    return f"{format_date(at.date(), 'd MMMM', locale=fmt.LOCALE)} kl. {fmt.clock(at.time())}"


def boards_of(content: ModuleContent) -> list[tuple[str, str]]:
    """(board id, title) of a module's boards: its workshop, scan and scenario exercises with a group board in
    the content, in content order."""
    return [
        (e.id, e.title)
        for e in content.exercises
        if isinstance(e, (Workshop, Scan, Scenario)) and e.group_board is not None
    ]


def dilemmas_of(content: ModuleContent, scenario_ids: Sequence[str]) -> list[Scenario]:
    """The module's dilemma scenarios (``scenario_ids``: the ethics file's dilemmas), in content order."""
    wanted = set(scenario_ids)
    return [e for e in content.of_type(Scenario) if e.id in wanted]


def _dilemma_ids() -> list[str]:
    from ...aiact.ethics import default_ethics

    return [d.scenario.id for d in default_ethics().dilemmas]


def progress_rows(members: Sequence[str], progress: Sequence[Progress], module: str) -> list[list[object]]:
    """One row per member: what they shared for ``module``, or that they do not share (every member listed)."""
    sharing = {p.user for p in progress}
    mine = {p.user: p for p in progress if p.module == module}
    rows: list[list[object]] = []
    for user in members:
        p = mine.get(user)
        if p is not None:
            rows.append([user, f"{p.done} av {p.total} klara", when(p.updated)])
        elif user in sharing:
            rows.append([user, "inget delat för den här modulen", ""])
        else:
            rows.append([user, NOT_SHARING, ""])
    return rows


def items_html(items: Sequence[SharedItem]) -> str:
    if not items:
        return tag("p", "Ingen i gruppen har delat något från lärloggen i den här modulen.", cls="dk-muted")
    parts = []
    for item in items:
        head = f"{item.author}, {when(item.shared)}" + (f" – {item.prompt}" if item.prompt else "")
        parts.append(tag("li", raw=tag("p", raw=tag("strong", head)) + tag("p", item.text, cls="dk-pre")))
    return tag("ul", raw="".join(parts), cls="dk-shared-items")


def notes_html(title: str, notes: Sequence[BoardNote], steps: Mapping[str, str]) -> str:
    rows: list[list[object]] = [
        [
            n.author,
            steps.get(n.step or "", n.step or ""),
            n.text,
            "ja" if n.harvested else "nej",
            when(n.created),
        ]
        for n in notes
    ]
    return tag("h4", title) + table(
        ["Av", "Steg", "Lapp", "Skördad", "Skriven"], rows, caption=f"Lappar på tavlan ”{title}”"
    )


def vote_html(scenario: Scenario, state: VoteState) -> str:
    options = {o.id: o.text for o in scenario.card(scenario.start).options} if scenario.cards else {}
    shown = "Resultatet visas för gruppen." if state.revealed else "Resultatet är inte visat för gruppen än."
    head = tag("h4", scenario.title) + tag("p", f"{state.voters} av {state.members} har röstat. {shown}")
    if not state.tally:
        return head + tag("p", "Inga röster än.", cls="dk-muted")
    rows: list[list[object]] = [
        [options.get(choice, choice), count]
        for choice, count in sorted(state.tally.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return head + table(["Val", "Röster"], rows, numeric={1}, caption=f"Röster: {scenario.title}")


class TeacherOverview(w.VBox):
    """Per group and module, for a teacher on the hub. ``store`` is the hub's shared store (group work and the
    shared lärlogg items); ``contents`` loads a module's content (default :func:`load_module`); ``dilemmas``
    gives the dilemma scenario ids (default: the ethics file's)."""

    def __init__(
        self,
        store: object,
        program: Program | None = None,
        *,
        contents: Callable[[str], ModuleContent] = load_module,
        dilemmas: Callable[[], list[str]] = _dilemma_ids,
    ) -> None:
        self.store = store
        self._contents = contents
        self._dilemmas = dilemmas
        self._loaded: dict[str, ModuleContent] = {}
        self.message = message()
        self.body = w.HTML()
        heading = w.HTML(tag("h2", TITLE))
        if supports(store, GroupWork) is None or not hasattr(store, "shared_items"):
            self.message.info(NO_HUB)
            super().__init__([heading, self.message])
            return
        if not store.teacher:
            self.message.error(NOT_TEACHER)
            super().__init__([heading, self.message])
            return
        events: tuple[Event, ...] = (program or default_program()).events
        groups = guarded(self.message, store.visible_groups).value_or([])
        self.group = w.Dropdown(options=groups, description="Grupp", style={"description_width": "initial"})
        self.module = w.Dropdown(options=[(e.label, e.id) for e in events], description="Modul",
                                 style={"description_width": "initial"})  # fmt: skip
        self.refresh_button = button("Uppdatera", tooltip="Hämta gruppens arbete på nytt")
        self.group.observe(lambda _: self.refresh(), "value")
        self.module.observe(lambda _: self.refresh(), "value")
        self.refresh_button.on_click(lambda _: self.refresh())
        intro = tag(
            "p",
            "Välj grupp och modul. Du ser det gruppen har delat, lapparna på modulens tavlor, gruppens röster och "
            "framgången för dem som har valt att dela den med läraren. Privata anteckningar syns aldrig här.",
        )
        super().__init__(
            [
                w.HTML(tag("h2", TITLE) + intro),
                w.HBox([self.group, self.module, self.refresh_button], layout=w.Layout(flex_flow="row wrap")),
                self.message,
                self.body,
            ]
        )
        if not groups and not self.message.has_error:
            self.message.info("Det finns inga grupper på kursens JupyterHub än.")
        self.refresh()

    def content(self, module: str) -> ModuleContent:
        if module not in self._loaded:
            self._loaded[module] = self._contents(module)
        return self._loaded[module]

    def refresh(self) -> str | None:
        """Read the chosen group's work in the chosen module again; the HTML shown, or None after an error."""
        group, module = self.group.value, self.module.value
        if not group or not module:
            self.body.value = ""
            return None
        built = guarded(self.message, lambda: self._build(group, module))
        if not built.ok:
            return None
        shown = built.value
        self.body.value = shown
        self.message.info(f"Uppdaterat kl. {fmt.clock(local(dt.datetime.now(dt.UTC)).time())}.")
        return shown

    def _build(self, group: str, module: str) -> str:
        store = self.store
        assert supports(store, GroupWork) is not None
        members = store.members(group)
        progress = store.group_progress(group)
        parts = [
            tag("h3", f"Deltagare och framgång ({len(members)})"),
            table(
                ["Deltagare", "Framgång i modulen", "Uppdaterad"],
                progress_rows(members, progress, module),
                caption=f"Gruppen {group}: framgång som deltagarna delar med läraren",
            ),
            tag("h3", "Delat från lärloggen"),
            items_html(store.shared_items(group, module)),  # type: ignore[attr-defined]
        ]
        try:
            content = self.content(module)
        except (ContentError, FileNotFoundError, KeyError):
            parts.append(
                tag("p", "Modulens innehåll kunde inte läsas; tavlor och röster visas inte.", cls="dk-error")
            )
            return "".join(parts)
        parts.append(tag("h3", "Tavlor"))
        boards = boards_of(content)
        if not boards:
            parts.append(tag("p", "Den här modulen har inga tavlor för grupperna.", cls="dk-muted"))
        empty = []
        for board_id, title in boards:
            notes = store.board(group, board_id)
            if not notes:
                empty.append(title)
                continue
            exercise = content.get(board_id)
            steps = {s.id: s.title for s in exercise.steps} if isinstance(exercise, Workshop) else {}
            parts.append(notes_html(title, notes, steps))
        if empty:
            parts.append(
                tag("p", "Inga delade lappar än: " + ", ".join(f"”{t}”" for t in empty) + ".", cls="dk-muted")
            )
        dilemmas = dilemmas_of(content, self._dilemmas())
        if dilemmas:
            parts.append(tag("h3", "Gruppens röster"))
            parts.extend(vote_html(d, store.vote_state(group, d.id)) for d in dilemmas)
        return "".join(parts)
