"""The Data pane shows the first raw rows before the whole file is read, then every row as it
comes; sorting and filtering work on the rows read, and again on all of them once read.

The reading is held back slice by slice by the test (no timing): what is on screen is checked
while the file is still being read.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from settle import settle, until
from synth import ice_records as ir

import tui.app.panes.data as data_module
import tui.core.records.catalog as catalog_module
import tui.core.tables.load as load_module
from tui.app.factory import build_app
from tui.app.screenshots import fixed_settings
from tui.core.table_ops import sort_rows
from tui.core.tables.table import Table

SIZE = (120, 40)
ROWS = 3000
SLICE = 1000
WINDOW = 50


class Gate:
    """Lets the file's slices through one at a time, when the test says so."""

    def __init__(self) -> None:
        self.allowed = threading.Semaphore(0)
        self.given = 0

    def release(self, slices: int = 1) -> None:
        for _ in range(slices):
            self.allowed.release()

    def wrap(self, real: object) -> object:
        def gated(table: Table) -> tuple[object, Iterator[pl.DataFrame]]:
            in_file, parts = real(table)  # type: ignore[operator]

            def slices() -> Iterator[pl.DataFrame]:
                for part in parts:
                    assert self.allowed.acquire(timeout=120), "the test never let a slice through"
                    self.given += 1
                    yield part

            return in_file, slices()

        return gated


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    gate = Gate()
    monkeypatch.setattr(load_module, "SLICE_ROWS", SLICE)
    monkeypatch.setattr(data_module, "WINDOW_ROWS", WINDOW)
    monkeypatch.setattr(catalog_module, "iter_held", gate.wrap(load_module.iter_held))
    return gate


@pytest.fixture
def arrests(tmp_path: Path) -> Path:
    path = tmp_path / "arrests.parquet"
    ir.write(ir.arrests(ROWS, seed=13, layout="processed"), path, "parquet")
    return path


def status(app: object) -> str:
    pane = app.main.active_table_pane()  # type: ignore[attr-defined]
    return str(pane.query_one(".status").render())


async def test_first_rows_show_before_the_file_is_read(
    arrests: Path, gate: Gate, tmp_path: Path
) -> None:
    expected = pl.read_parquet(arrests)
    app = build_app([str(arrests)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        pane = app.main.active_table_pane()
        await until(pilot, lambda: pane.table.row_count > 0, "the first screen of raw rows")
        # Nothing of the loading has been let through: these rows come from the window read.
        assert gate.given == 0
        assert pane.reading == (0, ROWS)
        assert pane.table.row_count == WINDOW
        first = pane.table.rows_at(0, 5)
        assert first.get_column("unique_identifier").to_list() == (
            expected.get_column("unique_identifier").head(5).to_list()
        )
        assert "loading rows… 0 of 3,000" in status(app)
        assert "3,000 rows" in str(pane.query_one(".summary").render())
        # A part must not be exported as if it were all the rows.
        assert not pane.complete

        gate.release()
        await until(pilot, lambda: pane.source_frame.height == SLICE, "the first slice")
        assert pane.table.row_count == SLICE
        assert "loading rows… 1,000 of 3,000" in status(app)
        # Sorting while reading: the rows read so far, said so.
        pane.table.move_cursor(column="citizenship_country")
        await pilot.press("s")
        await until(pilot, lambda: pane.sort == ("citizenship_country", False), "the sort")
        assert "sorted and filtered over the rows read" in status(app)
        assert pane.shown.height == SLICE

        gate.release(ROWS // SLICE - 1)
        await settle(pilot)
        assert pane.reading is None
        assert pane.complete
        # The sort in use, now over every row, is exactly the CLI's.
        want = sort_rows(expected, "citizenship_country")
        assert pane.shown.get_column("unique_identifier").to_list() == (
            want.get_column("unique_identifier").to_list()
        )
        assert f"{ROWS:,} of {ROWS:,} rows" in status(app)
        assert "loading" not in status(app)


async def test_opening_another_dataset_while_reading_drops_the_read(
    arrests: Path, gate: Gate, tmp_path: Path
) -> None:
    app = build_app([str(arrests)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        pane = app.main.active_table_pane()
        await until(pilot, lambda: pane.table.row_count > 0, "the first screen of raw rows")
        app.main.open_dataset("files")
        await until(pilot, lambda: pane.dataset is not None and pane.dataset.name == "files", "")
        gate.release(ROWS // SLICE)
        await settle(pilot)
        # The rows of the file never replace the dataset now shown.
        assert pane.dataset is not None
        assert pane.dataset.name == "files"
        assert pane.reading is None
        assert pane.shown.height == 1
        # The read stopped at the next slice (nothing kept): opened again, it reads anew.
        assert gate.given < ROWS // SLICE
        gate.release(ROWS // SLICE)
        app.main.open_dataset("arrests.parquet")
        await settle(pilot)
        assert pane.shown.height == ROWS


async def test_large_files_open_on_the_view_in_front_and_tell_the_others_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above `EAGER_ROWS` the panes show once the view in front is built; a problem only a
    later view finds (a mistyped year, read by the comparisons) is told when it is found and
    in that view's pane, the others staying usable."""
    import tui.core.open as open_module

    monkeypatch.setattr(open_module, "EAGER_ROWS", 10)  # this small file counts as large
    frame = ir.arrests(60, seed=4, layout="2025")
    dates = frame.get_column("Apprehension Date").cast(pl.String)
    frame = frame.with_columns(dates.scatter(10, "0202-01-05").alias("Apprehension Date"))
    path = tmp_path / "year0202.csv"
    frame.write_csv(path)
    app = build_app([str(path)], settings=fixed_settings(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.catalog is not None
        assert app.main.active_table_pane().shown.get_column("arrests").sum() == 60
        told = [n.message for n in app._notifications if n.severity == "error"]
        assert len(told) == 1
        assert "row 12, column 'Apprehension Date': date '0202-01-05'" in told[0]
        await pilot.press("3")
        await settle(pilot)
        summary = str(app.main.active_table_pane().query_one(".summary").render())
        assert "0202-01-05" in summary
        assert app.main.active_table_pane().shown.height == 0
        assert app.is_running
