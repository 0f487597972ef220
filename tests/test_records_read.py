"""Reading one record file: formats by content, headers below title rows, clear errors."""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter  # type: ignore[import-untyped]
from synth import ice_records as ir

from tui.core.errors import DataError
from tui.core.tables.read import read_table


def _arrests(tmp_path: Path, name: str, fmt: str, rows: int = 300, **kwargs: object) -> Path:
    path = tmp_path / name
    layout = "processed" if fmt in ("parquet", "ndjson") else "2025"
    ir.write(ir.arrests(rows, seed=11, layout=layout), path, fmt, **kwargs)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.csv", "csv", "csv"),
        ("a.tsv", "tsv", "tsv"),
        ("a.parquet", "parquet", "parquet"),
        ("a.ndjson", "ndjson", "ndjson"),
        ("a.xlsx", "xlsx", "xlsx"),
    ],
)
def test_each_format_opens_with_all_rows_and_columns(
    tmp_path: Path, name: str, fmt: str, expected: str
) -> None:
    path = _arrests(tmp_path, name, fmt)
    table = read_table(path)
    assert table.format == expected
    assert table.rows() == 300
    assert table.collect(table.lazy).height == 300
    assert "Apprehension Date" in table.columns or "apprehension_date" in table.columns


def test_text_formats_are_scanned_lazily(tmp_path: Path) -> None:
    table = read_table(_arrests(tmp_path, "a.csv", "csv"))
    plan = table.lazy.select("Apprehension AOR").explain()
    assert "1/23" in plan or "PROJECT 1/" in plan  # only the column asked for is read


def test_format_comes_from_content_not_the_name(tmp_path: Path) -> None:
    parquet = _arrests(tmp_path, "a.parquet", "parquet")
    lying = tmp_path / "really-parquet.csv"
    lying.write_bytes(parquet.read_bytes())
    table = read_table(lying)
    assert table.format == "parquet"
    assert table.rows() == 300
    assert any("holds Parquet" in note for note in table.notes)


