"""The benefit case (nyttokalkyl) as plain frozen dataclasses, validated on construction.

Amounts are SEK per year in fixed prices (real terms), never negative: whether an item is a cost or a benefit
is its ``kind``. Years are counted from 0 (the start year, undiscounted) to ``horizon_years - 1``. Invalid
input raises :class:`~widgets.errors.DomainError` whose ``field`` names the input (e.g. ``to_year`` or
``alternatives[1].items[2].label``) and whose message is Swedish.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..errors import DomainError, FieldPath
from . import texts
from .factors import ASEK_RATE, ASEK_SOURCE, salary_multiplier

MAX_AMOUNT = 1e12  # kr per year; anything larger is a typo
MAX_FACTOR = 1e12
MAX_HORIZON = 100
MAX_RATE = 1.0
MIN_RATE = -0.5  # lower real rates make (1 + r)^-t explode over long horizons
MAX_LABEL = 200


def _check_number(value: object, fld: str | FieldPath, what: str, maximum: float = MAX_FACTOR) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DomainError(fld, texts.must_be_number(what))
    if value < 0:
        raise DomainError(fld, texts.must_not_be_negative(what))
    if value > maximum:
        raise DomainError(fld, texts.too_large(what, f"{maximum:,.0f}".replace(",", " ")))
    return float(value)


def _check_int(value: object, fld: str | FieldPath, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(fld, texts.must_be_integer(what))
    if value < low:
        raise DomainError(fld, f"{texts.cap(what)} måste vara minst {low}.")
    if value > high:
        raise DomainError(fld, f"{texts.cap(what)} får vara högst {high}.")
    return value


def _check_text(value: object, fld: str | FieldPath, what: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise DomainError(fld, texts.must_not_be_empty(what))
    if len(value) > MAX_LABEL:
        raise DomainError(fld, f"{texts.cap(what)} får vara högst {MAX_LABEL} tecken.")


@dataclass(frozen=True)
class Estimate:
    """A three-point estimate (lågt, troligt, högt värde); ``low``/``high`` default to ``likely``.

    ``source`` names where the figure comes from; ``assumption`` marks a figure made up for the exercise.
    """

    likely: float
    # None (the default) means "as likely": __post_init__ fills it in, so a built Estimate always has floats.
    low: float = None  # type: ignore[assignment]
    high: float = None  # type: ignore[assignment]
    source: str = ""
    assumption: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if self.low is None:
            object.__setattr__(self, "low", self.likely)
        if self.high is None:
            object.__setattr__(self, "high", self.likely)

    def check(self, fld: str | FieldPath, what: str, maximum: float = MAX_FACTOR) -> None:
        """Raise DomainError unless low ≤ likely ≤ high, all finite, non-negative and below ``maximum``."""
        path = (fld,) if isinstance(fld, str) else fld
        for part, value in (("likely", self.likely), ("low", self.low), ("high", self.high)):
            _check_number(value, (*path, part), what, maximum)
        if not self.low <= self.likely <= self.high:
            raise DomainError(
                fld,
                f"För {what} måste lågt värde ≤ troligt värde ≤ högt värde ({self.low} / {self.likely} / {self.high}).",
            )

    @property
    def uncertain(self) -> bool:
        return self.low < self.high


@dataclass(frozen=True)
class Driver:
    """An amount per year built from documented building blocks (see ``texts.DRIVER_LABELS``).

    The hourly cost is given either directly (``hourly_cost``, kr/h) or as ``monthly_salary`` turned into kr/h
    by ``salary_method`` (Inera's ÷ 142 × 1.54, or ÷ 142 × (1 + ``po_rate``) after SKR). ``share`` is an
    optional fraction 0–1 (e.g. the share of calls a chatbot takes).
    """

    kind: str
    hours_per_year: Estimate | None = None
    cases_per_year: Estimate | None = None
    minutes_per_case: Estimate | None = None
    quantity: Estimate | None = None
    unit_price: Estimate | None = None
    share: Estimate | None = None
    hourly_cost: Estimate | None = None
    monthly_salary: Estimate | None = None
    salary_method: str = texts.SALARY_INERA
    po_rate: float | None = None
    salary_source: str = ""

    def __post_init__(self) -> None:
        if self.kind not in texts.DRIVER_KINDS:
            raise DomainError(("driver", "kind"), texts.one_of("beräkningssättet", texts.DRIVER_KINDS))
        needed = texts.DRIVER_FACTORS[self.kind]
        for name in needed:
            if name == "hourly_cost":
                if (self.hourly_cost is None) == (self.monthly_salary is None):
                    raise DomainError(
                        ("driver", "hourly_cost"),
                        "Ange antingen timkostnad eller månadslön (en av dem, inte båda).",
                    )
            elif getattr(self, name) is None:
                raise DomainError(("driver", name), texts.must_not_be_empty(texts.FACTOR_LABELS[name]))
        allowed = (*needed, "share", "monthly_salary")
        for name in (
            "hours_per_year",
            "cases_per_year",
            "minutes_per_case",
            "quantity",
            "unit_price",
            "hourly_cost",
        ):
            if getattr(self, name) is not None and name not in allowed:
                raise DomainError(
                    ("driver", name),
                    f"{texts.cap(texts.FACTOR_LABELS[name])} hör inte till beräkningssättet {texts.quoted(self.kind)}.",
                )
        for name, estimate, _ in self.factors():
            maximum = 1.0 if name == "share" else MAX_FACTOR
            estimate.check(("driver", name), texts.FACTOR_LABELS[name], maximum)
        if self.monthly_salary is not None:
            try:
                salary_multiplier(self.salary_method, self.po_rate)
            except DomainError as exc:
                raise exc.within("driver") from None

    def factors(self) -> list[tuple[str, Estimate, float]]:
        """``(name, estimate, multiplier)`` whose product is the amount per year."""
        out: list[tuple[str, Estimate, float]] = []
        for name in ("hours_per_year", "cases_per_year", "quantity", "unit_price", "share"):
            value = getattr(self, name)
            if value is not None:
                out.append((name, value, 1.0))
        if self.minutes_per_case is not None:
            out.append(("minutes_per_case", self.minutes_per_case, 1 / 60))
        if self.hourly_cost is not None:
            out.append(("hourly_cost", self.hourly_cost, 1.0))
        if self.monthly_salary is not None:
            out.append(
                ("monthly_salary", self.monthly_salary, salary_multiplier(self.salary_method, self.po_rate))
            )
        return out

    def amount(self, point: str = "likely") -> float:
        """The amount per year with every factor at ``low``, ``likely`` or ``high``."""
        return math.prod(float(getattr(est, point)) * mult for _, est, mult in self.factors())


@dataclass(frozen=True)
class Item:
    """One cost or benefit (kostnad eller nytta) over a span of years.

    One-off: ``from_year == to_year``; recurring: ``from_year`` to ``to_year`` (``None`` = to the end of the
    period). ``ramp`` multiplies the first active years (e.g. ``(0.25, 0.5, 1.0)``); later years use its last
    value. Items not ``valued_in_money`` are listed and described but never counted in the NPV. ``investment``
    (None = a one-off cost) marks costs counted as investments in NNK and optimism bias.
    """

    label: str
    kind: str
    category: str = "finansiell"
    stakeholder: str = "verksamheten"
    from_year: int = 0
    to_year: int | None = None
    amount: Estimate | None = None
    driver: Driver | None = None
    ramp: tuple[float, ...] = ()
    valued_in_money: bool = True
    investment: bool | None = None
    description: str = ""
    source: str = ""
    assumption: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "ramp", tuple(self.ramp))
        _check_text(self.label, "label", "rubriken")
        name = texts.quoted(self.label)
        if self.kind not in texts.KINDS:
            raise DomainError("kind", texts.one_of(f"typen för {name}", texts.KINDS))
        if self.category not in texts.CATEGORIES:
            raise DomainError("category", texts.one_of(f"kategorin för {name}", texts.CATEGORIES))
        if self.stakeholder not in texts.STAKEHOLDERS:
            raise DomainError("stakeholder", texts.one_of(f"intressenten för {name}", texts.STAKEHOLDERS))
        _check_int(self.from_year, "from_year", f"startåret för {name}", 0, MAX_HORIZON - 1)
        if self.to_year is not None:
            _check_int(self.to_year, "to_year", f"slutåret för {name}", 0, MAX_HORIZON - 1)
            if self.to_year < self.from_year:
                raise DomainError(
                    "to_year",
                    f"Slutåret ({self.to_year}) för {name} ligger före startåret ({self.from_year}).",
                )
        if self.valued_in_money:
            if (self.amount is None) == (self.driver is None):
                raise DomainError("amount", f"Ange antingen ett belopp per år eller en beräkning för {name}.")
            if self.amount is not None:
                self.amount.check("amount", f"beloppet för {name}", MAX_AMOUNT)
            elif self.driver is not None and self.driver.amount("high") > MAX_AMOUNT:
                raise DomainError(
                    "driver", texts.too_large(f"beloppet för {name}", "1 000 000 000 000 kr per år")
                )
        if len(self.ramp) > MAX_HORIZON:
            raise DomainError("ramp", f"Upptrappningen för {name} får ha högst {MAX_HORIZON} steg.")
        for i, step in enumerate(self.ramp):
            ok = not isinstance(step, bool) and isinstance(step, (int, float)) and 0 <= step <= 1
            if not ok:
                # Said in percent, as the editor's box shows it (the box's 25 is the model's 0.25).
                raise DomainError(
                    ("ramp", i),
                    f"Upptrappningen för {name}, steg {i + 1}: ange en andel mellan 0 och 100 %.",
                )

    @property
    def one_off(self) -> bool:
        return self.to_year == self.from_year

    @property
    def is_investment(self) -> bool:
        if self.kind != texts.COST:
            return False
        return self.one_off if self.investment is None else self.investment

    def factors(self) -> list[tuple[str, Estimate, float]]:
        """``(name, estimate, multiplier)`` whose product is the amount per year: the amount itself, or the
        driver's building blocks (none for an item not valued in money)."""
        if self.amount is not None:
            return [("amount", self.amount, 1.0)]
        return self.driver.factors() if self.driver is not None else []

    def estimate(self) -> Estimate:
        """The amount per year as a three-point estimate (for a driver: all factors at low/likely/high)."""
        if self.amount is not None:
            return self.amount
        if self.driver is None:
            return Estimate(0.0)
        return Estimate(self.driver.amount("likely"), self.driver.amount("low"), self.driver.amount("high"))

    def ramp_factor(self, year: int) -> float:
        """The share of the full amount in a given year (1 where there is no ramp-up)."""
        if not self.ramp:
            return 1.0
        return self.ramp[min(year - self.from_year, len(self.ramp) - 1)]


@dataclass(frozen=True)
class Alternative:
    """An alternative (e.g. ``nollalternativ`` or ``e-tjänst``): its own items under the case's rate and
    horizon.
    """

    name: str
    items: tuple[Item, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        _check_text(self.name, "name", "alternativets namn")
        seen: set[str] = set()
        for i, item in enumerate(self.items):
            if item.label in seen:
                raise DomainError(
                    ("items", i, "label"),
                    f"Rubriken {texts.quoted(item.label)} finns redan – ge posten ett eget namn.",
                )
            seen.add(item.label)


@dataclass(frozen=True)
class OptimismBias:
    """A Green Book optimism-bias uplift on costs (e.g. 0.10 = +10 %), with the table's source."""

    uplift: float
    source: str
    applies_to: str = texts.OB_INVESTMENTS

    def __post_init__(self) -> None:
        _check_number(self.uplift, ("optimism_bias", "uplift"), "optimismpåslaget", 3.0)
        if self.applies_to not in texts.OB_APPLIES_TO:
            raise DomainError(
                ("optimism_bias", "applies_to"), texts.one_of("påslaget gäller", texts.OB_APPLIES_TO)
            )

    def applies(self, item: Item) -> bool:
        if item.kind != texts.COST:
            return False
        return self.applies_to == texts.OB_ALL_COSTS or item.is_investment


@dataclass(frozen=True)
class PlanEntry:
    """One row of a nyttorealiseringsplan (after DIGG's template), for the benefit with label ``benefit``."""

    benefit: str
    owner: str = ""
    indicator: str = ""
    baseline: str = ""
    target: str = ""
    measurement: str = ""
    follow_up: tuple[str, ...] = ()
    risks: str = ""
    preconditions: str = ""


@dataclass(frozen=True)
class Case:
    """A benefit case: metadata, calculation rules and one or more alternatives (the first is the main)."""

    name: str
    alternatives: tuple[Alternative, ...]
    discount_rate: float = ASEK_RATE
    discount_rate_source: str = ASEK_SOURCE
    horizon_years: int = 5
    horizon_source: str = ""
    start_year: int = 2026
    description: str = ""
    organisation: str = ""
    owner: str = ""
    price_level: str = "fasta priser (reala termer)"
    optimism_bias: OptimismBias | None = None
    sources: tuple[str, ...] = ()
    realisation_plan: tuple[PlanEntry, ...] = field(default=())
    schema_version: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "alternatives", tuple(self.alternatives))
        object.__setattr__(self, "sources", tuple(self.sources))
        object.__setattr__(self, "realisation_plan", tuple(self.realisation_plan))
        _check_text(self.name, "name", "kalkylens namn")
        rate = self.discount_rate
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not math.isfinite(rate):
            raise DomainError("discount_rate", texts.must_be_number("kalkylräntan"))
        if rate <= -1:
            raise DomainError("discount_rate", "Kalkylräntan måste vara större än −100 %.")
        if rate < MIN_RATE:
            raise DomainError("discount_rate", "Kalkylräntan är orimligt låg – lägst −50 %.")
        if rate > MAX_RATE:
            raise DomainError("discount_rate", "Kalkylräntan är orimligt hög – högst 100 %.")
        _check_int(self.horizon_years, "horizon_years", "kalkylperioden (år)", 1, MAX_HORIZON)
        _check_int(self.start_year, "start_year", "startåret", 1900, 2200)
        if not self.alternatives:
            raise DomainError("alternatives", "Kalkylen behöver minst ett alternativ.")
        names: set[str] = set()
        for i, alternative in enumerate(self.alternatives):
            if alternative.name in names:
                raise DomainError(
                    ("alternatives", i, "name"),
                    f"Alternativet {texts.quoted(alternative.name)} finns redan.",
                )
            names.add(alternative.name)

    @property
    def main(self) -> Alternative:
        return self.alternatives[0]

    def alternative(self, which: int | str = 0) -> Alternative:
        """An alternative by position (0-based) or by name."""
        if isinstance(which, str):
            for alternative in self.alternatives:
                if alternative.name == which:
                    return alternative
            raise DomainError("alternative", f"Alternativet {texts.quoted(which)} finns inte i kalkylen.")
        if not 0 <= which < len(self.alternatives):
            raise DomainError(
                "alternative", f"Kalkylen har {len(self.alternatives)} alternativ; nr {which + 1} finns inte."
            )
        return self.alternatives[which]


def blank_case(name: str = "Ny kalkyl", start_year: int = 2026) -> Case:
    """A case to start from: ASEK's 3,5 % real rate, 5 years, one empty alternative."""
    return Case(name, (Alternative("E-tjänst"),), horizon_years=5, start_year=start_year)
