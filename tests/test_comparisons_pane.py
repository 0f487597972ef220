"""The Comparisons pane draws nothing a reader could misread: paired bars on one scale from zero
with their values, per-day rates only where both lengths are known, a month chart of the
selected record row with partial months marked, and no data shown as no data."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from settle import settle
from synth import ice_records as ir

from tui.app.factory import build_app
from tui.app.panes.views import ComparisonsPane
from tui.app.screenshots import fixed_settings
from tui.app.widgets.cells import bar, spark
from tui.app.widgets.month_chart import MonthChart, chart_text, month_series
from tui.app.widgets.paired_bars import PairedBars, length_text, pair_from_row, pairs_text
from tui.cli import main

SIZE = (120, 40)
ROWS = 3000


# -- drawing in cells: zero-based, proportional ------------------------------------------------


def test_sparkline_heights_are_shares_of_the_largest_from_zero() -> None:
    # The jurisdictions (14 of 107 was drawn as ▁, 27 as ▃ by a min-max scale).
    assert spark([107, 54, 27, 14]) == "█▄▂▁"
    assert spark([0, 5, 10]) == "_▄█"  # zero sits on the baseline, apart from small values
    assert spark([None, 10]) == " █"  # missing is a gap, never zero
    assert spark([0, 0]) == "__"
    assert spark([1, 1000]) == "▁█"  # a small value is still drawn


def test_bars_are_proportional_and_a_small_value_is_never_drawn_as_zero() -> None:
    assert bar(50, 100, 10) == "█████"
    assert bar(0, 100, 10) == ""
    assert bar(None, 100, 10) == ""
    assert bar(1, 10_000, 10) == "▏"


# -- paired bars ----------------------------------------------------------------------------


def _row(**values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "series": "National ICE arrests",
        "period_a": "24 Jan–30 Apr 2016",
        "value_a": 30028,
        "period_a_start": "2016-01-24",
        "period_a_end": "2016-04-30",
        "period_b": "Jan–Apr 2017",
        "value_b": 41318,
        "period_b_start": None,
        "period_b_end": None,
    }
    return {**row, **values}


def test_pairs_are_on_one_scale_with_their_values() -> None:
    pair = pair_from_row(_row())
    lines = pairs_text([pair], 120).plain.splitlines()
    assert lines[0].startswith("National ICE arrests")
    a, b = lines[1], lines[2]
    assert "30,028" in a
    assert "41,318" in b
    # B, the larger, is the full bar; A is 30,028 / 41,318 of it (to an eighth of a cell).
    full, part = b.count("█"), a.count("█") + (1 if any(c in a for c in "▏▎▍▌▋▊▉") else 0)
    assert abs(part - full * 30028 / 41318) <= 1
    # 2017's period is undated in the article: no rate is made up for either.
    assert "98 days" in a
    assert "a day" not in a
    assert "undated" in b


def test_rates_a_day_only_where_both_lengths_are_known_and_differ() -> None:
    differ = pair_from_row(
        _row(
            period_b_start="2017-01-01",
            period_b_end="2017-04-30",
        )
    )
    assert length_text(differ, differ.a) == "98 days, 306.4 a day"
    assert length_text(differ, differ.b) == "120 days, 344.3 a day"
    same = pair_from_row(_row(period_b_start="2017-01-24", period_b_end="2017-05-01"))
    assert length_text(same, same.a) == "98 days"
    undated = pair_from_row(_row(period_a_start=None, period_a_end=None))
    assert length_text(undated, undated.a) == "undated"


def test_a_period_without_data_is_drawn_as_no_data() -> None:
    pair = pair_from_row(_row(value_a=None))
    a, b = pairs_text([pair], 120).plain.splitlines()[1:3]
    assert "no data" in a
    assert "█" not in a
    assert " 0 " not in a
    assert "41,318" in b


async def test_bundled_comparisons_pane_draws_every_pair(tmp_path: Path) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        pane = app.main.query_one(ComparisonsPane)
        # No two-point sparkline beside the rows.
        assert all(column.kind != "spark" for column in pane.table.columns)
        pairs = pane.query_one(PairedBars)
        assert [p.series for p in pairs.pairs] == [
            "National ICE arrests",
            "New York overall arrests",
            "New York non-criminal arrests",
        ]
        assert [(p.a.value, p.b.value) for p in pairs.pairs] == [
            (30028, 41318),
            (523, 687),
            (77, 156),
        ]
        drawn = pairs.render().plain
        for value in ("30,028", "41,318", "523", "687", "77", "156", "98 days", "undated"):
            assert value in drawn
        # The min-max sparkline of arrests across the jurisdictions is gone from this pane.
        assert "across" not in drawn
        assert not pane.query_one(MonthChart).display
        # A filter narrows the pairs with the rows.
        await pilot.press("slash", *"non-criminal", "enter")
        await settle(pilot)
        assert [p.series for p in pairs.pairs] == ["New York non-criminal arrests"]


async def test_p_and_d_on_the_bundled_figures_say_they_are_for_record_files(
    tmp_path: Path,
) -> None:
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p", "d")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("p chooses the periods of record files") for m in messages)
        assert any(m.startswith("d includes or excludes likely duplicates") for m in messages)


async def test_record_options_on_the_bundled_figures_are_said_not_to_apply(
    tmp_path: Path,
) -> None:
    from tui.core.records.options import RecordOptions

    options = RecordOptions(period_a=(date(2024, 1, 1), date(2024, 4, 30)), exclude_duplicates=True)
    app = build_app(settings=fixed_settings(tmp_path), options=options)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert messages == [
            "--period-a and --exclude-duplicates apply to record files only; the bundled "
            "figures are shown with the article's own periods, and the article flags no "
            "duplicates"
        ]


def test_cli_says_record_options_do_not_apply_to_the_bundled_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "comparisons", "--period-b", "2025-01-01:2025-04-30"]) == 0
    err = capsys.readouterr().err
    assert "warning: --period-b applies to record files only" in err


# -- record files --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def arrests_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("comparisons") / "arrests-2025.csv"
    ir.write(ir.arrests(ROWS, seed=21, layout="2025"), path, "csv")
    return path


def _source_dates() -> pl.Series:
    return ir.arrests(ROWS, seed=21, layout="2025")["Apprehension Date"]


def _count(dates: pl.Series, start: date, end: date) -> int:
    return int(dates.is_between(start, end).sum())


async def test_records_pane_charts_the_selected_row_by_month(
    arrests_csv: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_csv)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        pane = app.main.query_one(ComparisonsPane)
        dates = _source_dates()
        # The data ends on 29 July 2025: July is partial, drawn apart in the sparkline.
        assert pane.table.spark_partial == frozenset({"2025-07"})
        pairs = pane.query_one(PairedBars).pairs
        assert len(pairs) == 1
        national = pairs[0]
        assert national.series == "All AORs (national)"
        assert national.a.value == _count(dates, date(2024, 1, 1), date(2024, 7, 29))
        assert national.b.value == _count(dates, date(2025, 1, 1), date(2025, 7, 29))
        # 211 days against 210 (2024 is a leap year): lengths and rates shown, no warning.
        assert (national.a.days, national.b.days) == (211, 210)
        assert not pane.query_one(".warning").has_class("shown")
        chart = pane.query_one(MonthChart)
        assert chart.display
        assert chart.data is not None
        b_months = [(m.month, m.value) for m in chart.data.b]
        assert b_months == [
            (
                f"2025-{m:02d}",
                _count(dates, date(2025, m, 1), _month_end(2025, m, date(2025, 7, 29))),
            )
            for m in range(1, 8)
        ]
        july = chart.data.b[-1]
        assert july.partial_data
        drawn = chart.render().plain.splitlines()
        assert drawn[0].startswith("Monthly arrests, All AORs (national)")
        assert drawn[-4].split() == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"]
        assert drawn[-3].split()[0] == "A"
        assert drawn[-2].split()[-1] == f"{july.value:,}*†"
        assert "* the data covers only part of the month" in drawn[-1]
        # Moving down charts the next row: an AOR.
        await pilot.press("j")
        await settle(pilot)
        second = pane.shown.row(1, named=True)
        assert chart.data.series == second["series"]
        assert [m.value for m in chart.data.a] == [second[f"2024-{m:02d}"] for m in range(1, 8)]
        assert pane.query_one(PairedBars).pairs[0].series == second["series"]


def _month_end(year: int, month: int, last: date) -> date:
    import calendar

    end = date(year, month, calendar.monthrange(year, month)[1])
    return min(end, last)


def test_month_chart_axes_values_and_no_data() -> None:
    row = {"series": "Houston", "2024-11": 10, "2024-12": 40, "2025-11": 20, "2025-12": 0}
    data = month_series(
        row,
        months=["2024-11", "2024-12", "2025-11", "2025-12"],
        periods=((date(2024, 11, 1), date(2025, 1, 31)), (date(2025, 11, 1), date(2026, 1, 31))),
        partial_months=[],
        noun="arrests",
    )
    lines = chart_text(data, 100).plain.splitlines()
    assert lines[1].startswith("40 ┤")  # the scale's top on the axis
    assert lines[7].startswith(" 0 └")  # and its zero
    assert lines[8].split() == ["Nov", "Dec", "Jan"]
    assert lines[9].split() == ["A", "10", "40", "—"]  # January 2025 has no month column
    assert lines[10].split() == ["B", "20", "0", "—"]
    assert "— no data for the month" in lines[11]
    # Dec 2024 (40) reaches the top; Nov 2025 (20) half of it: 24 of 48 eighths.
    column = [line[4:] for line in lines[1:7]]
    assert sum("█" in line for line in column) >= 6


def test_records_export_writes_no_data_as_empty_cells(arrests_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "comparisons.csv"
    code = main(
        [
            "export",
            "comparisons",
            "--data",
            str(arrests_csv),
            "--period-a",
            "2020-01-01:2020-12-31",
            "--period-b",
            "2025-01-01:2025-07-29",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    with out.open(newline="", encoding="utf-8") as stream:
        first = next(csv.DictReader(stream))
    assert first["series"] == "All AORs (national)"
    assert first["value_a"] == ""
    assert first["change"] == ""
    assert first["change_pct"] == ""
    assert first["value_b"] == str(_count(_source_dates(), date(2025, 1, 1), date(2025, 7, 29)))
    assert "no data in period A (2020-01-01 to 2020-12-31)" in first["warning"]


async def test_d_without_a_duplicate_flag_column_says_duplicates_cannot_be_detected(
    arrests_csv: Path, tmp_path: Path
) -> None:
    # A 2025 raw release has no duplicate_likely: nothing to exclude, and nothing can be.
    app = build_app([str(arrests_csv)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Likely duplicates cannot be detected") for m in messages)
        assert not any("now excluded" in m for m in messages)
        assert app.options.exclude_duplicates is False
