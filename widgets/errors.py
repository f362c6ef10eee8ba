"""Domain errors. Their messages are Swedish because they are shown to participants as they are."""

from __future__ import annotations

FieldPart = str | int
FieldPath = tuple[FieldPart, ...]
"""Where an input is: names and list positions (counted from 0), e.g. ``("items", 2, "label")``."""


def field_text(path: FieldPath) -> str:
    """``("items", 2, "label")`` → ``items[3].label``: the YAML path as staff read it, positions counted from 1."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class DomainError(ValueError):
    """Invalid input to a model. ``path`` says where (``("items", 2, "label")``: the third item's label) so a
    view can show the message beside that input; ``field`` is its text (``items[3].label``) for messages."""

    def __init__(self, field: str | FieldPath, message: str) -> None:
        super().__init__(message)
        self.path: FieldPath = (field,) if isinstance(field, str) else tuple(field)
        self.field = field_text(self.path)
        self.message = message

    def within(self, *prefix: FieldPart) -> DomainError:
        """The same error as part of a larger input: ``within("alternatives", 0)``."""
        return DomainError((*prefix, *self.path), self.message)

    def __str__(self) -> str:
        return self.message


class ContentError(ValueError):
    """A content file (YAML/CSV in ``data/`` or ``exercises/``) is wrong: ``file: field: what is wrong``."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file = file
        self.field = field
        self.message = message
