"""A quick look inside an .xlsx workbook (a zip of XML): its sheets' first rows, and any
formula cells below a header.

Reads the XML as a stream and stops early, so it costs milliseconds however big the sheet; the
rows themselves are read by `xlsx_read`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from tui.core.tables.formats import HEADER_SEARCH_ROWS

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
class SheetHead:
    name: str
    rows: list[tuple[int, list[object]]]
    #: The last row the sheet says it uses (its <dimension>), 0 when it does not say.
    last_row: int = 0


def peek_workbook(path: Path, max_rows: int = HEADER_SEARCH_ROWS) -> list[SheetHead]:
    """The first rows of every worksheet, read straight from the workbook's XML.

    Stops after `max_rows` rows per sheet, so it costs milliseconds however big the sheet.
    Row numbers are the spreadsheet's (1-based).
    """
    with zipfile.ZipFile(path) as archive:
        sheets = _workbook_sheets(archive)
        heads: list[SheetHead] = []
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
            heads.append(SheetHead(name, out, last_row))
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
