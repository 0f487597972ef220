"""The one error type the core raises for bad data, and the one for failed exports."""

from __future__ import annotations

from pathlib import Path


class EnforceError(Exception):
    """A problem the user can fix; its message is one line naming where and what to do."""


class DataError(EnforceError):
    """Bad input data. The message names the file, the row and the column where known."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = [part for part in (self.file,) if part]
        if self.row is not None:
            where.append(f"row {self.row:,}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.problem}" if where else self.problem
        if self.hint:
            text = f"{text}; {self.hint}"
        return one_line(text)


class ExportError(EnforceError):
    """An export that could not be written; nothing partial is left behind."""


def one_line(text: str) -> str:
    """Collapse any line breaks so a message always stays one line."""
    return " ".join(text.split())
