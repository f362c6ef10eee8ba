"""The PENG-style view: benefits as green, yellow and red bars against the cost, from ``benefit.peng``."""

from __future__ import annotations

import ipywidgets as w

from ... import fmt
from ...benefit import Case, Peng, Result, peng
from ...benefit import texts as btexts
from ...ui.html import bullets, table, tag
from ...ui.lazy import BuiltWhenShown
from .charts import PengChart

COLOUR_NAMES = {
    btexts.PENG_GREEN: "Grön – direkt ekonomisk effekt",
    btexts.PENG_YELLOW: "Gul – indirekt effekt (t.ex. frigjord tid)",
    btexts.PENG_RED: "Röd – svår att värdera i pengar",
}


def peng_html(result: Peng) -> str:
    rows = [
        [bar.label, bar.colour, bar.category, btexts.MISSING if bar.value is None else fmt.sek(bar.value)]
        for bar in result.bars
    ]
    html = table(["Nytta", "Färg", "Kategori", "Värde"], rows, numeric={3}, caption="Nyttorna i PENG-färger")
    totals = [f"{COLOUR_NAMES[colour]}: {fmt.sek(value)}" for colour, value in result.by_colour.items()]
    totals.append(f"Kostnad: {fmt.sek(result.cost)}")
    totals.append(f"Nettonytta (nytta − kostnad): {fmt.sek(result.net_benefit)}")
    html += bullets(totals)
    if result.not_valued:
        html += tag(
            "p",
            "Inte värderade i pengar (räknas som röda, utan belopp): " + ", ".join(result.not_valued) + ".",
        )
    return html


class PengView(BuiltWhenShown):
    """PENG's picture of the same case, for those who know the PENG model (built when its tab is first shown)."""

    def __init__(self) -> None:
        super().__init__()
        self._state: tuple[Case, int] | None = None

    def build(self) -> list[w.Widget]:
        self.chart = PengChart()
        self.discounted = w.Checkbox(value=False, description="Visa nuvärden (diskonterat)", indent=False)
        self.discounted.layout.width = "auto"
        self.details = w.HTML()
        self.discounted.observe(lambda _: self._redraw(), "value")
        intro = tag(
            "p",
            "PENG delar nyttorna i grönt (direkt effekt på ekonomin, kategorin finansiell), gult (indirekt, "
            "till exempel frigjord tid: omfördelning) och rött (svårt att värdera: kvalitet, miljö och allt som "
            "inte värderas i pengar). PENG har ingen tidsaxel, så staplarna är summor över hela perioden.",
        )
        return [w.HTML(tag("h2", "PENG-vy") + intro), self.discounted, self.chart.widget, self.details]

    def update(self, case: Case, alternative: int, result: Result) -> None:
        self.ensure_built()
        self._state = (case, alternative)
        self._redraw()

    def _redraw(self) -> None:
        if self._state is None:
            return
        case, alternative = self._state
        result = peng(case, alternative, discounted=self.discounted.value)
        self.chart.update(result)
        self.details.value = peng_html(result)
