"""Excel workbooks: the header row found below title rows, sheets with that header stacked.

Read whole with polars' Excel reader (the calamine engine), one sheet per thread. The header
row comes from a quick look at each sheet's first rows in the workbook's XML, never from a
hard-coded count.
"""

from __future__ import annotations

import logging
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
    clean_header,
    find_header_row,
    header_error,
    header_key,
    numbers_only,
    title_note,
)
from tui.core.tables.table import Sheet, SheetInfo, Table

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
    #: The last row the sheet says it uses (its <dimension>), 0 when it does not say.
    last_row: int = 0


def peek_workbook(path: Path, max_rows: int = HEADER_SEARCH_ROWS) -> list[_SheetHead]:
    """The first rows of every worksheet, read straight from the workbook's XML.

    Stops after `max_rows` rows per sheet, so it costs milliseconds however big the sheet.
    Row numbers are the spreadsheet's (1-based).
    """
    with zipfile.ZipFile(path) as archive:
        sheets = _workbook_sheets(archive)
        heads: list[_SheetHead] = []
        shared_needed: set[int] = set()
        raw_heads: list[tuple[str, list[tuple[int, list[tuple[int, str, str]]]], int]] = []
        for name, member in sheets:
            rows, last_row = _sheet_rows(archive, member, max_rows)
            for _, cells in rows:
                shared_needed.update(int(v) for _, t, v in cells if t == "s" and v.isdigit())
            raw_heads.append((name, rows, last_row))
        shared = _shared_strings(archive, max(shared_needed, default=-1))
        for name, rows, last_row in raw_heads:
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
            heads.append(_SheetHead(name, out, last_row))
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
) -> tuple[list[tuple[int, list[tuple[int, str, str]]]], int]:
    """The first `max_rows` rows with cells, and the last row the sheet's <dimension> names."""
    rows: list[tuple[int, list[tuple[int, str, str]]]] = []
    last_row = 0
    if member not in archive.namelist():
        return rows, last_row
    with archive.open(member) as stream:
        cells: list[tuple[int, str, str]] = []
        row_number = 0
        next_col = 0
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "dimension":
                    found = re.search(r"([0-9]+)$", element.get("ref", ""))
                    last_row = int(found.group(1)) if found else 0
                elif tag == "row":
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
    return rows, last_row


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


def _why_not_a_table(head: _SheetHead, index: int | None) -> str:
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


def _sheet_info(head: _SheetHead, hints: Set[str]) -> tuple[SheetInfo, int | None]:
    index = find_header_row([cells for _, cells in head.rows], hints)
    why = _why_not_a_table(head, index)
    if index is None:
        return SheetInfo(head.name, None, (), 0, False, why), None
    number, cells = head.rows[index]
    header = tuple(cell_text(c) for c in cells if cell_text(c) != "")
    last = max(head.last_row, head.rows[-1][0])
    return SheetInfo(head.name, number, header, max(0, last - number), not why, why), index


def _peek(path: Path, source: Path) -> list[_SheetHead]:
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
    return [_sheet_info(head, hints)[0] for head in _peek(path, read_from or path)]


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
    heads = _peek(path, source)
    found = [_sheet_info(head, hints) for head in heads]
    infos = [info for info, _ in found]
    by_name = {head.name: (head, index) for head, (_, index) in zip(heads, found, strict=True)}
    notes: list[str] = []
    if sheet is not None:
        chosen = next((info for info in infos if info.name == sheet), None)
        if chosen is None:
            chosen = next((i for i in infos if i.name.strip() == sheet.strip()), None)
        if chosen is None:
            listed = ", ".join(repr(info.name) for info in infos)
            raise DataError(f"has no sheet {sheet!r}", file=path, hint=f"its sheets are {listed}")
        if chosen.header_row is None:
            raise DataError(f"sheet {chosen.name!r} is empty", file=path, hint="pick another")
        head, index = by_name[chosen.name]
        assert index is not None
        if numbers_only(head.rows[index][1]):
            raise header_error(path, head.rows[index][1], row=head.rows[index][0], sheet=head.name)
        stacked = [chosen]
    else:
        chosen = _chosen(infos, hints)
        if chosen is None:
            headless = [(head, index) for head, (_, index) in zip(heads, found, strict=True)]
            for head, index in headless:
                if index is not None:
                    cells = head.rows[index][1]
                    raise header_error(path, cells, row=head.rows[index][0], sheet=head.name)
            raise DataError(
                "has no sheet with a table", file=path, hint="give a workbook with rows"
            )
        stacked = [
            info
            for info in infos
            if info is chosen
            or (info.table_like and _same_header(list(info.header), list(chosen.header)))
        ]
        if len(infos) > 1:
            skipped = [info for info in infos if info not in stacked]
            told = "; ".join(
                f"{info.name!r} ({info.why_not or 'a smaller table'})" for info in skipped[:6]
            ) + ("; ..." if len(skipped) > 6 else "")
            why = (
                "names the expected columns"
                if _hint_hits(chosen, hints) >= 3
                else ("the widest table")
            )
            if skipped:
                notes.append(
                    f"{len(infos)} sheets: read {chosen.name!r} ({why}); not read: {told} "
                    "(another can be chosen by name)"
                )
    plan: list[tuple[str, int, list[object]]] = []
    for info in stacked:
        head, index = by_name[info.name]
        assert index is not None
        assert info.header_row is not None
        first_used = min(
            (i for _, row in head.rows for i, cell in enumerate(row) if cell is not None),
            default=0,
        )
        plan.append((info.name, info.header_row, list(head.rows[index][1][first_used:])))
    frames, untyped = _load_sheets(source, [(name, row) for name, row, _ in plan], path)
    sheets: list[Sheet] = []
    parts: list[pl.DataFrame] = []
    numbers: list[pl.Series] = []
    column_notes: list[str] = []
    for (name, header_row, cells), frame in zip(plan, frames, strict=True):
        row_numbers = pl.Series("row", range(header_row + 1, header_row + 1 + frame.height))
        keep = ~pl.all_horizontal(pl.all().is_null()) if frame.width else pl.lit(True)
        mask = frame.select(keep).to_series()
        frame, row_numbers = frame.filter(mask), row_numbers.filter(mask)
        frame = _whole_floats_as_integers(frame)
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


