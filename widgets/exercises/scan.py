"""An environment scan (PESTEL): factors with likelihood and impact, their quadrant, the 2×2 priority chart with
its text alternative, and the Word export.

Pure: the factors are stored as one list of plain dicts (``{"id", "category", "text", "likelihood",
"impact"}``); bad input is a :class:`~widgets.errors.DomainError` in Swedish naming the field."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .. import fmt
from ..errors import DomainError
from ..ui.svg import FONT, GRID, INK, Canvas, Drawing
from .model import Scan

MAX_TEXT = 200
POINT = "#00566b"
QUADRANTS = {
    (True, True): "Prioritera: hög sannolikhet och hög påverkan",
    (False, True): "Bevaka: låg sannolikhet men hög påverkan",
    (True, False): "Håll koll: hög sannolikhet men låg påverkan",
    (False, False): "Låg prioritet: låg sannolikhet och låg påverkan",
}
ORDER = [(True, True), (False, True), (True, False), (False, False)]


@dataclass(frozen=True)
class Factor:
    id: int
    category: str
    text: str
    likelihood: int
    impact: int


def _rating(value: Any, field: str, what: str, scan: Scan) -> int:
    if value is None or isinstance(value, bool):
        raise DomainError(field, f"Välj {what} för faktorn.")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(field, f"Välj {what} för faktorn.") from None
    if not 1 <= number <= scan.scale_max:
        raise DomainError(field, f"{what.capitalize()} ska vara mellan 1 och {scan.scale_max}.")
    return number


def parse_factor(
    scan: Scan, factor_id: int, category: str, text: str, likelihood: Any, impact: Any
) -> Factor:
    """A factor as typed in the form; a missing text, category or rating is said in Swedish."""
    if category not in {c.id for c in scan.categories}:
        raise DomainError("category", "Välj vilken kategori faktorn hör till.")
    text = " ".join((text or "").split())
    if not text:
        raise DomainError("text", "Skriv vilken faktor det gäller.")
    if len(text) > MAX_TEXT:
        raise DomainError("text", f"Skriv faktorn kortare (högst {MAX_TEXT} tecken, nu {len(text)}).")
    return Factor(
        factor_id,
        category,
        text,
        _rating(likelihood, "likelihood", "sannolikhet", scan),
        _rating(impact, "impact", "påverkan", scan),
    )


def factors(scan: Scan, stored: Any) -> list[Factor]:
    """The saved list, skipping anything that no longer fits the content (a removed category, a bad value)."""
    out = []
    for item in stored if isinstance(stored, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            out.append(
                parse_factor(
                    scan,
                    int(item.get("id", 0)),
                    item.get("category"),
                    item.get("text"),
                    item.get("likelihood"),
                    item.get("impact"),
                )
            )
        except (DomainError, TypeError, ValueError):
            continue
    return out


def encode(items: Iterable[Factor]) -> list[dict[str, Any]]:
    return [asdict(f) for f in items]


def next_id(items: Sequence[Factor]) -> int:
    return max((f.id for f in items), default=0) + 1


def is_high(scan: Scan, rating: int) -> bool:
    """The upper half of the (even) scale."""
    return rating > scan.scale_max / 2


def quadrant(scan: Scan, factor: Factor) -> str:
    return QUADRANTS[(is_high(scan, factor.likelihood), is_high(scan, factor.impact))]


def rating_text(scan: Scan, rating: int) -> str:
    return f"{rating} ({scan.labels[rating - 1]})"


def by_quadrant(scan: Scan, items: Sequence[Factor]) -> list[tuple[str, list[tuple[int, Factor]]]]:
    """``(quadrant text, [(number in the chart, factor)])`` from "Prioritera" down; numbers follow the list."""
    numbered = list(enumerate(items, 1))
    out = []
    for key in ORDER:
        inside = [
            (n, f) for n, f in numbered if (is_high(scan, f.likelihood), is_high(scan, f.impact)) == key
        ]
        if inside:
            out.append((QUADRANTS[key], inside))
    return out


def chart_alt(scan: Scan, items: Sequence[Factor]) -> str:
    parts = []
    for title, inside in by_quadrant(scan, items):
        listed = ", ".join(f"{n} {f.text} ({scan.category(f.category).title})" for n, f in inside)
        parts.append(f"{title}: {listed}")
    return (
        f"Prioriteringsdiagram med {len(items)} {'faktor' if len(items) == 1 else 'faktorer'}: sannolikhet "
        "åt höger, påverkan uppåt. " + "; ".join(parts) + "."
    )


def chart(scan: Scan, items: Sequence[Factor]) -> Drawing:
    """The 2×2 matrix: likelihood to the right, impact upwards, each factor a numbered dot (dots on the same
    spot are spread around it)."""
    size, left, top, plot = 560, 70, 20, 440
    canvas = Canvas(size, top + plot + 60)
    n = scan.scale_max
    step = plot / n

    def x(value: float) -> float:
        return left + (value - 0.5) * step

    def y(value: float) -> float:
        return top + plot - (value - 0.5) * step

    half = plot / 2
    canvas.rect(left + half, top, half, half, "#fde8d7")  # prioritise: a light tint, with its name in text
    for i in range(1, n):
        canvas.line(left + i * step, top, left + i * step, top + plot, GRID)
        canvas.line(left, top + i * step, left + plot, top + i * step, GRID)
    canvas.rect(left, top, plot, plot, "none", stroke=INK)
    canvas.line(left + half, top, left + half, top + plot, INK, 2)  # the quadrants' borders, over the grid
    canvas.line(left, top + half, left + plot, top + half, INK, 2)
    names = {
        (True, True): "Prioritera",
        (False, True): "Bevaka",
        (True, False): "Håll koll",
        (False, False): "Låg prioritet",
    }
    for (high_x, high_y), name in names.items():
        cx = left + (half * 1.5 if high_x else half * 0.5)
        cy = top + (14 + FONT if high_y else half + 14 + FONT)
        canvas.text(cx, cy, name, "middle", size=FONT - 1, font_weight="bold")
    for value in range(1, n + 1):
        canvas.text(x(value), top + plot + 18, str(value), "middle", size=FONT - 2)
        canvas.text(left - 10, y(value) + 4, str(value), "end", size=FONT - 2)
    canvas.text(left + half, top + plot + 42, "Sannolikhet →", "middle")
    canvas.text(18, top + half, "Påverkan →", "middle", transform=f"rotate(-90 18 {top + half})")
    spots: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(items, 1):
        spots.setdefault((f.likelihood, f.impact), []).append(i)
    for (lk, im), numbers in spots.items():
        for k, number in enumerate(numbers):
            dx = dy = 0.0
            if len(numbers) > 1:
                angle = 2 * math.pi * k / len(numbers)
                dx, dy = 22 * math.cos(angle), 22 * math.sin(angle)
            px, py = x(lk) + dx, y(im) + dy
            canvas.circle(px, py, 12, "#d4ebf0", stroke=POINT, stroke_width="2")
            canvas.text(px, py + 5, str(number), "middle", size=FONT - 2, font_weight="bold")
    return canvas.drawing(chart_alt(scan, items))


def to_docx(
    scan: Scan, module_title: str, items: Sequence[Factor], generated: dt.datetime | None = None
) -> bytes:
    """The scan as a Word document: factors per category with ratings, then the priority order by quadrant."""
    from ..store.models import local, utc_now
    from ..wordfile import clean, new_document, paragraph

    generated = generated or utc_now()
    document = new_document(scan.title, generated)
    styles = {name: document.styles[name].style_id for name in ("Title", "Heading 1", "Heading 2")}
    body = document.element.body
    section = body.sectPr
    paragraph(body, [clean(scan.title)], styles["Title"])
    paragraph(body, [f"{clean(module_title)} · skapad {fmt.date(local(generated).date())}"])
    if scan.source:
        paragraph(body, [f"Källa: {clean(scan.source)}"], italic=True)
    paragraph(body, ["Faktorer per kategori"], styles["Heading 1"])
    for category in scan.categories:
        inside = [f for f in items if f.category == category.id]
        paragraph(body, [clean(category.title)], styles["Heading 2"])
        if not inside:
            paragraph(body, ["(inga faktorer)"], italic=True)
        for f in inside:
            paragraph(
                body,
                [
                    f"{clean(f.text)} – sannolikhet {rating_text(scan, f.likelihood)}, "
                    f"påverkan {rating_text(scan, f.impact)}"
                ],
            )
    paragraph(body, ["Prioritering"], styles["Heading 1"])
    if not items:
        paragraph(body, ["(inga faktorer ännu)"], italic=True)
    for title, inside in by_quadrant(scan, items):
        paragraph(body, [title], styles["Heading 2"])
        for _, f in inside:
            paragraph(body, [f"{clean(f.text)} ({clean(scan.category(f.category).title)})"])
    if section is not None:
        body.append(section)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
