"""The periods of a records comparison, headless: a leap day is no difference in definition, a
period outside the data has no data, and the months the data covers in part are named."""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.records.months import partial_months
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
