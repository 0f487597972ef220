"""What a file is, from its first bytes: the format, and for text the separator."""

from __future__ import annotations

import csv
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from tui.core.errors import DataError
from tui.core.tables.compressed import Compression, compression_of
from tui.core.tables.formats import (
    FORMAT_NAMES,
    HEADER_SEARCH_ROWS,
    SNIFF_BYTES,
    SUPPORTED,
    Format,
)
from tui.core.tables.problems import not_utf8


def read_head(path: Path) -> bytes:
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


def container_kind(path: Path, head: bytes) -> Compression | None:
    """How a file is compressed, if it is: gzip, zstd, bzip2, xz, or a ZIP archive that is
    not a workbook (a workbook is a ZIP too, read as one)."""
    if head.startswith(b"PK\x03\x04"):
        return None if _zip_kind(path) == "xlsx" else "zip"
    return compression_of(head)


def sniff_format(
    path: Path, head: bytes, source: Path | None = None
) -> tuple[Format, tuple[str, ...]]:
    """The format by content, the extension breaking ties; notes when the two disagree.

    `source` is the file read when it is not `path` (the plain copy of a compressed file,
    named as the file inside it): its extension is the one that counts.
    """
    source = source or path
    suffix = source.suffix.lower()
    fmt: Format
    if head.startswith(b"PAR1"):
        _check_parquet_footer(source, path)
        fmt = "parquet"
    elif head.startswith(b"ARROW1"):
        fmt = "ipc"
    elif head.startswith(b"PK\x03\x04"):
        if _zip_kind(source, path) != "xlsx":
            raise DataError(
                "is a ZIP archive inside a compressed file, not a table",
                file=path,
                hint="unpack it and open the file inside",
            )
        fmt = "xlsx"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DataError(
            "is an old-style .xls workbook (or an encrypted one)",
            file=path,
            hint="save it as .xlsx or CSV and open that",
        )
    elif compression_of(head) is not None:
        # Compressed twice (a .gz inside a .zip, ...): one layer is unpacked, not two.
        raise DataError(
            "is compressed twice (a compressed file inside another)",
            file=path,
            hint="decompress the outer layer and open the file inside",
        )
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError("is UTF-16 text", file=path, hint="save it as UTF-8 (CSV UTF-8 in Excel)")
    else:
        _refuse_known_kinds(path, head)
        fmt = _sniff_text(path, head, suffix)
    name = source.name
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
        notes = (f"{name} is named {suffix} but holds {FORMAT_NAMES[fmt]}; read as such",)
    elif expected is None:
        what = f"an unknown extension ({suffix})" if suffix else "no extension"
        notes = (f"{name} has {what}; read as {FORMAT_NAMES[fmt]} by its content",)
    return fmt, notes


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


def _check_parquet_footer(source: Path, path: Path) -> None:
    try:
        with source.open("rb") as stream:
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


def _zip_kind(source: Path, path: Path | None = None) -> Literal["xlsx", "zip"]:
    """A workbook, or another ZIP archive (read as a compressed table); ODS is refused."""
    path = path or source
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise DataError(
            "is a damaged ZIP or .xlsx file", file=path, hint="copy or download it again"
        ) from error
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(name.endswith(".xml") for name in names) and "content.xml" in names:
        raise DataError("is an OpenDocument spreadsheet", file=path, hint="save it as .xlsx or CSV")
    return "zip"


def _sniff_text(path: Path, head: bytes, suffix: str) -> Format:
    if b"\x00" in head:
        raise DataError(
            "is not a table this tool can read (binary content)",
            file=path,
            hint=f"give a {SUPPORTED} file",
        )
    text = decode_head(path, head)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "ndjson"
    if stripped.startswith("["):
        return "json"
    separator = sniff_separator(text, suffix)
    return "tsv" if separator == "\t" else "csv"


def decode_head(path: Path, head: bytes) -> str:
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) == SNIFF_BYTES and error.start >= len(head) - 4:
            return head[: error.start].decode("utf-8")  # a character cut by the sample's end
        line = head[: error.start].count(b"\n") + 1
        raise not_utf8(path, head[error.start], line) from error


_SEPARATORS = (",", "\t", ";", "|")


def sniff_separator(text: str, suffix: str) -> str:
    """The separator, from the header line and the rows below it together.

    A separator counts when it splits a header into two named columns and the lines below it
    into as many cells (title lines above allowed). A .tsv file takes tabs when it has any. A
    .csv file takes commas when they split such a table, else another separator that does (a
    pipe-delimited `.csv` whose cells hold commas), else commas if it has any: so a one-column
    file whose cells hold tabs or semicolons stays one column. Other files take the separator
    that splits the widest table, commas breaking ties.
    """
    lines = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    if not lines:
        return ","
    counts = {sep: [line.count(sep) for line in lines] for sep in _SEPARATORS}
    if suffix in (".tsv", ".tab") and any(counts["\t"]):
        return "\t"
    found = [
        sep
        for sep in _SEPARATORS
        if any(_names_two(line, sep) for line in lines[:HEADER_SEARCH_ROWS])
        and _splits_a_table(lines, sep)
    ]
    if suffix == ".csv" and ("," in found or (not found and any(counts[","]))):
        return ","
    if not found:
        return ","
    return max(found, key=lambda sep: (_table_width(lines, sep), sep == ","))


def _table_width(lines: Sequence[str], separator: str) -> int:
    try:
        return max(len(row) for row in csv.reader(lines, delimiter=separator))
    except (csv.Error, ValueError):
        return 0


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
