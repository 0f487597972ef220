"""Roles suggested for a table of no known layout: from the columns' names and a sample.

A suggestion is shown as one ("suggested: inferred from the column name 'County'"), never
applied as if certain. Names are matched by their words (`header_key` split on `_`); a date
or count suggested by name must also read as dates or numbers in the first rows.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from tui.core.records.calendar_periods import PERIOD_NAMES, detect_grain
from tui.core.roles import Role, RoleChoice, Roles
from tui.core.tables.header import header_key
from tui.core.tables.table import Table
from tui.core.tables.values import FIRST_DATE, LAST_DATE, parse_dates

#: Words that name a place, most specific first.
PLACE_WORDS: tuple[str, ...] = (
    "jurisdiction",
    "area_of_responsibility",
    "aor",
    "facility",
    "site",
    "county",
    "office",
    "city",
    "state",
    "place",
    "location",
)
CATEGORY_WORDS: tuple[str, ...] = (
    "criminality",
    "conviction",
    "charge",
    "offense",
    "offence",
    "category",
)
#: Whole names of count columns (aggregate tables).
COUNT_NAMES: tuple[str, ...] = (
    "n",
    "count",
    "counts",
    "total",
    "arrests",
    "removals",
    "detainers",
    "detentions",
    "people",
    "population",
    "adp",
    "number",
    "freq",
    "frequency",
)
DATE_WORDS: tuple[str, ...] = ("date", "month", "day", "week")
SAMPLE_ROWS = 200
#: Share of a sample's filled cells that must read as dates (or numbers) for a suggestion.
READABLE_SHARE = 0.9


def _words(column: str) -> tuple[str, str]:
    key = header_key(column)
    return key, f"_{key}_"


def _named(columns: Sequence[str], words: Sequence[str]) -> list[tuple[str, str]]:
    """(column, word) for each column naming one of `words`, by word order then column order.

    Columns of codes come after those of names (`facility_code` after `facility`).
    """
    found: list[tuple[int, bool, bool, int, str, str]] = []
    for index, column in enumerate(columns):
        key, padded = _words(column)
        for rank, word in enumerate(words):
            if f"_{word}_" in padded:
                coded = "_code_" in padded or "_id_" in padded
                found.append((rank, coded, key != word, index, column, word))
                break
    return [(column, word) for *_, column, word in sorted(found)]


def _sample(table: Table, columns: Sequence[str]) -> pl.DataFrame:
    if not columns:
        return pl.DataFrame()
    try:
        return table.collect(table.lazy.select(pl.col(c) for c in columns).head(SAMPLE_ROWS))
    except Exception:  # a sample that cannot be read suggests nothing; the views will say why
        return pl.DataFrame()


def _filled(values: pl.Series) -> pl.Series:
    if values.dtype == pl.String:
        text = values.str.strip_chars()
        return values.filter(text.is_not_null() & (text != "") & ~text.is_in(MISSING_TOKENS))
    return values.drop_nulls()


#: Cells that mean "no value" in files written by R, Excel and databases.
MISSING_TOKENS: tuple[str, ...] = ("NA", "N/A", "n/a", "NULL", "null", "None", "-", "#N/A")


def reads_as_dates(values: pl.Series) -> bool:
    filled = _filled(values)
    if filled.is_empty():
        return False
    if filled.dtype.is_numeric():
        return False  # a number column is a count or a code far more often than Excel days
    parsed = iso_days(filled)
    if parsed is None:
        parsed = parse_dates(filled)
    if parsed.null_count() and filled.dtype == pl.String:
        parsed = parsed.fill_null(month_dates(filled))
    return (parsed.len() - parsed.null_count()) >= READABLE_SHARE * filled.len()


def iso_days(values: pl.Series) -> pl.Series | None:
    """The dates when every value is an ISO day (2024-01-31) from 1900 to 2099, the common
    form: read by that one format, as `parse_dates` would (10 times faster), else None."""
    if values.dtype != pl.String:
        return None
    days = values.str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    if days.null_count() != values.null_count():
        return None
    if not days.drop_nulls().is_between(FIRST_DATE, LAST_DATE).all():
        return None
    return days


def month_dates(values: pl.Series) -> pl.Series:
    """`2022-10` as the first of its month (year-month tables)."""
    return (
        pl.DataFrame({"v": values.cast(pl.String).str.strip_chars()})
        .select(pl.col("v").str.to_date("%Y-%m", strict=False))
        .to_series()
        .alias(values.name)
    )


def reads_as_numbers(values: pl.Series) -> bool:
    filled = _filled(values)
    if filled.is_empty():
        return False
    if filled.dtype.is_numeric():
        return True
    numbers = filled.cast(pl.String).str.replace_all(",", "").cast(pl.Float64, strict=False)
    return (numbers.len() - numbers.null_count()) >= READABLE_SHARE * filled.len()


def suggest_roles(table: Table) -> Roles:
    """Each role from the columns' names (and, for date and count, their first values)."""
    columns = list(table.columns)
    schema = table.schema
    chosen: dict[Role, RoleChoice | None] = {}
    places = _named(columns, PLACE_WORDS)
    chosen["place"] = (
        RoleChoice(places[0][0], "suggested", f"inferred from the column name ({places[0][1]})")
        if places
        else None
    )
    categories = _named(columns, CATEGORY_WORDS)
    chosen["category"] = (
        RoleChoice(
            categories[0][0], "suggested", f"inferred from the column name ({categories[0][1]})"
        )
        if categories
        else None
    )
    typed_dates = [c for c in columns if schema[c] == pl.Date or isinstance(schema[c], pl.Datetime)]
    named_dates = [c for c, _ in _named(columns, DATE_WORDS) if c not in typed_dates]
    counts = [c for c in columns if header_key(c) in COUNT_NAMES]
    sample = _sample(table, [*named_dates, *counts])
    date_choice = None
    if typed_dates:
        date_choice = RoleChoice(typed_dates[0], "suggested", "inferred: the file types it a date")
    else:
        for column in named_dates:
            if column in sample.columns and reads_as_dates(sample.get_column(column)):
                date_choice = RoleChoice(
                    column, "suggested", "inferred from the column name; its values read as dates"
                )
                break
    if date_choice is None:
        date_choice = _period_choice(table, columns)
    chosen["date"] = date_choice
    count_choice = None
    for column in counts:
        if column in sample.columns and reads_as_numbers(sample.get_column(column)):
            count_choice = RoleChoice(
                column, "suggested", "inferred from the column name; its values are numbers"
            )
            break
    chosen["count"] = count_choice
    noun = header_key(count_choice.column) if count_choice is not None else "rows"
    return Roles.of(chosen, preset=None, noun=noun or "count")


def _period_choice(table: Table, columns: Sequence[str]) -> RoleChoice | None:
    """A column of calendar years or quarters (`cy`, `cy_quarter`), the finest first, when
    the file has no column of days: named so, and its first values read so."""
    named = sorted(
        (grain != "quarter", index, column)
        for index, column in enumerate(columns)
        if (grain := PERIOD_NAMES.get(header_key(column))) is not None
    )
    if not named:
        return None
    sample = _sample(table, [column for *_, column in named])
    for *_, column in named:
        grain = detect_grain(sample.get_column(column)) if column in sample.columns else None
        if grain is not None:
            return RoleChoice(
                column,
                "suggested",
                f"inferred from the column name; its values read as calendar {grain}s "
                "(no months or days)",
            )
    return None
