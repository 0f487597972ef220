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
