"""The formats a table can come in, and the limits of the first look at a file."""

from __future__ import annotations

from typing import Literal

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
