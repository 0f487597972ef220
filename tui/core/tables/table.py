"""Open one file as a table: sniff its format, find its header, scan it lazily where possible.

CSV/TSV, Parquet, NDJSON and Arrow IPC are scanned lazily (polars `scan_*`), so a query reads
only the columns it uses. JSON arrays and Excel workbooks are read whole: polars' Excel reader
with the calamine engine, one sheet per thread, the header row found below any title rows (a
quick look at the sheet's first rows in the workbook's XML, never a hard-coded count) and the
sheets that share that header stacked.

The reader is chosen by the file's first bytes; the extension only breaks ties (comma or tab
text). Every failure is a DataError naming the file, and the row or column where known. Input
files are opened read-only and never written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, NoReturn
from xml.etree import ElementTree

import polars as pl

from tui.core.errors import DataError, one_line
from tui.core.records.layouts import find_header_row

Format = Literal["csv", "tsv", "parquet", "ndjson", "json", "ipc", "xlsx"]
FORMAT_NAMES: dict[Format, str] = {
    "csv": "CSV",
    "tsv": "TSV",
    "parquet": "Parquet",
    "ndjson": "NDJSON",
    "json": "JSON",
    "ipc": "Arrow IPC",
    "xlsx": "Excel workbook",
}
SNIFF_BYTES = 64 * 1024
#: Rows looked at for a header below title rows.
HEADER_SEARCH_ROWS = 30
SUPPORTED = "CSV, TSV, Parquet, NDJSON, JSON or .xlsx"


@dataclass(frozen=True)
class Sheet:
    name: str
    #: 1-based spreadsheet row of the header.
    header_row: int
    #: Data rows below the header.
    rows: int


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


# -- opening ------------------------------------------------------------------------------------


def read_table(path: Path) -> Table:
    """Open `path` for reading. Raises DataError for anything that is not a readable table."""
    head = _read_head(path)
    fmt, notes = sniff_format(path, head)
    if fmt in ("csv", "tsv"):
        separator = _sniff_separator(_decode_head(path, head), path.suffix.lower())
        table = _open_text(path, head, separator=separator, fmt=fmt)
    elif fmt == "parquet":
        table = _open_parquet(path)
    elif fmt == "ipc":
        table = _open_ipc(path)
    elif fmt == "ndjson":
        table = _open_ndjson(path)
    elif fmt == "json":
        table = _open_json(path)
    else:
        table = _open_xlsx(path)
    if notes:
        table = replace(table, notes=(*notes, *table.notes))
    if table.known_rows == 0:
        if table.format in ("csv", "tsv", "xlsx"):
            problem, hint = "has a header but no rows", "at least one row below the header"
        else:
            problem, hint = "has columns but no rows", "at least one row"
        raise DataError(
            problem if table.columns else "has no rows",
            file=path,
            hint=f"give a file with {hint}",
        )
    return table


def _read_head(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise DataError("is a folder, not a file", file=path, hint="give the path to a file")
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except FileNotFoundError as error:
        raise DataError("file not found", file=path, hint="check the path") from error
    except PermissionError as error:
        raise DataError(
            "cannot be read (permission denied)",
            file=path,
            hint="check the file's permissions",
        ) from error
    except IsADirectoryError as error:
        raise DataError("is a folder, not a file", file=path) from error
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror or error})", file=path) from error
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise DataError("is empty", file=path, hint=f"give a {SUPPORTED} file with rows")
    return head


_TEXT_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".txt": "csv"}


def sniff_format(path: Path, head: bytes) -> tuple[Format, tuple[str, ...]]:
    """The format by content, the extension breaking ties; notes when the two disagree."""
    suffix = path.suffix.lower()
    fmt: Format
    if head.startswith(b"PAR1"):
        _check_parquet_footer(path)
        fmt = "parquet"
    elif head.startswith(b"ARROW1"):
        fmt = "ipc"
    elif head.startswith(b"PK\x03\x04"):
        fmt = _zip_kind(path)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DataError(
            "is an old-style .xls workbook (or an encrypted one)",
            file=path,
            hint="save it as .xlsx or CSV and open that",
        )
    elif head.startswith(_COMPRESSED) or (head[:3] == b"BZh" and head[4:10] == b"1AY&SY"):
        raise DataError(
            "is compressed (gzip, zstd, bzip2 or xz)", file=path, hint="decompress it first"
        )
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("is UTF-16 text", file=path, hint="save it as UTF-8 (CSV UTF-8 in Excel)")
    else:
        _refuse_known_kinds(path, head)
        fmt = _sniff_text(path, head, suffix)
    notes: tuple[str, ...] = ()
    expected = {
        ".parquet": "parquet",
        ".pq": "parquet",
        ".xlsx": "xlsx",
        ".ndjson": "ndjson",
        ".jsonl": "ndjson",
        ".json": "json",
        ".arrow": "ipc",
        ".feather": "ipc",
        ".ipc": "ipc",
        **_TEXT_SUFFIXES,
    }.get(suffix)
    same = (
        expected == fmt
        or {expected, fmt} <= {"csv", "tsv"}
        or {expected, fmt}
        <= {
            "json",
            "ndjson",
        }
    )
    if expected is not None and not same:
        notes = (f"{path.name} is named {suffix} but holds {FORMAT_NAMES[fmt]}; read as such",)
    elif expected is None:
        what = f"an unknown extension ({suffix})" if suffix else "no extension"
        notes = (f"{path.name} has {what}; read as {FORMAT_NAMES[fmt]} by its content",)
    return fmt, notes


#: gzip, zstd and xz; bzip2 is "BZh", a digit, then "1AY&SY".
_COMPRESSED = (b"\x1f\x8b", b"\x28\xb5\x2f\xfd", b"\xfd7zXZ\x00")
#: Files people mistake for tables, by their first bytes (text kinds are found after decoding).
_NOT_TABLES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_NOT_TABLE_TEXT: tuple[tuple[str, str], ...] = (
    ("<!doctype html", "an HTML page"),
    ("<html", "an HTML page"),
    ("<?xml", "an XML file (an Excel 2003 XML spreadsheet?)"),
)


def _refuse_known_kinds(path: Path, head: bytes) -> None:
    """Images, documents and archives named as tables: say what they are."""
    for magic, what in _NOT_TABLES:
        if head.startswith(magic):
            raise DataError(f"is {what}, not a table", file=path, hint=f"give a {SUPPORTED} file")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].decode("ascii", "replace").lower()
    for prefix, what in _NOT_TABLE_TEXT:
        if start.startswith(prefix):
            raise DataError(
                f"is {what}, not a table",
                file=path,
                hint="open it in a spreadsheet and save it as .xlsx or CSV",
            )


def _check_parquet_footer(path: Path) -> None:
    try:
        with path.open("rb") as stream:
            stream.seek(-4, os.SEEK_END)
            tail = stream.read(4)
    except OSError:
        tail = b""
    if tail != b"PAR1":
        raise DataError(
            "is a truncated or damaged Parquet file (its footer is missing)",
            file=path,
            hint="copy or download it again",
        )


def _zip_kind(path: Path) -> Format:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise DataError(
            "is a damaged ZIP or .xlsx file", file=path, hint="copy or download it again"
        ) from error
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(name.endswith(".xml") for name in names) and "content.xml" in names:
        raise DataError("is an OpenDocument spreadsheet", file=path, hint="save it as .xlsx or CSV")
    raise DataError("is a ZIP archive, not a table", file=path, hint="unzip it and open the file")


def _sniff_text(path: Path, head: bytes, suffix: str) -> Format:
    if b"\x00" in head:
        raise DataError(
            "is not a table this tool can read (binary content)",
            file=path,
            hint=f"give a {SUPPORTED} file",
        )
    text = _decode_head(path, head)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "ndjson"
    if stripped.startswith("["):
        return "json"
    separator = _sniff_separator(text, suffix)
    return "tsv" if separator == "\t" else "csv"


def _decode_head(path: Path, head: bytes) -> str:
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) == SNIFF_BYTES and error.start >= len(head) - 4:
            return head[: error.start].decode("utf-8")  # a character cut by the sample's end
        line = head[: error.start].count(b"\n") + 1
        raise _not_utf8(path, head[error.start], line) from error


_SEPARATORS = (",", "\t", ";", "|")


def _sniff_separator(text: str, suffix: str) -> str:
    """The separator: the extension's when the file has it, else one that makes a table.

    A .csv file is split at commas if it has any; another separator counts only when it
    splits the first line (the header) into two named columns and the lines below alike, so
    a one-column file whose cells hold tabs or semicolons stays one column. Other files take
    a separator that cuts a header and the lines below it into the same number of cells
    (title lines above allowed).
    """
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    if not lines:
        return ","
    counts = {sep: [line.count(sep) for line in lines] for sep in _SEPARATORS}
    if suffix in (".tsv", ".tab") and any(counts["\t"]):
        return "\t"
    if suffix == ".csv":
        if any(counts[","]):
            return ","
        found = [
            sep for sep in _SEPARATORS if _names_two(lines[0], sep) and _splits_a_table(lines, sep)
        ]
    else:
        found = [sep for sep in _SEPARATORS if _splits_a_table(lines, sep)]
    if not found:
        return ","
    return max(found, key=lambda sep: (max(counts[sep]), sep == ","))


def _names_two(line: str, separator: str) -> bool:
    """The line, as a header split at `separator`, names at least two columns."""
    try:
        cells = next(csv.reader([line], delimiter=separator), [])
    except csv.Error:
        return False
    return sum(1 for cell in cells if cell.strip()) >= 2


def _splits_a_table(lines: Sequence[str], separator: str) -> bool:
    """From the first line it splits, `separator` cuts at least a header and one more line
    into the same number of cells, and nine lines in ten below."""
    try:
        widths = [len(row) for row in csv.reader(lines, delimiter=separator) if row]
    except csv.Error:
        return False
    start = next((index for index, width in enumerate(widths) if width > 1), None)
    if start is None:
        return False
    table = widths[start:]
    return len(table) >= 2 and table.count(table[0]) >= max(2, 0.9 * len(table))


# -- text -------------------------------------------------------------------------------------


def _open_text(path: Path, head: bytes, *, separator: str, fmt: Format) -> Table:
    text = _decode_head(path, head).lstrip("\ufeff")
    if len(head) == SNIFF_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    skip_lines, header = _text_header(text, separator)
    if _numbers_only(header):
        raise _header_error(path, header, row=skip_lines + 1)

    def as_written(found: Sequence[str]) -> Sequence[str]:
        # The header as the csv module reads it, when the two agree on the columns: polars
        # keeps a quote doubled inside a quoted name (a name X" is read back as X"").
        return header if len(header) == len(found) else found

    def names(found: list[str]) -> list[str]:
        return column_names(as_written(found), as_written(found))[0]

    lazy = pl.scan_csv(
        path,
        separator=separator,
        skip_lines=skip_lines,
        infer_schema=False,
        raise_if_empty=True,
        encoding="utf8",
        with_column_names=names,
    )
    table = Table(
        path=path,
        format=fmt,
        lazy=lazy,
        columns=(),
        header_row=skip_lines + 1,
        separator=separator,
        skip_lines=skip_lines,
    )
    first = table.collect(lazy.head(100))
    _, notes = column_names(as_written(first.columns), as_written(first.columns))
    if skip_lines:
        notes = (f"{skip_lines} title line(s) above the header skipped", *notes)
    return replace(
        table,
        columns=tuple(first.columns),
        notes=notes,
        known_rows=first.height if first.height < 100 else None,
    )


def _text_header(text: str, separator: str) -> tuple[int, list[str]]:
    """Physical lines above the header, from the start of a text file, and the header cells."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    starts: list[int] = []
    rows: list[list[str]] = []
    try:
        while len(rows) < HEADER_SEARCH_ROWS:
            start = reader.line_num
            rows.append(next(reader))
            starts.append(start)
    except (StopIteration, csv.Error):
        pass
    index = find_header_row(rows) or 0
    if index >= len(starts):
        return 0, []
    return starts[index], rows[index]


