"""One input file as a table: a lazy frame over all its columns, and where its rows are.

Every failure names the file, and the row or column where known (`Table.error`,
`Table.read_error`). Opening a file is `tables.read.read_table`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from tui.core.errors import DataError, one_line
from tui.core.tables.formats import FORMAT_NAMES, Format
from tui.core.tables.problems import locate_json_problem, locate_text_problem


@dataclass(frozen=True)
class Sheet:
    name: str
    #: 1-based spreadsheet row of the header.
    header_row: int
    #: Data rows below the header.
    rows: int


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook as a reader sees it: for a list to pick a sheet from."""

    name: str
    #: 1-based spreadsheet row of the header; None when the sheet is empty.
    header_row: int | None
    #: The header's names (empty cells left out), as written.
    header: tuple[str, ...]
    #: Rows below the header (from the sheet's stated size: blank rows included).
    rows: int
    #: The sheet looks like one table: a header of names and rows as wide below it.
    table_like: bool
    #: Why it is not read by default ("" when it is a table), e.g. "a cover page".
    why_not: str = ""


@dataclass(frozen=True, eq=False)
class Table:
    """One input file: a lazy frame over all its columns, as the file has them."""

    path: Path
    format: Format
    lazy: pl.LazyFrame
    columns: tuple[str, ...]
    #: 1-based row (text: line) of the header; 0 for formats without one (Parquet, NDJSON).
    header_row: int = 0
    sheets: tuple[Sheet, ...] = ()
    notes: tuple[str, ...] = ()
    #: Row count when known without a pass over the data.
    known_rows: int | None = None
    #: For workbooks: the spreadsheet row number of every stacked data row.
    sheet_rows: pl.Series | None = field(default=None, repr=False)
    #: For delimited text: separator and the lines skipped above the header.
    separator: str = ","
    skip_lines: int = 0
    #: Where the rows are read from when not `path` itself: the plain copy of a compressed
    #: file (or of a rewritten one) in the temporary cache. Messages always name `path`.
    read_path: Path | None = None
    #: What keeps that copy alive (it is removed when the last table using it goes).
    plain: object | None = field(default=None, repr=False)
    #: How the input is compressed ("gzip", "zstd", "bzip2", "xz", "zip"), if it is.
    compression: str | None = None
    #: For workbooks: every sheet, read or not, to choose another (`read_table(sheet=...)`).
    workbook_sheets: tuple[SheetInfo, ...] = ()

    @property
    def data_path(self) -> Path:
        """The file the rows are read from (a plain copy for a compressed input)."""
        return self.read_path or self.path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def schema(self) -> pl.Schema:
        return self.lazy.collect_schema()

    def rows(self) -> int:
        """Data rows (cheap: Parquet metadata, a line count for text)."""
        if self.known_rows is not None:
            return self.known_rows
        return int(self.collect(self.lazy.select(pl.len())).item())

    def location(self, index: int) -> tuple[int, str | None]:
        """Where 0-based data row `index` is, as a reader finds it: (row number, sheet name).

        Text files count the header line as a row (the first data row of a plain CSV is row 2);
        workbooks give the spreadsheet row; Parquet and NDJSON count records from 1.
        """
        if self.sheets and self.sheet_rows is not None:
            offset = 0
            for sheet in self.sheets:
                if index < offset + sheet.rows:
                    return int(self.sheet_rows[index]), sheet.name
                offset += sheet.rows
        if self.format in ("csv", "tsv"):
            return self.header_row + 1 + index, None
        return index + 1, None

    def error(
        self,
        problem: str,
        *,
        index: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> DataError:
        """A DataError naming this file and, for a data row `index`, its row (and sheet)."""
        row = None
        if index is not None:
            row, sheet = self.location(index)
            if sheet is not None:
                problem = f"sheet {sheet!r}: {problem}"
        return DataError(problem, file=self.path, row=row, column=column, hint=hint)

    def collect(self, query: pl.LazyFrame, *, streaming: bool = False) -> pl.DataFrame:
        """Run a query over this file; a read failure becomes a DataError naming file and row.

        `streaming` runs it in polars' streaming engine (bounded memory for reductions).
        """
        try:
            return query.collect(engine="streaming" if streaming else "auto")
        except pl.exceptions.PolarsError as error:
            raise self.read_error(error) from error
        except OSError as error:
            raise DataError(
                f"cannot be read ({error.strerror or error})", file=self.path
            ) from error

    def read_error(self, error: Exception) -> DataError:
        text = one_line(str(error).split("\n\n")[0])
        located = None
        if self.format in ("csv", "tsv"):
            located = locate_text_problem(self)
        elif self.format == "ndjson":
            located = locate_json_problem(self)
        if located is not None:
            return located
        if isinstance(error, pl.exceptions.ComputeError) and "utf-8" in text.lower():
            return DataError(
                "is not UTF-8 text", file=self.path, hint="save it as UTF-8 (CSV UTF-8 in Excel)"
            )
        return DataError(
            f"cannot be read as {FORMAT_NAMES[self.format]} ({text})",
            file=self.path,
            hint="check the file is complete and in the format its name says",
        )


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, as hex."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
