"""Reading cell values the same way in every table: dates, booleans, FOIA redactions.

Dates come in many forms (ISO, ISO date-times, US month/day/year, Excel day numbers); each is
read by its form, and a value that is none of them is null (the caller decides whether that
is an error). Redacted cells (`b(6), b(7)c`, `(b)(6)(b)(7)(c)`, ...) are kept as written;
`is_redacted` and `REDACTED_PATTERN` find them.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

#: One FOIA exemption reference: b(6), (b)(6), b6, b(7)c, (b)(7)(C), ...
_EXEMPTION = r"\(?b\)?\s*\(?\s*[0-9]\s*\)?\s*(?:\(?\s*[a-f]\s*\)?)?"
#: A cell holding nothing but exemption references, e.g. `b(6), b(7)c` or `(b)(6)(b)(7)(c)`.
REDACTED_PATTERN = rf"(?i)^\s*{_EXEMPTION}(?:\s*(?:[,;/&]|and)?\s*{_EXEMPTION})*\s*$"
_REDACTED_RE = re.compile(REDACTED_PATTERN)


def is_redacted(value: object) -> bool:
    return isinstance(value, str) and bool(_REDACTED_RE.match(value))


# -- missing values ---------------------------------------------------------------------------

#: Cells that say "no value" (R's NA, spreadsheets' N/A, databases' NULL, a dash), any case.
MISSING_TOKENS = ("NA", "N/A", "NULL", "-", "")
MISSING_PATTERN = r"(?i)^\s*(?:NA|N/A|NULL|-)?\s*$"
_MISSING_RE = re.compile(MISSING_PATTERN)


def is_missing_token(value: object) -> bool:
    """A cell written as a missing value (NA, N/A, NULL, -, empty or spaces), or null.

    Text columns keep such cells as written (a place may be called "NA"...); this is how a
    view finds them, to flag a place "NA" as a likely missing value rather than rank it.
    """
    return value is None or (isinstance(value, str) and bool(_MISSING_RE.match(value)))


def missing_token_expr(text: pl.Expr) -> pl.Expr:
    """True where a text cell is null or a missing-value token."""
    return text.is_null() | text.str.contains(MISSING_PATTERN)


def without_missing_tokens(text: pl.Expr) -> pl.Expr:
    """The text with missing-value tokens as null (for numbers and dates read from text)."""
    return pl.when(missing_token_expr(text)).then(None).otherwise(text)


# -- dates ------------------------------------------------------------------------------------


_EXCEL_EPOCH = date(1899, 12, 30)
#: Dates outside these are typing errors (0202 for 2022, 2202 for 2022), not records: refused,
#: as an unreadable date is, rather than stretching every period and month column to them.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2099, 12, 31)
#: Excel serial day numbers accepted as dates: 1900-01-01 .. 2099-12-31.
_EXCEL_MIN, _EXCEL_MAX = 1, (LAST_DATE - _EXCEL_EPOCH).days
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d")
#: Two-digit years (10/5/16) are read 2000-2068 / 1969-1999, as Python's %y does.
_SHORT_YEAR = r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}$"
#: A year and a month (2022-10): the first of the month.
_YEAR_MONTH = r"^[0-9]{4}-[0-9]{1,2}$"
#: ISO date-times (what a loaded text column of date-times may be typed as).
ISO_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
)
_DATETIME_FORMATS = (
    *ISO_DATETIME_FORMATS,
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S%.fZ",
    "%Y-%m-%d %H:%M:%SZ",
    "%Y-%m-%dT%H:%MZ",
)
DATE_RULE = (
    "dates are read as ISO (2024-01-31), ISO date-times (the time is dropped, Z allowed), "
    "year-month (2024-01: the first of the month), US month/day/year (01/31/2024 or 1/31/24) "
    "or Excel day numbers, from 1900 to 2099"
)


def parse_dates(values: pl.Series) -> pl.Series:
    """Dates from a column of any type; a value that is none of the accepted forms gives null.

    Meant for the few distinct values of a column (aggregate first, then parse).
    """
    dtype = values.dtype
    if dtype == pl.Date:
        return _in_range(values)
    if isinstance(dtype, pl.Datetime):
        return _in_range(values.dt.date())
    if dtype.is_numeric():
        return _excel_dates(values.cast(pl.Float64, strict=False))
    frame = pl.DataFrame({"v": values.cast(pl.String)})
    return frame.select(text_date_expr(pl.col("v"))).to_series().alias(values.name)


_DATE_FORMS: tuple[tuple[str, str], ...] = (
    (r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "ISO (2024-01-31)"),
    (r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[ T]", "ISO date-time"),
    (r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$", "month/day/year (01/31/2024)"),
    (r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} ", "month/day/year with a time"),
    (_SHORT_YEAR, "month/day/two-digit year (1/31/24)"),
    (_YEAR_MONTH, "year-month (2024-01)"),
    (r"^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$", "year/month/day (2024/01/31)"),
    (r"^[0-9]+(\.[0-9]*)?$", "Excel day number (45322)"),
)


def date_forms(values: pl.Series) -> list[str]:
    """The forms the text dates of a column are written in (for a note when they are mixed)."""
    if values.dtype != pl.String:
        return []
    text = values.drop_nulls().str.strip_chars()
    return [name for pattern, name in _DATE_FORMS if text.str.contains(pattern).any()]


def _in_range(dates: pl.Series) -> pl.Series:
    inside = dates.is_between(FIRST_DATE, LAST_DATE)
    return pl.select(pl.when(inside).then(dates).otherwise(None)).to_series().alias(dates.name)


def text_date_expr(text: pl.Expr) -> pl.Expr:
    """An expression parsing text dates in any accepted form (null when none fits)."""
    text = text.str.strip_chars()
    serial = text.cast(pl.Float64, strict=False).floor()
    epoch_days = (_EXCEL_EPOCH - date(1970, 1, 1)).days
    excel = (
        pl.when(serial.is_between(_EXCEL_MIN, _EXCEL_MAX))
        .then(serial.cast(pl.Int64, strict=False) + epoch_days)
        .otherwise(None)
        .cast(pl.Int32)
        .cast(pl.Date)
    )
    short_year = (
        pl.when(text.str.contains(_SHORT_YEAR))
        .then(text.str.to_date("%m/%d/%y", strict=False))
        .otherwise(None)
    )
    year_month = (
        pl.when(text.str.contains(_YEAR_MONTH))
        .then((text + "-01").str.to_date("%Y-%m-%d", strict=False))
        .otherwise(None)
    )
    # The two-digit year first: %m/%d/%Y would read 10/5/16 as the year 16.
    parsed = pl.coalesce(
        short_year,
        year_month,
        *(text.str.to_date(fmt, strict=False) for fmt in _DATE_FORMATS),
        *(text.str.to_datetime(fmt, strict=False).dt.date() for fmt in _DATETIME_FORMATS),
        excel,
    )
    return pl.when(parsed.is_between(FIRST_DATE, LAST_DATE)).then(parsed).otherwise(None)


def _excel_dates(serials: pl.Series) -> pl.Series:
    days = serials.floor()
    ok = (days >= _EXCEL_MIN) & (days <= _EXCEL_MAX)
    offset = pl.select(
        pl.when(ok).then(days.cast(pl.Int64, strict=False)).otherwise(None)
    ).to_series()
    epoch_days = (_EXCEL_EPOCH - date(1970, 1, 1)).days
    return (offset + epoch_days).cast(pl.Int32).cast(pl.Date).alias(serials.name)


def parse_bools(values: pl.Series) -> pl.Series:
    """true/false, yes/no, 1/0 (any case) as booleans; anything else null."""
    if values.dtype == pl.Boolean:
        return values
    if values.dtype.is_numeric():
        return pl.select(
            pl.when(values == 1).then(True).when(values == 0).then(False).otherwise(None)
        ).to_series()
    text = values.cast(pl.String).str.strip_chars().str.to_lowercase()
    truth = {"true": True, "t": True, "yes": True, "y": True, "1": True}
    falsehood = {"false": False, "f": False, "no": False, "n": False, "0": False}
    return text.replace_strict({**truth, **falsehood}, default=None, return_dtype=pl.Boolean)
