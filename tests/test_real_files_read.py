"""Real files, as they come: every file in ../shared/real/ read, and small generated ones.

The real files (FOIA releases, research groups' outputs; see ../shared/real/README.md) are
read with `read_table` and checked against an independent polars read written out here, with
the separator, title rows and sheet stated by hand. They are never copied into the repository;
the tests on them skip, with a reason, when the folder is absent (a user's fresh clone).
"""

from __future__ import annotations

import bz2
import csv
import gc
import gzip
import io
import logging
import lzma
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
import zstandard

from tui.cli import main
from tui.core.errors import DataError
from tui.core.records.mapped_views import jurisdictions_view
from tui.core.records.mapping import map_tables
from tui.core.tables.compressed import _cache_dir
from tui.core.tables.load import compact_plan_with_notes, load_table
from tui.core.tables.read import read_table
from tui.core.tables.table import Table
from tui.core.tables.values import date_forms, is_missing_token, parse_dates
from tui.core.tables.xlsx_sheets import list_sheets

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"


def _real(name: str) -> Path:
    """A file of ../shared/real/, or a skip saying why it is not there."""
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent (the real files are laid beside the clone, not in it)")
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def _csv(name: str, *, separator: str = ",", skip: int = 0) -> Callable[[Path], pl.DataFrame]:
    def read(path: Path) -> pl.DataFrame:
        return pl.read_csv(path, separator=separator, skip_rows=skip, infer_schema=False)

    return read


