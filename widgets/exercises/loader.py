"""Reading ``exercises/*.yaml`` through the one content loader; every problem is ``file: field: message``."""

from __future__ import annotations

from pathlib import Path

from .. import content
from ..errors import ContentError
from ..paths import EXERCISES_DIR
from . import parse
from .model import ModuleContent

KIND = "exercises"
SUFFIXES = (".yaml", ".yml")
#: Other content kept beside the modules' files: the prepared live polls (widgets/live/prepared.py).
NOT_MODULES = ("omrostningar.yaml",)


def content_files(directory: Path | str = EXERCISES_DIR) -> list[Path]:
    """The modules' content files in a folder, sorted (files starting with ``_`` or ``.`` and
    :data:`NOT_MODULES` are skipped)."""
    directory = Path(directory)
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in SUFFIXES
        and p.is_file()
        and not p.name.startswith(("_", "."))
        and p.name not in NOT_MODULES
    )


def _all_schema_problems(path: Path, name: str, first: ContentError) -> list[ContentError]:
    """Every schema error in the file, not only the first, when the file can be parsed at all."""
    try:
        data = content.parse_yaml_text(path.read_text(encoding="utf-8"), name)
    except (ContentError, OSError, UnicodeDecodeError):
        return [first]
    # content.validate stops at the first error; course staff want the whole list in one go.
    return content.schema_problems(data, KIND, name) or [first]


def check_file(path: Path | str) -> list[ContentError]:
    """All problems in one content file (empty list: the file is fine)."""
    path = Path(path)
    name = content.display_name(path)
    try:
        data = content.load_yaml(path, KIND)
    except ContentError as exc:
        return _all_schema_problems(path, name, exc)
    found = []
    if data["module"] != path.stem:
        found.append(
            ContentError(
                name, "module", f"'{data['module']}' ska vara samma som filnamnet utan .yaml: '{path.stem}'"
            )
        )
    return found + parse.problems(data, name)


def check_directory(directory: Path | str = EXERCISES_DIR) -> tuple[list[Path], list[ContentError]]:
    """Check every content file in a folder: (files checked, all problems)."""
    files = content_files(directory)
    return files, [problem for path in files for problem in check_file(path)]


def load_module_file(path: Path | str) -> ModuleContent:
    """Load one content file; the first problem is raised as :class:`ContentError`."""
    path = Path(path)
    found = check_file(path)
    if found:
        raise found[0]
    return parse.parse_module(content.load_yaml(path, KIND), content.display_name(path))


def load_module(module: str, directory: Path | str = EXERCISES_DIR) -> ModuleContent:
    """Load ``<directory>/<module>.yaml`` (e.g. ``load_module("modul1")``)."""
    directory = Path(directory)
    for suffix in SUFFIXES:
        path = directory / f"{module}{suffix}"
        if path.exists():
            return load_module_file(path)
    raise ContentError(content.display_name(directory / f"{module}.yaml"), "(filen)", "filen finns inte")


def load_all(directory: Path | str = EXERCISES_DIR) -> dict[str, ModuleContent]:
    """Every module's content, keyed by module id, in course order (``order``, then file name)."""
    modules = sorted(
        map(load_module_file, content_files(directory)),
        key=lambda m: (m.order is None, m.order or 0, m.module),
    )
    return {m.module: m for m in modules}


def module_titles(directory: Path | str = EXERCISES_DIR) -> dict[str, str]:
    """``{module_id: title}`` in course order, e.g. for headings in the lärlogg export."""
    return {m.module: m.title for m in load_all(directory).values()}
