"""Finding the header row below title rows, and naming columns the header leaves unnamed."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from pathlib import Path

from tui.core.errors import DataError


def header_key(name: str) -> str:
    """A header as lower-case words joined by `_`: `Apprehension AOR` -> apprehension_aor."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def find_header_row(rows: Sequence[Sequence[object]], hints: Set[str] = frozenset()) -> int | None:
    """The index of the header among the first rows of a sheet or text file.

    A row naming at least three of the `hints` (header keys the caller knows) wins. Otherwise,
    when the first row holds a single cell (a title), the header is the first row at least as
    wide as most rows below the titles; else it is the first row. None when every row is empty.
    """
    for index, row in enumerate(rows):
        hits = sum(1 for cell in row if isinstance(cell, str) and header_key(cell) in hints)
        if hits >= 3:
            return index
    widths = [sum(1 for cell in row if cell not in (None, "")) for row in rows]
    if not widths or max(widths) == 0:
        return None
    first = next(i for i, width in enumerate(widths) if width > 0)
    if widths[first] > 1:
        return first
    wide = [width for width in widths if width > 1]
    if not wide:
        return first
    common = max(set(wide), key=lambda width: (wide.count(width), -width))
    return next(i for i, width in enumerate(widths) if width >= common)


_NUMBER_CELL = re.compile(r"[+-]?[0-9][0-9,. ]*")


def cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def numbers_only(cells: Sequence[object]) -> bool:
    """A header row of nothing but numbers is a data row: the file has no header."""
    filled = [cell for cell in cells if cell_text(cell) != ""]
    return bool(filled) and all(
        isinstance(cell, int | float) or _NUMBER_CELL.fullmatch(cell_text(cell)) for cell in filled
    )


def header_error(
    path: Path, cells: Sequence[object], *, row: int, sheet: str | None = None
) -> DataError:
    filled = [cell_text(cell) for cell in cells if cell_text(cell) != ""]
    shown = ", ".join(filled[:4]) + (", ..." if len(filled) > 4 else "")
    problem = f"the header row holds only numbers ({shown}), not column names"
    if sheet is not None:
        problem = f"sheet {sheet!r}: {problem}"
    return DataError(
        problem, file=path, row=row, hint="add a first row naming the columns, then open it again"
    )


def column_names(found: Sequence[str], header: Sequence[str]) -> tuple[list[str], tuple[str, ...]]:
    """Names for columns whose header cell is empty or repeated, the same in every format.

    `found` are the names the reader gave, `header` the header cells as the format names them
    (by position). A column without a name (or only spaces) is called `column_N` (N its
    position from 1); a repeated name gets `_2`, `_3`, ... on its repeats. The notes say which
    columns were named so.
    """
    cells = [header[i] if i < len(header) and header[i].strip() else "" for i in range(len(found))]
    counts: dict[str, int] = {}
    for cell in cells:
        if cell:
            counts[cell] = counts.get(cell, 0) + 1
    if all(cells) and all(n == 1 for n in counts.values()):
        return list(found), ()
    taken = set(counts)
    names = list(found)
    seen: dict[str, int] = {}
    unnamed: list[str] = []
    repeats: dict[str, list[str]] = {}
    for index, cell in enumerate(cells):
        if cell and counts[cell] == 1:
            continue
        if cell:
            seen[cell] = seen.get(cell, 0) + 1
            if seen[cell] == 1:
                repeats[cell] = [found[index]]
                continue
            base, number = cell, seen[cell]
        else:
            base, number = f"column_{index + 1}", 1
        name = base if number == 1 else f"{base}_{number}"
        while name in taken:
            number += 1
            name = f"{base}_{number}"
        taken.add(name)
        names[index] = name
        if cell:
            repeats[cell].append(name)
        else:
            unnamed.append(name)
    notes: list[str] = []
    if unnamed:
        listed = ", ".join(repr(name) for name in unnamed[:5]) + (
            ", ..." if len(unnamed) > 5 else ""
        )
        what = "1 column has" if len(unnamed) == 1 else f"{len(unnamed)} columns have"
        notes.append(f"{what} no name in the header; read as {listed}")
    for cell, given in repeats.items():
        notes.append(
            f"column name {cell!r} appears {len(given)} times; read as "
            + ", ".join(repr(name) for name in given)
        )
    return names, tuple(notes)


def _listed(names: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(repr(name) for name in names[:limit])
    return shown + (", ..." if len(names) > limit else "")


def is_row_numbers(values: Sequence[object]) -> bool:
    """Values 1, 2, 3, ... (R's write.csv writes them as an unnamed first column)."""
    texts = [cell_text(value) for value in values]
    return bool(texts) and texts == [str(n) for n in range(1, len(texts) + 1)]


def clean_header(
    cells: Sequence[str], first_column: Sequence[object] = ()
) -> tuple[list[str], tuple[str, ...]]:
    """Names for a header's cells, the same in every format, and notes on what was changed.

    Spaces around a name are trimmed (`Booking ID ` is matched as `Booking ID`); an unnamed
    first column holding 1, 2, 3, ... (`first_column`: its first values) is called `row`;
    then `column_names` names the other unnamed and repeated columns.
    """
    trimmed = [cell.strip() for cell in cells]
    notes: list[str] = []
    spaced = [name for cell, name in zip(cells, trimmed, strict=True) if cell != name and name]
    if spaced:
        what = (
            "1 column name is written with spaces around it"
            if len(spaced) == 1
            else f"{len(spaced)} column names are written with spaces around them"
        )
        notes.append(f"{what}; read trimmed as {_listed(spaced)}")
    if trimmed and not trimmed[0] and "row" not in trimmed and is_row_numbers(first_column):
        trimmed[0] = "row"
        notes.append(
            "the first column has no name and holds row numbers 1, 2, 3 ...; read as 'row'"
        )
    names, named = column_names(trimmed, trimmed)
    return names, (*notes, *named)


def title_note(rows: int, header_row: int, where: str = "line") -> str:
    """`6 title rows above the header (line 7) skipped` (`where`: line in text, row in sheets)."""
    plural = "" if rows == 1 else "s"
    return f"{rows} title row{plural} above the header ({where} {header_row}) skipped"
