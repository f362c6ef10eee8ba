"""The one loader for course content: YAML and CSV files validated against versioned JSON schemas.

Every mistake is reported as ``file: field: what is wrong`` (Swedish), so course staff can fix their own typos.
Dates and times stay strings (``2026-04-01``, ``10:00``); models parse them, so YAML 1.1's sexagesimal integers and
implicit timestamps never surprise anyone.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ContentError, field_text
from .paths import REPO_ROOT, SCHEMA_DIR

_DROPPED_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int"}
_PLAIN_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")

#: Overrides where validated course content is cached (an empty value turns the cache off).
CACHE_DIR_ENV = "DIGIKOMP_CACHE_DIR"


@cache
def _loader():
    """Safe YAML without implicit timestamps or sexagesimal integers (``10:00`` stays a string).

    Built on first use: a kernel whose content comes from the cache never imports PyYAML.
    """
    import yaml

    class _ContentLoader(yaml.SafeLoader):
        pass

    _ContentLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _ContentLoader.add_implicit_resolver("tag:yaml.org,2002:int", _PLAIN_INT, list("-+0123456789"))
    return _ContentLoader


def display_name(path: Path) -> str:
    """The path as course staff know it: relative to the repository where possible."""
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def parse_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text with the content rules; syntax errors become a ContentError naming the line."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"rad {mark.line + 1}, kolumn {mark.column + 1}" if mark else "(hela filen)"
        problem = getattr(exc, "problem", None) or ""
        raise ContentError(name, where, f"felaktig YAML: {_yaml_problem_sv(problem)}") from None


_YAML_PROBLEMS_SV = (
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde – saknas ett avslutande citattecken?",
    ),
    ("mapping values are not allowed here", "ett kolon står på fel ställe – sätt texten inom citattecken"),
    ("that cannot start any token", "otillåtet tecken (tabb?) – använd mellanslag för indrag"),
    ("could not find expected ':'", "ett kolon saknas efter ett fältnamn"),
    ("expected <block end>", "indraget stämmer inte – rader på samma nivå ska börja i samma kolumn"),
    ("did not find expected key", "indraget stämmer inte eller ett fältnamn saknas"),
    ("found duplicate anchor", "samma ankare (&namn) används två gånger"),
    ("did not find expected ',' or ']'", "en lista inom [ ] är inte avslutad"),
    ("did not find expected ',' or '}'", "en uppsättning inom { } är inte avslutad"),
)


def _yaml_problem_sv(problem: str) -> str:
    for english, swedish in _YAML_PROBLEMS_SV:
        if english in problem:
            return swedish
    return "filen kan inte läsas som YAML – kontrollera raden och den före"  # PyYAML's own words are English


def dump_yaml(data: Any) -> str:
    """YAML text for data, readable by :func:`parse_yaml_text` (Unicode kept, key order kept)."""
    import yaml

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


def _field(path: Any, rows: bool = False) -> str:
    """A jsonschema path as text; in a CSV file (``rows``) its first position is the row: ``rad 2.typ``."""
    parts = tuple(str(p) if not isinstance(p, int) else p for p in path)
    if rows and parts and isinstance(parts[0], int):
        # jsonschema counts rows from 0; say "rad" and count from 1 like a spreadsheet's data rows, as staff would.
        parts = (f"rad {parts[0] + 1}", *parts[1:])
    return field_text(parts) or "(filen)"


_TYPE_SV = {
    "string": "text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "sant eller falskt (true/false)",
    "array": "en lista",
    "object": "en uppsättning fält",
    "null": "tomt",
}


def _message_sv(error, rows: bool = False) -> tuple[str, str]:
    """(field, Swedish message) for one jsonschema error (``rows``: in a CSV file, see :func:`_field`)."""
    field = _field(error.absolute_path, rows)
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


NOT_A_MAPPING = "ska börja med fält (nyckel: värde), inte en lista eller text"


def schema_problems(
    data: Any, kind: str, name: str, version: int | None = None, *, rows: bool = False
) -> list[ContentError]:
    """Every way ``data`` breaks ``schemas/<kind>.v<version>.json``, ordered by field (empty: it is valid).

    The version is taken from the data's ``schema_version`` field when not given; data that is not a mapping, or
    an unknown version, is the one problem then. ``rows``: the data are a CSV file's rows, and a mistake names
    its row (``rad 2.typ``)."""
    if version is None:
        if not isinstance(data, dict):
            return [ContentError(name, "(filen)", NOT_A_MAPPING)]
        version = data.get("schema_version")
        known = schema_versions(kind)
        if version not in known:
            message = f"{version!r} är okänd; känd(a) version(er): {', '.join(map(str, known))}"
            return [ContentError(name, "schema_version", message)]
    errors = sorted(
        _validator(kind, version).iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
    )
    return [ContentError(name, *_message_sv(error, rows)) for error in errors]


def validate(data: Any, kind: str, name: str, version: int | None = None, *, rows: bool = False) -> Any:
    """Validate parsed content against ``schemas/<kind>.v<version>.json``: raise the first of
    :func:`schema_problems` (course staff who want them all call that)."""
    problems = schema_problems(data, kind, name, version, rows=rows)
    if problems:
        raise problems[0]
    return data


# Validated course content is cached as JSON, keyed by a hash of the file, its schemas and this loader: importing
# jsonschema alone takes about a second (its format checkers compile dozens of grammars), which every cold kernel
# in JupyterHub would otherwise pay before a page shows. Only files in the repository are cached, only after they
# passed validation, and only when JSON gives back exactly the parsed data.


def cache_dir() -> Path | None:
    """Where validated content is cached: ``DIGIKOMP_CACHE_DIR`` or the user's cache folder; None = no cache."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override is not None:
        return Path(override).expanduser() / "content" if override.strip() else None
    from platformdirs import user_cache_path

    return user_cache_path("digikomp", appauthor=False) / "content"


