"""The klimatkalkyl (module 5): kg CO2e per year for an organisation's own choices, low / likely / high.

Four parts, each a pure function over plain dataclasses and the sourced :class:`~.factors.Factors`:

- **meetings**: the same meetings held physically (participants × km there and back × the mode's g/km; a car's
  g per vehicle-km divided by the people in it) or as video (participants × hours × g per participant-hour;
  camera off keeps the source's remaining share);
- **devices**: each device's manufacturing footprint spread over its years of use; a longer replacement cycle
  saves count × manufacturing × (1/current − 1/longer) per year;
- **data transfer**: GB × kWh/GB (Sustainable Web Design Model v4) × the chosen electricity intensity;
- **compute**: the Green Algorithms formula, energy (kWh) = hours × PUE × (cores × W per core × usage +
  memory GB × W per GB) / 1000, × the chosen electricity intensity.

Low / likely / high: every factor at its low, likely or high value. A difference (physical minus video) takes
the interval's ends (low physical − high video … high physical − low video), so the spread is never hidden.
Invalid input raises :class:`~widgets.errors.DomainError` naming the field (e.g. ``meetings.km``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import DomainError, FieldPath
from . import messages as msg
from .factors import Factor, Factors, default_factors

POINTS = ("low", "likely", "high")
MAX_COUNT = 1_000_000
MAX_KM = 100_000
MAX_HOURS = 8_760 * 1_000  # hours per year for a whole organisation's compute
MAX_YEARS = 30
MAX_GB = 1e9


@dataclass(frozen=True)
class Range:
    """kg CO2e per year at the low, likely and high factors."""

    low: float
    likely: float
    high: float

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.likely + other.likely, self.high + other.high)

    def __sub__(self, other: Range) -> Range:
        """An interval difference: the ends are the widest the two spreads allow."""
        return Range(self.low - other.high, self.likely - other.likely, self.high - other.low)

    def scaled(self, factor: float) -> Range:
        return Range(self.low * factor, self.likely * factor, self.high * factor)

    @classmethod
    def zero(cls) -> Range:
        return cls(0.0, 0.0, 0.0)

    @classmethod
    def of(cls, compute: Callable[[str], float]) -> Range:
        """``compute(point)`` at low, likely and high."""
        return cls(*(compute(point) for point in POINTS))


@dataclass(frozen=True)
class Meetings:
    """Meetings per year that could be held physically or as video."""

    per_year: float = 10
    participants: float = 8
    km: float = 100  # per participant, there and back
    mode: str = "bil-bensin"
    occupants: float = 1  # people per car
    hours: float = 2
    camera_on: bool = True


@dataclass(frozen=True)
class DeviceUse:
    device: str  # a factor id of group "enhet"
    count: float
    current_years: float
    longer_years: float


@dataclass(frozen=True)
class DataUse:
    gb_per_year: float = 0


@dataclass(frozen=True)
class Compute:
    """Green Algorithms inputs for a year's computing (0 hours = none)."""

    hours_per_year: float = 0
    cores: float = 1
    watts_per_core: float = 0
    usage: float = 1.0  # share of the cores' power in use, 0–1
    memory_gb: float = 0
    pue: float | None = None  # None = the source's default


@dataclass(frozen=True)
class Choices:
    """The organisation's own choices for one year."""

    meetings: Meetings = field(default_factory=Meetings)
    devices: tuple[DeviceUse, ...] = ()
    data: DataUse = field(default_factory=DataUse)
    compute: Compute = field(default_factory=Compute)
    electricity: str = "el-norden"


@dataclass(frozen=True)
class DeviceLine:
    device: Factor
    use: DeviceUse
    current: Range
    longer: Range

    @property
    def saving(self) -> Range:
        # same factor in both: the saving is monotone in it, not an interval difference
        c, lo = self.current, self.longer
        return Range(c.low - lo.low, c.likely - lo.likely, c.high - lo.high)


@dataclass(frozen=True)
class Result:
    choices: Choices
    physical: Range
    video: Range
    devices: tuple[DeviceLine, ...]
    data: Range
    data_kwh: float
    compute: Range
    compute_kwh: float
    electricity: Factor
    spread: tuple[tuple[Factor, Range], ...]  # data + compute at every intensity

    @property
    def meeting_saving(self) -> Range:
        return self.physical - self.video

    @property
    def device_saving(self) -> Range:
        return sum((d.saving for d in self.devices), Range.zero())

    @property
    def devices_current(self) -> Range:
        return sum((d.current for d in self.devices), Range.zero())

    @property
    def devices_longer(self) -> Range:
        return sum((d.longer for d in self.devices), Range.zero())

    @property
    def saving(self) -> Range:
        """What the digital and longer-lived choices save per year (meetings and devices)."""
        return self.meeting_saving + self.device_saving

    @property
    def footprint(self) -> Range:
        """The chosen way's own emissions per year: video, devices at the longer cycle, data and compute."""
        return self.video + self.devices_longer + self.data + self.compute


def _number(
    value: object, fld: str | FieldPath, what: str, low: float, high: float, *, above: bool = False
) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DomainError(fld, msg.NOT_A_NUMBER.format(what=what))
    if value < low or (above and value <= low):
        raise DomainError(fld, _cap((msg.ABOVE if above else msg.AT_LEAST).format(what=what, low=_n(low))))
    if value > high:
        raise DomainError(fld, _cap(msg.AT_MOST.format(what=what, high=_n(high))))
    return float(value)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(value: float) -> str:
    from .. import fmt

    return fmt.number(value, 0 if float(value).is_integer() else 2)


