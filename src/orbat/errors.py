"""Errors that orbat raises on purpose.

Every error carries a message meant for a person: it names the file, line,
URL or record that caused it and why. The CLI prints it on one line and exits
non-zero; the web app turns it into a 4xx response.
"""

from __future__ import annotations


class OrbatError(Exception):
    """Base class of every error orbat raises deliberately."""


class VocabularyError(OrbatError):
    """An unknown predicate, entity type, qualifier or hedge."""


class ValidationError(OrbatError):
    """A value that does not fit the model (bad EDTF date, empty name, ...)."""


class ReadError(OrbatError):
    """A document that cannot be read (empty, binary, corrupt, too large...)."""

    def __init__(self, source: str, cause: str) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


class ImportFormatError(OrbatError):
    """A malformed record in an interchange file; names file and line."""

    def __init__(self, path: str, line: int, cause: str) -> None:
        super().__init__(f"{path}:{line}: {cause}")
        self.path = path
        self.line = line
        self.cause = cause


class StoreError(OrbatError):
    """The store cannot be reached or is not in the expected state."""


class NotFound(OrbatError):
    """A named entity, claim or document does not exist."""


class Conflict(OrbatError):
    """A concurrent change was made first (optimistic locking)."""


class PermissionDenied(OrbatError):
    """The user's role does not allow the action."""
