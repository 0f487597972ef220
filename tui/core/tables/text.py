"""Delimited text (CSV, TSV, pipes, semicolons), scanned lazily below any title lines."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Set
from dataclasses import replace
from pathlib import Path

import polars as pl

from tui.core.errors import DataError
from tui.core.tables.compressed import PlainCopy, cache_file
from tui.core.tables.formats import HEADER_SEARCH_ROWS, SNIFF_BYTES, Format
from tui.core.tables.header import (
    clean_header,
    column_names,
    find_header_row,
    header_error,
    numbers_only,
    title_note,
)
from tui.core.tables.problems import locate_text_problem
from tui.core.tables.sniff import decode_head
from tui.core.tables.table import Table


def open_text(
    path: Path,
    head: bytes,
    *,
    separator: str,
    fmt: Format,
    hints: Set[str] = frozenset(),
    read_from: Path | None = None,
) -> Table:
    """`path` names the file in messages; the rows are read from `read_from` when given."""
    text = _head_text(path, head)
    skip_lines, header, below = _text_header(text, separator, hints)
    notes: list[str] = []
    plain: PlainCopy | None = None
    if _spaced_quotes(text, separator, skip_lines):
        # `"a", "b"`: polars keeps the quotes of a cell that starts with a space; the csv
        # module (skipinitialspace) does not. The file is rewritten once, to a plain copy.
        plain = _unspaced_copy(read_from or path, separator)
        read_from = plain.path
        with plain.path.open("rb") as stream:
            text = _head_text(path, stream.read(SNIFF_BYTES))
        skip_lines, header, below = _text_header(text, separator, hints)
        notes.append(
            'cells are written "a", "b" (a space after each separator); read without the spaces'
        )
    if numbers_only(header):
        raise header_error(path, header, row=skip_lines + 1)
    names, name_notes = clean_header(header, [row[0] if row else "" for row in below])

    def final_names(found: list[str]) -> list[str]:
        # The csv module's header when the two agree on the columns: polars keeps a quote
        # doubled inside a quoted name (a name X" is read back as X"").
        return names if len(names) == len(found) else column_names(found, found)[0]

    lazy = pl.scan_csv(
        read_from or path,
        separator=separator,
        skip_lines=skip_lines,
        infer_schema=False,
        raise_if_empty=True,
        encoding="utf8",
        with_column_names=final_names,
    )
    table = Table(
        path=path,
        format=fmt,
        lazy=lazy,
        columns=(),
        header_row=skip_lines + 1,
        separator=separator,
        skip_lines=skip_lines,
        read_path=read_from,
        plain=plain,
    )
    first = table.collect(lazy.head(100))
    if first.height == 0 and any(any(cell.strip() for cell in row) for row in below):
        # Lines below the header but no row: a quote opened in the first row swallowed them.
        problem = locate_text_problem(table)
        if problem is not None:
            raise problem
    if len(names) != first.width:
        name_notes = column_names(first.columns, first.columns)[1]
    if skip_lines:
        notes.insert(0, title_note(skip_lines, skip_lines + 1))
    return replace(
        table,
        columns=tuple(first.columns),
        notes=(*notes, *name_notes),
        known_rows=first.height if first.height < 100 else None,
    )


def _head_text(path: Path, head: bytes) -> str:
    text = decode_head(path, head).lstrip("\ufeff")
    if len(head) == SNIFF_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    return text


def _text_header(
    text: str, separator: str, hints: Set[str], *, spaced: bool = False
) -> tuple[int, list[str], list[list[str]]]:
    """Physical lines above the header, the header cells, and the rows read below it."""
    reader = csv.reader(io.StringIO(text), delimiter=separator, skipinitialspace=spaced)
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
        return 0, [], []
    return starts[index], rows[index], rows[index + 1 :]


def _spaced_quotes(text: str, separator: str, skip_lines: int) -> bool:
    """The header is written `"a", "b"`: every name after the first is a space, then a quote."""
    lines = text.splitlines()[skip_lines : skip_lines + 1]
    if not lines or separator == " ":
        return False
    # Parsed as written, each name after the first keeps its space and quotes (` "b"`); a
    # single quoted name holding `, "` is one field and not this form.
    fields = next(csv.reader([lines[0]], delimiter=separator), [])
    return (
        len(fields) > 1
        and lines[0].lstrip().startswith('"')
        and all(re.match(r'\s+"', field) for field in fields[1:])
    )


def _unspaced_copy(source: Path, separator: str) -> PlainCopy:
    copy = cache_file(source.name, "respaced")
    try:
        with (
            source.open(encoding="utf-8-sig", newline="") as stream,
            copy.path.open("w", encoding="utf-8", newline="") as out,
        ):
            reader = csv.reader(stream, delimiter=separator, skipinitialspace=True)
            csv.writer(out, delimiter=separator, lineterminator="\n").writerows(reader)
    except (csv.Error, UnicodeDecodeError, OSError) as error:
        copy.remove()
        raise DataError(
            f"cannot be read ({error})", file=source, hint="check the quotes in the file"
        ) from error
    return copy
