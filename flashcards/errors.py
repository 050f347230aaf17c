"""The project's exceptions. Only the CLI turns them into `Error: …` lines and exit codes."""

from __future__ import annotations


class FlashcardsError(Exception):
    """A hard failure whose message says what is wrong, where, and how to fix it."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.line:
            where.append(f"line {self.line}")
        return ": ".join([*where, self.message])

    def at(self, path: str) -> FlashcardsError:
        """Return this error naming `path`, unless it already names a file."""
        if self.path is None:
            self.path = path
        return self


class InputError(FlashcardsError):
    """The input file cannot be used as an editorial."""


class OutputError(FlashcardsError):
    """The deck cannot be written where it was asked to go."""


def bug_report(err: Exception) -> str:
    """The one line shown for an unexpected error (a bug), instead of a traceback."""
    return f"internal error ({type(err).__name__}: {err}); run with --debug and report it"
