"""Excel workbooks: the header row found below title rows, sheets with that header stacked.

Read whole with polars' Excel reader (the calamine engine), one sheet per thread. The header
row comes from a quick look at each sheet's first rows in the workbook's XML, never from a
hard-coded count.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn
from xml.etree import ElementTree

import polars as pl

from tui.core.errors import DataError, one_line
from tui.core.tables.formats import HEADER_SEARCH_ROWS
from tui.core.tables.header import (
    cell_text,
    column_names,
    find_header_row,
    header_error,
    numbers_only,
)
from tui.core.tables.table import Sheet, Table

_REL_NS = "relationships"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _column_index(ref: str) -> int:
    letters = re.match(r"[A-Za-z]+", ref)
    if letters is None:
        return -1
    index = 0
    for char in letters.group(0).upper():
        index = index * 26 + ord(char) - 64
    return index - 1


@dataclass
class _SheetHead:
    name: str
    rows: list[tuple[int, list[object]]]


def peek_workbook(path: Path, max_rows: int = HEADER_SEARCH_ROWS) -> list[_SheetHead]:
    """The first rows of every worksheet, read straight from the workbook's XML.

    Stops after `max_rows` rows per sheet, so it costs milliseconds however big the sheet.
    Row numbers are the spreadsheet's (1-based).
    """
    with zipfile.ZipFile(path) as archive:
        sheets = _workbook_sheets(archive)
        heads: list[_SheetHead] = []
        shared_needed: set[int] = set()
        raw_heads: list[tuple[str, list[tuple[int, list[tuple[int, str, str]]]]]] = []
        for name, member in sheets:
            rows = _sheet_rows(archive, member, max_rows)
            for _, cells in rows:
                shared_needed.update(int(v) for _, t, v in cells if t == "s" and v.isdigit())
            raw_heads.append((name, rows))
        shared = _shared_strings(archive, max(shared_needed, default=-1))
        for name, rows in raw_heads:
            out: list[tuple[int, list[object]]] = []
            for number, cells in rows:
                width = max((col for col, _, _ in cells), default=-1) + 1
                values: list[object] = [None] * width
                for col, kind, value in cells:
                    if kind == "s":
                        index = int(value) if value.isdigit() else -1
                        values[col] = shared[index] if 0 <= index < len(shared) else None
                    elif kind in ("inlineStr", "str"):
                        values[col] = value
                    elif value != "":
                        values[col] = float(value) if _is_number(value) else value
                out.append((number, values))
            heads.append(_SheetHead(name, out))
    return heads


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _workbook_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, archive member) for every worksheet, in workbook order."""
    rels: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        tree = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        for rel in tree:
            if not rel.get("Type", "").endswith("/worksheet"):
                continue
            target = rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            rels[rel.get("Id", "")] = member
    tree = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    out: list[tuple[str, str]] = []
    for element in tree.iter():
        if _local(element.tag) != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if _REL_NS in k and k.endswith("}id")), "")
        if rid in rels:
            out.append((element.get("name", ""), rels[rid]))
    return out


def _sheet_rows(
    archive: zipfile.ZipFile, member: str, max_rows: int
) -> list[tuple[int, list[tuple[int, str, str]]]]:
    rows: list[tuple[int, list[tuple[int, str, str]]]] = []
    if member not in archive.namelist():
        return rows
    with archive.open(member) as stream:
        cells: list[tuple[int, str, str]] = []
        row_number = 0
        next_col = 0
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    cells = []
                    next_col = 0
                    row_number = int(element.get("r", row_number + 1))
                continue
            if tag == "c":
                ref = element.get("r")
                col = _column_index(ref) if ref else next_col
                next_col = col + 1
                kind = element.get("t", "n")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in element.iter() if _local(t.tag) == "t")
                else:
                    v = next((c for c in element if _local(c.tag) == "v"), None)
                    value = (v.text or "") if v is not None else ""
                if value != "":
                    cells.append((col, kind, value))
                element.clear()
            elif tag == "row":
                if cells:
                    rows.append((row_number, cells))
                element.clear()
                if len(rows) >= max_rows:
                    break
            elif tag == "sheetData":
                break
    return rows


def _shared_strings(archive: zipfile.ZipFile, last: int) -> list[str]:
    strings: list[str] = []
    if last < 0 or "xl/sharedStrings.xml" not in archive.namelist():
        return strings
    with archive.open("xl/sharedStrings.xml") as stream:
        for _, element in ElementTree.iterparse(stream, events=("end",)):
            if _local(element.tag) != "si":
                continue
            parts = []
            for child in element.iter():
                if _local(child.tag) == "t":
                    parts.append(child.text or "")
                elif _local(child.tag) == "rPh":
                    break
            strings.append("".join(parts))
            element.clear()
            if len(strings) > last:
                break
    return strings


