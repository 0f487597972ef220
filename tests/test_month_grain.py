"""Tables of monthly totals (every date the 1st of a month, or written 2024-09): each row is a
whole month, so a period runs to the month's last day and no month is marked partial; and a
comparison cell whose every row has no count is empty (no data), never 0.

The real files are public releases kept outside the repository; without them those tests skip.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from settle import settle

from tui.app.factory import build_app
from tui.app.screenshots import fixed_settings
from tui.app.widgets.month_chart import MonthChart
from tui.app.widgets.paired_bars import PairedBars
from tui.core.model import View
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
OPTIONS = RecordOptions(
    place_column="place", date_column="month", category_column="category", count_column="n"
)


def real(name: str) -> Path:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the real files live outside the repository")
    return path


def _comparisons(path: Path, options: RecordOptions | None = None) -> View:
    return open_records([path], options or RecordOptions()).view("comparisons")


def _bounds(view: View) -> tuple[tuple[date, date], tuple[date, date]]:
    row = view.frame.row(0, named=True)
    return (row["period_a_start"], row["period_a_end"]), (
        row["period_b_start"],
        row["period_b_end"],
    )


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "t.csv"
    path.write_text("place,month,category,n\n" + "\n".join(lines) + "\n")
    return path


def test_months_on_the_first_run_to_their_last_day(tmp_path: Path) -> None:
    lines = [f"X,{y}-{m:02d}-01,c,{m}" for y in (2024, 2025) for m in range(1, 10)]
    view = _comparisons(_write(tmp_path, lines), OPTIONS)
    a, b = _bounds(view)
    assert a == (date(2024, 1, 1), date(2024, 9, 30))
    assert b == (date(2025, 1, 1), date(2025, 9, 30))
    first = view.frame.row(0, named=True)
    assert (first["value_a"], first["value_b"]) == (45, 45)  # September counted in both
    assert view.partial_months == ()
    assert "dates are all the 1st of a month: read as months (inferred)" in view.base
    assert view.spark_unit == "month"


def test_months_written_year_month_are_months(tmp_path: Path) -> None:
    lines = [f"X,{y}-{m:02d},c,1" for y in (2024, 2025) for m in range(1, 4)]
    view = _comparisons(_write(tmp_path, lines), OPTIONS)
    assert _bounds(view)[1] == (date(2025, 1, 1), date(2025, 3, 31))
    assert view.partial_months == ()
    assert "written as a year and month" in view.base
    assert "(inferred)" in view.base


def test_a_period_cutting_a_month_leaves_it_out_and_says_so(tmp_path: Path) -> None:
    lines = [f"X,2025-{m:02d}-01,c,10" for m in range(1, 7)]
    options = RecordOptions(
        **{**vars(OPTIONS), "period_b": (date(2025, 1, 1), date(2025, 3, 15))},
    )
    view = _comparisons(_write(tmp_path, lines), options)
    assert view.frame.row(0, named=True)["value_b"] == 20  # January, February; not March
    assert any("the month 2025-03 is only partly inside period B" in w for w in view.warnings)


def test_days_are_not_months(tmp_path: Path) -> None:
    """Daily data ending mid-month keeps its last day and its partial month."""
    lines = [f"X,2025-{m:02d}-01,c,1" for m in range(1, 4)] + ["X,2025-03-17,c,1"]
    view = _comparisons(_write(tmp_path, lines), OPTIONS)
    assert _bounds(view)[1] == (date(2025, 1, 1), date(2025, 3, 17))
    assert view.partial_months == ("2025-03",)
    assert "inferred" not in view.base.split("columns used")[0]


def test_a_cell_whose_rows_all_lack_a_count_is_empty_not_zero(tmp_path: Path) -> None:
    lines = [
        "A,2024-01-01,c,NA",  # A's January: every row without a count
        "A,2024-02-01,c,0",  # a count of 0 stays 0
        "B,2024-01-01,c,3",
        "B,2024-03-01,c,NA",  # March: B's only row, no count; A has no row
        "A,2025-01-01,c,NA",
        "B,2025-01-01,c,NA",  # period B: no count at all
        "A,2025-02-01,c,5",
    ]
    options = RecordOptions(
        **{
            **vars(OPTIONS),
            "period_a": (date(2024, 1, 1), date(2024, 1, 31)),
            "period_b": (date(2025, 1, 1), date(2025, 1, 31)),
        }
    )
    frame = _comparisons(_write(tmp_path, lines), options).frame
    rows = {r["series"]: r for r in frame.iter_rows(named=True)}
    assert [rows["A"][m] for m in ("2024-01", "2024-02", "2024-03", "2025-01", "2025-02")] == [
        None,
        0,
        0,  # no row for A in March: nothing recorded
        None,
        5,
    ]
    assert [rows["B"][m] for m in ("2024-01", "2024-02", "2024-03")] == [3, 0, None]
    assert [rows["All places"][m] for m in ("2024-01", "2024-03", "2025-01")] == [3, None, None]
    assert (rows["A"]["value_a"], rows["B"]["value_a"]) == (None, 3)
    assert (rows["All places"]["value_a"], rows["All places"]["value_b"]) == (3, None)
    assert rows["All places"]["change"] is None


def test_a_category_without_any_count_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, ["A,2024-01-01,x,NA", "A,2024-02-01,y,0", "A,2024-03-01,z,4"])
    frame = open_records([path], OPTIONS).view("convictions").frame
    counts = dict(frame.select("category", "n").rows())
    assert counts == {"x": None, "y": 0, "z": 4}


def test_real_monthly_arrests_by_state() -> None:
    path = real("deport-data-proj/sea_crim_state_month.csv")
    view = _comparisons(path)
    a, b = _bounds(view)
    assert a == (date(2024, 1, 1), date(2024, 9, 30))
    assert b == (date(2025, 1, 1), date(2025, 9, 30))
    assert (b[1] - b[0]).days + 1 == 273
    data = pl.read_csv(path, infer_schema=False).with_columns(
        pl.col("month").str.to_date(), pl.col("n").cast(pl.Int64)
    )
    first = view.frame.row(0, named=True)
    for value, (start, end) in (("value_a", a), ("value_b", b)):
        expected = data.filter(pl.col("month").is_between(start, end))["n"].sum()
        assert first[value] == expected
    assert first["value_b"] == 2645
    assert view.partial_months == ()
    assert "dates are all the 1st of a month: read as months (inferred)" in view.base


def test_real_monthly_detainers() -> None:
    path = real("mn-deportation-data/mn_detainers_by_month.csv")
    view = _comparisons(path)
    a = _bounds(view)[0]
    assert a == (date(2025, 1, 1), date(2025, 3, 31))
    data = pl.read_csv(path, infer_schema=False)
    expected = data.filter(pl.col("month_year").is_in(["2025-01", "2025-02", "2025-03"]))
    assert view.frame.row(0, named=True)["value_a"] == expected["count"].cast(pl.Int64).sum()
    assert view.frame.row(0, named=True)["value_a"] == 549
    assert view.partial_months == ()


@pytest.mark.parametrize(
    "name",
    ["mn-deportation-data/mn_detainers_over_time.csv", "ice-air/YakimaDetainers.csv"],
)
def test_real_daily_files_keep_their_days(name: str) -> None:
    view = _comparisons(real(name))
    last = view.frame.row(0, named=True)["period_b_end"]
    # The last period ends on the data's last day, a day and not a month's end.
    assert "read as months" not in view.base
    assert view.spark_unit == "month"
    if last != _month_end(last):
        assert view.partial_months[-1] == last.strftime("%Y-%m")


async def test_real_monthly_file_in_the_comparisons_pane(tmp_path: Path) -> None:
    """Whole months: 2025's nine months are 273 days, and no month is marked partial."""
    path = real("deport-data-proj/sea_crim_state_month.csv")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = app.main.active_table_pane()
        pairs = str(pane.query_one(PairedBars).render())
        assert "1,591  274 days, 5.8 a day" in pairs  # 2024 is a leap year
        assert "2,645  273 days, 9.7 a day" in pairs
        chart = str(pane.query_one(MonthChart).render())
        assert "476" in chart
        assert "only part of the month" not in chart
        assert "476*" not in chart
        assert pane.table.spark_partial == frozenset()


