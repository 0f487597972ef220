"""Open one file as a table: sniff its format, find its header, scan it lazily where possible.

CSV/TSV, Parquet, NDJSON and Arrow IPC are scanned lazily (polars `scan_*`), so a query reads
only the columns it uses. JSON arrays and Excel workbooks are read whole (see `xlsx`).
Compressed files (gzip, zstd, bzip2, xz, a ZIP of one table) are read through a plain copy in
a temporary cache (see `compressed`).

The reader is chosen by the file's first bytes; the extension only breaks ties (comma or tab
text). Every failure is a DataError naming the file, and the row or column where known. Input
files are opened read-only and never written.

Header hints are the caller's: header names (as `header_key`s) that mark a header row below
title rows. This layer knows no layout; the record layer passes the ICE headers in.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace
from pathlib import Path

from tui.core.errors import DataError
from tui.core.tables.columnar import open_ipc, open_json, open_ndjson, open_parquet
from tui.core.tables.compressed import decompress
from tui.core.tables.sniff import (
    container_kind,
    decode_head,
    read_head,
    sniff_format,
    sniff_separator,
)
from tui.core.tables.table import Table
from tui.core.tables.text import open_text


def read_table(path: Path, hints: Set[str] = frozenset(), *, sheet: str | None = None) -> Table:
    """Open `path` for reading. Raises DataError for anything that is not a readable table.

    `sheet` picks a workbook's sheet by name (else the data sheets are chosen by their
    headers, see `xlsx.open_xlsx`); other formats have no sheets and ignore it.
    """
    head = read_head(path)
    kind = container_kind(path, head)
    if kind is None:
        return _read_plain(path, head, hints, sheet, None)
    copy = decompress(path, kind)
    try:
        plain_head = read_head(copy.path)
    except DataError as error:
        raise DataError(error.problem, file=path, hint=error.hint) from error
    table = _read_plain(path, plain_head, hints, sheet, copy.path)
    return replace(table, plain=copy, compression=kind)


def _read_plain(
    path: Path, head: bytes, hints: Set[str], sheet: str | None, source: Path | None
) -> Table:
    fmt, notes = sniff_format(path, head, source)
    if fmt in ("csv", "tsv"):
        suffix = (source or path).suffix.lower()
        separator = sniff_separator(decode_head(path, head), suffix)
        table = open_text(path, head, separator=separator, fmt=fmt, hints=hints, read_from=source)
    elif fmt == "parquet":
        table = open_parquet(path, source)
    elif fmt == "ipc":
        table = open_ipc(path, source)
    elif fmt == "ndjson":
        table = open_ndjson(path, source)
    elif fmt == "json":
        table = open_json(path, source)
    else:
        from tui.core.tables.xlsx import open_xlsx  # workbooks only: not every file's cost

        table = open_xlsx(path, hints=hints, sheet=sheet, read_from=source)
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
