"""Excel export (.xlsx, openpyxl) in which the yearly table and the key figures are live formulas.

Sheets: ``Antaganden`` (inputs: rate, start year, horizon, optimism uplift, every estimate and every item),
``Upptrappning`` (ramp-up share per item and year), ``Poster per år`` (item × year amounts as formulas),
``Kalkyl`` (the yearly table and key figures as formulas), ``Inte i pengar``, ``Källor`` and, when the case has
one, ``Nyttorealiseringsplan``. Change a likely
value, the rate or an item's years in ``Antaganden`` and Excel or LibreOffice recalculates everything. The
number of year columns is fixed at export; a shorter horizon in ``Antaganden`` zeroes the later years.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import texts
from .engine import Compiled
from .model import Case, Item
from .period import outside_period
from .report import PLAN_COLUMNS, YEARLY_COLUMNS, plan_value

KR = '#,##0 "kr"'
PCT = "0.0%"
_BOLD = Font(bold=True)


@dataclass
class Layout:
    """Where things are in the workbook (``Sheet!A1`` addresses), for tests and for the view's help text."""

    rate: str = ""
    start_year: str = ""
    horizon: str = ""
    uplift: str = ""
    likely: dict[str, str] = field(default_factory=dict)  # parameter label -> cell of its likely value
    key_figures: dict[str, str] = field(default_factory=dict)  # npv, pv_benefits, ... -> cell
    yearly: dict[str, str] = field(default_factory=dict)  # column name -> column letter in "Kalkyl"
    first_row: int = 2
    last_row: int = 2


def _multiplier_formula(item: Item, factor: str) -> str | float:
    if factor == "minutes_per_case":
        return "=1/60"
    if factor == "monthly_salary" and item.driver is not None:
        if item.driver.salary_method == texts.SALARY_INERA:
            return "=1.54/142"
        return f"=(1+{item.driver.po_rate})/142"
    return 1


def _header(ws: Worksheet, row: int, labels: list[str]) -> None:
    for col, label in enumerate(labels, start=1):
        ws.cell(row, col, label).font = _BOLD


def build_workbook(case: Case, alternative: int | str = 0) -> tuple[Workbook, Layout]:
    """The workbook for one alternative of a case, and where its inputs and key figures are."""
    model = Compiled(case, alternative)
    layout = Layout()
    wb = Workbook()
    wb.calculation.fullCalcOnLoad = True
    ws = wb.active
    ws.title = "Antaganden"
    ws["A1"] = f"Nyttokalkyl: {case.name} – {model.alternative.name}"
    ws["A1"].font = Font(bold=True, size=14)
    general = [
        ("Kalkylränta (real)", case.discount_rate, PCT, case.discount_rate_source),
        ("Startår (år 0)", case.start_year, "0", ""),
        ("Kalkylperiod (år)", case.horizon_years, "0", case.horizon_source or "Fler år kräver en ny export."),
        ("Optimismpåslag på kostnader", case.optimism_bias.uplift if case.optimism_bias else 0, PCT,
         case.optimism_bias.source if case.optimism_bias else "Inget påslag."),
    ]  # fmt: skip
    for offset, (label, value, number_format, source) in enumerate(general):
        row = 3 + offset
        ws.cell(row, 1, label)
        ws.cell(row, 2, value).number_format = number_format
        ws.cell(row, 3, source)
    layout.rate, layout.start_year, layout.horizon, layout.uplift = (
        f"Antaganden!$B${r}" for r in (3, 4, 5, 6)
    )
    ws.cell(7, 1, "Prisnivå")
    ws.cell(7, 2, case.price_level)
    notes = outside_period(case, alternative)
    if notes:  # the formulas count only years < horizon, like the app; never silently
        ws.cell(8, 1, "Obs vid exporten: " + " ".join(note.message for note in notes)).font = _BOLD
    item_rows = _write_inputs(ws, model, layout)
    _write_item_years(wb, model, layout, item_rows)
    _write_calculation(wb, model, layout)
    _write_extras(wb, case, model)
    _write_plan(wb, case)
    return wb, layout