def _spaced(path: Path) -> pl.DataFrame:
    """`"a", "b"`: Python's csv module with skipinitialspace."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, skipinitialspace=True))
    return pl.DataFrame(rows[1:], schema=rows[0], orient="row")


def _sheet(sheet: str, header_row: int) -> Callable[[Path], pl.DataFrame]:
    def read(path: Path) -> pl.DataFrame:
        frame = pl.read_excel(
            path, sheet_name=sheet, engine="calamine", read_options={"header_row": header_row - 1}
        )
        return frame.filter(~pl.all_horizontal(pl.all().is_null()))

    return read


@dataclass(frozen=True)
class Real:
    name: str
    rows: int
    columns: int
    independent: Callable[[Path], pl.DataFrame]
    #: Columns as read_table names them (trimmed, renamed) where they differ from polars'.
    first_columns: tuple[str, ...] = ()
    separator: str = ","
    header_row: int = 1
    sheet: str | None = None


REAL_FILES = [
    Real(
        "ice-air/SeattleAORExpeditedRemovals.csv",
        6_529,
        7,
        _csv("", skip=6),
        ("Departed Date", "Date of Birth", "Gender"),
        header_row=7,
    ),
    Real(
        "ice-air/SeattleAOROtherRemovals.csv",
        20_384,
        7,
        _csv("", skip=6),
        ("Departed Date", "Date of Birth", "Gender"),
        header_row=7,
    ),
    Real(
        "ice-air/YakimaDetainers.csv",
        1_105,
        21,
        _csv(""),
        ("Booking ID", "Date of Booking", "Date of Release"),
    ),
    Real(
        "i-213-sea-22-25/sea-i213s-2026-02-13.csv.gz",
        10_962,
        39,
        _csv("", separator="|"),
        ("site_code", "site_name", "area_of_responsibility_code"),
        separator="|",
    ),
    Real(
        "i-213-sea-22-25/sea-i213s-2026-02-13-geocoded.xlsx",
        10_962,
        53,
        _sheet("sea-i213s-2026-02-13-geocoded", 1),
        ("site_code", "site_name"),
    ),
    Real(
        "i-213-sea-22-25/annual-arrests-per-capita-wa-or-2022-2025.csv",
        204,
        7,
        _csv(""),
        ("county", "cy", "state", "arrests"),
    ),
    Real(
        "i-213-sea-22-25/quarterly-arrests-per-capita-wa-or-2022-2025.csv",
        816,
        8,
        _csv(""),
        ("county", "cy_quarter", "state"),
    ),
    Real(
        "ice-detention/facilities-daily-population-latest.parquet",
        888_699,
        9,
        pl.read_parquet,
        ("detention_facility_code", "date"),
        header_row=0,
    ),
    Real(
        "ice-detention/FY19-detentionstats.xlsx",
        213,
        31,
        _sheet("Facilities FY19", 7),
        ("Name", "Address", "City", "State", "Zip", "AOR"),
        header_row=7,
        sheet="Facilities FY19",
    ),
    Real(
        "ice-detention/FY25_detentionStats09242025.xlsx",
        189,
        28,
        _sheet("Facilities FY25", 7),
        ("Name", "Address", "City", "State", "Zip", "AOR"),
        header_row=7,
        sheet="Facilities FY25",
    ),
    Real(
        "ice-detention/ddp-fy25-summary.csv",
        853,
        15,
        _csv(""),
        ("detention_facility_code", "detention_facility", "state"),
    ),
    Real(
        "deport-data-proj/sea_crim_state_month.csv",
        255,
        4,
        _csv(""),
        ("apprehension_criminality", "month", "apprehension_state", "n"),
    ),
    Real(
        "deport-data-proj/detloc_aor.csv",
        1_147,
        3,
        _csv(""),
        ("detention_facility_code", "detention_facility", "area_of_responsibility"),
    ),
    Real(
        "ice/ice-areas-of-responsibility.csv",
        426,
        4,
        _spaced,
        ("office_name", "state_name", "county_name", "notes"),
    ),
    Real(
        "ice-enforce/aor_demog_indicators.csv",
        192,
        18,
        _csv("", separator="|"),
        ("aor", "total_pop", "total_pop_se"),
        separator="|",
    ),
    Real(
        "mn-deportation-data/mn_detainers_by_month.csv",
        42,
        3,
        _csv(""),
        ("row", "month_year", "count"),
    ),
    Real(
        "mn-deportation-data/mn_detainers_over_time.csv",
        1_227,
        3,
        _csv(""),
        ("row", "detainer_prepare_date", "count"),
    ),
]


def test_every_real_file_is_covered() -> None:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent (the real files are laid beside the clone, not in it)")
    present = {str(path.relative_to(REAL)) for path in REAL.rglob("*") if path.is_file()} - {
        "README.md"
    }
    assert present <= {item.name for item in REAL_FILES}, present - {i.name for i in REAL_FILES}


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(pl.all().cast(pl.String))


@pytest.mark.parametrize("item", [pytest.param(i, id=Path(i.name).name) for i in REAL_FILES])
def test_real_file_reads_as_polars_does(item: Real) -> None:
    path = _real(item.name)
    before = (path.stat().st_size, path.stat().st_mtime_ns)
    table = read_table(path)
    expected = item.independent(path)
    assert (len(table.columns), table.rows()) == (item.columns, item.rows)
    assert expected.shape == (item.rows, item.columns)
    assert table.columns[: len(item.first_columns)] == item.first_columns
    assert table.separator == item.separator
    assert table.header_row == item.header_row
    if item.sheet is not None:
        assert [s.name for s in table.sheets] == [item.sheet]
    got = table.collect(table.lazy)
    # Cell by cell, as text (a workbook's whole floats are integers here, floats in polars).
    got_text, expected_text = _as_text(got), _as_text(expected)
    for index in (0, 1, item.rows // 2, item.rows - 1):
        ours = [_normal(v) for v in got_text.row(index)]
        theirs = [_normal(v) for v in expected_text.row(index)]
        assert ours == theirs, (index, ours, theirs)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == before


def _normal(value: object) -> object:
    """Empty is missing, and 45.0 is 45, on both sides."""
    text = value if isinstance(value, str) else None if value is None else str(value)
    if text == "":
        return None
    if text is not None and text.endswith(".0") and text[:-2].lstrip("-").isdigit():
        return text[:-2]
    return text


def test_i213_pipes_keep_commas_and_json_in_cells() -> None:
    table = read_table(_real("i-213-sea-22-25/sea-i213s-2026-02-13.csv.gz"))
    assert table.compression == "gzip"
    frame = table.collect(table.lazy.head(1))
    assert frame.item(0, "site_name") == "ERO - TACOMA,WA Sub Office"
    assert any(str(v).startswith('[{"OFFENSE_DATE"') for v in frame.row(0))
    assert not any("quote" in note for note in table.notes)


def test_real_notes_say_what_was_done() -> None:
    seattle = read_table(_real("ice-air/SeattleAORExpeditedRemovals.csv"))
    assert seattle.notes == ("6 title rows above the header (line 7) skipped",)
    yakima = read_table(_real("ice-air/YakimaDetainers.csv"))
    assert any("spaces around them" in n and "'Booking ID'" in n for n in yakima.notes)
    assert "Prior Entry Date_2" in yakima.columns
    areas = read_table(_real("ice/ice-areas-of-responsibility.csv"))
    assert any('"a", "b"' in note for note in areas.notes)
    month = read_table(_real("mn-deportation-data/mn_detainers_by_month.csv"))
    assert any("read as 'row'" in note for note in month.notes)


def test_detention_workbook_lists_its_sheets_and_reads_facilities() -> None:
    path = _real("ice-detention/FY25_detentionStats09242025.xlsx")
    sheets = list_sheets(path)
    assert len(sheets) == 10
    cover = sheets[0]
    assert (cover.name, cover.table_like) == ("Header", False)
    facilities = next(s for s in sheets if s.name == "Facilities FY25")
    assert facilities.table_like
    assert facilities.header_row == 7
    assert facilities.header[:3] == ("Name", "Address", "City")
    assert max((s for s in sheets if s.table_like), key=lambda s: len(s.header)) is facilities
    table = read_table(path)
    assert table.workbook_sheets == tuple(sheets)
    assert any("read 'Facilities FY25' (the widest table)" in n for n in table.notes)
    frame = table.collect(table.lazy)
    # Whole numbers stored as floats, read as integers; the ZIP codes (format 00000) as the
    # padded text the workbook shows (tests/test_xlsx_padded.py).
    assert frame.schema["Guaranteed Minimum"] == pl.Int64
    assert frame.schema["Zip"] == pl.String
    chosen = read_table(path, sheet="Footnotes")
    assert chosen.columns == ("Term", "Definition")


def test_sheet_option_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_real("ice-detention/FY19-detentionstats.xlsx"))
    args = ["export", "jurisdictions", "--data", path, "--jurisdiction", "AOR"]
    assert main(args) == 0
    out = capsys.readouterr().out
    frame = pl.read_csv(io.StringIO(out))
    expected = _sheet("Facilities FY19", 7)(Path(path))
    assert frame["rows"].sum() == expected.height
    assert main([*args[:-1], "Term", "--sheet", "Footnotes"]) == 0
    assert "ADP" in capsys.readouterr().out
    assert main([*args, "--sheet", "Nope"]) == 2
    assert "has no sheet 'Nope'; its sheets are 'Header'" in capsys.readouterr().err


# -- generated files --------------------------------------------------------------------------

ROWS = "place,count\nNYC,45\nDenver,63\nBoston,2\n"


def _zstd(data: bytes) -> bytes:
    return bytes(zstandard.ZstdCompressor().compress(data))


def _zip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("__MACOSX/._arrests.csv", b"junk")
        archive.writestr("arrests.csv", data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "pack", "kind"),
    [
        ("a.csv.gz", lambda d: gzip.compress(d, mtime=0), "gzip"),
        ("a.csv.zst", _zstd, "zstd"),
        ("a.csv.bz2", bz2.compress, "bzip2"),
        ("a.csv.xz", lzma.compress, "xz"),
        ("a.zip", _zip, "zip"),
        ("compressed-without-extension", lambda d: gzip.compress(d, mtime=0), "gzip"),
    ],
)
def test_compressed_files_read_through_a_plain_copy(
    tmp_path: Path, name: str, pack: Callable[[bytes], bytes], kind: str
) -> None:
    path = tmp_path / name
    path.write_bytes(pack(ROWS.encode()))
    before = path.read_bytes()
    table = read_table(path)
    assert table.compression == kind
    assert table.columns == ("place", "count")
    assert table.collect(table.lazy)["count"].to_list() == ["45", "63", "2"]
    copy = table.data_path
    assert copy != path
    assert copy.is_file()
    assert copy.is_relative_to(_cache_dir())
    assert path.read_bytes() == before
    view = jurisdictions_view(map_tables([table], {"place": "place", "count": "count"}).records)
    assert view.frame["count"].sum() == 110
    del table, view
    gc.collect()
    assert not copy.exists()  # the copy goes with the last table that used it


def test_compressed_tsv_and_bad_rows_named_in_the_original(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv.gz"
    path.write_bytes(gzip.compress(b"place\tcount\nNYC\t45\n"))
    assert read_table(path).separator == "\t"
    broken = tmp_path / "b.csv.gz"
    broken.write_bytes(gzip.compress(b"place,count\nNYC,45\nDenver,6,3\n"))
    with pytest.raises(DataError) as caught:
        read_table(broken)
    assert str(caught.value).startswith(f"{broken}, row 3: has 3 fields where the header has 2")
    cut = tmp_path / "c.csv.gz"
    cut.write_bytes(gzip.compress(ROWS.encode() * 200)[:40])
    with pytest.raises(DataError, match=r"c\.csv\.gz: is a damaged gzip file"):
        read_table(cut)


def test_zip_of_several_files_is_refused_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", ROWS)
        archive.writestr("b.csv", ROWS)
    with pytest.raises(DataError, match=r"ZIP archive of 2 files \(a\.csv, b\.csv\)"):
        read_table(path)


def test_pipe_csv_whose_cells_hold_commas(tmp_path: Path) -> None:
    path = tmp_path / "pipes.csv"
    path.write_text(
        'site|name|charges\nTAC|TACOMA, WA|"[{""a"":1,""b"":2}]"\nSEA|SEATTLE, WA|\n'
        "SPO|SPOKANE, WA, SUB|x,y,z\n"
    )
    table = read_table(path)
    assert (table.separator, table.columns) == ("|", ("site", "name", "charges"))
    frame = table.collect(table.lazy)
    assert frame["name"].to_list() == ["TACOMA, WA", "SEATTLE, WA", "SPOKANE, WA, SUB"]
    assert frame["charges"][0] == '[{"a":1,"b":2}]'
    plain = tmp_path / "plain.csv"
    plain.write_text("a,b\n1|2,3\n4|5,6\n")  # commas that split a table win over pipes in cells
    assert read_table(plain).separator == ","


def test_missing_tokens_in_numbers_and_text(tmp_path: Path) -> None:
    path = tmp_path / "na.csv"
    path.write_text(
        "place,n,adp\nNA,1306.0,1.5\nDenver,NA,2\nBoston,-,2.25\nReno,N/A,\nYork,NULL,3\n"
    )
    table = read_table(path)
    _, notes = compact_plan_with_notes(table)
    frame = load_table(table)
    assert frame["n"].dtype == pl.Int64
    assert frame["n"].to_list() == [1306, None, None, None, None]
    assert frame["adp"].dtype == pl.Float64
    assert frame["adp"].to_list() == [1.5, 2, 2.25, None, 3]
    assert "column 'n': 4 cells written as missing" in notes[0]
    assert frame["place"].cast(pl.String).to_list()[0] == "NA"  # text kept as written
    assert [is_missing_token(v) for v in ("NA", "n/a", " - ", "", None, "NULL", "Nashville")] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
    ]
    view = jurisdictions_view(map_tables([table], {"place": "place", "count": "n"}).records)
    assert view.frame[view.frame.columns[1]].sum() == 1306
    assert "4 rows have no count and add nothing" in view.base


def test_first_bad_count_row_is_told_first(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("place,count\nNYC,45\nDenver,-3\nBoston,2.5\n")
    table = read_table(path)
    with pytest.raises(DataError) as caught:
        jurisdictions_view(map_tables([table], {"place": "place", "count": "count"}).records)
    assert "row 3" in str(caught.value)
    assert "'-3' is negative" in str(caught.value)


def test_header_names_trimmed_and_spaced_quotes(tmp_path: Path) -> None:
    path = tmp_path / "spaced.csv"
    path.write_text(
        '"office", "state", "notes"\n"Atlanta", "Georgia", "a, b"\n"Buffalo", "NY", ""\n'
    )
    table = read_table(path)
    assert table.columns == ("office", "state", "notes")
    frame = table.collect(table.lazy)
    assert frame.row(0) == ("Atlanta", "Georgia", "a, b")
    trimmed = tmp_path / "trimmed.csv"
    trimmed.write_text(" place ,count , place\nNYC,1,x\n")
    table = read_table(trimmed)
    assert table.columns == ("place", "count", "place_2")
    assert any("3 column names are written with spaces" in note for note in table.notes)


def test_unnamed_r_row_column(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('"","month","count"\n"1","2022-10",93\n"2","2022-11",85\n')
    assert read_table(path).columns == ("row", "month", "count")
    other = tmp_path / "other.csv"
    other.write_text(",month,count\nx,2022-10,1\n")  # not row numbers: named by position
    assert read_table(other).columns == ("column_1", "month", "count")


def test_date_forms() -> None:
    values = pl.Series(
        ["10/5/2016", "10/5/16", "2021-12-01T00:00:00Z", "2022-10", "2023-09-01", "1/22/15"]
    )
    assert parse_dates(values).to_list() == [
        date(2016, 10, 5),
        date(2016, 10, 5),
        date(2021, 12, 1),
        date(2022, 10, 1),
        date(2023, 9, 1),
        date(2015, 1, 22),
    ]
    assert len(date_forms(values)) == 5  # mixed forms are told (the caller warns)


def test_unclosed_quote_in_the_first_row_is_named(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('place,count\n"NYC,45\nDenver,63\n')
    with pytest.raises(DataError) as caught:
        read_table(path)
    assert str(caught.value).startswith(f"{path}, row 2: a quote opened in this row is never")


def _workbook(path: Path, build: Callable[[xlsxwriter.Workbook], None]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    build(book)
    book.close()
    return path


def test_cover_sheet_does_not_set_the_columns(tmp_path: Path) -> None:
    def build(book: xlsxwriter.Workbook) -> None:
        cover = book.add_worksheet("Cover")
        cover.write(0, 0, "Detention statistics")
        cover.write(1, 0, "Published by the agency.")
        small = book.add_worksheet("Small")
        small.write_row(0, 0, ["Term", "Definition"])
        small.write_row(1, 0, ["ADP", "Average daily population"])
        data = book.add_worksheet("Facilities")
        data.write(0, 0, "FACILITIES")
        data.write_row(2, 0, ["Name", "AOR", "ADP", "Count"])
        for i in range(5):
            data.write_row(3 + i, 0, [f"Facility {i}", "SEA", i + 0.5, float(i * 10)])

    path = _workbook(tmp_path / "stats.xlsx", build)
    table = read_table(path)
    assert [s.name for s in table.sheets] == ["Facilities"]
    assert table.columns == ("Name", "AOR", "ADP", "Count")
    frame = table.collect(table.lazy)
    assert frame.schema["Count"] == pl.Int64
    assert frame.schema["ADP"] == pl.Float64
    assert "sheet 'Facilities': 2 title rows above the header (row 3) skipped" in table.notes
    infos = {s.name: s for s in table.workbook_sheets}
    assert infos["Cover"].why_not == "a cover page or notes"
    assert (infos["Facilities"].header_row, infos["Facilities"].rows) == (3, 5)
    assert read_table(path, sheet="Small").columns == ("Term", "Definition")


def test_formula_cells_are_told_with_the_value_read(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    def build(book: xlsxwriter.Workbook) -> None:
        sheet = book.add_worksheet("S")
        sheet.write_row(0, 0, ["place", "link", "err", "blank"])
        bold = book.add_format({"bold": True})
        for row in range(1, 4):
            sheet.write(row, 0, f"P{row}")
            sheet.write_formula(row, 1, '=HYPERLINK("http://x","y")', None, 0)
            sheet.write_formula(row, 2, "=1/0", None, "#DIV/0!")
            sheet.write_blank(row, 3, None, bold)

    path = _workbook(tmp_path / "formulas.xlsx", build)
    logging.getLogger("fastexcel").setLevel(logging.WARNING)
    table = read_table(path)
    assert capfd.readouterr().err == ""  # the reader's "Could not determine dtype" is a note
    formula = next(n for n in table.notes if "formulas" in n)
    assert "6 cells hold formulas" in formula
    assert 'first: B2 holds =HYPERLINK("http://x","y"), read as \'0\'' in formula
    assert any("mix kinds of cells" in n and "'err'" in n for n in table.notes)


def test_reading_never_writes_beside_the_input(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(ROWS.encode()))
    table: Table | None = read_table(path)
    assert table is not None
    table.collect(table.lazy)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv.gz"]


def test_one_quoted_name_holding_a_comma_and_space_is_not_the_spaced_form(tmp_path: Path) -> None:
    # Found by the export/import property: a name `X, ` written `"X, "` is one column.
    path = tmp_path / "one.csv"
    path.write_text('"X, "\n1\n', encoding="utf-8")
    table = read_table(path)
    assert not any("a space after each separator" in note for note in table.notes)
    assert table.collect(table.lazy).to_dict(as_series=False) == {"X,": ["1"]}
