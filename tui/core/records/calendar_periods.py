"""Date columns that hold calendar years, quarters or months, not days (`cy`, `cy_quarter`,
`month`).

Aggregate tables give a count per year (`2022`) or per quarter (`2022.1`, `2022Q1`,
`2022-Q2`). Each value is a period, read as its first and last day; the reading is inferred
from the values, and every view that uses it says so. A quarter's count cannot be split into
months or days: a comparison period holds a quarter only when it holds all of it, and there
are no monthly values (the sparkline columns are the quarters or years themselves).

A column of months is one whose dates are all the 1st of a month (`2024-09-01`) or written as
a year and month (`2024-09`), over several months: monthly totals, each row a whole month (R's
`floor_date` writes them so). A month runs to its last day; it is never partial.

Four-digit numbers are read as years before anything else: read as Excel day numbers they
would be days of 1905, which no enforcement file holds.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

import polars as pl

from tui.core.records.months import month_names
from tui.core.records.periods import Periods

Grain = Literal["year", "quarter", "month"]

#: Whole column names (as `header_key` gives them) that suggest a year or a quarter column,
#: finest first. Names such as `birth_year` are not periods of the counts: not listed.
PERIOD_NAMES: dict[str, Grain] = {
    "cy_quarter": "quarter",
    "year_quarter": "quarter",
    "calendar_quarter": "quarter",
    "quarter": "quarter",
    "cy": "year",
    "calendar_year": "year",
    "year": "year",
}
FIRST_YEAR, LAST_YEAR = 1900, 2099
_YEAR = r"^([0-9]{4})(?:\.0+)?$"
#: 2022.1 (a float: year.quarter), 2022Q1, 2022-Q1, 2022 Q1; not 2022-1 (a month, maybe).
_QUARTER = r"^([0-9]{4})(?:\.|[-_ ]?[Qq])([1-4])$"


def _text(values: pl.Series) -> pl.Series:
    """The filled values as trimmed text (missing tokens and empties left out)."""
    from tui.core.records.suggest import MISSING_TOKENS

    text = values.cast(pl.String).str.strip_chars()
    return text.filter(text.is_not_null() & (text != "") & ~text.is_in(MISSING_TOKENS))


def detect_grain(values: pl.Series) -> Grain | None:
    """ "year" when every filled value is a year 1900-2099, "quarter" when every one is a year
    and a quarter (2022.1, 2022Q1, 2022-Q1), else None (the values are dates, or mixed)."""
    if values.dtype == pl.Date or isinstance(values.dtype, pl.Datetime):
        return None
    text = _text(values)
    if text.is_empty():
        return None
    years = text.str.extract(_YEAR, 1)
    if years.null_count() == 0:
        return "year" if _in_range(years) else None
    quarters = text.str.extract(_QUARTER, 1)
    if quarters.null_count() == 0:
        return "quarter" if _in_range(quarters) else None
    return None


#: Dates all on the 1st over at least this many months are read as months (two could be days).
MONTH_GRAIN_MONTHS = 3


def is_month_grain(days: pl.Series) -> bool:
    """Whether the dates (parsed) are all the 1st of a month, over several distinct months."""
    filled = days.drop_nulls()
    if filled.is_empty() or not bool((filled.dt.day() == 1).all()):
        return False
    return filled.unique().len() >= MONTH_GRAIN_MONTHS


def month_grain_how(values: pl.Series) -> str:
    """How a column of months was recognised, for the views' text (an inference: said so)."""
    if values.dtype == pl.String and bool(_text(values).str.contains(r"^[0-9]{4}-[0-9]{2}$").all()):
        return "dates are all written as a year and month (2024-09): read as months (inferred)"
    return "dates are all the 1st of a month: read as months (inferred)"


def _in_range(years: pl.Series) -> bool:
    numbers = years.cast(pl.Int32)
    return bool(numbers.is_between(FIRST_YEAR, LAST_YEAR).all())


