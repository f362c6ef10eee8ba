"""The personal store's protocol means something to the type checker (mypy runs over the whole tree in make test)."""

from __future__ import annotations

from mypy import api

GOOD = """
from widgets.store import CaseStore, PersonalStore

def factory() -> CaseStore:
    return PersonalStore()
"""

BAD = """
from widgets.store import CaseStore, SavedCase

class NoDelete:
    notice: str | None = None
    def save_case(self, name: str, yaml_text: str) -> SavedCase: ...
    def load_case(self, name: str) -> str | None: ...
    def list_cases(self) -> list[SavedCase]: ...

def factory() -> CaseStore:
    return NoDelete()
"""


def check(code: str, tmp_path) -> tuple[str, int]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(code, encoding="utf-8")
    flags = ["--strict", "--follow-imports=silent", "--ignore-missing-imports", "--cache-dir", str(tmp_path)]
    out, err, status = api.run([*flags, str(snippet)])
    return out + err, status


def test_the_personal_store_is_a_case_store(tmp_path):
    out, status = check(GOOD, tmp_path)
    assert status == 0, out


def test_a_store_without_delete_case_is_refused(tmp_path):
    out, status = check(BAD, tmp_path)
    assert status == 1
    assert 'Incompatible return value type (got "NoDelete", expected "CaseStore")' in out
    assert "delete_case" in out
