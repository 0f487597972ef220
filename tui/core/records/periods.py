"""The two periods a comparison sets side by side: chosen, matched a year apart, or defaulted.

A period is inclusive (start, end), see `model.Period`; "it ends before it starts" is checked
in one place, `checked`, wherever a period comes in (the command line, the dialog, options).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.core.errors import DataError
from tui.core.model import Period

PERIOD_HINT = "give a period as START:END with START on or before END"


@dataclass(frozen=True)
class Periods:
    a: Period
    b: Period
    defaulted: bool


def checked(period: Period, name: str) -> Period:
    """The period, if it ends on or after its start; else a DataError naming it."""
    start, end = period
    if end < start:
        raise DataError(f"period {name} ends before it starts", hint=PERIOD_HINT)
    return period


def parse_period(text: str) -> Period:
    """`2024-01-01:2024-04-30` (inclusive) as a pair of dates; anything else is a DataError."""
    parts = text.strip().split(":")
    try:
        if len(parts) != 2:
            raise ValueError(text)
        start, end = (date.fromisoformat(part.strip()) for part in parts)
    except ValueError as error:
        raise DataError(
            f"period {text!r} cannot be read",
            hint="give a period as START:END in ISO dates, e.g. 2024-01-01:2024-04-30",
        ) from error
    return checked((start, end), repr(text))


def day_span(start: date, end: date) -> int:
    """Days in an inclusive period."""
    return (end - start).days + 1


def shift_year(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def year_apart(period: Period, years: int) -> Period:
    return shift_year(period[0], years), shift_year(period[1], years)


def default_periods(first: date, last: date) -> Periods:
    """The same months of the last two years in the data, as the article compared Jan-Apr.

    B runs from 1 January of the last date's year to the last date; A is the same calendar
    span one year earlier (data ending 2025-07-29: A 2024-01-01..2024-07-29, B 2025-01-01..
    2025-07-29). When the data starts later than that A would, both start a year after
    the first date instead, so A holds no days without data (data of 2016-10-01..2017-12-27:
    A 2016-10-01..2016-12-27, B 2017-10-01..2017-12-27). Data shorter than a year leaves A
    outside it; the view's warning says so.
    """
    start = date(last.year, 1, 1)
    a_would_start = shift_year(start, -1)
    if first > a_would_start and shift_year(first, 1) <= last:
        start = shift_year(first, 1)
    b = (start, last)
    return Periods(a=year_apart(b, -1), b=b, defaulted=True)


def how_chosen(periods: Periods) -> str:
    """How the view's periods were chosen, in words for its description."""
    if not periods.defaulted:
        return "as chosen"
    start = periods.b[0]
    if (start.month, start.day) == (1, 1):
        return (
            "by default the same months of the last two years in the data (1 January to the "
            "last date, against the same dates a year before)"
        )
    return (
        "by default the same dates of the last two years in the data (from the first date's "
        f"day, {start:%d %B}, not 1 January, so period A holds no day before the data)"
    )


def resolve_periods(
    first: date, last: date, period_a: Period | None, period_b: Period | None
) -> Periods:
    """The user's periods (checked on the way in); one given alone is matched by the same
    dates a year before or after."""
    if period_a is None and period_b is None:
        return default_periods(first, last)
    if period_a is None and period_b is not None:
        period_a = year_apart(period_b, -1)
    if period_b is None and period_a is not None:
        period_b = year_apart(period_a, 1)
    assert period_a is not None
    assert period_b is not None
    return Periods(a=period_a, b=period_b, defaulted=False)


def label(period: Period) -> str:
    return f"{period[0].isoformat()} to {period[1].isoformat()}"


def same_calendar_dates(a: Period, b: Period) -> bool:
    """Whether B is A moved by whole years (29 February taken as 28 February): then a
    difference in length is a leap day, not a difference in how the periods are defined."""
    years = b[0].year - a[0].year
    return years != 0 and (year_apart(a, years) == b or year_apart(b, -years) == a)


def overlaps(period: Period, first: date, last: date) -> bool:
    """Whether the period holds any day of the data (first to last date)."""
    return period[0] <= last and period[1] >= first


def period_warning(periods: Periods, first: date, last: date) -> str:
    days_a, days_b = day_span(*periods.a), day_span(*periods.b)
    parts = []
    # The same calendar dates a year apart differ only by 29 February: not worth a warning
    # (the pane shows both lengths and the rates a day).
    if days_a != days_b and not same_calendar_dates(periods.a, periods.b):
        parts.append(
            f"periods differ in length: A ({label(periods.a)}) is {days_a} days, "
            f"B ({label(periods.b)}) is {days_b} days"
        )
    span = f"{first.isoformat()} to {last.isoformat()}"
    for name, period in (("A", periods.a), ("B", periods.b)):
        start, end = period
        if not overlaps(period, first, last):
            parts.append(f"no data in period {name} ({label(period)}): the data runs from {span}")
        elif start < first or end > last:
            parts.append(f"period {name} reaches outside the data ({span})")
    return "; ".join(parts)
