"""Recognising the ICE layouts by their headers and mapping them to one record schema."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from synth import ice_records as ir

from tui.core.errors import DataError
from tui.core.records.layouts import (
    CRIMINALITY_VALUES,
    KNOWN_HEADER_KEYS,
    RECORD_FIELDS,
    aor_code,
    aor_name,
    detect_layout,
)
from tui.core.records.load import load_records
from tui.core.records.record_file import RecordFile
from tui.core.tables.header import find_header_row
from tui.core.tables.read import read_table
from tui.core.tables.values import is_redacted, parse_bools, parse_dates

LAYOUTS = [
    ("arrests", "2025", "arrests-2025"),
    ("arrests", "2026", "arrests-2026"),
    ("arrests", "processed", "arrests-processed"),
    ("detainers", "2026", "detainers-2026"),
    ("detainers", "processed", "detainers-processed"),
]


def _frame(kind: str, layout: str, rows: int = 400) -> pl.DataFrame:
    if kind == "arrests":
        return ir.arrests(rows, seed=3, layout=layout)  # type: ignore[arg-type]
    return ir.detainers(rows, seed=3, layout=layout)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "layout", "name"), LAYOUTS)
def test_each_layout_is_recognised_by_its_headers(kind: str, layout: str, name: str) -> None:
    found = detect_layout(_frame(kind, layout, 5).columns)
    assert found is not None
    assert found.name == name
    assert found.kind == kind


def test_other_tables_have_no_layout() -> None:
    assert detect_layout(["place", "count"]) is None
    assert detect_layout(["Apprehension Date", "State"]) is None


@pytest.mark.parametrize(("kind", "layout", "name"), LAYOUTS)
@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_each_layout_maps_to_the_record_schema(
    tmp_path: Path, kind: str, layout: str, name: str, fmt: str
) -> None:
    source = _frame(kind, layout)
    path = tmp_path / f"{name}.{fmt}"
    ir.write(source, path, fmt)  # type: ignore[arg-type]
    table = read_table(path)
    layout_found = detect_layout(table.columns)
    assert layout_found is not None
    assert layout_found.name == name
    records = load_records([RecordFile.of(table, layout_found)])
    assert records.columns == [*RECORD_FIELDS, "file"]
    assert records.height == source.height
    assert records.schema["date"] == pl.Date
    assert records.schema["duplicate_likely"] == pl.Boolean
    for field in ("aor", "state", "criminality", "method", "country", "gender", "kind"):
        assert isinstance(records.schema[field], pl.Enum), field
    assert set(records.get_column("kind").to_list()) == {kind}
    # AOR names lose the suffix and gain the reference code.
    aors = set(records.get_column("aor").drop_nulls().to_list())
    assert "New York City" in aors
    assert not any(a.endswith("Area of Responsibility") for a in aors)
    nyc = records.filter(pl.col("aor") == "New York City")
    assert set(nyc.get_column("aor_code").to_list()) == {"NYC"}
    # Criminality stays exactly as ICE writes it.
    assert set(records.get_column("criminality").drop_nulls().to_list()) <= set(CRIMINALITY_VALUES)
    # The dates are the source's dates.
    date_column = source.columns[0]
    assert records.get_column("date").to_list() == source.get_column(date_column).to_list()
    if kind == "arrests":
        assert records.get_column("conviction").null_count() == records.height
    else:
        charges = source.get_column(source.columns[9])
        assert records.get_column("conviction").cast(pl.String).to_list() == charges.to_list()
    if name == "arrests-processed":
        expected = source.get_column("duplicate_likely")
        assert records.get_column("duplicate_likely").to_list() == expected.to_list()
    elif kind == "arrests":
        assert not records.get_column("duplicate_likely").any()


def test_redaction_tokens_are_recognised() -> None:
    for token in (*ir.REDACTION_TOKENS, "(b)(6), (b)(7)(C)", "b6, b7c", "(b)(6)", "B(6); B(7)(C)"):
        assert is_redacted(token), token
    for value in ("Boston", "b", "6", "287(g) Program", "Bad", "(b)", "b(6) Boston", None, 6):
        assert not is_redacted(value), value


def test_aor_names_and_codes() -> None:
    assert aor_name("New York City Area of Responsibility") == "New York City"
    assert aor_name("b(6), b(7)c") == "b(6), b(7)c"
    assert aor_name(None) is None
    assert aor_code("St. Paul") == "SPM"
    assert aor_code("new york city") == "NYC"
    assert aor_code("Portland") is None


def test_dates_iso_datetime_us_and_excel() -> None:
    values = pl.Series(
        ["2024-01-31", "2024-01-31 13:45:00", "2024-01-31T13:45:00.5", "01/31/2024", "45322", None]
    )
    assert parse_dates(values).to_list() == [date(2024, 1, 31)] * 5 + [None]
    assert parse_dates(pl.Series([45322.0, 45322.75])).to_list() == [date(2024, 1, 31)] * 2
    assert parse_dates(pl.Series([datetime(2024, 1, 31, 8)])).to_list() == [date(2024, 1, 31)]
    assert parse_dates(pl.Series(["2024-02-30", "soon"])).to_list() == [None, None]


def test_booleans_keep_null_apart() -> None:
    values = pl.Series(["true", "FALSE", "yes", "0", None, "maybe"])
    assert parse_bools(values).to_list() == [True, False, True, False, None, None]


def test_header_row_detection() -> None:
    titles: list[list[object]] = [["U.S. ICE"], ["Arrests"], [], ["FOIA"], [], [None]]
    header = ["Apprehension Date", "Apprehension AOR", "Apprehension Criminality", "Gender"]
    rows = [*titles, header, ["2024-01-01", "X", None, "Male"]]
    assert find_header_row(rows, KNOWN_HEADER_KEYS) == 6
    assert find_header_row([["Report"], ["a", "b", "c"], ["1", "2", "3"]]) == 1
    assert find_header_row([["a", "b"], ["1", "2", "3"]]) == 0
    assert find_header_row([[], [None]]) is None


def _bad_dates_file(tmp_path: Path, values: list[str]) -> RecordFile:
    path = tmp_path / "dates.csv"
    lines = ["Apprehension Date,Apprehension AOR,Apprehension Criminality"]
    lines += [f"{v},Miami Area of Responsibility,1 Convicted Criminal" for v in values]
    path.write_text("\n".join(lines) + "\n")
    table = read_table(path)
    layout = detect_layout(table.columns)
    assert layout is not None
    return RecordFile.of(table, layout)


def test_one_bad_date_names_row_and_column(tmp_path: Path) -> None:
    file = _bad_dates_file(tmp_path, ["2024-01-01", "2024-01-02", "2024-13-45", "2024-01-03"])
    with pytest.raises(DataError) as caught:
        load_records([file])
    message = str(caught.value)
    assert "row 4" in message
    assert "'Apprehension Date'" in message
    assert "'2024-13-45'" in message


def test_many_bad_dates_say_how_many_and_the_first(tmp_path: Path) -> None:
    file = _bad_dates_file(tmp_path, ["2024-01-01", "soon", "later", "soon", "2024-01-03"])
    with pytest.raises(DataError) as caught:
        load_records([file])
    message = str(caught.value)
    assert "3 dates cannot be read" in message
    assert "row 3" in message
    assert "'soon'" in message


def test_empty_dates_are_null_not_errors(tmp_path: Path) -> None:
    file = _bad_dates_file(tmp_path, ["2024-01-01", "", "01/02/2024"])
    records = load_records([file])
    assert records.get_column("date").to_list() == [date(2024, 1, 1), None, date(2024, 1, 2)]


def test_redacted_values_are_kept_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "redacted.csv"
    path.write_text(
        "Apprehension Date,Apprehension AOR,Apprehension Criminality,Gender\n"
        '2024-01-01,"b(6), b(7)c",1 Convicted Criminal,Male\n'
        "2024-01-01,Miami Area of Responsibility,(b)(6)(b)(7)(c),\n"
    )
    table = read_table(path)
    layout = detect_layout(table.columns)
    assert layout is not None
    records = load_records([RecordFile.of(table, layout)])
    assert records.get_column("aor").to_list() == ["b(6), b(7)c", "Miami"]
    assert records.get_column("aor_code").to_list() == [None, "MIA"]
    assert records.get_column("criminality").to_list() == [
        "1 Convicted Criminal",
        "(b)(6)(b)(7)(c)",
    ]
    assert records.get_column("gender").to_list() == ["Male", None]
