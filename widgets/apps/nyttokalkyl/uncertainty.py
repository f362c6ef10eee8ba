"""The uncertainty tab: tornado, break-even values and a seeded Monte Carlo simulation (10 000 draws)."""

from __future__ import annotations

import ipywidgets as w

from ... import fmt
from ...benefit import Case, MonteCarlo, Result, break_even, monte_carlo, tornado
from ...benefit import texts as btexts
from ...benefit.report import factor_value
from ...errors import DomainError
from ...ui.controls import message
from ...ui.feedback import guarded
from ...ui.html import table, tag
from ...ui.lazy import BuiltWhenShown
from . import fields
from .charts import MonteCarloChart, TornadoChart

DRAWS = 10_000
BREAK_EVEN_ROWS = 6
NO_UNCERTAIN = "Inga osäkra poster ännu – ange lågt och högt värde för en post."


def break_even_html(case: Case, alternative: int) -> str:
    rows = []
    for entry in break_even(case, alternative)[:BREAK_EVEN_ROWS]:
        if entry.value is None:
            value, change = btexts.MISSING, "påverkar inte nettonuvärdet"
        elif not entry.reachable:
            value, change = "nås inte", "nettonuvärdet förblir positivt även vid 0"
        else:
            value = factor_value(entry.factor, entry.value)
            change = btexts.MISSING if entry.change is None else fmt.percent(entry.change)
        rows.append([entry.label, factor_value(entry.factor, entry.likely), value, change])
    if not rows:
        return tag("p", "Kalkylen har inga värden i pengar att räkna brytpunkter för.", cls="dk-muted")
    return table(
        ["Indata", "Troligt värde", "Brytpunkt (nettonuvärde = 0)", "Ändring från troligt"],
        rows,
        numeric={1, 2, 3},
        caption="Brytpunkter för de indata som påverkar mest",
    )


def simulation_html(result: MonteCarlo) -> str:
    figures = [
        ("Sannolikhet att nettonuvärdet är större än 0", fmt.percent(result.p_npv_positive)),
        ("P10 (9 av 10 utfall är bättre)", fmt.sek(result.p10)),
        ("P50 (medianen)", fmt.sek(result.p50)),
        ("P90 (1 av 10 utfall är bättre)", fmt.sek(result.p90)),
        ("Medelvärde", fmt.sek(result.mean)),
    ]
    cards = "".join(tag("div", cls="dk-kf", raw=tag("dt", k) + tag("dd", v)) for k, v in figures)
    return tag("dl", cls="dk-kf-list dk-mc-figures", raw=cards)


class UncertaintyView(BuiltWhenShown):
    """Tornado and break-even values from the model; Monte Carlo redrawn with every change while shown (built
    when its tab is first shown)."""

    def __init__(self) -> None:
        super().__init__()
        self.last: MonteCarlo | None = None
        self._state: tuple[Case, int] | None = None
        self._uncertain = False

    def build(self) -> list[w.Widget]:
        self.tornado = TornadoChart()
        self.simulation = MonteCarloChart()
        self.break_even = w.HTML()
        self.figures = w.HTML()
        self.distribution = fields.dropdown(
            "Fördelning",
            [(btexts.DISTRIBUTION_LABELS[d].capitalize(), d) for d in btexts.DISTRIBUTIONS],
            "triangular",
        )
        self.seed = fields.text_field("Slumpfrö", "1", "9em", "Samma frö ger samma resultat")
        self.run_button = w.Button(description="Kör simuleringen", icon="refresh", button_style="primary")
        self.message = message()
        self.distribution.observe(lambda _: self.simulate(), "value")
        self.seed.observe(lambda _: self.simulate(), "value")
        self.run_button.on_click(lambda _: self.simulate())
        intro = tag(
            "p",
            "Tornadodiagrammet visar hur nettonuvärdet ändras när en osäker post i taget går från lågt till "
            "högt värde medan de andra står kvar på troligt värde. Den översta stapeln är den osäkerhet som "
            "betyder mest.",
        )
        mc_intro = tag(
            "p",
            f"Simuleringen drar alla osäkra poster samtidigt {fmt.number(DRAWS)} gånger ur sina tre "
            "punktskattningar (lågt, troligt, högt). Samma slumpfrö ger alltid samma resultat.",
        )
        return [
            w.HTML(tag("h2", "Tornadodiagram") + intro),
            self.tornado.widget,
            self.break_even,
            w.HTML(tag("h2", "Monte Carlo-simulering") + mc_intro),
            w.HBox([self.distribution, self.seed, self.run_button], layout=fields.row_layout()),
            self.message,
            self.figures,
            self.simulation.widget,
        ]

    @property
    def case(self) -> Case | None:
        """The case the tornado and simulation were last drawn for."""
        return None if self._state is None else self._state[0]

    def update(self, case: Case, alternative: int, result: Result) -> None:
        self.ensure_built()
        self._state = (case, alternative)
        sweep = tornado(case, alternative)
        self._uncertain = bool(sweep.bars)
        if self._uncertain:
            self.tornado.update(sweep)
        else:  # a sentence, not a tornado without bars or a histogram of one value
            self.tornado.widget.say(NO_UNCERTAIN)
        self.break_even.value = break_even_html(case, alternative)
        self.simulate()

    def simulate(self) -> MonteCarlo | None:
        """Run the seeded simulation for the current case; a bad seed gives a message, the old result stays."""
        if self._state is None:
            return None
        case, alternative = self._state
        self.run_button.disabled = not self._uncertain
        if not self._uncertain:
            self.last = None
            self.message.clear()
            self.figures.value = ""
            self.simulation.widget.say(NO_UNCERTAIN)
            return None

        def run() -> MonteCarlo:
            seed = fields.integer(self.seed, "seed")
            if seed < 0:
                raise DomainError("seed", "Slumpfrö: ange ett heltal som är 0 eller större.")
            return monte_carlo(case, DRAWS, seed, self.distribution.value, alternative)

        simulated = guarded(self.message, run)
        if not simulated.ok:
            return None
        result = simulated.value
        self.last = result
        self.figures.value = simulation_html(result)
        self.simulation.update(result)
        return result
