"""Shared pieces of the course's Word files (python-docx): Swedish language, text cleaned of what XML cannot hold,
and fast paragraphs for long documents. Imported only when a document is made (python-docx is imported inside)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

LANGUAGE = "sv-SE"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def clean(text: str) -> str:
    """The text without the control characters XML 1.0 cannot hold (user text may contain them)."""
    return _XML_INVALID.sub("", str(text))


def set_language(document: Any) -> None:
    """Swedish on the document defaults and on every style that names a language of its own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rprs = [rpr_default.find(qn("w:rPr"))]
    if rprs[0] is None:
        rprs[0] = OxmlElement("w:rPr")
        rpr_default.append(rprs[0])
    rprs.append(document.styles["Normal"].element.get_or_add_rPr())
    rprs += [rpr for rpr in styles.iter(qn("w:rPr")) if rpr.find(qn("w:lang")) is not None]
    for rpr in rprs:
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), LANGUAGE)
        rpr.append(lang)


def new_document(title: str, generated: dt.datetime) -> Any:
    """An empty Swedish document with its title and creation time in the core properties."""
    from docx import Document

    document = Document()
    set_language(document)
    props = document.core_properties
    props.title = clean(title)
    props.language = LANGUAGE
    props.author = ""
    props.created = props.modified = generated.astimezone(dt.UTC).replace(tzinfo=None)
    return document


def paragraph(body: Any, lines: list[str], style_id: str | None = None, *, italic: bool = False) -> None:
    """Append ``<w:p>`` with one run; lines are joined by line breaks.

    Built with lxml directly: python-docx's ``add_paragraph`` looks the style up by name and searches the body for
    the section properties on every call, which made a 10 000-entry export take minutes.
    """
    from lxml import etree

    p = etree.SubElement(body, f"{_W}p")
    if style_id:
        etree.SubElement(etree.SubElement(p, f"{_W}pPr"), f"{_W}pStyle").set(f"{_W}val", style_id)
    r = etree.SubElement(p, f"{_W}r")
    if italic:
        etree.SubElement(etree.SubElement(r, f"{_W}rPr"), f"{_W}i")
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(r, f"{_W}br")
        t = etree.SubElement(r, f"{_W}t")
        t.text = line
        t.set(_XML_SPACE, "preserve")


def add_text(body: Any, text: str) -> None:
    """A blank line starts a new paragraph; a single newline is a line break within it."""
    for block in re.split(r"\n\s*\n", clean(text).strip()):
        paragraph(body, block.split("\n"))
