"""Excel workbooks: the header row found below title rows, sheets with that header stacked.

Read whole with polars' Excel reader (`xlsx_read`). The header row comes from a quick look at
each sheet's first rows in the workbook's XML (`xlsx_peek`), never from a hard-coded count;
which sheets are tables and which are read is `xlsx_sheets`.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

import polars as pl

from tui.core.errors import DataError, one_line
from tui.core.tables.header import cell_text, clean_header, title_note
from tui.core.tables.table import Sheet, Table
from tui.core.tables.xlsx_padded import pad_columns, padded_columns
from tui.core.tables.xlsx_peek import formula_notes
from tui.core.tables.xlsx_read import load_sheets, whole_floats_as_integers
from tui.core.tables.xlsx_sheets import peek, sheet_info, sheets_to_read


def open_xlsx(
    path: Path,
    hints: Set[str] = frozenset(),
    sheet: str | None = None,
    read_from: Path | None = None,
) -> Table:
    """A workbook as one table: the chosen sheet, with any sheets of the same header stacked.

    By default the sheet is one whose header names the caller's `hints`, else the widest
    sheet that looks like a table (a cover page, notes or a sheet of small side-by-side tables
    is not one); `sheet` names another. `Table.workbook_sheets` lists every sheet.
    """
    source = read_from or path
    heads = peek(path, source)
    found = [sheet_info(head, hints) for head in heads]
    infos = [info for info, _ in found]
    by_name = {head.name: (head, index) for head, (_, index) in zip(heads, found, strict=True)}
    stacked, notes = sheets_to_read(path, heads, found, hints, sheet)
    plan: list[tuple[str, int, list[object], int]] = []
    for info in stacked:
        head, index = by_name[info.name]
        assert index is not None
        assert info.header_row is not None
        first_used = min(
            (i for _, row in head.rows for i, cell in enumerate(row) if cell is not None),
            default=0,
        )
        cells = list(head.rows[index][1][first_used:])
        plan.append((info.name, info.header_row, cells, first_used))
    frames, untyped = load_sheets(source, [(name, row) for name, row, _, _ in plan], path)
    sheets: list[Sheet] = []
    parts: list[pl.DataFrame] = []
    numbers: list[pl.Series] = []
    column_notes: list[str] = []
    padded = []
    for (name, header_row, cells, first_used), frame in zip(plan, frames, strict=True):
        row_numbers = pl.Series("row", range(header_row + 1, header_row + 1 + frame.height))
        keep = ~pl.all_horizontal(pl.all().is_null()) if frame.width else pl.lit(True)
        mask = frame.select(keep).to_series()
        frame, row_numbers = frame.filter(mask), row_numbers.filter(mask)
        frame = whole_floats_as_integers(frame)
        # The header cells as written (spaces kept, for the note), padded to the frame.
        written = [cell if isinstance(cell, str) else cell_text(cell) for cell in cells]
        header = (written + [""] * frame.width)[: frame.width]
        first = frame.get_column(frame.columns[0]).head(100).to_list() if frame.width else []
        names, named = clean_header(header, first)
        frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
        column_notes.extend(named)
        sheets.append(Sheet(name=name, header_row=header_row, rows=frame.height))
        parts.append(frame)
        numbers.append(row_numbers)
        notes.extend(formula_notes(source, name, header_row))
        padded.append((name, padded_columns(source, name, header_row), first_used))
    parts, padded_notes = pad_columns(parts, padded)
    notes.extend(padded_notes)
    if len(stacked) > 1:
        notes.append(f"{len(stacked)} sheets stacked: {', '.join(s.name for s in sheets)}")
    for header_row in sorted({s.header_row for s in sheets} - {1}):
        titled = [s.name for s in sheets if s.header_row == header_row]
        where = f"sheet {', '.join(repr(n) for n in titled)}: " if len(infos) > 1 else ""
        notes.append(where + title_note(header_row - 1, header_row, "row"))
    try:
        frame = pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]
    except pl.exceptions.PolarsError as error:
        raise DataError(
            f"its sheets cannot be stacked ({one_line(str(error))})", file=path
        ) from error
    notes.extend(dict.fromkeys(column_notes))
    if untyped:
        mixed = [repr(frame.columns[i]) for i in untyped if i < frame.width]
        notes.append(
            f"{len(mixed)} column(s) mix kinds of cells (numbers, text, errors or none): "
            f"{', '.join(mixed[:6])}{', ...' if len(mixed) > 6 else ''}; read as text"
        )
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
        read_path=read_from,
        workbook_sheets=tuple(infos),
    )