def _write_inputs(ws: Worksheet, model: Compiled, layout: Layout) -> list[int]:
    row = 9
    ws.cell(row, 1, "Skattningar (ändra det troliga värdet – kalkylen räknas om)").font = _BOLD
    row += 1
    _header(
        ws,
        row,
        ["Post", "Parameter", "Lågt", "Troligt (används)", "Högt", "Multiplikator", "Källa / antagande"],
    )
    param_cells: list[list[tuple[str, str]]] = []
    for item in model.items:
        cells = []
        for name, estimate, _ in item.factors():
            row += 1
            ws.cell(row, 1, item.label)
            ws.cell(row, 2, texts.FACTOR_LABELS[name])
            for col, value in ((3, estimate.low), (4, estimate.likely), (5, estimate.high)):
                ws.cell(row, col, value).number_format = "#,##0.##"
            ws.cell(row, 6, _multiplier_formula(item, name)).number_format = "0.######"
            source = estimate.source or item.source
            if estimate.assumption or item.assumption:
                source = f"Antagande för övningen. {estimate.note or item.note}".strip()
            ws.cell(row, 7, source)
            cells.append((f"Antaganden!$D${row}", f"Antaganden!$F${row}"))
            layout.likely[f"{item.label} – {texts.FACTOR_LABELS[name]}"] = f"Antaganden!D{row}"
        param_cells.append(cells)

    row += 2
    ws.cell(row, 1, "Poster").font = _BOLD
    row += 1
    _header(ws, row, ["Post", "Typ", "Kategori", "Intressent", "Från år", "Till år", "Investering",
                      "Optimismpåslag", "Belopp per år"])  # fmt: skip
    item_rows = []
    for i, item in enumerate(model.items):
        row += 1
        item_rows.append(row)
        to_year: str | int = f"={layout.horizon}-1" if item.to_year is None else item.to_year
        product = "*".join(f"{d}*{m}" for d, m in param_cells[i])
        flags = ["ja" if item.is_investment else "nej", "ja" if model.uplifted[i] else "nej"]
        values: list[object] = [
            item.label,
            item.kind,
            item.category,
            item.stakeholder,
            item.from_year,
            to_year,
        ]
        values += flags
        values.append(f"={product}")
        for col, cell_value in enumerate(values, start=1):
            ws.cell(row, col, cell_value)
        ws.cell(row, 9).number_format = KR
    for letter, width in zip("ABCDEFGHI", (42, 24, 14, 18, 14, 12, 12, 18, 16), strict=True):
        ws.column_dimensions[letter].width = width
    return item_rows


def _write_item_years(wb: Workbook, model: Compiled, layout: Layout, item_rows: list[int]) -> None:
    years = model.horizon
    ramp = wb.create_sheet("Upptrappning")
    ramp["A1"] = "Andel av full effekt per år (1 = 100 %)"
    ramp["A1"].font = _BOLD
    _header(ramp, 2, ["Post", *range(years)])
    per_year = wb.create_sheet("Poster per år")
    _header(per_year, 1, ["Post", "Typ", "Investering", *range(years)])
    for i, item in enumerate(model.items):
        ramp.cell(3 + i, 1, item.label)
        a = item_rows[i]
        per_year.cell(2 + i, 1, item.label)
        per_year.cell(2 + i, 2, f"=Antaganden!B{a}")
        per_year.cell(2 + i, 3, f"=Antaganden!G{a}")
        for t in range(years):
            col = get_column_letter(2 + t)
            ramp.cell(3 + i, 2 + t, item.ramp_factor(t) if t >= item.from_year else 1).number_format = "0%"
            active = f"AND({t}>=Antaganden!$E${a},{t}<=Antaganden!$F${a},{t}<{layout.horizon})"
            uplift = f'IF(Antaganden!$H${a}="ja",1+{layout.uplift},1)'
            formula = f"=IF({active},Antaganden!$I${a}*Upptrappning!{col}{3 + i}*{uplift},0)"
            per_year.cell(2 + i, 4 + t, formula).number_format = KR
    ramp.column_dimensions["A"].width = 42
    per_year.column_dimensions["A"].width = 42


