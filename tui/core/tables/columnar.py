"""Parquet, Arrow IPC and NDJSON (scanned lazily) and JSON arrays (read whole)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import polars as pl

from tui.core.errors import DataError, one_line
from tui.core.tables.table import Table


def open_parquet(path: Path, read_from: Path | None = None) -> Table:
    lazy = pl.scan_parquet(read_from or path)
    table = Table(path=path, format="parquet", lazy=lazy, columns=(), read_path=read_from)
    schema = _schema(table)
    rows = int(table.collect(lazy.select(pl.len())).item())
    return replace(table, columns=tuple(schema), known_rows=rows)


def open_ipc(path: Path, read_from: Path | None = None) -> Table:
    lazy = pl.scan_ipc(read_from or path)
    table = Table(path=path, format="ipc", lazy=lazy, columns=(), read_path=read_from)
    schema = _schema(table)
    return replace(table, columns=tuple(schema))


def open_ndjson(path: Path, read_from: Path | None = None) -> Table:
    lazy = pl.scan_ndjson(read_from or path, infer_schema_length=None)
    table = Table(path=path, format="ndjson", lazy=lazy, columns=(), read_path=read_from)
    first = table.collect(lazy.head(100))
    return replace(
        table,
        columns=tuple(first.columns),
        known_rows=first.height if first.height < 100 else None,
    )


def open_json(path: Path, read_from: Path | None = None) -> Table:
    try:
        frame = pl.read_json(read_from or path, infer_schema_length=None)
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
