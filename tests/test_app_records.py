"""The explorer on record files: loading in the background, periods, duplicates, opening files,
column stats and frequencies, and bad files told in a notification while the session goes on."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from settle import settle, until
from synth import ice_records as ir

from tui.app.factory import build_app
from tui.app.screens.dialogs import OpenFilesDialog, PeriodsDialog
from tui.app.screenshots import fixed_settings
from tui.app.widgets.paired_bars import PairedBars
from tui.core.model import Catalog
from tui.core.open import Report, open_catalog
from tui.core.records.options import RecordOptions

SIZE = (120, 40)
ROWS = 3000


@pytest.fixture
def arrests_parquet(tmp_path: Path) -> Path:
    path = tmp_path / "arrests.parquet"
    ir.write(ir.arrests(ROWS, seed=5, layout="processed"), path, "parquet")
    return path


@pytest.fixture
def detainers_csv(tmp_path: Path) -> Path:
    path = tmp_path / "detainers.csv"
    ir.write(ir.detainers(ROWS, seed=6, layout="2026"), path, "csv")
    return path


async def test_records_fill_the_three_panes(arrests_parquet: Path, tmp_path: Path) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        jurisdictions = app.main.active_table_pane().shown
        assert jurisdictions.columns[:3] == ["jurisdiction", "arrests", "share_pct"]
        assert jurisdictions.get_column("arrests").sum() == ROWS
        await pilot.press("2")
        convictions = app.main.active_table_pane().shown
        assert convictions.get_column(convictions.columns[1]).sum() == ROWS
        await pilot.press("3")
        comparisons = app.main.active_table_pane()
        assert comparisons.shown.get_column("series")[0] == "All AORs (national)"
        assert comparisons.table.spark_columns  # one sparkline of months per row
        assert not app.main.has_class("loading")


async def test_periods_dialog_recomputes_the_comparison(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("3", "p")
        await settle(pilot)
        assert isinstance(app.screen, PeriodsDialog)
        boxes = list(app.screen.query("Input"))
        assert boxes[0].value == "2024-01-01:2024-07-29"  # type: ignore[attr-defined]
        boxes[0].value = "2024-01-01:2024-03-31"  # type: ignore[attr-defined]
        boxes[1].value = "2025-01-01:2025-03-31"  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.options.period_a == (date(2024, 1, 1), date(2024, 3, 31))
        frame = app.main.active_table_pane().shown
        assert frame.get_column("period_b")[0] == "2025-01-01 to 2025-03-31"
        # 91 days against 90 is 29 February alone: the same calendar dates, no warning;
        # the pane shows both lengths and the counts a day instead.
        assert frame.get_column("warning")[0] == ""
        pair = app.main.query_one(PairedBars).pairs[0]
        assert (pair.a.days, pair.b.days) == (91, 90)


async def test_a_bad_period_is_told_in_the_dialog(arrests_parquet: Path, tmp_path: Path) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        app.screen.query("Input").first().value = "last spring"  # type: ignore[attr-defined]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PeriodsDialog)
        assert "cannot be read" in str(app.screen.query_one(".dialog-msg").render())


async def test_duplicates_can_be_excluded(arrests_parquet: Path, tmp_path: Path) -> None:
    flagged = pl.read_parquet(arrests_parquet).get_column("duplicate_likely").sum()
    assert flagged > 0
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.options.exclude_duplicates
        total = app.main.active_table_pane().shown.get_column("arrests").sum()
        assert total == ROWS - flagged


async def test_opening_a_bad_file_keeps_the_session(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OpenFilesDialog)
        app.screen.query_one("Input").value = str(bad)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("bad.parquet" in m for m in messages), messages
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == 498
        assert not app.main.has_class("loading")


async def test_open_second_file_while_first_loads(
    arrests_parquet: Path, detainers_csv: Path, tmp_path: Path
) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        app.open_paths([str(detainers_csv)])
        await settle(pilot)
        assert app.paths == [str(detainers_csv)]
        await pilot.press("2")
        convictions = app.main.active_table_pane().shown
        assert convictions.get_column(convictions.columns[1]).sum() == ROWS


async def test_cancelling_a_load_keeps_what_was_shown(
    arrests_parquet: Path, tmp_path: Path
) -> None:
    release = threading.Event()

    def slow_open(report: Report) -> Catalog:
        report("reading a very large file")
        release.wait(10)
        return open_catalog([str(arrests_parquet)])

    app = build_app(settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.start_loading(slow_open, "huge.parquet")
        text = app.main.query_one("#loading-text")
        await until(pilot, lambda: "reading a very large file" in str(text.render()), "the step")
        assert app.main.has_class("loading")
        await pilot.press("escape")
        release.set()
        await settle(pilot)
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == 498
        assert not app.main.has_class("loading")


async def test_data_pane_frequency_and_column_stats(arrests_parquet: Path, tmp_path: Path) -> None:
    app = build_app([str(arrests_parquet)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.main.active_table_pane()
        assert pane.shown.height == ROWS
        await pilot.press("c")
        await settle(pilot)
        stats = app.main.active_table_pane().shown
        assert "nulls" in stats.columns
        assert stats.height == len(pl.read_parquet_schema(arrests_parquet))
        app.main.open_dataset("arrests.parquet")
        await settle(pilot)
        pane = app.main.active_table_pane()
        pane.table.move_cursor(column="gender")
        await pilot.press("f")
        await settle(pilot)
        frequency = app.main.active_table_pane()
        assert frequency.export_name.startswith("frequency-of-gender")
        assert frequency.shown.columns[:2] == ["value", "count"]
        assert frequency.shown.get_column("count").sum() == ROWS
        assert set(frequency.shown.get_column("value").to_list()) <= {"Male", "Female", "Unknown"}


def test_a_missing_file_fails_before_the_screen_opens(tmp_path: Path) -> None:
    from tui.core.errors import DataError

    with pytest.raises(DataError, match=r"missing\.csv"):
        build_app([str(tmp_path / "missing.csv")], options=RecordOptions())


async def test_a_pane_without_its_view_exports_nothing(tmp_path: Path) -> None:
    """No category column: pane 2 says why it is empty, and `e` says there is nothing to
    write (it offered "Export convictions: 0 rows as CSV", a file of no columns)."""
    path = tmp_path / "places.csv"
    path.write_text("county,n\nKing,4\nPierce,2\n")
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if app.screen is not app.main:  # the roles dialog a file of no known layout opens
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is app.main
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Nothing to export: this pane shows no table") for m in messages)
        assert not list(tmp_path.glob("*.csv"))[1:]  # only the input file
