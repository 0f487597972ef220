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
