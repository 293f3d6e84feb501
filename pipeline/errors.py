"""Exceptions of newsmetrics. The CLI turns every one of them into one friendly message.

    NewsmetricsError
    ├── IngestError          a file could not become an article (recorded in `rejected`)
    │     code: empty | binary | undecodable | too_large | unreadable | not_a_file | vanished
    ├── DatabaseError        the database file cannot be opened, is locked, or is not ours
    ├── QueryError           a query was refused (it would write) or failed
    └── InputError           a malformed line on `extract`'s standard input, a bad option value
"""

from __future__ import annotations

__all__ = ["DatabaseError", "IngestError", "InputError", "NewsmetricsError", "QueryError"]


class NewsmetricsError(Exception):
    """Base class: `str(error)` is the message a person reads."""


class IngestError(NewsmetricsError):
    """A file was refused; `code` is stable and machine-readable, the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class DatabaseError(NewsmetricsError):
    """The database cannot be used (locked by another run, not a DuckDB file, ...)."""


class QueryError(NewsmetricsError):
    """A `query` statement was refused or failed."""


class InputError(NewsmetricsError):
    """Bad input on standard input or in an option."""