@cache
def _code_fingerprint() -> bytes:
    return hashlib.sha256(Path(__file__).read_bytes()).digest()


def _cache_path(path: Path, raw: bytes, kind: str, version: int | None) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        path.resolve().relative_to(REPO_ROOT)
    except ValueError:
        return None
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(f"\0{kind}\0{version}\0".encode())
    digest.update(raw)
    for schema in sorted(SCHEMA_DIR.glob(f"{kind}.v*.json")):
        digest.update(schema.name.encode() + b"\0" + schema.read_bytes())
    return folder / f"{kind}-{digest.hexdigest()[:32]}.json"


def _read_cached(cached: Path | None) -> Any:
    if cached is None:
        return None
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_cached(cached: Path | None, data: Any) -> None:
    if cached is None:
        return
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:
            return
        _write_atomic(cached, text.encode("utf-8"))
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written only costs time


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so that another kernel reading ``path`` sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def cached_bytes(name: str, key: bytes, build: Callable[[], bytes]) -> bytes:
    """``build()``'s result, kept in the cache folder under ``name`` and a hash of ``key`` (which must hold
    everything the result depends on, including the builder's own code). For files derived from course content
    whose library is slow to import (the .ics calendar: ``icalendar`` takes about 150 ms, on every cold kernel
    of an event page). Without a cache folder, or when it cannot be read or written, ``build()`` runs."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{hashlib.sha256(key).hexdigest()[:32]}"
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = build()
    with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
        _write_atomic(path, data)
    return data


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError(name, "(filen)", "filen finns inte") from None


def _decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(name, "(filen)", "är inte sparad som UTF-8") from None


def load_yaml(path: Path | str, kind: str) -> dict[str, Any]:
    """Read, parse and validate a YAML content file of the given kind."""
    path = Path(path)
    name = display_name(path)
    raw = _read_bytes(path, name)
    cached = _cache_path(path, raw, kind, None)
    data = _read_cached(cached)
    if data is not None:
        return data
    data = validate(parse_yaml_text(_decode(raw, name), name), kind, name)
    _write_cached(cached, data)
    return data


def load_csv(path: Path | str, kind: str, version: int = 1) -> list[dict[str, str]]:
    """Read a CSV content file (UTF-8, comma separated, header row) and validate its rows."""
    path = Path(path)
    name = display_name(path)
    raw = _read_bytes(path, name)
    cached = _cache_path(path, raw, kind, version)
    rows = _read_cached(cached)
    if rows is not None:
        return rows
    text = _decode(raw, name)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = [{k: (v or "").strip() for k, v in row.items()} for row in reader]
    validate(rows, kind, name, version, rows=True)
    _write_cached(cached, rows)
    return rows