def _factor(factors: Factors, factor_id: str, group: str, fld: str | FieldPath, what: str) -> Factor:
    try:
        factor = factors.get(factor_id)
    except KeyError:
        factor = None
    if factor is None or factor.group != group:
        known = ", ".join(f.label for f in factors.group(group))
        raise DomainError(fld, msg.UNKNOWN_CHOICE.format(what=what, value=factor_id, known=known))
    return factor


def meetings(m: Meetings, factors: Factors) -> tuple[Range, Range]:
    """(physical, video) kg CO2e per year."""
    per_year = _number(m.per_year, ("meetings", "per_year"), "antalet möten per år", 0, MAX_COUNT)
    people = _number(m.participants, ("meetings", "participants"), "antalet deltagare", 0, MAX_COUNT)
    km = _number(m.km, ("meetings", "km"), "sträckan per deltagare", 0, MAX_KM)
    hours = _number(m.hours, ("meetings", "hours"), "mötets längd", 0, 24)
    mode = _factor(factors, m.mode, "resa", ("meetings", "mode"), "färdsättet")
    if mode.per == "fordon":
        occupants = _number(m.occupants, ("meetings", "occupants"), "antalet personer per bil", 1, 9)
        if people and occupants > people:
            raise DomainError(("meetings", "occupants"), msg.MORE_OCCUPANTS.format(n=_n(people)))
        distance = people * km / occupants  # vehicle-km per meeting
    else:
        distance = people * km  # person-km per meeting
    physical = Range.of(lambda p: per_year * distance * mode.at(p) / 1000)
    video_hour = factors.get("video-timme")
    share = 1.0 if m.camera_on else factors.get("video-kamera-av").likely
    # camera off: the source gives one share; it scales all three points of the hourly figure
    video = Range.of(lambda p: per_year * people * hours * video_hour.at(p) * share / 1000)
    return physical, video


def device_line(use: DeviceUse, factors: Factors, where: FieldPath = ("devices", 0)) -> DeviceLine:
    device = _factor(factors, use.device, "enhet", (*where, "device"), "enheten")
    count = _number(use.count, (*where, "count"), f"antalet {device.label.lower()}", 0, MAX_COUNT)
    current = _number(
        use.current_years, (*where, "current_years"), "nuvarande livslängd", 0, MAX_YEARS, above=True
    )
    longer = _number(
        use.longer_years, (*where, "longer_years"), "den längre livslängden", 0, MAX_YEARS, above=True
    )
    if longer < current:
        raise DomainError(
            (*where, "longer_years"), msg.LONGER_SHORTER.format(longer=_n(longer), current=_n(current))
        )
    return DeviceLine(
        device,
        use,
        Range.of(lambda p: count * device.at(p) / current),
        Range.of(lambda p: count * device.at(p) / longer),
    )


def compute_kwh(c: Compute, factors: Factors) -> float:
    """Green Algorithms: hours × PUE × (cores × W/core × usage + memory GB × W/GB) / 1000."""
    hours = _number(
        c.hours_per_year, ("compute", "hours_per_year"), "beräkningstimmarna per år", 0, MAX_HOURS
    )
    cores = _number(c.cores, ("compute", "cores"), "antalet kärnor", 0, 100_000)
    watts = _number(c.watts_per_core, ("compute", "watts_per_core"), "effekten per kärna", 0, 1_000)
    usage = _number(c.usage, ("compute", "usage"), "användningsgraden", 0, 1)
    memory = _number(c.memory_gb, ("compute", "memory_gb"), "minnet", 0, 1_000_000)
    pue = factors.get("pue").likely if c.pue is None else _number(c.pue, ("compute", "pue"), "PUE", 1, 5)
    if hours and cores and not watts:
        raise DomainError(("compute", "watts_per_core"), msg.WATTS_NEEDED)
    memory_w = factors.get("minne-watt-per-gb").likely
    return hours * pue * (cores * watts * usage + memory * memory_w) / 1000


def data_kwh(d: DataUse, factors: Factors) -> float:
    gb = _number(d.gb_per_year, ("data", "gb_per_year"), "datamängden per år", 0, MAX_GB)
    return gb * factors.get("data-kwh-per-gb").likely


def at_intensity(kwh: float, intensity: Factor) -> Range:
    """kWh → kg CO2e at an intensity's low, likely and high g/kWh."""
    return Range.of(lambda p: kwh * intensity.at(p) / 1000)


def evaluate(choices: Choices, factors: Factors | None = None) -> Result:
    """The klimatkalkyl for one year of the organisation's choices."""
    factors = factors or default_factors()
    physical, video = meetings(choices.meetings, factors)
    lines = []
    seen: set[str] = set()
    for i, use in enumerate(choices.devices):
        if use.device in seen:
            raise DomainError(("devices", i, "device"), msg.DEVICE_TWICE)
        seen.add(use.device)
        lines.append(device_line(use, factors, ("devices", i)))
    intensity = _factor(factors, choices.electricity, "el", "electricity", "elintensiteten")
    d_kwh = data_kwh(choices.data, factors)
    c_kwh = compute_kwh(choices.compute, factors)
    spread = tuple((f, at_intensity(d_kwh + c_kwh, f)) for f in factors.electricity)
    return Result(
        choices=choices,
        physical=physical,
        video=video,
        devices=tuple(lines),
        data=at_intensity(d_kwh, intensity),
        data_kwh=d_kwh,
        compute=at_intensity(c_kwh, intensity),
        compute_kwh=c_kwh,
        electricity=intensity,
        spread=spread,
    )