def test_xlsx_header_found_below_title_rows_and_sheets_stacked(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    ir.write(ir.arrests(900, seed=5, layout="2026"), path, "xlsx", sheets=3)
    table = read_table(path)
    assert [s.name for s in table.sheets] == [
        "Admin Arrests",
        "Admin Arrests (2)",
        "Admin Arrests (3)",
    ]
    assert {s.header_row for s in table.sheets} == {7}  # six title rows for the 2026 layout
    assert sum(s.rows for s in table.sheets) == 900
    assert table.rows() == 900
    assert table.columns[:2] == ("Apprehension Date", "Apprehension Type")
    assert table.schema["Apprehension Date"] == pl.Date
    # Row numbers point into the right sheet, as a spreadsheet numbers them.
    assert table.location(0) == (8, "Admin Arrests")
    assert table.location(300) == (8, "Admin Arrests (2)")


@pytest.mark.parametrize("title_rows", [0, 2, 5, 9])
def test_xlsx_any_number_of_title_rows(tmp_path: Path, title_rows: int) -> None:
    path = tmp_path / "a.xlsx"
    ir.write(ir.arrests(50, seed=5, layout="2025"), path, "xlsx", title_rows=title_rows)
    table = read_table(path)
    assert table.sheets[0].header_row == title_rows + 1
    assert table.rows() == 50
    assert table.columns[0] == "Apprehension Date"


def test_xlsx_other_table_header_is_the_first_wide_row(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Data")
    sheet.write_string(0, 0, "A report")
    sheet.write_string(1, 0, "Prepared 2024")
    for col, name in enumerate(["place", "count", "note"]):
        sheet.write_string(3, col, name)
    for row, (place, count) in enumerate([("NYC", 45), ("Denver", 63)], start=4):
        sheet.write_string(row, 0, place)
        sheet.write_number(row, 1, count)
    notes = book.add_worksheet("Notes")
    notes.write_string(0, 0, "free text")
    book.close()
    table = read_table(path)
    assert table.columns == ("place", "count", "note")
    frame = table.collect(table.lazy)
    assert frame.get_column("count").to_list() == [45, 63]
    assert any("Notes" in note for note in table.notes)


def test_csv_title_lines_above_the_header_are_skipped(tmp_path: Path) -> None:
    plain = _arrests(tmp_path, "plain.csv", "csv", rows=20)
    titled = tmp_path / "titled.csv"
    titled.write_bytes(b"U.S. ICE\nAdmin Arrests\n\nFOIA 2024\n" + plain.read_bytes())
    table = read_table(titled)
    assert table.header_row == 5
    assert table.columns[0] == "Apprehension Date"
    assert table.rows() == 20
    assert table.location(0) == (6, None)


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfplace,count\r\nNYC,45\r\n")
    table = read_table(path)
    assert table.columns == ("place", "count")
    assert table.collect(table.lazy).row(0) == ("NYC", "45")


def _read_all(path: Path) -> pl.DataFrame:
    table = read_table(path)
    return table.collect(table.lazy)


def _message(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        _read_all(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in _message(tmp_path / "nope.csv")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert "folder" in _message(folder)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.csv"
    path.write_text("a,b\n1,2\n")
    path.chmod(0)
    assert "permission" in _message(path)


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert "empty" in _message(path)


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(bytes(range(256)) * 10)
    assert "binary" in _message(path)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes(b"place,note\nNYC,ok\nDenver,caf\xe9\n")
    message = _message(path)
    assert "UTF-8" in message
    assert "line 3" in message


def test_ragged_row_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    lines = ["a,b"] + [f"{i},{i}" for i in range(200)] + ["1,2,3"]
    path.write_text("\n".join(lines) + "\n")
    message = _message(path)
    assert "row 202" in message
    assert "3 fields" in message


def test_unclosed_quote_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('a,b\n1,2\n3,"4\n5,6\n')
    message = _message(path)
    assert "row 3" in message
    assert "quote" in message


def test_truncated_parquet(tmp_path: Path) -> None:
    path = _arrests(tmp_path, "a.parquet", "parquet")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert "truncated" in _message(path)


def test_old_xls_and_zip_of_several_files(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert ".xlsx" in _message(xls)
    archive = tmp_path / "files.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("a.csv", "a,b\n1,2\n")
        out.writestr("b.csv", "a,b\n1,2\n")
    assert "ZIP archive of 2 files (a.csv, b.csv)" in _message(archive)
    # One table in a ZIP, or gzip: read (tests/test_real_files_read.py has the rest).
    single = tmp_path / "one.zip"
    with zipfile.ZipFile(single, "w") as out:
        out.writestr("a.csv", "a,b\n1,2\n")
    assert read_table(single).columns == ("a", "b")
    packed = tmp_path / "a.csv.gz"
    packed.write_bytes(gzip.compress(b"a,b\n1,2\n"))
    assert read_table(packed).rows() == 1


def test_damaged_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("xl/workbook.xml", "<workbook><sheets>")
    assert "damaged" in _message(path)


def test_reading_never_changes_the_file(tmp_path: Path) -> None:
    for name, fmt in (("a.csv", "csv"), ("a.xlsx", "xlsx"), ("a.parquet", "parquet")):
        path = _arrests(tmp_path, name, fmt)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        table = read_table(path)
        table.collect(table.lazy)
        table.rows()
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_xlsx_with_shared_strings_as_excel_writes_them(tmp_path: Path) -> None:
    path = tmp_path / "excel.xlsx"
    book = xlsxwriter.Workbook(str(path))  # not constant_memory: strings go to the shared table
    dates = book.add_format({"num_format": "mm/dd/yyyy"})
    for name in ("Admin Arrests", "Admin Arrests (2)"):
        sheet = book.add_worksheet(name)
        for row, title in enumerate(["U.S. Immigration and Customs Enforcement", "Arrests"]):
            sheet.write_string(row, 0, title)
        header = ["Apprehension Date", "Apprehension AOR", "Apprehension Criminality"]
        for col, cell in enumerate(header):
            sheet.write_string(4, col, cell)
        for row in range(5, 25):
            sheet.write_number(row, 0, 45292 + row, dates)
            sheet.write_string(row, 1, "Miami Area of Responsibility")
            sheet.write_string(row, 2, "1 Convicted Criminal")
    book.close()
    table = read_table(path)
    assert table.columns == ("Apprehension Date", "Apprehension AOR", "Apprehension Criminality")
    assert [s.header_row for s in table.sheets] == [5, 5]
    assert table.rows() == 40
    assert table.schema["Apprehension Date"] in (pl.Date, pl.Datetime("ms"), pl.Datetime("us"))


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_header_only_is_an_error(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"header.{fmt}"
    ir.write(ir.arrests(0, layout="2025"), path, fmt)  # type: ignore[arg-type]
    assert "no rows" in _message(path)


def test_semicolon_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text("place;count\nNYC;45\nDenver;63\n")
    table = read_table(path)
    assert table.columns == ("place", "count")
    assert table.collect(table.lazy).rows() == [("NYC", "45"), ("Denver", "63")]