def open_xlsx(path: Path, hints: Set[str] = frozenset()) -> Table:
    try:
        heads = peek_workbook(path)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError) as error:
        raise DataError(
            f"is a damaged .xlsx workbook ({one_line(str(error))})",
            file=path,
            hint="open and save it again in Excel, or export it as CSV",
        ) from error
    notes: list[str] = []
    plan: list[tuple[str, int, list[str]]] = []  # sheet, header row (1-based), header cells
    cells_of: dict[str, list[object]] = {}  # sheet -> header cells from its first used column
    headless: list[tuple[str, int, list[object]]] = []
    for head in heads:
        index = find_header_row([cells for _, cells in head.rows], hints)
        if index is None:
            notes.append(f"sheet {head.name!r} is empty; skipped")
            continue
        number, cells = head.rows[index]
        if numbers_only(cells):
            headless.append((head.name, number, cells))
            notes.append(f"sheet {head.name!r} has no header row (only numbers); skipped")
            continue
        first_used = min(
            (i for _, row in head.rows for i, cell in enumerate(row) if cell is not None),
            default=0,
        )
        cells_of[head.name] = list(cells[first_used:])
        header = [cell_text(c) for c in cells]
        plan.append((head.name, number, header))
    if not plan and headless:
        name, number, cells = headless[0]
        raise header_error(path, cells, row=number, sheet=name)
    if not plan:
        raise DataError("has no sheet with a table", file=path, hint="give a workbook with rows")
    first_header = plan[0][2]
    stacked = [p for p in plan if _same_header(p[2], first_header)]
    for name, _, _ in plan:
        if all(name != s[0] for s in stacked):
            notes.append(f"sheet {name!r} has other columns than sheet {plan[0][0]!r}; skipped")
    frames = _load_sheets(path, [(name, row) for name, row, _ in stacked])
    sheets: list[Sheet] = []
    parts: list[pl.DataFrame] = []
    numbers: list[pl.Series] = []
    column_notes: list[str] = []
    for (name, header_row, _), frame in zip(stacked, frames, strict=True):
        frame = frame.rename({c: c.strip() for c in frame.columns if c != c.strip()})
        names, named = column_names(frame.columns, [cell_text(c) for c in cells_of[name]])
        frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
        column_notes.extend(named)
        row_numbers = pl.Series("row", range(header_row + 1, header_row + 1 + frame.height))
        keep = ~pl.all_horizontal(pl.all().is_null()) if frame.width else pl.lit(True)
        mask = frame.select(keep).to_series()
        frame, row_numbers = frame.filter(mask), row_numbers.filter(mask)
        sheets.append(Sheet(name=name, header_row=header_row, rows=frame.height))
        parts.append(frame)
        numbers.append(row_numbers)
    if len(stacked) > 1:
        notes.append(f"{len(stacked)} sheets stacked: {', '.join(s.name for s in sheets)}")
    if {s.header_row for s in sheets} != {1}:
        rows = sorted({s.header_row - 1 for s in sheets})
        notes.append(f"{'/'.join(str(r) for r in rows)} title row(s) above the header skipped")
    try:
        frame = pl.concat(parts, how="diagonal_relaxed") if len(parts) > 1 else parts[0]
    except pl.exceptions.PolarsError as error:
        raise DataError(
            f"its sheets cannot be stacked ({one_line(str(error))})", file=path
        ) from error
    notes.extend(dict.fromkeys(column_notes))
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
    )


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c for c in a if c] == [c for c in b if c]


def _load_sheets(path: Path, sheets: Sequence[tuple[str, int]]) -> list[pl.DataFrame]:
    def load(item: tuple[str, int]) -> pl.DataFrame:
        name, header_row = item
        try:
            frame = pl.read_excel(
                path,
                sheet_name=name,
                engine="calamine",
                read_options={"header_row": header_row - 1},
                infer_schema_length=10_000,
                drop_empty_rows=False,
                drop_empty_cols=False,
                raise_if_empty=False,
            )
        except Exception as error:  # fastexcel raises its own exception types
            _excel_error(path, name, error)
        return frame

    workers = max(1, min(len(sheets), os.cpu_count() or 1))
    if workers == 1:
        return [load(item) for item in sheets]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(load, sheets))


def _excel_error(path: Path, sheet: str, error: Exception) -> NoReturn:
    text = one_line(str(error).split("\n")[0])
    raise DataError(
        f"sheet {sheet!r} cannot be read ({text})",
        file=path,
        hint="open and save it again in Excel, or export it as CSV",
    ) from error
