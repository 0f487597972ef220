"""What a file is, from its first bytes: the format, and for text the separator."""

from __future__ import annotations

import csv
import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from tui.core.errors import DataError
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
