"""Open one file as a table: sniff its format, find its header, scan it lazily where possible.

CSV/TSV, Parquet, NDJSON and Arrow IPC are scanned lazily (polars `scan_*`), so a query reads
only the columns it uses. JSON arrays and Excel workbooks are read whole (see `xlsx`).

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
from tui.core.tables.sniff import decode_head, read_head, sniff_format, sniff_separator
from tui.core.tables.table import Table
from tui.core.tables.text import open_text
from tui.core.tables.xlsx import open_xlsx


def read_table(path: Path, hints: Set[str] = frozenset()) -> Table:
    """Open `path` for reading. Raises DataError for anything that is not a readable table."""
    head = read_head(path)
    fmt, notes = sniff_format(path, head)
    if fmt in ("csv", "tsv"):
        separator = sniff_separator(decode_head(path, head), path.suffix.lower())
        table = open_text(path, head, separator=separator, fmt=fmt, hints=hints)
    elif fmt == "parquet":
        table = open_parquet(path)
    elif fmt == "ipc":
        table = open_ipc(path)
    elif fmt == "ndjson":
        table = open_ndjson(path)
    elif fmt == "json":
        table = open_json(path)
    else:
        table = open_xlsx(path, hints=hints)
        table = open_xlsx(path)
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
