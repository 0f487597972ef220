"""How record files are read: what the user chose on the command line or in the explorer."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Period
from tui.core.roles import Role


@dataclass(frozen=True)
class RecordOptions:
    """What the user chose: periods to compare, duplicates, and the columns' roles.

    `period_a`/`period_b` are inclusive (start, end) dates; when both are None the comparison
    takes the same months of the last two years in the data (see `periods.default_periods`).
    `place_column`, `date_column`, `category_column`, `count_column` give a role a column
    (`roles.NO_COLUMN`, the empty string: "none"); None leaves it to the preset or the
    suggestion. `jurisdiction_column` is the old name of `place_column`, kept for callers.
    """

    period_a: Period | None = None
    period_b: Period | None = None
    exclude_duplicates: bool = False
    jurisdiction_column: str | None = None
    count_column: str | None = None
    place_column: str | None = None
    date_column: str | None = None
    category_column: str | None = None
    #: A workbook's sheet to read (by name), instead of the one chosen by its header.
    sheet: str | None = None

    def given(self) -> dict[Role, str]:
        """The roles the user gave (role -> column, or NO_COLUMN for none)."""
        place = self.place_column if self.place_column is not None else self.jurisdiction_column
        found: dict[Role, str | None] = {
            "place": place,
            "date": self.date_column,
            "category": self.category_column,
            "count": self.count_column,
        }
        return {role: column for role, column in found.items() if column is not None}


#: What excluding likely duplicates does on files where no column flags them: nothing, said so.
DUPLICATES_UNDETECTABLE = (
    "likely duplicates cannot be detected in these files: no column flags them "
    "(the counts stay as they are)"
)
#: An ICE file read through roles the user chose: its flag is there, but not read.
DUPLICATES_UNREAD = (
    "likely duplicates cannot be excluded here: read through the columns' roles you chose, the "
    "files' duplicate_likely is not used (the counts include the rows it flags)"
)


def as_notice(why: str) -> str:
    """The reason as a sentence of its own, for the explorer's notices."""
    return why[:1].upper() + why[1:] + "."


def exclude_has_no_effect(why: str) -> str:
    """--exclude-duplicates where it cannot act: a warning on the command line, a note."""
    return f"--exclude-duplicates has no effect; {why}"


#: What the record options do not do on the bundled figures, said once wherever they are given.
BUNDLED_NOTE = (
    "to record files only; the bundled figures are shown with the article's own periods, "
    "and the article flags no duplicates"
)


def record_flags(options: RecordOptions) -> list[str]:
    """The record options chosen, as their command-line flags (to say they do not apply)."""
    chosen = {
        "--period-a": options.period_a,
        "--period-b": options.period_b,
        "--exclude-duplicates": options.exclude_duplicates or None,
        "--jurisdiction": options.jurisdiction_column,
        "--place": options.place_column,
        "--date": options.date_column,
        "--category": options.category_column,
        "--count": options.count_column,
        "--sheet": options.sheet,
    }
    return [flag for flag, value in chosen.items() if value is not None]


def bundled_notice(options: RecordOptions) -> str:
    """`--period-a and --exclude-duplicates apply to record files only; ...`, or "" if none."""
    flags = record_flags(options)
    if not flags:
        return ""
    if len(flags) == 1:
        return f"{flags[0]} applies {BUNDLED_NOTE}"
    return f"{', '.join(flags[:-1])} and {flags[-1]} apply {BUNDLED_NOTE}"
