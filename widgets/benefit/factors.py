"""Calculation factors (kalkylfaktorer) with their published sources: hourly staff cost and optimism bias.

Every number here comes from ``/work/shared/facts/nyttokalkyl.md``; the source travels with the value so the
app can show it next to the result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import DomainError
from . import texts

#: Inera's rule: monthly salary ÷ 142 hours × 1.54.
INERA_HOURS_PER_MONTH = 142.0
INERA_OVERHEAD = 1.54
INERA_SOURCE = (
    "Inera, kalkylfaktorer (OINK, mall v5.0.4 2024-05-08): månadslön ÷ 142 timmar × 1,54; "
    "påslaget 54 % täcker "
    "semesterlön 12 %, arbetsgivaravgifter 31,42 %, försäkringar och löneskatt."
)

#: SKR's PO-pålägg 2021 (personnel overhead on salary).
PO_MUNICIPALITIES = 0.4015
PO_REGIONS = 0.4615
PO_SOURCE = (
    "SKR, PO-pålägg 2021: kommuner 40,15 %, regioner 46,15 % "
    "(31,42 % avgifter + 0,13 % försäkringar + pension 8,60 / 14,60 %)."
)
#: The PO rule divides by Inera's 142 hours: the combination is the course's own, not SKR's.
PO_RULE_SOURCE = (
    f"{PO_SOURCE} Timmarna per månad (142) är Ineras (kalkylfaktorer); att dela med dem och lägga på "
    "PO-pålägget är kursens antagande. PO-pålägget omfattar inte semesterlönen som Ineras faktor 1,54 gör."
)

#: Default discount rates with their sources.
ASEK_RATE = 0.035
ASEK_SOURCE = "ASEK (Trafikverket): real kalkylränta 3,5 % (4 % till 2012)."
INERA_RATE = 0.03
INERA_RATE_SOURCE = "Inera, mall för nyttokalkyl: 3 % som förval (efter TLV), kan ändras."

#: Mott MacDonald (2002) optimism-bias uplifts for "equipment/development" projects, the class nearest to IT.
OPTIMISM_BIAS_SOURCE = (
    "HM Treasury Green Book, tabell från Mott MacDonald (2002), projekttypen utrustning/utveckling: "
    "investeringsutgifter övre 200 %, undre 10 %; tid övre 54 %, undre 10 %."
)
OPTIMISM_BIAS_TABLE = {
    "utrustning/utveckling": {
        "investeringsutgifter": {"undre": 0.10, "övre": 2.00},
        "tid": {"undre": 0.10, "övre": 0.54},
    }
}


@dataclass(frozen=True)
class HourlyCost:
    """An hourly staff cost (timkostnad) with the rule and source it was computed by."""

    value: float
    monthly_salary: float
    method: str
    multiplier: float
    explanation: str
    source: str


def salary_multiplier(method: str = texts.SALARY_INERA, po_rate: float | None = None) -> float:
    """The factor that turns a monthly salary into an hourly cost (``1.54 / 142`` by Inera's rule)."""
    if method == texts.SALARY_INERA:
        return INERA_OVERHEAD / INERA_HOURS_PER_MONTH
    if method == texts.SALARY_PO:
        if po_rate is None or not math.isfinite(po_rate):
            raise DomainError("po_rate", "Ange PO-pålägget som ett tal, till exempel 0,4015 för 40,15 %.")
        if not 0 <= po_rate <= 1.5:
            raise DomainError("po_rate", "PO-pålägget måste ligga mellan 0 % och 150 %.")
        return (1 + po_rate) / INERA_HOURS_PER_MONTH
    raise DomainError("method", texts.one_of("beräkningssättet för timkostnad", texts.SALARY_METHODS))


def hourly_cost(
    monthly_salary: float, method: str = texts.SALARY_INERA, po_rate: float | None = None
) -> HourlyCost:
    """Hourly cost from a monthly salary: Inera's rule (÷ 142 × 1.54) or ÷ 142 × (1 + PO-pålägg) after SKR."""
    if monthly_salary is None or not math.isfinite(monthly_salary):
        raise DomainError("monthly_salary", texts.must_be_number("månadslönen"))
    if monthly_salary < 0:
        raise DomainError("monthly_salary", texts.must_not_be_negative("månadslönen"))
    if monthly_salary > 10_000_000:
        raise DomainError("monthly_salary", texts.too_large("månadslönen", "10 000 000 kr"))
    factor = salary_multiplier(method, po_rate)
    if method == texts.SALARY_INERA:
        explanation = "månadslön ÷ 142 × 1,54"
        source = INERA_SOURCE
    else:
        assert po_rate is not None  # salary_multiplier raised a DomainError otherwise
        explanation = f"månadslön ÷ 142 × (1 + {po_rate * 100:.2f} %)".replace(".", ",")
        source = PO_RULE_SOURCE
    return HourlyCost(monthly_salary * factor, monthly_salary, method, factor, explanation, source)


def optimism_bias_uplift(level: str = "undre", measure: str = "investeringsutgifter") -> float:
    """The Green Book uplift for IT-like projects (``undre`` = lower bound, ``övre`` = upper bound)."""
    table = OPTIMISM_BIAS_TABLE["utrustning/utveckling"]
    if measure not in table:
        raise DomainError(("optimism_bias", "measure"), texts.one_of("måttet", tuple(table)))
    if level not in table[measure]:
        raise DomainError(("optimism_bias", "level"), texts.one_of("nivån", tuple(table[measure])))
    return table[measure][level]
