"""The klimatkalkyl (module 5): the organisation's own choices → :func:`widgets.climate.evaluate`, shown as a
table, an SVG chart with its text alternative, the spread over electricity intensities and the rebound effects
beside it; a Markdown download; the choices saved in the personal store (module ``modul5``, exercise
``klimatkalkyl``, item ``val``) whenever they give a result. The bridge to the Nyttokalkyl is :mod:`.bridge`.

Controls are built when the calculator is opened (:class:`Openable`); bad input is shown in Swedish right
below its field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from ... import fmt
from ...climate import (
    Choices,
    Compute,
    DataUse,
    DeviceUse,
    Factors,
    Meetings,
    Result,
    default_factors,
    evaluate,
)
from ...climate.report import kg, num, rows, to_markdown, totals
from ...errors import DomainError
from ...store import PersonalStore
from ...ui.chart import SvgChart
from ...ui.controls import html, message, reused
from ...ui.download import DownloadLink
from ...ui.feedback import Message, guarded
from ...ui.html import esc, table, tag
from ..exercises._common import Openable
from .chart import climate_chart

MODULE = "modul5"
EXERCISE = "klimatkalkyl"
ITEM = "val"
TITLE = "Klimatkalkyl: möten, enheter och data"

#: field → (label, default text); numbers are typed as text so that 1,5 and 1 234 work.
NUMBERS: dict[str, tuple[str, str]] = {
    "meetings.per_year": ("Möten per år", "10"),
    "meetings.participants": ("Deltagare per möte", "8"),
    "meetings.km": ("Kilometer per deltagare, tur och retur", "100"),
    "meetings.occupants": ("Personer per bil", "1"),
    "meetings.hours": ("Mötets längd i timmar", "2"),
    "data.gb_per_year": ("Överförd data per år (GB)", "0"),
    "compute.hours_per_year": ("Beräkningstimmar per år", "0"),
    "compute.cores": ("Antal processorkärnor", "1"),
    "compute.watts_per_core": ("Effekt per kärna (W)", "0"),
    "compute.usage": ("Användningsgrad (%)", "100"),
    "compute.memory_gb": ("Minne (GB)", "0"),
}
DEVICE_FIELDS = (
    ("count", "Antal"),
    ("current_years", "Byts i dag efter (år)"),
    ("longer_years", "Byts i stället efter (år)"),
)
DEFAULT_MODE = "bil-bensin"
DEVICE_DEFAULTS = {"count": "0", "current_years": "4", "longer_years": "6"}


class ClimateCalculator(Openable):
    def __init__(self, store: PersonalStore, factors: Factors | None = None, today=None) -> None:
        self.store = store
        self.factors = factors or default_factors()
        self.today = today or dt.date.today
        self._saved: dict[str, Any] = {}
        # Kept: load() writes some fifteen controls and wants one recompute (and one save) at the end, not one
        # per control; held() would only defer those recomputes, and the half-written states differ from the
        # saved choices, so comparing with them cannot tell a load from typing.
        self._loading = False
        self.result: Result | None = None
        self.fields: dict[str, w.Text] = {}
        self.messages: dict[str, Message] = {}
        self.mode: w.Dropdown | None = None
        self.camera: w.Checkbox | None = None
        self.electricity: w.Dropdown | None = None
        self.summary = html()  # one sentence, also before the calculator is opened
        self.table: w.HTML | None = None  # these three are built with the controls
        self.message = message()
        self.download: DownloadLink | None = (
            None  # built with the controls: there is nothing to download before
        )
        self.chart: SvgChart | None = None
        self.spread: w.HTML | None = None
        self.beside: w.HBox | None = None  # the result and, beside it, the rebound effects
        self.bridge = None
        intro = html(
            tag("h2", TITLE)
            + tag(
                "p",
                "Jämför fysiska möten med videomöten, räkna vad en längre livslängd för datorer och telefoner "
                "sparar, och se vad dataöverföring och beräkningar ger med olika el. Resultatet är kilogram "
                "koldioxidekvivalenter (CO2e) per år för din egen organisations val – med ett lågt, ett troligt "
                "och ett högt värde, eftersom källorna skiljer sig.",
            )
            + tag("p", "Dina val sparas i din egen lärlogg när de ger ett resultat.", cls="dk-muted")
        )
        super().__init__(TITLE, [intro], [self.message, self.summary])

    # --- controls ------------------------------------------------------------------------------------------

    def _text(self, fld: str, label: str, default: str) -> list[w.Widget]:
        value = self._saved.get(fld, default)
        box = w.Text(
            value=str(value),
            description=label,
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"),
        )
        box.observe(lambda _: self.recompute(), names="value")
        self.fields[fld] = box
        self.messages[fld] = message()
        return [box, self.messages[fld]]

    def build(self) -> list[w.Widget]:
        f = self.factors
        parts: list[w.Widget] = [html(tag("h3", "Möten"))]
        for fld in ("meetings.per_year", "meetings.participants", "meetings.km"):
            parts += self._text(fld, *NUMBERS[fld])
        self.mode = w.Dropdown(
            options=[(m.label, m.id) for m in f.modes],
            value=self._saved.get(
                "meetings.mode", DEFAULT_MODE if DEFAULT_MODE in {m.id for m in f.modes} else f.modes[0].id
            ),
            description="Färdsätt till det fysiska mötet",
            style={"description_width": "initial"},
            layout=reused("auto"),
        )
        self.mode.observe(lambda _: self.recompute(), names="value")
        self.messages["meetings.mode"] = message()
        parts += [self.mode, self.messages["meetings.mode"]]
        for fld in ("meetings.occupants", "meetings.hours"):
            parts += self._text(fld, *NUMBERS[fld])
        self.camera = w.Checkbox(
            value=bool(self._saved.get("meetings.camera_on", True)),
            description="Kameran är på i videomötet",
            indent=False,
            layout=reused("auto"),
        )
        self.camera.observe(lambda _: self.recompute(), names="value")
        parts.append(self.camera)
        parts.append(html(tag("h3", "Datorer och telefoner")))
        for device in f.devices:
            for key, label in DEVICE_FIELDS:
                parts += self._text(
                    f"{device.id}.{key}", f"{device.label}: {label.lower()}", DEVICE_DEFAULTS[key]
                )
        parts.append(html(tag("h3", "Data och beräkningar")))
        parts += self._text("data.gb_per_year", *NUMBERS["data.gb_per_year"])
        parts.append(
            html(
                tag(
                    "p",
                    "Beräkningar räknas med Green Algorithms: timmar × PUE × (kärnor × effekt per kärna × "
                    "användningsgrad + minne × 0,3725 W per GB). Effekten per kärna är processorns TDP delad med "
                    "antalet kärnor (ur tillverkarens datablad).",
                    cls="dk-muted",
                )
            )
        )
        for fld in (
            "compute.hours_per_year",
            "compute.cores",
            "compute.watts_per_core",
            "compute.usage",
            "compute.memory_gb",
        ):
            parts += self._text(fld, *NUMBERS[fld])
        self.electricity = w.Dropdown(
            options=[(e.label, e.id) for e in f.electricity],
            value=self._saved.get("electricity", f.electricity[0].id),
            description="Elens klimatpåverkan",
            style={"description_width": "initial"},
            layout=reused("auto"),
        )
        self.electricity.observe(lambda _: self.recompute(), names="value")
        self.messages["electricity"] = message()
        parts += [self.electricity, self.messages["electricity"]]
        from .bridge import BenefitBridge

        self.bridge = BenefitBridge(self.store, lambda: self.result)
        rebound = html(
            tag("h3", "Rekyleffekter – ingår inte i siffrorna")
            + tag("p", f.rebound_intro)
            + tag(
                "ul",
                raw="".join(
                    tag("li", raw=tag("strong", e.title + ".") + " " + esc(e.text)) for e in f.rebound
                ),
            )
            + tag("p", f"Källa: {f.rebound_source}", cls="dk-source")
        )
        self.table, self.chart, self.spread = html(), SvgChart(), html()
        results = w.VBox(
            [self.table, self.chart, self.spread, html(sources_html(f))], layout=w.Layout(flex="2 1 28em")
        )
        side = w.VBox([rebound], layout=w.Layout(flex="1 1 18em", margin="0 0 0 1.5em"))
        self.beside = beside = w.HBox([results, side], layout=w.Layout(flex_flow="row wrap"))
        self.download = DownloadLink(layout=reused("plain"), style=reused("html"))
        return [*parts, beside, self.download, self.bridge]

    def opened(self) -> None:
        self.recompute()

    # --- state ---------------------------------------------------------------------------------------------

    def _number(self, fld: str) -> float:
        value = fmt.parse_number(self.fields[fld].value, fld)
        return value / 100 if fld == "compute.usage" else value

    def choices(self) -> Choices:
        """The choices from the controls; a field that is not a number raises DomainError naming it."""
        errors: list[DomainError] = []

        def get(fld: str) -> float:
            try:
                return self._number(fld)
            except DomainError as exc:
                errors.append(exc)
                return 0.0

        meetings = Meetings(
            per_year=get("meetings.per_year"),
            participants=get("meetings.participants"),
            km=get("meetings.km"),
            mode=self.mode.value,
            occupants=get("meetings.occupants"),
            hours=get("meetings.hours"),
            camera_on=self.camera.value,
        )
        devices = []
        for device in self.factors.devices:
            values = {key: get(f"{device.id}.{key}") for key, _ in DEVICE_FIELDS}
            if values["count"]:
                devices.append(DeviceUse(device.id, **values))
        compute = Compute(
            *(
                get(f"compute.{k}")
                for k in ("hours_per_year", "cores", "watts_per_core", "usage", "memory_gb")
            )
        )
        data = DataUse(get("data.gb_per_year"))
        if errors:
            raise _Many(errors)
        return Choices(meetings, tuple(devices), data, compute, self.electricity.value)

    def _field_of(self, exc: DomainError) -> str:
        """The key of the field's message: a device's fields are named by the device, the model counts them."""
        match exc.path:
            case ("devices", int(index), str(name)):
                used = [d for d in self.factors.devices if self._count(d.id)]
                return f"{used[index].id}.{name}" if index < len(used) else exc.field
        return exc.field

    def _count(self, device_id: str) -> float:
        try:
            return fmt.parse_number(self.fields[f"{device_id}.count"].value, "count")
        except DomainError:
            return 0.0

    def recompute(self) -> None:
        if self._loading or not self.built:
            return
        for m in self.messages.values():
            m.clear()
        self.message.clear()
        try:
            choices = self.choices()
            result = evaluate(choices, self.factors)
        except _Many as many:
            for exc in many.errors:
                self.messages[exc.field].error(exc.message)
            self.message.error("Rätta de markerade fälten, så räknas resultatet om.")
            return
        except DomainError as exc:
            target = self.messages.get(self._field_of(exc), self.message)
            target.error(exc.message)
            if target is not self.message:
                self.message.error("Rätta det markerade fältet, så räknas resultatet om.")
            return
        self.result = result
        self.show(result)
        guarded(self.message, lambda: self.store.record_answer(MODULE, EXERCISE, ITEM, self.values()))

    def values(self) -> dict[str, Any]:
        """What is saved: the typed texts and the choices, so the controls come back as they were."""
        out: dict[str, Any] = {fld: box.value for fld, box in self.fields.items()}
        out.update(
            {
                "meetings.mode": self.mode.value,
                "meetings.camera_on": self.camera.value,
                "electricity": self.electricity.value,
            }
        )
        if self.result is not None:
            s = self.result.saving
            out["saving"] = [s.low, s.likely, s.high]
        return out

    def show(self, result: Result) -> None:
        self.chart.show(climate_chart(result))
        body = [[label, kg(r.low), kg(r.likely), kg(r.high)] for label, r in rows(result) + totals(result)]
        self.table.value = tag("h3", "Resultat: kilogram CO2e per år") + table(
            ["", "Lågt", "Troligt", "Högt"],
            body,
            numeric={1, 2, 3},
            caption="Klimatkalkylens resultat per år",
        )
        self.summary.value = saving_sentence(
            result.saving.low, result.saving.likely, result.saving.high, "Din kalkyl"
        )
        spread = [[f.label, f"{num(f.likely)} g/kWh", kg(r.likely)] for f, r in result.spread]
        self.spread.value = (
            tag("h4", "Samma data och beräkningar med andra elintensiteter")
            + tag(
                "p",
                f"{num(result.data_kwh + result.compute_kwh)} kWh per år. Elens klimatpåverkan kan ändra svaret "
                "tiofalt – därför visas alla val.",
            )
            + table(["El", "Intensitet", "kg CO2e per år"], spread, numeric={1, 2})
            + (
                tag("p", "Fyll i överförd data eller beräkningar ovan för att se skillnaden.", cls="dk-muted")
                if not result.data_kwh + result.compute_kwh
                else ""
            )
        )
        text = to_markdown(result, self.factors, self.today())
        self.download.set(
            "klimatkalkyl.md", "text/markdown", text.encode("utf-8"), "Ladda ned kalkylen som Markdown-fil"
        )

    def load(self) -> None:
        """Read the saved choices (after the visit has started): a summary now, the controls when built."""
        saved = guarded(self.message, lambda: self.store.latest_answers(MODULE, EXERCISE)).value_or({})
        answer = saved.get((EXERCISE, ITEM))
        self._saved = answer.value if answer is not None and isinstance(answer.value, dict) else {}
        if not self.built:
            s = self._saved.get("saving")
            if isinstance(s, list) and len(s) == 3:
                self.summary.value = saving_sentence(*s, "Din senaste sparade kalkyl")
            return
        self._loading = True
        try:
            for fld, box in self.fields.items():
                if fld in self._saved:
                    box.value = str(self._saved[fld])
            for fld, control in (("meetings.mode", self.mode), ("electricity", self.electricity)):
                if self._saved.get(fld) in {v for _, v in control.options}:
                    control.value = self._saved[fld]
            if "meetings.camera_on" in self._saved:
                self.camera.value = bool(self._saved["meetings.camera_on"])
        finally:
            self._loading = False
        self.recompute()


def sources_html(factors: Factors) -> str:
    """Every factor with its value, spread, source and year (the figures the result rests on)."""
    items = "".join(
        tag(
            "li",
            raw=tag("strong", f.label)
            + esc(
                f": {num(f.likely)} {f.unit}"
                + (f" (lågt {num(f.low)}, högt {num(f.high)})" if f.uncertain else "")
                + f". {f.source} År: {f.year_text}."
                + (f" {f.note}" if f.note else "")
            ),
        )
        for f in factors.factors
    )
    return tag(
        "details",
        raw=tag("summary", "Faktorer och källor") + tag("p", factors.intro) + tag("ul", raw=items),
        cls="dk-source",
    )


def saving_sentence(low: float, likely: float, high: float, who: str) -> str:
    return tag(
        "p",
        f"{who}: minskning med omkring {kg(likely)} CO2e per år (lågt {kg(low)}, högt {kg(high)}).",
        role="status",
    )


class _Many(DomainError):
    """Several fields that are not numbers, each shown below its field."""

    def __init__(self, errors: list[DomainError]) -> None:
        super().__init__(errors[0].path, errors[0].message)
        self.errors = errors


def climate_section(store: PersonalStore) -> ClimateCalculator:
    """The calculator as a card of the page, its earlier choices read (call after the visit has started)."""
    calc = ClimateCalculator(store)
    calc.load()
    return card(calc)


def card(part: Openable) -> Openable:
    """A part of the module page shown as a card (the section rules come with its controls, see ``build``)."""
    part.add_class("dk-m34")
    part.add_class("dk-card")
    return part


__all__ = ["ClimateCalculator", "climate_section"]