def period_bounds(values: pl.Series, grain: Grain) -> tuple[pl.Series, pl.Series]:
    """Each value's first and last day (null for a missing or unreadable value)."""
    text = values.cast(pl.String).str.strip_chars()
    frame = pl.DataFrame({"v": text})
    if grain == "year":
        year = pl.col("v").str.extract(_YEAR, 1).cast(pl.Int32)
        start = pl.date(year, 1, 1)
        end = pl.date(year, 12, 31)
    else:
        year = pl.col("v").str.extract(_QUARTER, 1).cast(pl.Int32)
        quarter = pl.col("v").str.extract(_QUARTER, 2).cast(pl.Int32)
        start = pl.date(year, quarter * 3 - 2, 1)
        end = pl.date(year, quarter * 3, 1).dt.month_end()
    out = frame.select(start.alias("start"), end.alias("end"))
    return out.get_column("start").alias(values.name), out.get_column("end").alias(values.name)


def period_name(day: date, grain: Grain) -> str:
    """The column name of the period starting on `day`: `2022` or `2022-Q1`."""
    if grain == "year":
        return f"{day.year:04d}"
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def period_names(first: date, last: date, grain: Grain) -> list[str]:
    """Every year, quarter or month from the one holding `first` to the one holding `last`."""
    names = []
    if grain == "month":
        return month_names(first, last)
    if grain == "year":
        return [f"{year:04d}" for year in range(first.year, last.year + 1)]
    year, quarter = first.year, (first.month - 1) // 3 + 1
    while (year, quarter) <= (last.year, (last.month - 1) // 3 + 1):
        names.append(f"{year:04d}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return names


def period_expr(grain: Grain) -> pl.Expr:
    """The column name of each row's period, from its `date` (the period's first day)."""
    if grain == "month":
        return pl.col("date").dt.strftime("%Y-%m")
    year = pl.col("date").dt.year().cast(pl.String).str.zfill(4)
    if grain == "year":
        return year
    return pl.concat_str(year, pl.lit("-Q"), pl.col("date").dt.quarter().cast(pl.String))


def describe_grain(column: str, grain: Grain, example: str | None) -> str:
    """How the column's values are read, for the views' text (an inference: said so). For
    months, `example` is how they were recognised (`month_grain_how`)."""
    if grain == "month":
        how = example or "dates are months: read as months (inferred)"
        return f"column {column!r}: {how}, each row's count a whole month's"
    if grain == "year":
        shown = f" ({example} = {example}-01-01 to {example}-12-31)" if example else ""
        return (
            f"column {column!r} holds calendar years{shown}: inferred from its values; "
            "a year's count is not split into months or days"
        )
    return (
        f"column {column!r} holds calendar quarters"
        + (f" ({example} read as a year and its quarter)" if example else "")
        + ": inferred from its values; a quarter's count is not split into months or days"
    )


def cut_periods(dated: pl.DataFrame, periods: Periods, grain: Grain) -> str:
    """A warning when period A or B holds only part of a year or quarter: that one is left
    out of the period (its count cannot be split), and the user is told which and how many."""
    parts = []
    for name in ("a", "b"):
        start, end = periods.a if name == "a" else periods.b
        cut = dated.filter(
            (pl.col("date") <= end)
            & (pl.col("date_end") >= start)
            & ~((pl.col("date") >= start) & (pl.col("date_end") <= end))
        )
        if cut.height:
            which = sorted(set(cut.get_column("month").to_list()))
            shown = ", ".join(which[:4]) + (", ..." if len(which) > 4 else "")
            what = f"the {grain} {shown} is" if len(which) == 1 else f"the {grain}s {shown} are"
            parts.append(
                f"{what} only partly inside period {name.upper()}: left out of it (a "
                f"{grain}'s count cannot be split into days)"
            )
    return "; ".join(parts)