_NUMBER_CELL = re.compile(r"[+-]?[0-9][0-9,. ]*")


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _numbers_only(cells: Sequence[object]) -> bool:
    """A header row of nothing but numbers is a data row: the file has no header."""
    filled = [cell for cell in cells if _cell_text(cell) != ""]
    return bool(filled) and all(
        isinstance(cell, int | float) or _NUMBER_CELL.fullmatch(_cell_text(cell)) for cell in filled
    )


def _header_error(
    path: Path, cells: Sequence[object], *, row: int, sheet: str | None = None
) -> DataError:
    filled = [_cell_text(cell) for cell in cells if _cell_text(cell) != ""]
    shown = ", ".join(filled[:4]) + (", ..." if len(filled) > 4 else "")
    problem = f"the header row holds only numbers ({shown}), not column names"
    if sheet is not None:
        problem = f"sheet {sheet!r}: {problem}"
    return DataError(
        problem, file=path, row=row, hint="add a first row naming the columns, then open it again"
    )


def column_names(found: Sequence[str], header: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Names for columns whose header cell is empty or repeated, the same in every format.

    `found` are the names the reader gave, `header` the header cells as the format names them
    (by position). A column without a name (or only spaces) is called `column_N` (N its
    position from 1); a repeated name gets `_2`, `_3`, ... on its repeats. The notes say which
    columns were named so.
    """
    cells = [header[i] if i < len(header) and header[i].strip() else "" for i in range(len(found))]
    counts: dict[str, int] = {}
    for cell in cells:
        if cell:
            counts[cell] = counts.get(cell, 0) + 1
    if all(cells) and all(n == 1 for n in counts.values()):
        return list(found), ()
    taken = set(counts)
    names = list(found)
    seen: dict[str, int] = {}
    unnamed: list[str] = []
    repeats: dict[str, list[str]] = {}
    for index, cell in enumerate(cells):
        if cell and counts[cell] == 1:
            continue
        if cell:
            seen[cell] = seen.get(cell, 0) + 1
            if seen[cell] == 1:
                repeats[cell] = [found[index]]
                continue
            base, number = cell, seen[cell]
        else:
            base, number = f"column_{index + 1}", 1
        name = base if number == 1 else f"{base}_{number}"
        while name in taken:
            number += 1
            name = f"{base}_{number}"
        taken.add(name)
        names[index] = name
        if cell:
            repeats[cell].append(name)
        else:
            unnamed.append(name)
    notes: list[str] = []
    if unnamed:
        listed = ", ".join(repr(name) for name in unnamed[:5]) + (
            ", ..." if len(unnamed) > 5 else ""
        )
        what = "1 column has" if len(unnamed) == 1 else f"{len(unnamed)} columns have"
        notes.append(f"{what} no name in the header; read as {listed}")
    for cell, given in repeats.items():
        notes.append(
            f"column name {cell!r} appears {len(given)} times; read as "
            + ", ".join(repr(name) for name in given)
        )
    return names, tuple(notes)


def locate_text_problem(table: Table) -> DataError | None:
    """Find the first line of a delimited text file that cannot be read, and say why.

    Runs only after a read failed: one pass in Python that stops at the first bad line.
    """
    try:
        stream = table.path.open("rb")
    except OSError:
        return None
    line = table.skip_lines

    def decoded() -> Iterator[str]:
        nonlocal line
        for raw in stream:
            line += 1
            yield raw.decode("utf-8-sig" if line == 1 else "utf-8")

    with stream:
        for _ in range(table.skip_lines):
            stream.readline()
        reader = csv.reader(decoded(), delimiter=table.separator, strict=True)
        width: int | None = None
        start = line + 1  # where the record being read begins
        try:
            for row in reader:
                if width is None:
                    width = len(row)
                elif len(row) > width:
                    return DataError(
                        f"has {len(row)} fields where the header has {width}",
                        file=table.path,
                        row=start,
                        hint="quote cells that contain the separator, or remove the extra cells",
                    )
                start = line + 1
        except UnicodeDecodeError as error:
            return _not_utf8(table.path, error.object[error.start], line)
        except csv.Error as error:
            return _quote_error(table, str(error), start)
    return None


def _not_utf8(path: Path, byte: int, line: int) -> DataError:
    """The same words wherever in a file the first byte that is not UTF-8 is found."""
    return DataError(
        f"is not UTF-8 text (byte 0x{byte:02x} on line {line:,}; "
        "it may be Windows-1252 from Excel)",
        file=path,
        hint="save it as UTF-8 (CSV UTF-8 in Excel)",
    )


def _quote_error(table: Table, reason: str, start: int) -> DataError:
    if "unexpected end of data" in reason or "field larger than field limit" in reason:
        # A quote that is never closed runs to the end of the file or past the cell limit.
        return DataError(
            "a quote opened in this row is never closed",
            file=table.path,
            row=start,
            hint='close the quote, or double a quote that is part of the text ("")',
        )
    return DataError(
        f"cannot be read as {FORMAT_NAMES[table.format]} ({reason})",
        file=table.path,
        row=start,
        hint="check the quotes in this row",
    )


def locate_json_problem(table: Table) -> DataError | None:
    """Find the first line of an NDJSON file that is not a JSON object, and say why."""
    try:
        stream = table.path.open("rb")
    except OSError:
        return None
    with stream:
        for line, raw in enumerate(stream, start=1):
            try:
                text = raw.decode("utf-8-sig" if line == 1 else "utf-8").strip()
            except UnicodeDecodeError as error:
                return _not_utf8(table.path, error.object[error.start], line)
            if not text:
                continue
            try:
                value = json.loads(text)
            except ValueError as error:
                reason = one_line(str(error).split(":")[0])
                return DataError(
                    f"is not valid JSON ({reason})",
                    file=table.path,
                    row=line,
                    hint="each line must be one complete JSON object",
                )
            if not isinstance(value, dict):
                return DataError(
                    "is not a JSON object (NDJSON holds one object per line)",
                    file=table.path,
                    row=line,
                    hint='write each row as one object, such as {"place": "NYC"}',
                )
    return None


# -- binary columnar formats ------------------------------------------------------------------


def _open_parquet(path: Path) -> Table:
    lazy = pl.scan_parquet(path)
    table = Table(path=path, format="parquet", lazy=lazy, columns=())
    schema = _schema(table)
    rows = int(table.collect(lazy.select(pl.len())).item())
    return Table(path=path, format="parquet", lazy=lazy, columns=tuple(schema), known_rows=rows)


def _open_ipc(path: Path) -> Table:
    lazy = pl.scan_ipc(path)
    table = Table(path=path, format="ipc", lazy=lazy, columns=())
    schema = _schema(table)
    return Table(path=path, format="ipc", lazy=lazy, columns=tuple(schema))


def _open_ndjson(path: Path) -> Table:
    lazy = pl.scan_ndjson(path, infer_schema_length=None)
    table = Table(path=path, format="ndjson", lazy=lazy, columns=())
    first = table.collect(lazy.head(100))
    return Table(
        path=path,
        format="ndjson",
        lazy=lazy,
        columns=tuple(first.columns),
        known_rows=first.height if first.height < 100 else None,
    )


def _open_json(path: Path) -> Table:
    try:
        frame = pl.read_json(path, infer_schema_length=None)
    except (pl.exceptions.PolarsError, OSError, ValueError) as error:
        raise DataError(
            f"cannot be read as a JSON table ({one_line(str(error).split(chr(10))[0])})",
            file=path,
            hint="give an array of objects, one per row, or NDJSON",
        ) from error
    return Table(
        path=path,
        format="json",
        lazy=frame.lazy(),
        columns=tuple(frame.columns),
        known_rows=frame.height,
    )


def _schema(table: Table) -> pl.Schema:
    try:
        return table.lazy.collect_schema()
    except pl.exceptions.PolarsError as error:
        raise table.read_error(error) from error
    except OSError as error:
        raise DataError(f"cannot be read ({error.strerror or error})", file=table.path) from error


# -- Excel ------------------------------------------------------------------------------------

_REL_NS = "relationships"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(ref: str) -> int:
    letters = re.match(r"[A-Za-z]+", ref)
    if letters is None:
        return -1
    index = 0
    for char in letters.group(0).upper():
        index = index * 26 + ord(char) - 64
    return index - 1


@dataclass
class _SheetHead:
    name: str
    rows: list[tuple[int, list[object]]]


def peek_workbook(path: Path, max_rows: int = HEADER_SEARCH_ROWS) -> list[_SheetHead]:
    """The first rows of every worksheet, read straight from the workbook's XML.

    Stops after `max_rows` rows per sheet, so it costs milliseconds however big the sheet.
    Row numbers are the spreadsheet's (1-based).
    """
    with zipfile.ZipFile(path) as archive:
        sheets = _workbook_sheets(archive)
        heads: list[_SheetHead] = []
        shared_needed: set[int] = set()
        raw_heads: list[tuple[str, list[tuple[int, list[tuple[int, str, str]]]]]] = []
        for name, member in sheets:
            rows = _sheet_rows(archive, member, max_rows)
            for _, cells in rows:
                shared_needed.update(int(v) for _, t, v in cells if t == "s" and v.isdigit())
            raw_heads.append((name, rows))
        shared = _shared_strings(archive, max(shared_needed, default=-1))
        for name, rows in raw_heads:
            out: list[tuple[int, list[object]]] = []
            for number, cells in rows:
                width = max((col for col, _, _ in cells), default=-1) + 1
                values: list[object] = [None] * width
                for col, kind, value in cells:
                    if kind == "s":
                        index = int(value) if value.isdigit() else -1
                        values[col] = shared[index] if 0 <= index < len(shared) else None
                    elif kind in ("inlineStr", "str"):
                        values[col] = value
                    elif value != "":
                        values[col] = float(value) if _is_number(value) else value
                out.append((number, values))
            heads.append(_SheetHead(name, out))
    return heads


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _workbook_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, archive member) for every worksheet, in workbook order."""
    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        tree = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        for rel in tree:
            if not rel.get("Type", "").endswith("/worksheet"):
                continue
            target = rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            rels[rel.get("Id", "")] = member
    tree = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    out: list[tuple[str, str]] = []
    for element in tree.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _REL_NS in k and k.endswith("}id")), "")
        if rid in rels:
            out.append((element.get("name", ""), rels[rid]))
    return out


