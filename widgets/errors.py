"""Domain errors. Their messages are Swedish because they are shown to participants as they are."""

from __future__ import annotations


class DomainError(ValueError):
    """Invalid input to a model; ``field`` names the input so a view can show the message beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


class ContentError(ValueError):
    """A content file (YAML/CSV in ``data/`` or ``exercises/``) is wrong: ``file: field: what is wrong``."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file = file
        self.field = field
        self.message = message
