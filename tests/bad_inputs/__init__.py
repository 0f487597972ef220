"""The catalogue of bad input files, written on demand into a folder (a test's tmp_path).

Every case is a file (or a missing file, a folder, an unreadable file) that people will throw
at enforce-tui: from FOIA releases, spreadsheets passed around by email, scrapers. Each case
says what enforce-tui does with it, so the tests and the README table come from one place:

* ``error``: refused with exactly one line naming the file and, where known, the row or the
  column, and what to do. ``message`` is that line (``{path}`` is the path as given);
  ``at_open`` says whether it is found when the file is opened (headers and the first rows),
  or only when a view reads every row.
* ``warning``: read, with a note (``note``) in the catalogue's notes or the view's notes.
* ``read``: read as it is, nothing to say.

``write_catalogue(folder)`` writes every file; ``write_ten_million(folder)`` writes the 10M-row
CSV with one bad row in the middle (a second or two with polars).
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl
import xlsxwriter  # type: ignore[import-untyped]
from synth import ice_records as ir

__all__ = [
    "BIG",
    "BIG_BAD_ROW",
    "BIG_MESSAGE",
    "BIG_ROWS",
    "CASES",
    "GENERIC",
    "Case",
    "case",
    "ice_csv",
    "set_date",
    "workbook",
    "write_catalogue",
    "write_ten_million",
]

Outcome = Literal["error", "warning", "read"]
#: A generic table is counted with these options (else it has no views to show).
GENERIC: tuple[str, ...] = ("--jurisdiction", "place", "--count", "count")
SUPPORTED = "CSV, TSV, Parquet, NDJSON, JSON or .xlsx"
UTF8_HINT = "save it as UTF-8 (CSV UTF-8 in Excel)"
COUNT_HINT = (
    "correct the file, or choose a count column of numbers (such as 45, 1,234 or 2.5) with "
    "--count COLUMN or m in the explorer, or none (--no-role count) to count rows"
)
DATE_HINT = (
    "dates are read as ISO (2024-01-31), ISO date-times (the time is dropped, Z allowed), "
    "year-month (2024-01: the first of the month), US month/day/year (01/31/2024 or 1/31/24) "
    "or Excel day numbers, from 1900 to 2099; correct or empty those cells"
)
GOOD = "place,count\nNYC,45\nDenver,63\nBoston,2\n"


@dataclass(frozen=True)
class Case:
    """One bad input and what enforce-tui does with it."""

    id: str
    #: The file's name in the folder (the path given on the command line).
    name: str
    what: str
    outcome: Outcome
    write: Callable[[Path], None]
    #: For errors, the one line (without the `enforce-tui: error: ` prefix); {path} is the path.
    message: str = ""
    #: For warnings, a fragment of the note that says what was done.
    note: str = ""
    #: Found when the file is opened (so `enforce-tui FILE` stops before the screen opens).
    at_open: bool = True
    options: tuple[str, ...] = GENERIC
    view: str = "jurisdictions"
    #: "permission": the test makes opening the file fail with PermissionError.
    simulate: Literal["permission"] | None = None
    #: For warnings and reads: the total of the view's count column.
    total: int | None = None
    #: The message is the line exactly; else the line starts with it (it goes on to list data).
    exact: bool = True

    def expected(self, path: str) -> str:
        return self.message.replace("{path}", path)

    def matches(self, line: str, path: str) -> bool:
        expected = self.expected(path)
        return line == expected if self.exact else line.startswith(expected)


def _text(content: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return _bytes(content.encode(encoding))


def _bytes(content: bytes) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(content)

    return write


def _nothing(path: Path) -> None:
    del path


def _folder(path: Path) -> None:
    path.mkdir()


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


def _parquet(frame: pl.DataFrame) -> Callable[[Path], None]:
    return lambda path: frame.write_parquet(path)


def _truncated_parquet(path: Path) -> None:
    ir.arrests(200, seed=3, layout="processed").write_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _damaged_parquet(path: Path) -> None:
    """Cut in the middle but ending in the magic bytes, as a resumed download can."""
    ir.arrests(200, seed=3, layout="processed").write_parquet(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"PAR1")


def _generic_parquet_named_csv(path: Path) -> None:
    pl.DataFrame({"place": ["NYC", "Denver", "Boston"], "count": [45, 63, 2]}).write_parquet(path)


def workbook(rows: list[list[object]], sheet: str = "Data") -> Callable[[Path], None]:
    def write(path: Path) -> None:
        book = xlsxwriter.Workbook(str(path))
        page = book.add_worksheet(sheet)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    page.write_string(r, c, value)
                elif isinstance(value, int | float):
                    page.write_number(r, c, value)
        book.close()

    return write


def _ice_workbook_without_header(path: Path) -> None:
    """An ICE arrests workbook whose header row was deleted: titles, then data."""
    frame = ir.arrests(40, seed=9, layout="2025")
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet("Admin Arrests")
    page.write_string(0, 0, "U.S. Immigration and Customs Enforcement")
    page.write_string(1, 0, "ICE ERO Administrative Arrests")
    for r, row in enumerate(frame.iter_rows(), start=5):
        for c, value in enumerate(row):
            if value is not None:
                page.write_string(r, c, str(value))
    book.close()


def _header_only_xlsx(path: Path) -> None:
    ir.write(ir.arrests(0, layout="2025"), path, "xlsx")


def ice_csv(edit: Callable[[list[list[str]], int], None]) -> Callable[[Path], None]:
    """A small ICE arrests CSV (2025 layout) with `edit(rows, date_column)` applied."""

    def write(path: Path) -> None:
        buffer = io.StringIO()
        ir.arrests(60, seed=4, layout="2025").write_csv(buffer, date_format="%Y-%m-%d")
        rows = list(csv.reader(io.StringIO(buffer.getvalue())))
        edit(rows, rows[0].index("Apprehension Date"))
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")

    return write


def set_date(row: int, value: str) -> Callable[[list[list[str]], int], None]:
    def edit(rows: list[list[str]], column: int) -> None:
        rows[row - 1][column] = value  # `row` as a reader counts: the header is row 1

    return edit


def _mixed_dates(rows: list[list[str]], column: int) -> None:
    for index, row in enumerate(rows[1:]):
        year, month, day = row[column].split("-")
        row[column] = (
            f"{year}-{month}-{day}",
            f"{month}/{day}/{year}",
            f"{year}/{month}/{day}",
            f"{year}-{month}-{day} 08:30:00",
        )[index % 4]


def _zip_with_csv(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("arrests.csv", GOOD)


def _damaged_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets>")


CASES: tuple[Case, ...] = (
    # -- the file itself ----------------------------------------------------------------------
    Case(
        "missing",
        "missing.csv",
        "a file that does not exist",
        "error",
        _nothing,
        "{path}: file not found; check the path",
    ),
    Case(
        "folder",
        "folder.csv",
        "a folder",
        "error",
        _folder,
        "{path}: is a folder, not a file; give the path to a file",
    ),
    Case(
        "no-permission",
        "secret.csv",
        "a file that cannot be read (no permission)",
        "error",
        _text(GOOD),
        "{path}: cannot be read (permission denied); check the file's permissions",
        simulate="permission",
    ),
    Case(
        "empty",
        "empty.csv",
        "an empty file (0 bytes)",
        "error",
        _bytes(b""),
        f"{{path}}: is empty; give a {SUPPORTED} file with rows",
    ),
    Case(
        "blank",
        "blank.csv",
        "only a byte-order mark and blank lines",
        "error",
        _bytes(b"\xef\xbb\xbf\r\n  \n\n"),
        f"{{path}}: is empty; give a {SUPPORTED} file with rows",
    ),
    Case(
        "header-only-csv",
        "header.csv",
        "a header and no rows (CSV)",
        "error",
        _text("place,count\n"),
        "{path}: has a header but no rows; give a file with at least one row below the header",
    ),
    Case(
        "header-only-xlsx",
        "header.xlsx",
        "an ICE workbook with its title rows and header, and no rows",
        "error",
        _header_only_xlsx,
        "{path}: has a header but no rows; give a file with at least one row below the header",
    ),
    Case(
        "header-only-parquet",
        "header.parquet",
        "a Parquet file with columns and no rows",
        "error",
        _parquet(pl.DataFrame(schema={"place": pl.String, "count": pl.Int64})),
        "{path}: has columns but no rows; give a file with at least one row",
    ),
    # -- what the file is --------------------------------------------------------------------
    Case(
        "png-named-csv",
        "chart.csv",
        "a PNG image named .csv",
        "error",
        _png,
        f"{{path}}: is a PNG image, not a table; give a {SUPPORTED} file",
    ),
    Case(
        "pdf-named-csv",
        "report.csv",
        "a PDF named .csv",
        "error",
        _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
        f"{{path}}: is a PDF document, not a table; give a {SUPPORTED} file",
    ),
    Case(
        "html-named-xls",
        "export.xls",
        "a web page saved with an .xls name (what many web exports are)",
        "error",
        _text("<!DOCTYPE html>\n<html><body><table><tr><td>NYC</td></tr></table></body></html>"),
        "{path}: is an HTML page, not a table; open it in a spreadsheet and save it as .xlsx "
        "or CSV",
    ),
    Case(
        "binary-named-csv",
        "data.csv",
        "binary content named .csv",
        "error",
        _bytes(bytes(range(256)) * 8),
        f"{{path}}: is not a table this tool can read (binary content); give a {SUPPORTED} file",
    ),
    Case(
        "gzip-named-csv",
        "arrests.csv.gz",
        "a gzip-compressed CSV (read through a temporary plain copy)",
        "read",
        _bytes(gzip.compress(GOOD.encode(), mtime=0)),
        total=110,
    ),
    Case(
        "zip-of-csv",
        "arrests.zip",
        "a ZIP archive holding one CSV (read through a temporary plain copy)",
        "read",
        _zip_with_csv,
        total=110,
    ),
    Case(
        "utf16",
        "utf16.csv",
        "UTF-16 text (Excel's 'Unicode text')",
        "error",
        _text(GOOD, "utf-16"),
        f"{{path}}: is UTF-16 text; {UTF8_HINT}",
    ),
    Case(
        "csv-named-parquet",
        "counts.parquet",
        "a CSV named .parquet (a lying extension)",
        "warning",
        _text(GOOD),
        note="counts.parquet is named .parquet but holds CSV; read as such",
        total=110,
    ),
    Case(
        "parquet-named-csv",
        "counts.csv",
        "a Parquet file named .csv (a lying extension)",
        "warning",
        _generic_parquet_named_csv,
        note="counts.csv is named .csv but holds Parquet; read as such",
        total=110,
    ),
    Case(
        "unknown-extension",
        "counts.dat",
        "a CSV with an extension enforce-tui does not know",
        "warning",
        _text(GOOD),
        note="counts.dat has an unknown extension (.dat); read as CSV by its content",
        total=110,
    ),
    # -- text structure ----------------------------------------------------------------------
    Case(
        "ragged-long",
        "ragged.csv",
        "a row with more cells than the header",
        "error",
        _text("place,count\nNYC,45\nDenver,63,7\nBoston,2\n"),
        "{path}, row 3: has 3 fields where the header has 2; quote cells that contain the "
        "separator, or remove the extra cells",
    ),
    Case(
        "ragged-short",
        "short.csv",
        "a row with fewer cells than the header",
        "warning",
        _text("place,count\nNYC,45\nDenver\nBoston,2\n"),
        note="1 row has no count and add nothing",
        at_open=False,
        total=47,
    ),
    Case(
        "unclosed-quote",
        "quote.csv",
        "a quote that is never closed",
        "error",
        _text('place,count\nNYC,45\n"Denver,63\nBoston,2\n'),
        "{path}, row 3: a quote opened in this row is never closed; close the quote, or double "
        'a quote that is part of the text ("")',
    ),
    Case(
        "unclosed-quote-first-row",
        "quote-first.csv",
        "a quote never closed in the first data row (not: a header but no rows)",
        "error",
        _text('place,count\n"NYC,45\nDenver,63\nBoston,2\n'),
        "{path}, row 2: a quote opened in this row is never closed; close the quote, or double "
        'a quote that is part of the text ("")',
    ),
    Case(
        "windows-1252",
        "excel-ansi.csv",
        "Windows-1252 text as Excel saves 'CSV' (é, ñ, curly quotes)",
        "error",
        _text("place,count\nNYC,45\nSão Paulo,3\nCafé “Bar”,2\n", "cp1252"),
        "{path}: is not UTF-8 text (byte 0xe3 on line 3; it may be Windows-1252 from Excel); "
        f"{UTF8_HINT}",
    ),
    Case(
        "byte-order-mark",
        "bom.csv",
        "UTF-8 with a byte-order mark and CRLF line ends (Excel's 'CSV UTF-8')",
        "read",
        _bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode()),
        total=110,
    ),
    Case(
        "title-lines",
        "titled.csv",
        "title lines above the header",
        "warning",
        _text("Arrests by place\nPrepared 2024-10-01\n\n" + GOOD),
        note="3 title rows above the header (line 4) skipped",
        total=110,
    ),
    Case(
        "duplicate-columns",
        "duplicate.csv",
        "a column name given twice",
        "warning",
        _text("place,count,count\nNYC,45,1\nDenver,63,2\nBoston,2,3\n"),
        note="column name 'count' appears 2 times; read as 'count', 'count_2'",
        total=110,
    ),
    Case(
        "empty-column-name",
        "unnamed.csv",
        "a column without a name",
        "warning",
        _text("place,,count\nNYC,a,45\nDenver,b,63\nBoston,c,2\n"),
        note="1 column has no name in the header; read as 'column_2'",
        total=110,
    ),
    Case(
        "numbers-as-header",
        "noheader.csv",
        "no header row: the first row is data",
        "error",
        _text("45,63\n2,7\n"),
        "{path}, row 1: the header row holds only numbers (45, 63), not column names; add a "
        "first row naming the columns, then open it again",
    ),
    Case(
        "bad-ndjson-line",
        "rows.ndjson",
        "an NDJSON file with a broken line",
        "error",
        _text('{"place": "NYC", "count": 45}\n{"place": "Denver", "count": 63\n'),
        "{path}, row 2: is not valid JSON (Expecting ',' delimiter); each line must be one "
        "complete JSON object",
    ),
    # -- binary formats ----------------------------------------------------------------------
    Case(
        "truncated-parquet",
        "cut.parquet",
        "a Parquet file cut short (an interrupted download)",
        "error",
        _truncated_parquet,
        "{path}: is a truncated or damaged Parquet file (its footer is missing); copy or "
        "download it again",
    ),
    Case(
        "damaged-parquet",
        "damaged.parquet",
        "a Parquet file cut short that still ends in PAR1",
        "error",
        _damaged_parquet,
        "{path}: cannot be read as Parquet (parquet: File out of specification: The footer size "
        "must be smaller or equal to the file's size); check the file is complete and in the "
        "format its name says",
    ),
    Case(
        "damaged-xlsx",
        "broken.xlsx",
        "an .xlsx whose XML is cut short",
        "error",
        _damaged_xlsx,
        "{path}: is a damaged .xlsx workbook (no element found: line 1, column 18); open and "
        "save it again in Excel, or export it as CSV",
    ),
    Case(
        "xlsx-numbers-header",
        "numbers.xlsx",
        "an .xlsx whose first row is numbers (no header row)",
        "error",
        workbook([[1, 45], [2, 63], [3, 2]]),
        "{path}, row 1: sheet 'Data': the header row holds only numbers (1, 45), not column "
        "names; add a first row naming the columns, then open it again",
    ),
    Case(
        "xlsx-without-ice-header",
        "arrests-no-header.xlsx",
        "an ICE arrests workbook whose header row was deleted",
        "error",
        _ice_workbook_without_header,
        "{path}, column 'Apprehension AOR': has no such column; columns are: ",
        options=("--jurisdiction", "Apprehension AOR"),
        exact=False,
    ),
    # -- counts (a generic table with --jurisdiction place --count count) --------------------
    Case(
        "negative-count",
        "negative.csv",
        "a negative count",
        "error",
        _text("place,count\nNYC,45\nDenver,-3\nBoston,2\n"),
        "{path}, row 3, column 'count': count '-3' is negative; counts of people cannot be "
        "negative; correct the file",
        at_open=False,
    ),
    Case(
        "fractional-count",
        "fraction.csv",
        "a fractional count (an average): summed with its decimals, and said so",
        "warning",
        _text("place,count\nNYC,45\nDenver,6.5\nBoston,2\n"),
        note="summed as numbers with their decimals",
        at_open=False,
    ),
    Case(
        "non-numeric-count",
        "words.csv",
        "a count that is a word",
        "error",
        _text("place,count\nNYC,45\nDenver,many\nBoston,lots\n"),
        f"{{path}}, row 3, column 'count': 2 counts are not numbers; the first is 'many'; "
        f"{COUNT_HINT}",
        at_open=False,
    ),
    Case(
        "negative-then-fraction",
        "negative-first.csv",
        "a negative count on row 3 and a fraction on row 4: the first bad row is told",
        "error",
        _text("place,count\nNYC,45\nDenver,-3\nBoston,2.5\n"),
        "{path}, row 3, column 'count': count '-3' is negative; counts of people cannot be "
        "negative; correct the file",
        at_open=False,
    ),
    Case(
        "missing-count-tokens",
        "na-counts.csv",
        "counts written NA, N/A, NULL and - (R and spreadsheets): no count, said",
        "warning",
        _text("place,count\nNYC,45\nDenver,NA\nBoston,2\nAustin,N/A\nReno,NULL\nYork,-\n"),
        note="4 rows have no count and add nothing to count (empty, NA, N/A, NULL or -)",
        total=47,
    ),
    Case(
        "huge-count",
        "huge.csv",
        "a count beyond 64 bits",
        "error",
        _text("place,count\nNYC,45\nDenver,99999999999999999999999\nBoston,2\n"),
        "{path}, row 3, column 'count': count '99999999999999999999999' is too large (more than "
        f"9,223,372,036,854,775,807); {COUNT_HINT}",
        at_open=False,
    ),
    Case(
        "overflowing-total",
        "overflow.csv",
        "counts that fit but whose total does not",
        "error",
        _text("place,count\nNYC,6000000000000000000\nNYC,6000000000000000000\n"),
        "{path}, row 2, column 'count': the counts add up to more than "
        "9,223,372,036,854,775,807; the largest is 6,000,000,000,000,000,000; check that the "
        "column holds counts of people",
        at_open=False,
    ),
    Case(
        "formatted-counts",
        "formatted.csv",
        'counts written 1,234 (quoted), 45.0 and " 7 "',
        "read",
        _text('place,count\nNYC,"1,234"\nDenver,45.0\nBoston, 7 \n'),
        total=1286,
    ),
    # -- dates (an ICE arrests file; the comparisons view reads them) ------------------------
    Case(
        "impossible-date",
        "feb30.csv",
        "an impossible date (2025-02-30)",
        "error",
        ice_csv(set_date(7, "2025-02-30")),
        "{path}, row 7, column 'Apprehension Date': date '2025-02-30' cannot be read; "
        f"{DATE_HINT}",
        at_open=False,
        options=(),
        view="comparisons",
    ),
    Case(
        "day-first-date",
        "dayfirst.csv",
        "a day/month/year date (31/01/2024)",
        "error",
        ice_csv(set_date(4, "31/01/2024")),
        "{path}, row 4, column 'Apprehension Date': date '31/01/2024' cannot be read; "
        f"{DATE_HINT}",
        at_open=False,
        options=(),
        view="comparisons",
    ),
    Case(
        "mistyped-year",
        "year0202.csv",
        "a mistyped year (0202-01-05)",
        "error",
        ice_csv(set_date(12, "0202-01-05")),
        "{path}, row 12, column 'Apprehension Date': date '0202-01-05' cannot be read; "
        f"{DATE_HINT}",
        at_open=False,
        options=(),
        view="comparisons",
    ),
    Case(
        "mixed-date-forms",
        "mixed.csv",
        "dates in four forms in one column (ISO, 01/31/2024, 2024/01/31, date-time)",
        "warning",
        ice_csv(_mixed_dates),
        note="column 'Apprehension Date' writes dates in 4 forms",
        at_open=False,
        options=(),
        view="comparisons",
    ),
)

BIG_ROWS = 10_000_000
#: The bad row is the 5,000,000th data row: row 5,000,001 of the file, as its header is row 1.
BIG_BAD_ROW = 5_000_001
BIG_MESSAGE = (
    "{path}, row 5,000,001: has 3 fields where the header has 2; quote cells that contain the "
    "separator, or remove the extra cells"
)


#: The 10M-row file as a case (written by `write_ten_million`, not by `write_catalogue`).
BIG = Case(
    "ten-million",
    "ten-million.csv",
    "10 million rows, one row with an extra cell at data row 5,000,000",
    "error",
    lambda path: _nothing(write_ten_million(path.parent)),
    BIG_MESSAGE,
    at_open=False,
)


def case(case_id: str) -> Case:
    return next(c for c in CASES if c.id == case_id)


def write_catalogue(folder: Path) -> dict[str, Path]:
    """Write every case's file into `folder`; case id -> path."""
    paths: dict[str, Path] = {}
    for item in CASES:
        path = folder / item.name
        item.write(path)
        paths[item.id] = path
    return paths


def write_ten_million(folder: Path) -> Path:
    """A 10M-row CSV (`place,count`) whose 5,000,000th data row has one cell too many."""
    places = pl.Series(["NYC", "Denver", "Boston", "Miami", "Chicago", "Houston", "Atlanta"])
    index = pl.int_range(BIG_ROWS, eager=True)
    frame = pl.DataFrame(
        {
            "place": places.gather(index % places.len()),
            "count": (index * 7919) % 100,
        }
    )
    half = BIG_BAD_ROW - 2  # data rows before the bad one
    path = folder / "ten-million.csv"
    with path.open("wb") as stream:
        frame.head(half).write_csv(stream)
        stream.write(b"Denver,63,oops\n")
        frame.slice(half + 1).write_csv(stream, include_header=False)
    return path
