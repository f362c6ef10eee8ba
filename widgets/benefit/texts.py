"""Swedish words of the benefit model: allowed values, labels and the messages a participant reads.

Kept in one module so that the logic holds no participant-facing prose (STYLE.md §5).
"""

from __future__ import annotations

# Allowed values (as written in YAML and shown in the app).
COST = "kostnad"
BENEFIT = "nytta"
KINDS = (COST, BENEFIT)

CATEGORIES = ("finansiell", "omfördelning", "kvalitet", "miljö")
STAKEHOLDERS = ("medborgare", "verksamheten", "annan organisation", "samhället")

DRIVER_TIME = "tid"
DRIVER_CASES = "ärenden"
DRIVER_UNITS = "styck"
DRIVER_KINDS = (DRIVER_TIME, DRIVER_CASES, DRIVER_UNITS)

#: Factors each driver kind needs (``hourly_cost`` may be given as a monthly salary instead).
DRIVER_FACTORS = {
    DRIVER_TIME: ("hours_per_year", "hourly_cost"),
    DRIVER_CASES: ("cases_per_year", "minutes_per_case", "hourly_cost"),
    DRIVER_UNITS: ("quantity", "unit_price"),
}
OPTIONAL_FACTORS = ("share",)

FACTOR_LABELS = {
    "amount": "belopp per år (kr)",
    "hours_per_year": "timmar per år",
    "cases_per_year": "ärenden per år",
    "minutes_per_case": "minuter per ärende",
    "hourly_cost": "timkostnad (kr)",
    "monthly_salary": "månadslön (kr)",
    "quantity": "antal per år",
    "unit_price": "pris per styck (kr)",
    "share": "andel",
}

DRIVER_LABELS = {
    DRIVER_TIME: "timmar per år × timkostnad",
    DRIVER_CASES: "ärenden per år × minuter per ärende ÷ 60 × timkostnad",
    DRIVER_UNITS: "antal per år × pris per styck",
}

SALARY_INERA = "inera"
SALARY_PO = "po"
SALARY_METHODS = (SALARY_INERA, SALARY_PO)

OB_INVESTMENTS = "investeringar"
OB_ALL_COSTS = "alla kostnader"
OB_APPLIES_TO = (OB_INVESTMENTS, OB_ALL_COSTS)

#: PENG colours: green = direct effect on the bottom line, yellow = indirect, red = hard to value.
PENG_GREEN = "grön"
PENG_YELLOW = "gul"
PENG_RED = "röd"
PENG_COLOURS = {
    "finansiell": PENG_GREEN,
    "omfördelning": PENG_YELLOW,
    "kvalitet": PENG_RED,
    "miljö": PENG_RED,
}

NOT_WITHIN_PERIOD = "inte inom kalkylperioden"
MISSING = "saknas"

DISTRIBUTIONS = ("triangular", "pert")
DISTRIBUTION_LABELS = {"triangular": "triangelfördelning", "pert": "PERT-fördelning (betafördelning)"}


def quoted(text: str) -> str:
    """Swedish quotation marks around a label."""
    return f"”{text}”"


def cap(text: str) -> str:
    """First letter upper case, the rest untouched (unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def must_be_number(what: str) -> str:
    return f"{cap(what)}: skriv ett vanligt tal (inte tomt, NaN eller oändligt)."


def must_not_be_negative(what: str) -> str:
    return f"{cap(what)}: ange ett tal som är 0 eller större."


def too_large(what: str, limit: str) -> str:
    return f"{cap(what)}: talet är orimligt stort – högst {limit}."


def must_be_integer(what: str) -> str:
    return f"{cap(what)} måste vara ett heltal."


def must_not_be_empty(what: str) -> str:
    return f"{cap(what)}: fältet får inte vara tomt."


def one_of(what: str, allowed: tuple[str, ...]) -> str:
    return f"{cap(what)} måste vara en av: " + ", ".join(allowed) + "."