def _sheet_rows(
    archive: zipfile.ZipFile, member: str, max_rows: int
) -> list[tuple[int, list[tuple[int, str, str]]]]:
    rows: list[tuple[int, list[tuple[int, str, str]]]] = []
    if member not in archive.namelist():
        return rows
    with archive.open(member) as stream:
        cells: list[tuple[int, str, str]] = []
        row_number = 0
        next_col = 0
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    cells = []
                    next_col = 0
                    row_number = int(element.get("r", row_number + 1))
                continue
            if tag == "c":
                ref = element.get("r")
                col = _column_index(ref) if ref else next_col
                next_col = col + 1
                kind = element.get("t", "n")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
                else:
                    v = next((c for c in element if _local(c.tag) == "v"), None)
                    value = (v.text or "") if v is not None else ""
                if value != "":
                    cells.append((col, kind, value))
                element.clear()
            elif tag == "row":
                if cells:
                    rows.append((row_number, cells))
                element.clear()
                if len(rows) >= max_rows:
                    break
            elif tag == "sheetData":
                break
    return rows


def _shared_strings(archive: zipfile.ZipFile, last: int) -> list[str]:
    strings: list[str] = []
    if last < 0 or "xl/sharedStrings.xml" not in archive.namelist():
        return strings
    with archive.open("xl/sharedStrings.xml") as stream:
        for _, element in ElementTree.iterparse(stream, events=("end",)):
            if _local(element.tag) != "si":
                continue
            parts = []
            for child in element.iter():
                if _local(child.tag) == "t":
                    parts.append(child.text or "")
                elif _local(child.tag) == "rPh":
                    break
            strings.append("".join(parts))
            element.clear()
            if len(strings) > last:
                break
    return strings


