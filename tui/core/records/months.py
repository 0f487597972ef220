"""Calendar months of record data: which the data covers only in part."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date


def month_name(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def partial_months(first: date, last: date, months: Sequence[str]) -> tuple[str, ...]:
    """Of `months` (`YYYY-MM`), those the data from `first` to `last` covers only in part: a
    count for them is not a whole month's, and a last month cut short must not read as a drop."""
    partial = []
    if first.day != 1:
        partial.append(month_name(first))
    if last.day != calendar.monthrange(last.year, last.month)[1]:
        partial.append(month_name(last))
    return tuple(m for m in dict.fromkeys(partial) if m in months)


#: The month columns (a sparkline) cover at most the last 20 years of the data.
MAX_MONTH_COLUMNS = 240
#: A run of this many months without a single record inside the data suggests a mistyped date.
GAP_MONTHS = 12


def longest_gap(months: Sequence[str], present: set[str]) -> tuple[int, str, str] | None:
    """The longest run of months without records (length, first, last), if it is long."""
    best: tuple[int, str, str] | None = None
    run: list[str] = []
    for month in [*months, ""]:
        if month and month not in present:
            run.append(month)
            continue
        if len(run) >= GAP_MONTHS and (best is None or len(run) > best[0]):
            best = (len(run), run[0], run[-1])
        run = []
    return best


def month_names(first: date, last: date) -> list[str]:
    names = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        names.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return names
