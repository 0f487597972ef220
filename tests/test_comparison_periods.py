"""The periods of a records comparison, headless: a leap day is no difference in definition, a
period outside the data has no data, and the months the data covers in part are named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.core.records.catalog import open_records
from tui.core.records.months import partial_months
from tui.core.records.options import RecordOptions
from tui.core.records.periods import (
    Periods,
    default_periods,
    overlaps,
    period_warning,
    same_calendar_dates,
)

DATA = (date(2023, 9, 1), date(2025, 7, 28))


def test_default_periods_on_a_leap_year_raise_no_length_warning() -> None:
    periods = default_periods(*DATA)
    assert periods.a == (date(2024, 1, 1), date(2024, 7, 28))
    assert periods.b == (date(2025, 1, 1), date(2025, 7, 28))
    assert period_warning(periods, *DATA) == ""


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ((date(2024, 1, 1), date(2024, 7, 28)), (date(2025, 1, 1), date(2025, 7, 28)), True),
        ((date(2024, 2, 1), date(2024, 2, 29)), (date(2025, 2, 1), date(2025, 2, 28)), True),
        ((date(2023, 2, 1), date(2023, 2, 28)), (date(2024, 2, 1), date(2024, 2, 29)), True),
        ((date(2023, 10, 1), date(2024, 9, 30)), (date(2024, 10, 1), date(2025, 9, 30)), True),
        ((date(2024, 1, 24), date(2024, 4, 30)), (date(2025, 1, 1), date(2025, 4, 30)), False),
        ((date(2024, 1, 1), date(2024, 1, 31)), (date(2024, 1, 1), date(2024, 1, 31)), False),
    ],
)
def test_same_calendar_dates(a: tuple[date, date], b: tuple[date, date], same: bool) -> None:
    assert same_calendar_dates(a, b) is same


def test_periods_of_different_definitions_still_warn() -> None:
    periods = Periods(
        a=(date(2024, 1, 24), date(2024, 4, 30)),
        b=(date(2025, 1, 1), date(2025, 4, 30)),
        defaulted=False,
    )
    warning = period_warning(periods, *DATA)
    assert "periods differ in length" in warning
    assert "98 days" in warning
    assert "120 days" in warning


def test_a_period_without_data_is_said_to_have_none() -> None:
    periods = Periods(
        a=(date(2022, 1, 1), date(2022, 12, 31)),
        b=(date(2023, 1, 1), date(2023, 12, 31)),
        defaulted=False,
    )
    assert not overlaps(periods.a, *DATA)
    assert overlaps(periods.b, *DATA)
    warning = period_warning(periods, *DATA)
    assert (
        "no data in period A (2022-01-01 to 2022-12-31): the data runs from 2023-09-01 to "
        "2025-07-28" in warning
    )
    assert "period B reaches outside the data" in warning


def test_partial_months_are_the_first_and_last_the_data_cuts() -> None:
    months = ["2023-09", "2023-10", "2025-06", "2025-07"]
    assert partial_months(date(2023, 9, 1), date(2025, 7, 28), months) == ("2025-07",)
    assert partial_months(date(2023, 9, 1), date(2025, 7, 31), months) == ()
    assert partial_months(date(2023, 9, 15), date(2025, 7, 28), months) == ("2023-09", "2025-07")
    # 29 February ends February 2024; 28 February 2024 does not.
    assert partial_months(date(2024, 2, 1), date(2024, 2, 29), ["2024-02"]) == ()
    assert partial_months(date(2024, 2, 1), date(2024, 2, 28), ["2024-02"]) == ("2024-02",)
    # One month, cut at both ends, is named once.
    assert partial_months(date(2024, 3, 5), date(2024, 3, 20), ["2024-03"]) == ("2024-03",)
    # A first month beyond the month columns kept is not named.
    assert partial_months(date(2000, 1, 5), date(2025, 7, 31), ["2025-07"]) == ()


# -- a table mapped by its column roles: the same periods, bounds and partial months ---------


def _removals(tmp_path: Path) -> Path:
    path = tmp_path / "removals.csv"
    rows = ["MEXICO,2024-01-15", "MEXICO,2024-03-10", "PERU,2025-01-20", "PERU,2025-03-05"]
    path.write_text("country,departed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_mapped_comparison_dates_its_periods_and_marks_partial_months(tmp_path: Path) -> None:
    options = RecordOptions(place_column="country", date_column="departed")
    view = open_records([_removals(tmp_path)], options).view("comparisons")
    total = view.frame.row(0, named=True)
    # Default periods: to the last date (5 March), this year and the year before, from the
    # first date (15 January), not 1 January: period A holds no day before the data.
    assert (total["period_a_start"], total["period_a_end"]) == (date(2024, 1, 15), date(2024, 3, 5))
    assert (total["period_b_start"], total["period_b_end"]) == (date(2025, 1, 15), date(2025, 3, 5))
    assert (total["value_a"], total["value_b"]) == (1, 2)  # 10 March 2024 is after period A
    # The data starts on 15 January 2024 and ends on 5 March 2025: both months only in part.
    assert view.partial_months == ("2024-01", "2025-03")


def test_a_mapped_period_outside_the_data_is_no_data(tmp_path: Path) -> None:
    options = RecordOptions(
        place_column="country",
        date_column="departed",
        period_a=(date(2020, 1, 1), date(2020, 3, 5)),
        period_b=(date(2025, 1, 1), date(2025, 3, 5)),
    )
    view = open_records([_removals(tmp_path)], options).view("comparisons")
    total = view.frame.row(0, named=True)
    assert total["value_a"] is None  # no data, never 0
    assert total["change"] is None
    assert total["change_pct"] is None
    assert total["value_b"] == 2