def test_a_parquet_date_column_of_firsts_is_months(tmp_path: Path) -> None:
    path = tmp_path / "months.parquet"
    pl.DataFrame(
        {
            "place": ["X"] * 4,
            "month": [date(2025, m, 1) for m in range(1, 5)],
            "category": ["c"] * 4,
            "n": [1, 2, 3, 4],
        }
    ).write_parquet(path)
    view = _comparisons(path, OPTIONS)
    assert _bounds(view)[1] == (date(2025, 1, 1), date(2025, 4, 30))
    assert view.frame.row(0, named=True)["value_b"] == 10
    assert view.partial_months == ()


async def test_a_month_without_any_count_is_a_gap_in_the_charts(tmp_path: Path) -> None:
    lines = [f"X,{y}-{m:02d}-01,c,{m}" for y in (2024, 2025) for m in range(1, 4)]
    lines[4] = "X,2025-02-01,c,NA"
    path = _write(tmp_path, lines)
    app = build_app([str(path)], options=OPTIONS, settings=fixed_settings(tmp_path))
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = app.main.active_table_pane()
        assert pane.shown.row(0, named=True)["2025-02"] is None
        chart = str(pane.query_one(MonthChart).render())
        assert "— no data for the month" in chart
        assert "B        1      —      3" in chart
