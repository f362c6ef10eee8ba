"""What the benchmark measures: the floor, every notebook of the course, and how to exercise each app.

Every notebook in ``notebooks/`` is an app and is measured automatically. :data:`INTERACTIONS` says, per
app, which input to change and which output must follow; an entry whose notebook does not exist yet (or whose
input is not on the page) is skipped with a printed note, so the registry can name apps before they are built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from widgets.paths import NOTEBOOKS_DIR

BENCH_DIR = Path(__file__).resolve().parent
FLOOR_NOTEBOOK = "floor.ipynb"
FLOOR_SOURCE = BENCH_DIR / FLOOR_NOTEBOOK

#: Apps that draw charts: their kernel may use up to 100 MB; every other app 70 MB (docs/performance.md).
CHART_APPS = frozenset({"60_nyttokalkyl.ipynb"})


@dataclass(frozen=True)
class Interaction:
    """Change one input and wait for one output to change, measured inside the page.

    ``input`` is a Playwright selector (``label=…`` finds a control by its label; the first match is used), ``kind`` how to change it: ``select`` picks the next
    option, ``number`` types the next of ``values`` and presses Enter (a text or number field, e.g. the
    readout of a slider), ``click`` clicks the next match of ``input`` (e.g. the next answer option). ``then``
    is clicked after the change when the app waits for a button (e.g. "Rätta"). ``output`` is a CSS selector
    (plain CSS: it is re-queried inside the page) and ``watch`` what of it must change: an attribute name or ``text``.
    ``open``, if it is on the page, is clicked once before the steps: the input is built on demand (an
    exercise's "Öppna: …").
    """

    notebook: str
    name: str
    input: str
    kind: str
    output: str
    watch: str
    values: tuple[str, ...] = ()
    then: str | None = None
    open: str | None = None
    note: str = ""
    steps: int = 20
    tags: tuple[str, ...] = field(default=())


INTERACTIONS: tuple[Interaction, ...] = (
    Interaction(
        notebook="00_start.ipynb",
        name="Startsida: Tillfällen → kalenderlänk",
        input="label=Tillfällen",
        kind="select",
        output=".dk-calendar a.dk-download",
        watch="download",
        note="the 'Tillfällen' dropdown; the .ics download link (its file name) follows the choice",
    ),
    Interaction(
        notebook="60_nyttokalkyl.ipynb",
        name="Nyttokalkyl: kalkylränta → diagram",
        input="label=Kalkylränta (%)",
        kind="number",
        values=("3", "4", "2,5", "5", "3,5", "1"),
        output="#rendered_cells .dk-nyttokalkyl .dk-svg-chart svg",
        watch="aria-label",
        note="the 'Kalkylränta (%)' text field (updates on Enter); the first chart of the page (the Resultat "
        "tab's cumulative present value, an inline SVG) must be replaced by one with a new text alternative",
        tags=("chart",),
    ),
    Interaction(
        notebook="10_modul1_power_skills.ipynb",
        name="Modul 1: svar i quiz → återkoppling",
        input=".widget-vbox:has(> .widget-radio.dk-statement) >> nth=0 >> input[type=radio]",
        kind="click",
        then=".widget-vbox:has(> .widget-radio.dk-statement) >> nth=0 >> button",
        output=".widget-vbox:has(> .widget-radio.dk-statement) > .widget-html:last-child",
        watch="text",
        open="role=button[name='Öppna: Kunskapskoll – verktyg för omvärldsbevakning och innovation']",
        note="the quiz is opened with its button first; then the first single-choice question (a RadioButtons "
        "with class dk-statement inside its question box): click the next option, then the question's 'Svara' "
        "button; the feedback (the box's last HTML widget) must change text",
    ),
)


@dataclass(frozen=True)
class App:
    notebook: str
    path: Path
    floor: bool = False

    @property
    def charts(self) -> bool:
        return self.notebook in CHART_APPS


def course_apps(notebooks_dir: Path = NOTEBOOKS_DIR) -> list[App]:
    """The floor first, then every notebook of the course in name order."""
    apps = [App(FLOOR_NOTEBOOK, FLOOR_SOURCE, floor=True)]
    apps += [App(p.name, p) for p in sorted(notebooks_dir.glob("*.ipynb"))]
    return apps
