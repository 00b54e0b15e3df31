"""Exceptions the library raises for problems a user can fix; the CLI prints them as one line."""

from __future__ import annotations


class FactdbError(Exception):
    """A user-facing error: the message is printed as ``error: <message>``, exit code 1."""


class UsageError(FactdbError):
    """Options and inputs that cannot go together (``--url`` with a feed): the CLI prints
    ``error: <message>`` with exit code 2, as for any other usage error."""


class SchemaOutOfDate(FactdbError):
    """The database exists but its schema is behind (or ahead of) this version of factdb."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current = current
        self.head = head
        super().__init__(
            f"database schema is at revision {current or 'base'}, this factdb needs {head}; "
            "run `factdb db upgrade`"
        )


class NotFound(FactdbError):
    """A named row (claim, contradiction, entity, source) does not exist."""


class ReadError(FactdbError):
    """An input could not be read as an article; ``path`` names it, ``line`` when known."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
