"""Delimited text (CSV, TSV, pipes, semicolons), scanned lazily below any title lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence, Set
from dataclasses import replace
from pathlib import Path

import polars as pl

from tui.core.tables.formats import HEADER_SEARCH_ROWS, SNIFF_BYTES, Format
from tui.core.tables.header import column_names, find_header_row, header_error, numbers_only
from tui.core.tables.sniff import decode_head
from tui.core.tables.table import Table


def open_text(
    path: Path, head: bytes, *, separator: str, fmt: Format, hints: Set[str] = frozenset()
) -> Table:
    text = decode_head(path, head).lstrip("\ufeff")
    if len(head) == SNIFF_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    skip_lines, header = _text_header(text, separator, hints)
    if numbers_only(header):
        raise header_error(path, header, row=skip_lines + 1)

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


def _text_header(text: str, separator: str, hints: Set[str]) -> tuple[int, list[str]]:
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
    index = find_header_row(rows, hints) or 0
    if index >= len(starts):
        return 0, []
    return starts[index], rows[index]