def _open_xlsx(path: Path) -> Table:
    try:
        heads = peek_workbook(path)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError) as error:
        raise DataError(
            f"is a damaged .xlsx workbook ({one_line(str(error))})",
            file=path,
            hint="open and save it again in Excel, or export it as CSV",
        ) from error
    notes: list[str] = []
    plan: list[tuple[str, int, list[str]]] = []  # sheet, header row (1-based), header cells
    cells_of: dict[str, list[object]] = {}  # sheet -> header cells from its first used column
    numbers_only: list[tuple[str, int, list[object]]] = []
    for head in heads:
        index = find_header_row([cells for _, cells in head.rows])
        if index is None:
            notes.append(f"sheet {head.name!r} is empty; skipped")
            continue
        number, cells = head.rows[index]
        if _numbers_only(cells):
            numbers_only.append((head.name, number, cells))
            notes.append(f"sheet {head.name!r} has no header row (only numbers); skipped")
            continue
        first_used = min(
            (i for _, row in head.rows for i, cell in enumerate(row) if cell is not None),
            default=0,
        )
        cells_of[head.name] = list(cells[first_used:])
        header = [_cell_text(c) for c in cells]
        plan.append((head.name, number, header))
    if not plan and numbers_only:
        name, number, cells = numbers_only[0]
        raise _header_error(path, cells, row=number, sheet=name)
    if not plan:
        raise DataError("has no sheet with a table", file=path, hint="give a workbook with rows")
    first_header = plan[0][2]
    stacked = [p for p in plan if _same_header(p[2], first_header)]
    for name, _, _ in plan:
        if all(name != s[0] for s in stacked):
            notes.append(f"sheet {name!r} has other columns than sheet {plan[0][0]!r}; skipped")
    frames = _load_sheets(path, [(name, row) for name, row, _ in stacked])
    sheets: list[Sheet] = []
    parts: list[pl.DataFrame] = []
    numbers: list[pl.Series] = []
    column_notes: list[str] = []
    for (name, header_row, _), frame in zip(stacked, frames, strict=True):
        frame = frame.rename({c: c.strip() for c in frame.columns if c != c.strip()})
        names, named = column_names(frame.columns, [_cell_text(c) for c in cells_of[name]])
        frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
        column_notes.extend(named)
        row_numbers = pl.Series("row", range(header_row + 1, header_row + 1 + frame.height))
        keep = ~pl.all_horizontal(pl.all().is_null()) if frame.width else pl.lit(True)
        mask = frame.select(keep).to_series()
        frame, row_numbers = frame.filter(mask), row_numbers.filter(mask)
        sheets.append(Sheet(name=name, header_row=header_row, rows=frame.height))
        parts.append(frame)
        numbers.append(row_numbers)
    if len(stacked) > 1:
        notes.append(f"{len(stacked)} sheets stacked: {', '.join(s.name for s in sheets)}")
    if {s.header_row for s in sheets} != {1}:
        rows = sorted({s.header_row - 1 for s in sheets})
        notes.append(f"{'/'.join(str(r) for r in rows)} title row(s) above the header skipped")
    try:
        frame = pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]
    except pl.exceptions.PolarsError as error:
        raise DataError(
            f"its sheets cannot be stacked ({one_line(str(error))})", file=path
        ) from error
    notes.extend(dict.fromkeys(column_notes))
    return Table(
        path=path,
        format="xlsx",
        lazy=frame.lazy(),
        columns=tuple(frame.columns),
        header_row=sheets[0].header_row,
        sheets=tuple(sheets),
        notes=tuple(notes),
        known_rows=frame.height,
        sheet_rows=pl.concat(numbers),
    )


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c for c in a if c] == [c for c in b if c]


def _load_sheets(path: Path, sheets: Sequence[tuple[str, int]]) -> list[pl.DataFrame]:
    def load(item: tuple[str, int]) -> pl.DataFrame:
        name, header_row = item
        try:
            frame = pl.read_excel(
                path,
                sheet_name=name,
                engine="calamine",
                read_options={"header_row": header_row - 1},
                infer_schema_length=10_000,
                drop_empty_rows=False,
                drop_empty_cols=False,
                raise_if_empty=False,
            )
        except Exception as error:  # fastexcel raises its own exception types
            _excel_error(path, name, error)
        return frame

    workers = max(1, min(len(sheets), os.cpu_count() or 1))
    if workers == 1:
        return [load(item) for item in sheets]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(load, sheets))


def _excel_error(path: Path, sheet: str, error: Exception) -> NoReturn:
    text = one_line(str(error).split("\n")[0])
    raise DataError(
        f"sheet {sheet!r} cannot be read ({text})",
        file=path,
        hint="open and save it again in Excel, or export it as CSV",
    ) from error
