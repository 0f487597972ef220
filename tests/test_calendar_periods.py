"""Date columns of calendar years or quarters (`cy`, `cy_quarter`): periods, not days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from tui.core.records.calendar_periods import detect_grain, period_bounds
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions


@pytest.mark.parametrize(
    ("values", "grain"),
    [
        ([2022, 2023], "year"),
        (["2022", "NA", ""], "year"),
        ([2022.0, 2023.0], "year"),
        ([2022.1, 2022.4], "quarter"),
        (["2022Q1", "2023-Q4", "2024 q2"], "quarter"),
        (["2022-1"], None),  # a month, maybe: not guessed a quarter
        (["2022", "2022Q1"], None),  # mixed: neither
        ([2022.5], None),
        ([1850], None),
        (["2022-01-05"], None),
        ([45322], None),  # an Excel day number is not a year
    ],
)
def test_grain_of_values(values: list[object], grain: str | None) -> None:
    assert detect_grain(pl.Series(values)) == grain


def test_bounds_of_years_and_quarters() -> None:
    start, end = period_bounds(pl.Series([2024.1, 2024.4, None]), "quarter")
    assert start.to_list() == [dt.date(2024, 1, 1), dt.date(2024, 10, 1), None]
    assert end.to_list() == [dt.date(2024, 3, 31), dt.date(2024, 12, 31), None]
    start, end = period_bounds(pl.Series(["2023"]), "year")
    assert (start[0], end[0]) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_a_given_year_column_is_years_not_excel_days(tmp_path: Path) -> None:
    """`--date year` on a column of 2022, 2023: read as years, never as days of 1905."""
    path = tmp_path / "per-year.csv"
    pl.DataFrame(
        {"office": ["A", "A", "B"], "yr": [2023, 2024, 2024], "total": [5, 7, 11]}
    ).write_csv(path)
    view = open_records([path], RecordOptions(date_column="yr")).view("comparisons")
    total = view.frame.row(0, named=True)
    assert view.periods == (
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    )
    assert (total["value_a"], total["value_b"]) == (5, 18)
    assert view.spark_columns == ("2023", "2024")
    assert view.spark_unit == "year"


def test_quarters_suggested_finest_first_and_not_split(tmp_path: Path) -> None:
    path = tmp_path / "quarters.csv"
    pl.DataFrame(
        {
            "county": ["X", "X", "X", "Y"],
            "cy": [2023, 2023, 2024, 2024],
            "year_quarter": ["2023Q1", "2023Q2", "2024Q1", "2024Q2"],
            "n": [1, 2, 4, 8],
        }
    ).write_csv(path)
    catalog = open_records([path])
    assert catalog.mapping is not None
    date = catalog.mapping.roles.get("date")
    assert date is not None
    assert (date.column, date.how) == ("year_quarter", "suggested")
    view = catalog.view("comparisons")
    assert view.spark_columns == ("2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2")
    # Default periods: 1 January to the end of the last quarter, and the year before.
    assert view.periods == (
        (dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
        (dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    )
    total = view.frame.row(0, named=True)
    assert (total["value_a"], total["value_b"]) == (3, 12)
    assert view.partial_months == ()


def test_birth_year_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    pl.DataFrame({"state": ["WA"], "birth_year": [1980]}).write_csv(path)
    catalog = open_records([path])
    assert catalog.mapping is not None
    assert catalog.mapping.roles.get("date") is None
