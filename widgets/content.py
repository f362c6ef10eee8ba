"""The one loader for course content: YAML and CSV files validated against versioned JSON schemas.

Every mistake is reported as ``file: field: what is wrong`` (Swedish), so course staff can fix their own typos.
Dates and times stay strings (``2026-04-01``, ``10:00``); models parse them, so YAML 1.1's sexagesimal integers and
implicit timestamps never surprise anyone.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .paths import REPO_ROOT, SCHEMA_DIR

_DROPPED_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"}
_PLAIN_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")


class _ContentLoader(yaml.SafeLoader):
    """Safe YAML without implicit timestamps or sexagesimal integers (``10:00`` stays a string)."""


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_implicit_resolver("tag:yaml.org,2002:int", _PLAIN_INT, list("-+0123456789"))


def display_name(path: Path) -> str:
    """The path as course staff know it: relative to the repository where possible."""
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def parse_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text with the content rules; syntax errors become a ContentError naming the line."""
    try:
        return yaml.load(text, Loader=_ContentLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"rad {mark.line + 1}, kolumn {mark.column + 1}" if mark else "(hela filen)"
        problem = getattr(exc, "problem", None) or "kan inte läsas som YAML"
        raise ContentError(name, where, f"felaktig YAML ({problem})") from None


def dump_yaml(data: Any) -> str:
    """YAML text for data, readable by :func:`parse_yaml_text` (Unicode kept, key order kept)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


@cache
def _validator(kind: str, version: int):
    from jsonschema import Draft202012Validator

    path = SCHEMA_DIR / f"{kind}.v{version}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_versions(kind: str) -> list[int]:
    """The schema versions kept in the repository for a kind of content."""
    return sorted(int(p.stem.rsplit(".v", 1)[1]) for p in SCHEMA_DIR.glob(f"{kind}.v*.json"))


def _field(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(filen)"


_TYPE_SV = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "sant eller falskt (true/false)",
    "array": "en lista",
    "object": "en uppsättning fält",
    "null": "tomt",
}


def _message_sv(error) -> tuple[str, str]:
    """(field, Swedish message) for one jsonschema error."""
    field = _field(error.absolute_path)
    v, arg = error.validator, error.validator_value
    if v == "required":
        missing = [name for name in arg if name not in (error.instance or {})]
        name = missing[0] if missing else "?"
        return (f"{field}.{name}" if error.absolute_path else name), "saknas men måste finnas"
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        name = extra[0] if extra else "?"
        return (f"{field}.{name}" if error.absolute_path else name), "okänt fält (stavfel?)"
    if v == "type":
        wanted = arg if isinstance(arg, list) else [arg]
        return field, "ska vara " + " eller ".join(
            _TYPE_SV.get(t, t) for t in wanted
        ) + f", inte {error.instance!r}"
    if v == "enum":
        return field, f"{error.instance!r} är inte tillåtet; välj ett av: " + ", ".join(map(str, arg))
    if v == "const":
        return field, f"ska vara {arg!r}"
    if v == "pattern":
        hint = error.schema.get("description", f"mönstret {arg}")
        return field, f"{error.instance!r} har fel form ({hint})"
    if v in {"minimum", "exclusiveMinimum"}:
        return (
            field,
            f"{error.instance!r} är för litet (minst {arg}{'' if v == 'minimum' else ', ej lika med'})",
        )
    if v in {"maximum", "exclusiveMaximum"}:
        return field, f"{error.instance!r} är för stort (högst {arg})"
    if v == "minItems":
        return field, f"ska ha minst {arg} element"
    if v == "maxItems":
        return field, f"får ha högst {arg} element"
    if v == "minLength":
        return field, "får inte vara tomt" if arg == 1 else f"ska vara minst {arg} tecken"
    if v == "maxLength":
        return field, f"får vara högst {arg} tecken"
    if v == "uniqueItems":
        return field, "innehåller dubbletter"
    if v == "format":
        return field, f"{error.instance!r} är inte ett giltigt värde av typen {arg}"
    if v in {"oneOf", "anyOf"}:
        return field, "passar inte någon av de tillåtna formerna (" + error.message + ")"
    return field, error.message


def validate(data: Any, kind: str, name: str, version: int | None = None) -> Any:
    """Validate parsed content against ``schemas/<kind>.v<version>.json``.

    The version is taken from the data's ``schema_version`` field when not given.
    """
    if version is None:
        if not isinstance(data, dict):
            raise ContentError(
                name, "(filen)", "ska börja med fält (nyckel: värde), inte en lista eller text"
            )
        version = data.get("schema_version")
        known = schema_versions(kind)
        if version not in known:
            shown = ", ".join(map(str, known))
            raise ContentError(name, "schema_version", f"{version!r} är okänd; känd(a) version(er): {shown}")
    errors = sorted(
        _validator(kind, version).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    if errors:
        field, message = _message_sv(errors[0])
        raise ContentError(name, field, message)
    return data


def load_yaml(path: Path | str, kind: str) -> dict[str, Any]:
    """Read, parse and validate a YAML content file of the given kind."""
    path = Path(path)
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, "(filen)", "filen finns inte") from None
    except UnicodeDecodeError:
        raise ContentError(name, "(filen)", "är inte sparad som UTF-8") from None
    return validate(parse_yaml_text(text, name), kind, name)


def load_csv(path: Path | str, kind: str, version: int = 1) -> list[dict[str, str]]:
    """Read a CSV content file (UTF-8, comma separated, header row) and validate its rows."""
    path = Path(path)
    name = display_name(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]
    except FileNotFoundError:
        raise ContentError(name, "(filen)", "filen finns inte") from None
    except UnicodeDecodeError:
        raise ContentError(name, "(filen)", "är inte sparad som UTF-8") from None
    try:
        validate(rows, kind, name, version)
    except ContentError as exc:
        # jsonschema counts rows from 1 like a spreadsheet's data rows; say "rad" as staff would.
        raise ContentError(name, exc.field.replace("[", "rad ", 1).replace("]", "", 1), exc.message) from None
    return rows
