"""How record files are read: what the user chose on the command line or in the explorer."""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.model import Period


@dataclass(frozen=True)
class RecordOptions:
    """What the user chose: periods to compare, duplicates, and a mapping for other tables.

    `period_a`/`period_b` are inclusive (start, end) dates; when both are None the comparison
    takes the same months of the last two years in the data (see `periods.default_periods`).
    `jurisdiction_column` (and optionally `count_column`, else rows are counted) builds the
    jurisdictions view from any table, recognised layout or not.
    """

    period_a: Period | None = None
    period_b: Period | None = None
    exclude_duplicates: bool = False
    jurisdiction_column: str | None = None
    count_column: str | None = None
    #: A workbook's sheet to read (by name), instead of the one chosen by its header.
    sheet: str | None = None
