"""Small HTML builders. Every piece of text passes through :func:`esc`; only builders produce markup."""

from __future__ import annotations

import html
from collections.abc import Iterable


def esc(text: object) -> str:
    """Escape text (content or user-written) for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def tag(name: str, text: object = "", cls: str | None = None, raw: str | None = None, **attrs: str) -> str:
    """``<name class=…>text</name>``; ``raw`` is markup from another builder, inserted as is."""
    attributes = "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    if cls:
        attributes = f' class="{esc(cls)}"' + attributes
    return f"<{name}{attributes}>{raw if raw is not None else esc(text)}</{name}>"


def bullets(items: Iterable[object], cls: str | None = None) -> str:
    return tag("ul", cls=cls, raw="".join(tag("li", item) for item in items))


def link(href: str, text: object) -> str:
    return tag("a", text, href=href)


def table(
    headers: list[str], rows: list[list[object]], numeric: set[int] | None = None, caption: str = ""
) -> str:
    """A simple accessible table; columns in ``numeric`` are right-aligned."""
    numeric = numeric or set()

    def cell(kind: str, value: object, col: int) -> str:
        return tag(
            kind,
            value,
            cls="dk-num" if col in numeric else None,
            **({"scope": "col"} if kind == "th" else {}),
        )

    head = tag("tr", raw="".join(cell("th", h, i) for i, h in enumerate(headers)))
    body = "".join(tag("tr", raw="".join(cell("td", v, i) for i, v in enumerate(row))) for row in rows)
    cap = tag("caption", caption) if caption else ""
    return tag("table", cls="dk-table", raw=cap + tag("thead", raw=head) + tag("tbody", raw=body))
