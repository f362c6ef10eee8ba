"""One spelling per term: the content files and the Swedish strings in the code against ``data/ordlista.yaml``."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from widgets import glossary
from widgets.errors import ContentError
from widgets.paths import REPO_ROOT

TERMS = glossary.default_glossary()
CONTENT = sorted(
    [
        *(REPO_ROOT / "exercises").glob("*.yaml"),
        *(p for p in (REPO_ROOT / "data").rglob("*.yaml") if p != glossary.GLOSSARY_FILE),
    ]
)
NOTEBOOKS = sorted((REPO_ROOT / "notebooks").glob("*.ipynb"))
CODE = sorted((REPO_ROOT / "widgets").rglob("*.py"))


def yaml_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from yaml_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from yaml_strings(v)


def code_strings(path: Path) -> Iterator[tuple[int, str]]:
    """String constants with their line, docstrings left out (they are English, for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def problems(where: str, text: str) -> list[str]:
    return [f"{where}: ”{found}” – skriv ”{term.term}”" for found, term in glossary.variants_in(text, TERMS)]


def rel(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


def test_the_glossary_loads_and_no_term_is_also_a_variant():
    assert len(TERMS) >= 6
    for term in TERMS:
        assert not glossary.variants_in(term.term, TERMS), term.term


@pytest.mark.parametrize("path", CONTENT, ids=rel)
def test_content_files_use_one_spelling_per_term(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [p for text in yaml_strings(data) for p in problems(rel(path), text)]
    assert found == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=rel)
def test_notebooks_use_one_spelling_per_term(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [
        p for i, c in enumerate(cells, 1) for p in problems(f"{rel(path)} cell {i}", "".join(c["source"]))
    ]
    assert found == []


def test_swedish_strings_in_the_code_use_one_spelling_per_term():
    found = [
        p for path in CODE for line, text in code_strings(path) for p in problems(f"{rel(path)}:{line}", text)
    ]
    assert found == [], "\n".join(found)


def test_a_variant_is_found_whole_word_in_any_case_across_line_breaks():
    found = glossary.variants_in("Klicka på Ladda\n   ner. Nedladdning och laddar ner räknas inte.", TERMS)
    assert [(f, t.term) for f, t in found] == [("Ladda ner", "ladda ned")]


def test_a_broken_glossary_names_file_field_and_problem(tmp_path):
    path = tmp_path / "ordlista.yaml"
    path.write_text(
        "schema_version: 1\nterms:\n  - term: ladda ned\n    avoid: []\n    why: x\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as err:
        glossary.load_glossary(path)
    assert err.value.field.startswith("terms[1].avoid")


HYPHEN_NUMBER = re.compile(r"(?:^|[\s(])-\d")


def test_no_negative_number_in_content_or_messages_is_written_with_a_hyphen():
    """Displayed negative numbers use the typographic minus (U+2212); fmt does it for computed ones."""
    texts = [
        (rel(p), t) for p in CONTENT for t in yaml_strings(yaml.safe_load(p.read_text(encoding="utf-8")))
    ]
    texts += [
        (f"{rel(p)}:{line}", t) for p in CODE for line, t in code_strings(p) if re.search("[åäöÅÄÖ]", t)
    ]
    found = [f"{where}: {text[:60]!r}" for where, text in texts if HYPHEN_NUMBER.search(text)]
    assert found == [], "\n".join(found)