def _whole_floats_as_integers(frame: pl.DataFrame) -> pl.DataFrame:
    """Excel stores every number as a float: a column of whole numbers (counts written 1306.0)
    becomes integers; a column with any fraction stays floats."""
    whole = [
        name
        for name, dtype in frame.schema.items()
        if dtype.is_float()
        and frame.get_column(name).drop_nulls().len() > 0
        and bool(
            frame.select(
                ((pl.col(name) == pl.col(name).round(0)) & (pl.col(name).abs() < 2.0**53))
                .fill_null(True)
                .all()
            ).item()
        )
    ]
    return frame.with_columns(pl.col(whole).cast(pl.Int64)) if whole else frame


def _same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    return [c for c in a if c] == [c for c in b if c]


def _load_sheets(
    source: Path, sheets: Sequence[tuple[str, int]], path: Path
) -> tuple[list[pl.DataFrame], list[int]]:
    """The sheets' rows, and the (0-based) columns whose cells the reader could not type:
    the Excel reader logs those and reads them as text."""
    with _ReaderLog() as log:
        frames = _read_sheets(source, sheets, path)
    return frames, log.columns()


class _ReaderLog(logging.Handler):
    """Catches what fastexcel logs ("Could not determine dtype for column 10, falling back
    to string"), so it becomes a note rather than lines on the user's terminal."""

    _PATTERN = re.compile(r"column ([0-9]+)")

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []
        self._logger = logging.getLogger("fastexcel")

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def __enter__(self) -> _ReaderLog:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        return self

    def __exit__(self, *_: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate

    def columns(self) -> list[int]:
        found = [
            int(match.group(1))
            for message in self.messages
            if "dtype" in message and (match := self._PATTERN.search(message))
        ]
        return sorted(set(found))


def _read_sheets(source: Path, sheets: Sequence[tuple[str, int]], path: Path) -> list[pl.DataFrame]:
    def load(item: tuple[str, int]) -> pl.DataFrame:
        name, header_row = item
        try:
            frame = pl.read_excel(
                source,
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


def formula_notes(source: Path, sheet: str, header_row: int) -> list[str]:
    """A note when cells below the header hold formulas: the values Excel saved with them are
    what is read (a `=HYPERLINK(...)` saved as 0 reads as 0), naming the first such cell."""
    try:
        with zipfile.ZipFile(source) as archive:
            member = dict(_workbook_sheets(archive)).get(sheet)
            if member is None or not _has_formulas(archive, member):
                return []
            count, first = _formula_cells(archive, member, header_row)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError):
        return []
    if not count or first is None:
        return []
    ref, formula, value = first
    cells = "1 cell holds a formula" if count == 1 else f"{count:,} cells hold formulas"
    shown = f"={formula}" if formula else "a shared formula"
    saved = f"{value!r}" if value != "" else "nothing (empty)"
    return [
        f"sheet {sheet!r}: {cells}; the values saved with them are read, not recomputed "
        f"(first: {ref} holds {shown}, read as {saved})"
    ]


def _has_formulas(archive: zipfile.ZipFile, member: str) -> bool:
    """A quick byte search for a formula element, before any XML parsing."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if re.search(rb"<(?:[a-z]+:)?f[ >/]", window):
                return True
            tail = window[-16:]
    return False


def _formula_cells(
    archive: zipfile.ZipFile, member: str, header_row: int
) -> tuple[int, tuple[str, str, str] | None]:
    count = 0
    first: tuple[str, str, str] | None = None
    shared_index: int | None = None
    with archive.open(member) as stream:
        row = 0
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row = int(element.get("r", row + 1))
                continue
            if tag != "c":
                if tag == "row":
                    element.clear()
                continue
            formula = next((c for c in element if _local(c.tag) == "f"), None)
            if formula is not None and row > header_row:
                count += 1
                if first is None:
                    value = next((c.text or "" for c in element if _local(c.tag) == "v"), "")
                    if element.get("t") == "s" and value.isdigit():
                        shared_index = int(value)
                    first = (element.get("r", "?"), formula.text or "", value)
            element.clear()
    if first is not None and shared_index is not None:
        strings = _shared_strings(archive, shared_index)
        if shared_index < len(strings):
            first = (first[0], first[1], strings[shared_index])
    return count, first
