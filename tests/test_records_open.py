"""Opening record files as a Catalog: lazy views and datasets, provenance, column statistics."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from synth import ice_records as ir

from tui.core.errors import DataError
from tui.core.export import export_csv
from tui.core.lazy import LazyDataset, LazyViews
from tui.core.model import View
from tui.core.open import open_catalog
from tui.core.records.catalog import open_records
from tui.core.records.options import RecordOptions
from tui.core.records.periods import parse_period
from tui.core.tables.stats import column_stats, frequency, redaction_counts

ROWS = 2000


@pytest.fixture
def arrests_csv(tmp_path: Path) -> Path:
    path = tmp_path / "arrests.csv"
    ir.write(ir.arrests(ROWS, seed=31, layout="2025"), path, "csv")
    return path


@pytest.fixture
def arrests_parquet(tmp_path: Path) -> Path:
    path = tmp_path / "arrests.parquet"
    ir.write(ir.arrests(ROWS, seed=32, layout="processed"), path, "parquet")
    return path


def test_opening_computes_nothing_until_asked(arrests_csv: Path) -> None:
    catalog = open_records([arrests_csv])
    assert isinstance(catalog.views, LazyViews)
    assert list(catalog.views) == ["jurisdictions", "convictions", "comparisons"]
    assert not any(catalog.views.built(name) for name in catalog.views)
    raw = catalog.datasets["arrests.csv"]
    assert isinstance(raw, LazyDataset)
    assert not raw.loaded
    catalog.view("jurisdictions")
    assert catalog.views.built("jurisdictions")
    assert not catalog.views.built("comparisons")
    assert raw.rows == ROWS
    assert not raw.loaded  # counting rows does not load them


def test_views_mapping_behaves_like_a_dict(arrests_csv: Path) -> None:
    views = open_records([arrests_csv]).views
    assert "jurisdictions" in views
    assert "claims" not in views
    assert views.get("claims") is None
    assert isinstance(views.get("convictions"), View)
    assert all(isinstance(v, View) for v in views.values())
    assert [name for name, _ in views.items()] == list(views)
    copied = dict(views)
    assert all(isinstance(v, View) for v in copied.values())


def test_a_view_is_built_once_across_threads(arrests_csv: Path) -> None:
    views = open_records([arrests_csv]).views
    seen: list[View] = []
    workers = [threading.Thread(target=lambda: seen.append(views["comparisons"])) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len({id(v) for v in seen}) == 1


def test_datasets_raw_records_redactions_files(arrests_csv: Path) -> None:
    catalog = open_records([arrests_csv])
    assert list(catalog.datasets) == ["arrests.csv", "arrests records", "redactions", "files"]
    raw = catalog.datasets["arrests.csv"]
    frame = raw.frame
    assert frame.height == ROWS
    assert frame.columns == list(ir.ARRESTS_2025_COLUMNS)  # every column, as named in the file
    assert frame.schema["Apprehension Date"] == pl.Date
    assert frame.schema["Birth Year"] == pl.Int64
    assert isinstance(frame.schema["Apprehension AOR"], pl.Enum)
    assert frame.schema["Unique Identifier"] == pl.String  # too many values for an Enum
    assert raw.file == str(arrests_csv)
    assert raw.sha256 == hashlib.sha256(arrests_csv.read_bytes()).hexdigest()
    assert isinstance(raw, LazyDataset)
    assert raw.lazy().select(pl.len()).collect().item() == ROWS
    records = catalog.datasets["arrests records"]
    assert records.rows == ROWS
    assert records.frame.columns[0] == "date"
    redactions = catalog.datasets["redactions"].frame
    birth = redactions.row(by_predicate=pl.col("column") == "Birth Date", named=True)
    assert birth["redacted"] == ROWS
    files = catalog.datasets["files"].frame
    assert files.row(0, named=True)["rows"] == ROWS
    assert files.row(0, named=True)["sha256"] == raw.sha256
    assert files.row(0, named=True)["layout"] == "ICE arrests (2025 raw release)"


def test_raw_parquet_keeps_types_and_loads_compactly(arrests_parquet: Path) -> None:
    frame = open_records([arrests_parquet]).datasets["arrests.parquet"].frame
    source = pl.read_parquet(arrests_parquet)
    assert frame.columns == source.columns
    assert frame.height == source.height
    for name in ("apprehension_date", "birth_year", "duplicate_likely", "row_original"):
        assert frame.schema[name] == source.schema[name]
    # Same values; text columns held as Enums compare equal once cast back.
    back = frame.with_columns(pl.col(pl.Enum).cast(pl.String))
    assert back.equals(source)


def test_provenance_of_several_files(arrests_csv: Path, arrests_parquet: Path) -> None:
    catalog = open_records([arrests_csv, arrests_parquet])
    files = catalog.datasets["files"].frame
    assert files["file"].to_list() == ["arrests.csv", "arrests.parquet"]
    assert files["rows"].to_list() == [ROWS, ROWS]
    for row in files.iter_rows(named=True):
        assert row["sha256"] == hashlib.sha256(Path(row["path"]).read_bytes()).hexdigest()
    assert "arrests.csv" in catalog.title
    assert "arrests.parquet" in catalog.title


def test_same_name_in_two_folders(tmp_path: Path) -> None:
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "arrests.csv"
        ir.write(ir.arrests(50, seed=1, layout="2025"), path, "csv")
        paths.append(path)
    catalog = open_records(paths)
    assert "arrests.csv" in catalog.datasets
    assert "arrests.csv (2)" in catalog.datasets


def test_a_file_given_twice_or_no_file(arrests_csv: Path) -> None:
    with pytest.raises(DataError, match="given twice"):
        open_records([arrests_csv, arrests_csv])
    with pytest.raises(DataError, match="no files"):
        open_records([])


def test_sources_open_catalog_reaches_records(arrests_csv: Path) -> None:
    catalog = open_catalog([str(arrests_csv)])
    assert int(catalog.view("jurisdictions").frame["arrests"].sum()) == ROWS


def test_input_file_unchanged_after_a_session(arrests_csv: Path, tmp_path: Path) -> None:
    before = (arrests_csv.read_bytes(), arrests_csv.stat().st_mtime_ns)
    catalog = open_records([arrests_csv], RecordOptions(exclude_duplicates=True))
    for name in catalog.views:
        export_csv(catalog.view(name).frame, tmp_path / f"{name}.csv")
    for dataset in catalog.datasets.values():
        _ = dataset.frame, dataset.sha256
    assert (arrests_csv.read_bytes(), arrests_csv.stat().st_mtime_ns) == before


def test_bad_dates_surface_when_dates_are_used(tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text(
        "Apprehension Date,Apprehension AOR,Apprehension Criminality\n"
        "2024-01-01,Miami Area of Responsibility,1 Convicted Criminal\n"
        "someday,Miami Area of Responsibility,1 Convicted Criminal\n"
    )
    catalog = open_records([path])
    assert int(catalog.view("jurisdictions").frame["arrests"].sum()) == 2  # no dates needed
    with pytest.raises(DataError) as caught:
        catalog.view("comparisons")
    assert "row 3, column 'Apprehension Date'" in str(caught.value)


# -- stats ------------------------------------------------------------------------------------


FRAME = pl.DataFrame(
    {
        "place": ["NYC", "Denver", None, "NYC", "b(6), b(7)c"],
        "count": [45, 0, None, 5, 3],
        "when": pl.Series(["2024-01-02", "2024-01-01", None, "2024-03-01", None]).str.to_date(),
    }
)


def test_column_stats() -> None:
    stats = column_stats(FRAME)
    assert stats.columns == [
        "column",
        "dtype",
        "rows",
        "nulls",
        "null_pct",
        "distinct",
        "min",
        "max",
        "redacted",
    ]
    place = stats.row(by_predicate=pl.col("column") == "place", named=True)
    assert (place["rows"], place["nulls"], place["distinct"]) == (5, 1, 3)
    assert place["min"] == "Denver"
    assert place["redacted"] == 1
    count = stats.row(by_predicate=pl.col("column") == "count", named=True)
    assert (count["nulls"], count["distinct"], count["min"], count["max"]) == (1, 4, "0", "45")
    assert count["redacted"] is None
    when = stats.row(by_predicate=pl.col("column") == "when", named=True)
    assert (when["min"], when["max"]) == ("2024-01-01", "2024-03-01")
    enum = column_stats(
        FRAME.with_columns(pl.col("place").cast(pl.Enum(["b(6), b(7)c", "NYC", "Denver"])))
    )
    assert enum.row(0, named=True)["min"] == "Denver"
    assert enum.row(0, named=True)["redacted"] == 1
    assert column_stats(FRAME.lazy()).equals(stats)


def test_frequency_keeps_null_apart_from_zero() -> None:
    table = frequency(FRAME, "count")
    assert table.columns == ["value", "count", "pct", "cumulative_pct"]
    assert table["count"].sum() == 5
    values = table["value"].to_list()
    assert 0 in values
    assert None in values
    places = frequency(FRAME, "place")
    assert places.row(0) == ("NYC", 2, 40.0, 40.0)
    assert places["cumulative_pct"][-1] == 100.0
    assert frequency(FRAME, "place", limit=1).height == 1
    with pytest.raises(DataError, match="no such column"):
        frequency(FRAME, "nope")


def test_redaction_counts() -> None:
    counts = redaction_counts(FRAME)
    assert counts.columns == ["column", "redacted", "values", "redacted_pct"]
    assert counts.row(0) == ("place", 1, 4, 25.0)


def test_parse_period() -> None:
    assert parse_period("2024-01-01:2024-04-30") == (date(2024, 1, 1), date(2024, 4, 30))
    for text in ("2024-01-01", "2024-01-01:later", "2024-05-01:2024-04-30", "a:b:c"):
        with pytest.raises(DataError, match="period"):
            parse_period(text)


def test_the_filter_on_enum_columns_keeps_the_rows_of_the_text_rule(arrests_csv: Path) -> None:
    from tui.core.table_ops import filter_rows

    frame = open_records([arrests_csv]).datasets["arrests.csv"].frame
    assert isinstance(frame.schema["Apprehension AOR"], pl.Enum)
    as_text = frame.with_columns(pl.col(pl.Enum).cast(pl.String))
    for text in ("houston", "B(6)", "area of", "zzz", "", "2024"):
        kept = filter_rows(frame, text).with_columns(pl.col(pl.Enum).cast(pl.String))
        assert kept.equals(filter_rows(as_text, text)), text


def test_redactions_are_the_same_rows_once_the_file_is_loaded(tmp_path: Path) -> None:
    """The list says as many rows as the dataset shows, loaded or not: a column of numbers
    written as text in the file (a count) stays a row once loading made it Int64 (it was
    dropped: 'redactions (4)' in the list, 2 rows shown, on a real monthly counts file)."""
    path = tmp_path / "counts.csv"
    path.write_text("state,n\nTEXAS,12\n(b)(6),3\nOHIO,7\n")
    listed = open_records([path]).datasets["redactions"].rows
    catalog = open_records([path])
    assert catalog.datasets["counts.csv"].frame.schema["n"] == pl.Int64  # loaded first
    after = catalog.datasets["redactions"].frame
    assert after.height == listed == 2
    by_column = {
        row["column"]: (row["redacted"], row["values"]) for row in after.iter_rows(named=True)
    }
    assert by_column == {"state": (1, 3), "n": (0, 3)}
