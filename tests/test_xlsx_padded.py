"""Numbers a workbook shows padded with zeros (a ZIP code 2134 with the format 00000 shows as
02134): told in a note naming the sheet and column, and read as the text the workbook shows
when every number looked at has that format and all are whole numbers of 0 or more."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from tui.core.tables.read import read_table
from tui.core.tables.xlsx_padded import padded_columns, parse_padding

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real" / "ice-detention"


def _book(path: Path, rows: list[tuple[str, object, str | None]], title: bool = True) -> Path:
    """A sheet 'Facilities' (a title row, then Name | Zip | Beds), each Zip with its format."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Facilities")
    formats: dict[str, xlsxwriter.format.Format] = {}
    top = 1 if title else 0
    if title:
        sheet.write(0, 0, "Facilities, fiscal year 2025")
    sheet.write_row(top, 0, ["Name", "Zip", "Beds"])
    for i, (name, zip_code, code) in enumerate(rows, start=top + 1):
        sheet.write(i, 0, name)
        if code is None:
            sheet.write(i, 1, zip_code)
        else:
            fmt = formats.setdefault(code, book.add_format({"num_format": code}))
            sheet.write(i, 1, zip_code, fmt)
        sheet.write_number(i, 2, 10 * i)
    book.close()
    return path


def _note(notes: tuple[str, ...]) -> str:
    found = [n for n in notes if "padded with zeros" in n]
    assert len(found) == 1, notes
    return found[0]


def test_zip_codes_read_as_the_padded_text_the_workbook_shows(tmp_path: Path) -> None:
    rows = [("Boston", 2134, "00000"), ("Newark", 7105, "00000"), ("Dallas", 75201, "00000")]
    table = read_table(_book(tmp_path / "zips.xlsx", rows))
    frame = table.collect(table.lazy)
    assert frame["Zip"].to_list() == ["02134", "07105", "75201"]
    assert frame["Beds"].dtype == pl.Int64  # the other columns as before
    assert _note(table.notes) == (
        "sheet 'Facilities', column 'Zip': the workbook shows these numbers padded with zeros "
        "(format 00000: 2134 shows as 02134); read as text padded to 5 digits as the workbook "
        "shows them: 02134 (inferred from the format of its numbers in rows 3-5)"
    )


def test_mixed_formats_are_told_and_read_as_the_numbers_stored(tmp_path: Path) -> None:
    rows = [("Boston", 2134, "00000"), ("Newark", 7105, None), ("Dallas", 75201, "00000")]
    table = read_table(_book(tmp_path / "mixed.xlsx", rows))
    frame = table.collect(table.lazy)
    assert frame["Zip"].to_list() == [2134, 7105, 75201]
    assert _note(table.notes) == (
        "sheet 'Facilities', column 'Zip': the workbook shows these numbers padded with zeros "
        "(format 00000: 2134 shows as 02134); read as the numbers stored "
        "(1 of its 3 numbers have another format)"
    )


def test_separators_and_fractions(tmp_path: Path) -> None:
    rows = [("a", 12345678, "000-00-0000"), ("b", 123456789, "000-00-0000")]
    table = read_table(_book(tmp_path / "ssn.xlsx", rows, title=False))
    assert table.collect(table.lazy)["Zip"].to_list() == ["012-34-5678", "123-45-6789"]
    assert "(format 000-00-0000: 12345678 shows as 012-34-5678)" in _note(table.notes)
    rows = [("a", 2134.5, "00000"), ("b", 7105, "00000")]
    table = read_table(_book(tmp_path / "half.xlsx", rows, title=False))
    assert table.collect(table.lazy)["Zip"].to_list() == [2134.5, 7105.0]
    assert _note(table.notes).endswith(
        "read as the numbers stored (not all are whole numbers of 0 or more)"
    )


def test_no_note_without_a_padding_format(tmp_path: Path) -> None:
    rows = [("Boston", 2134, "#,##0"), ("Newark", 7105, "0"), ("Dallas", 75201, "0.00")]
    table = read_table(_book(tmp_path / "plain.xlsx", rows))
    assert not [n for n in table.notes if "padded" in n]
    assert table.collect(table.lazy)["Zip"].to_list() == [2134, 7105, 75201]


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("00000", "02134"),
        ("00000\\-0000", "00000-2134"),
        ('000" "00', "021 34"),
        ("00", "2134"),
        ("0", None),
        ("#0000", None),
        ("00000;-00000", None),
        ("[Red]00000", None),
        ('"ZIP "00000', None),
        ("00000.00", None),
    ],
)
def test_which_formats_pad(code: str, shown: str | None) -> None:
    padding = parse_padding(code)
    assert (padding.show(2134) if padding else None) == shown


def _real(name: str) -> Path:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent (the real files are laid beside the clone, not in it)")
    return REAL / name


def test_fy25_facilities_zip_codes_keep_their_leading_zero() -> None:
    path = _real("FY25_detentionStats09242025.xlsx")
    table = read_table(path)
    frame = table.collect(table.lazy)
    berlin = frame.filter(pl.col("Name") == "BERLIN FED. CORR. INST.")
    assert berlin["Zip"].to_list() == ["03570"]
    assert frame["Zip"].str.len_chars().min() == 5
    assert frame["Zip"].str.starts_with("0").sum() == 11
    assert _note(table.notes) == (
        "sheet 'Facilities FY25', column 'Zip': the workbook shows these numbers padded with "
        "zeros (format 00000: 3570 shows as 03570); read as text padded to 5 digits as the "
        "workbook shows them: 03570 (inferred from the format of its numbers in rows 8-196)"
    )
    started = time.perf_counter()
    padded_columns(path, "Facilities FY25", 7)
    assert time.perf_counter() - started < 0.5


def test_fy19_facilities_zip_codes_of_mixed_formats_are_told() -> None:
    table = read_table(_real("FY19-detentionstats.xlsx"))
    assert _note(table.notes).endswith(
        "(format 00000: 7105 shows as 07105); read as the numbers stored "
        "(1 of its 213 numbers have another format)"
    )
    assert table.collect(table.lazy)["Zip"].dtype == pl.Int64