def _write_calculation(wb: Workbook, model: Compiled, layout: Layout) -> None:
    years, n = model.horizon, len(model.items)
    calc = wb.create_sheet("Kalkyl", 1)
    keys = [*YEARLY_COLUMNS, "payback_helper", "dpayback_helper"]
    _header(calc, 1, [*(c.label for c in YEARLY_COLUMNS.values()), "Återbetalt från år (hjälp)",
                      "Diskonterat återbetalt från år (hjälp)"])  # fmt: skip
    layout.yearly = {key: get_column_letter(k + 1) for k, key in enumerate(keys)}
    c = layout.yearly
    first, last = 2, 1 + years
    layout.first_row, layout.last_row = first, last
    type_range = f"'Poster per år'!$B$2:$B${1 + n}"
    inv_range = f"'Poster per år'!$C$2:$C${1 + n}"
    for t in range(years):
        r = first + t
        col = get_column_letter(4 + t)
        amounts = f"'Poster per år'!{col}2:{col}{1 + n}"
        formulas = {
            "year": t,
            "calendar_year": f"={layout.start_year}+{c['year']}{r}",
            "costs": f'=SUMIF({type_range},"{texts.COST}",{amounts})' if n else 0,
            "benefits": f'=SUMIF({type_range},"{texts.BENEFIT}",{amounts})' if n else 0,
            "net": f"={c['benefits']}{r}-{c['costs']}{r}",
            "discount_factor": f"=1/(1+{layout.rate})^{c['year']}{r}",
            "present_value": f"={c['net']}{r}*{c['discount_factor']}{r}",
            "cumulative_net": f"=SUM({c['net']}${first}:{c['net']}{r})",
            "cumulative_present_value": f"=SUM({c['present_value']}${first}:{c['present_value']}{r})",
            "investments": f'=SUMIFS({amounts},{type_range},"{texts.COST}",{inv_range},"ja")' if n else 0,
            "payback_helper": f"=IF(COUNTIF({c['cumulative_net']}{r}:{c['cumulative_net']}${last},"
            f'"<-0.005")=0,{c["year"]}{r},"")',
            "dpayback_helper": f"=IF(COUNTIF({c['cumulative_present_value']}{r}:"
            f'{c["cumulative_present_value"]}${last},"<-0.005")=0,{c["year"]}{r},"")',
        }
        for k, key in enumerate(keys, start=1):
            cell = calc.cell(r, k, formulas[key])
            kind = YEARLY_COLUMNS[key].kind if key in YEARLY_COLUMNS else ""
            if kind == "money":
                cell.number_format = KR
            elif kind == "factor":
                cell.number_format = "0.0000"

    def rng(key: str) -> str:
        return f"{c[key]}{first}:{c[key]}{last}"

    none = texts.NOT_WITHIN_PERIOD
    no_flows = f"SUMPRODUCT(ABS({rng('net')}))=0"
    factor = rng("discount_factor")
    figures = [
        ("npv", "Nettonuvärde", f"=SUM({rng('present_value')})", KR),
        ("pv_benefits", "Nuvärde av nyttor", f"=SUMPRODUCT({rng('benefits')},{factor})", KR),
        ("pv_costs", "Nuvärde av kostnader", f"=SUMPRODUCT({rng('costs')},{factor})", KR),
        ("pv_investments", "Nuvärde av investeringar", f"=SUMPRODUCT({rng('investments')},{factor})", KR),
        ("benefit_cost_ratio", "Nyttokostnadskvot", f'=IF(ABS(O5)<0.000001,"{texts.MISSING}",O4/O5)', "0.00"),
        ("nnk", "Nettonuvärdeskvot (NNK)", f'=IF(ABS(O6)<0.000001,"{texts.MISSING}",O3/O6)', "0.00"),
        ("payback_year", "Återbetalningsår",
         f'=IF(OR({no_flows},COUNT({rng("payback_helper")})=0),"{none}",MIN({rng("payback_helper")}))', "0"),
        ("discounted_payback_year", "Diskonterat återbetalningsår",
         f'=IF(OR({no_flows},COUNT({rng("dpayback_helper")})=0),"{none}",MIN({rng("dpayback_helper")}))',
         "0"),
        ("irr", "Internränta", f'=IFERROR(IRR({rng("net")}),"{texts.MISSING}")', PCT),
    ]  # fmt: skip
    calc.cell(2, 14, "Nyckeltal").font = _BOLD
    for k, (key, label, formula, number_format) in enumerate(figures):
        r = 3 + k
        calc.cell(r, 14, label)
        calc.cell(r, 15, formula).number_format = number_format
        layout.key_figures[key] = f"Kalkyl!O{r}"
    calc.column_dimensions["N"].width = 30
    calc.column_dimensions["O"].width = 18
    for key, column in YEARLY_COLUMNS.items():
        if column.kind == "money":
            calc.column_dimensions[c[key]].width = 16


def _write_extras(wb: Workbook, case: Case, model: Compiled) -> None:
    other = wb.create_sheet("Inte i pengar")
    _header(other, 1, ["Post", "Typ", "Kategori", "Intressent", "Beskrivning", "Källa"])
    for r, item in enumerate((i for i in model.alternative.items if not i.valued_in_money), start=2):
        for c, value in enumerate(
            (item.label, item.kind, item.category, item.stakeholder, item.description, item.source), start=1
        ):
            other.cell(r, c, value)
    sources = wb.create_sheet("Källor")
    sources["A1"] = "Källor"
    sources["A1"].font = _BOLD
    for r, text in enumerate(case.sources, start=2):
        sources.cell(r, 1, text)


def _write_plan(wb: Workbook, case: Case) -> None:
    """The nyttorealiseringsplan, one row per entry (no sheet when the case has no plan)."""
    if not case.realisation_plan:
        return
    ws = wb.create_sheet("Nyttorealiseringsplan")
    _header(ws, 1, list(PLAN_COLUMNS.values()))
    for entry in case.realisation_plan:
        ws.append([plan_value(entry, key) for key in PLAN_COLUMNS])


def workbook_bytes(case: Case, alternative: int | str = 0) -> bytes:
    """The workbook as .xlsx bytes (for a download link)."""
    wb, _ = build_workbook(case, alternative)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(case: Case, path: Path | str, alternative: int | str = 0) -> Layout:
    """Write the workbook to ``path`` (.xlsx); returns where the inputs and key figures are."""
    wb, layout = build_workbook(case, alternative)
    wb.save(Path(path))
    return layout
