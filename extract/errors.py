"""Named exceptions of the library. The CLI turns them into one-line messages."""

from __future__ import annotations


class ShezhireError(Exception):
    """Base class of every error the library raises on purpose."""


class SourceError(ShezhireError):
    """A source file cannot be read as an act: ``path`` and a one-line ``problem``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnsupportedFormatError(SourceError):
    """The file's extension is not one of the formats Shezhire reads."""


class SchemaValidationError(ShezhireError):
    """A record does not validate against the published JSON Schema."""


class UsageError(ShezhireError):
    """A caller asked for something that cannot be done (bad date, unknown act...)."""
