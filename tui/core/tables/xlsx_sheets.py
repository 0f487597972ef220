"""Which sheets of a workbook are tables, and which are read: each sheet's header row found
below any title rows, why a sheet is not a table (a cover page, notes, small side-by-side
tables), the sheet read by default and the sheets of the same header stacked with it."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence, Set
from pathlib import Path
from xml.etree import ElementTree

from tui.core.errors import DataError, one_line
from tui.core.tables.header import (
    cell_text,
    find_header_row,
    header_error,
    header_key,
    numbers_only,
)
from tui.core.tables.table import SheetInfo
from tui.core.tables.xlsx_peek import SheetHead, peek_workbook


def _why_not_a_table(head: SheetHead, index: int | None) -> str:
    """ "" when the sheet looks like one table below its header, else why it does not."""
    if index is None:
        return "empty"
    cells = [cell for cell in head.rows[index][1] if cell_text(cell) != ""]
    if numbers_only(cells):
        return "no header: numbers only"
    if len(cells) < 2:
        return "a cover page or notes"
    if sum(isinstance(cell, str) for cell in cells) < 0.9 * len(cells):
        return "no header of names"
    below = [row for _, row in head.rows[index + 1 : index + 11]]
    if not below:
        return "no rows below the header"
    full = sum(1 for row in below if sum(c is not None for c in row) >= max(2, len(cells) / 2))
    if full < 0.8 * len(below):
        return "small tables side by side"
    return ""


def sheet_info(head: SheetHead, hints: Set[str]) -> tuple[SheetInfo, int | None]:
    """What the sheet is, and where its header row is among `head.rows` (None: no header)."""
    index = find_header_row([cells for _, cells in head.rows], hints)
    why = _why_not_a_table(head, index)
    if index is None:
        return SheetInfo(head.name, None, (), 0, False, why), None
    number, cells = head.rows[index]
    header = tuple(cell_text(c) for c in cells if cell_text(c) != "")
    last = max(head.last_row, head.rows[-1][0])
    return SheetInfo(head.name, number, header, max(0, last - number), not why, why), index


def peek(path: Path, source: Path) -> list[SheetHead]:
    """Every sheet's first rows; a damaged workbook is one line naming `path`."""
    try:
        return peek_workbook(source)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError) as error:
        raise DataError(
            f"is a damaged .xlsx workbook ({one_line(str(error))})",
            file=path,
            hint="open and save it again in Excel, or export it as CSV",
        ) from error


def list_sheets(
    path: Path, hints: Set[str] = frozenset(), read_from: Path | None = None
) -> list[SheetInfo]:
    """Every sheet of a workbook, in workbook order: header row, names, rows, table or not.

    Cheap (the first rows of each sheet only). Opening a table keeps the same list in
    `Table.workbook_sheets`.
    """
    return [sheet_info(head, hints)[0] for head in peek(path, read_from or path)]


def _hint_hits(info: SheetInfo, hints: Set[str]) -> int:
    return sum(1 for name in info.header if header_key(name) in hints)


def _chosen(infos: Sequence[SheetInfo], hints: Set[str]) -> SheetInfo | None:
    """The sheet read by default: one naming the caller's headers, else the widest table."""
    tables = [info for info in infos if info.table_like]
    if not tables:
        # No sheet looks like a table: the first with a header of names (it may have no rows).
        named = [
            i for i in infos if i.header_row is not None and not i.why_not.startswith("no header")
        ]
        return named[0] if named else None
    hinted = [info for info in tables if _hint_hits(info, hints) >= 3]
    if hinted:
        return hinted[0]
    return max(tables, key=lambda info: (len(info.header), -infos.index(info)))


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c for c in a if c] == [c for c in b if c]


def sheets_to_read(
    path: Path,
    heads: Sequence[SheetHead],
    found: Sequence[tuple[SheetInfo, int | None]],
    hints: Set[str],
    sheet: str | None,
) -> tuple[list[SheetInfo], list[str]]:
    """The sheets to stack, in workbook order, and a note naming the sheets not read.

    `sheet` names the one sheet to read; else the default sheet is read with every table-like
    sheet of the same header. `found` is `sheet_info` of each of `heads`.
    """
    infos = [info for info, _ in found]
    if sheet is not None:
        return [_named(path, heads, found, sheet)], []
    chosen = _chosen(infos, hints)
    if chosen is None:
        for head, (_, index) in zip(heads, found, strict=True):
            if index is not None:
                cells = head.rows[index][1]
                raise header_error(path, cells, row=head.rows[index][0], sheet=head.name)
        raise DataError("has no sheet with a table", file=path, hint="give a workbook with rows")
    stacked = [
        info
        for info in infos
        if info is chosen
        or (info.table_like and _same_header(list(info.header), list(chosen.header)))
    ]
    notes: list[str] = []
    if len(infos) > 1:
        skipped = [info for info in infos if info not in stacked]
        told = "; ".join(
            f"{info.name!r} ({info.why_not or 'a smaller table'})" for info in skipped[:6]
        ) + ("; ..." if len(skipped) > 6 else "")
        why = "names the expected columns" if _hint_hits(chosen, hints) >= 3 else "the widest table"
        if skipped:
            notes.append(
                f"{len(infos)} sheets: read {chosen.name!r} ({why}); not read: {told} "
                "(another can be chosen by name)"
            )
    return stacked, notes


def _named(
    path: Path,
    heads: Sequence[SheetHead],
    found: Sequence[tuple[SheetInfo, int | None]],
    sheet: str,
) -> SheetInfo:
    """The sheet the user named (its name as written, else with spaces trimmed), if it has a
    header of names."""
    infos = [info for info, _ in found]
    chosen = next((info for info in infos if info.name == sheet), None)
    if chosen is None:
        chosen = next((i for i in infos if i.name.strip() == sheet.strip()), None)
    if chosen is None:
        listed = ", ".join(repr(info.name) for info in infos)
        raise DataError(f"has no sheet {sheet!r}", file=path, hint=f"its sheets are {listed}")
    if chosen.header_row is None:
        raise DataError(f"sheet {chosen.name!r} is empty", file=path, hint="pick another")
    by_name = {head.name: (head, index) for head, (_, index) in zip(heads, found, strict=True)}
    head, index = by_name[chosen.name]
    assert index is not None
    if numbers_only(head.rows[index][1]):
        raise header_error(path, head.rows[index][1], row=head.rows[index][0], sheet=head.name)
    return chosen
