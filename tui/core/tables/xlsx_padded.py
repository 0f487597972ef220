"""Numbers a workbook shows padded with zeros (a ZIP code 2134 stored as a number with the
format `00000` shows as 02134): found in the first rows below a header, told in a note, and
read as the text the workbook shows when the whole column is shown that way.

Streams the styles and the sheet's XML and stops early, so it costs milliseconds however big
the sheet.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import polars as pl

from tui.core.tables.xlsx_peek import _column_index, _local, _workbook_sheets

#: Rows below the header whose cells' formats are looked at, and at most so many cells in all
#: (a sheet may style 16,000 empty cells a row: FY25 'Monthly Segregation' is 11 MB of them).
LOOK_ROWS = 2_000
LOOK_CELLS = 20_000

# A padding format is zeros only (`00000`), or groups of zeros with literal separators between
# them (`000-00-0000`, Excel's `00000\-0000`), at least two zeros in all: only those make the
# shown text differ from the stored number by leading zeros alone. `#`, `?`, decimals,
# thousands, sections (`;`), conditions and colours (`[...]`) and text around the digits are
# refused: they show something other than a padded whole number. A lone `0` pads nothing.
# Built-in formats (ids 0-49) never qualify (id 1 is `0`), so only custom numFmts are read.
_SEPARATOR = re.compile(r'\\[-. /]|"[-. /]+"|[- ]')


@dataclass(frozen=True)
class Padding:
    code: str
    #: Digits per group, left to right; the first group takes any extra digits, as Excel does.
    groups: tuple[int, ...]
    separators: tuple[str, ...]

    def show(self, number: int) -> str:
        digits = str(number).zfill(sum(self.groups))
        end = len(digits) - sum(self.groups[1:])
        out = digits[:end]
        for width, sep in zip(self.groups[1:], self.separators, strict=True):
            out += sep + digits[end : end + width]
            end += width
        return out

    def expr(self, column: str) -> pl.Expr:
        digits = pl.col(column).cast(pl.String).str.zfill(sum(self.groups))
        rest = sum(self.groups[1:])
        if not rest:
            return digits
        parts: list[pl.Expr] = [digits.str.head(-rest)]
        offset = rest
        for width, sep in zip(self.groups[1:], self.separators, strict=True):
            parts += [pl.lit(sep), digits.str.slice(-offset, width)]
            offset -= width
        return pl.concat_str(parts)


def parse_padding(code: str) -> Padding | None:
    """The padding a number format code makes, or None when it is not one (see above)."""
    groups: list[int] = []
    separators: list[str] = []
    position = 0
    while position < len(code):
        zeros = re.match(r"0+", code[position:])
        if zeros:
            groups.append(len(zeros.group(0)))
            position += len(zeros.group(0))
            continue
        sep = _SEPARATOR.match(code, position)
        if sep is None or not groups:
            return None
        text = sep.group(0).replace("\\", "").strip('"')
        if len(separators) == len(groups):
            separators[-1] += text
        else:
            separators.append(text)
        position = sep.end()
    if not groups or len(separators) != len(groups) - 1 or sum(groups) < 2:
        return None
    return Padding(code, tuple(groups), tuple(separators))


@dataclass
class Column:
    """What the looked-at numbers of one sheet column are formatted as."""

    numbers: int = 0
    paddings: dict[Padding, int] = field(default_factory=dict)
    example: int | None = None
    whole: bool = True


@dataclass(frozen=True)
class Found:
    columns: dict[int, Column]
    first_row: int
    last_row: int


def padded_columns(source: Path, sheet: str, header_row: int) -> Found | None:
    """The sheet's columns (0-based) whose numbers below the header have a padding format."""
    try:
        with zipfile.ZipFile(source) as archive:
            styles = _paddings(archive)
            member = dict(_workbook_sheets(archive)).get(sheet)
            if not styles or member is None or member not in archive.namelist():
                return None
            return _scan(archive, member, header_row, styles)
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError, ValueError):
        return None


def _paddings(archive: zipfile.ZipFile) -> dict[int, Padding]:
    """Cell style index (a cell's `s`) to its padding, for the styles that pad."""
    if "xl/styles.xml" not in archive.namelist():
        return {}
    codes: dict[str, Padding] = {}
    out: dict[int, Padding] = {}
    in_xfs, index = False, 0
    with archive.open("xl/styles.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                in_xfs = in_xfs or tag == "cellXfs"
                continue
            if tag == "numFmt":
                padding = parse_padding(element.get("formatCode", ""))
                if padding is not None:
                    codes[element.get("numFmtId", "")] = padding
            elif tag == "xf" and in_xfs:
                if element.get("numFmtId", "") in codes:
                    out[index] = codes[element.get("numFmtId", "")]
                index += 1
            elif tag == "cellXfs":
                break
            if not codes and tag == "numFmts":
                return {}
    return out


def _scan(
    archive: zipfile.ZipFile, member: str, header_row: int, styles: dict[int, Padding]
) -> Found | None:
    columns: dict[int, Column] = {}
    row, first, last, next_col, cells = 0, 0, 0, 0, 0
    with archive.open(member) as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    row = int(element.get("r", row + 1))
                    next_col = 0
                    if row > header_row + LOOK_ROWS:
                        break
                continue
            if tag == "c":
                cells += 1
                if cells > LOOK_CELLS:
                    break
                ref = element.get("r")
                col = _column_index(ref) if ref else next_col
                next_col = col + 1
                value = next((c.text or "" for c in element if _local(c.tag) == "v"), "")
                if row > header_row and element.get("t", "n") == "n" and value:
                    first, last = first or row, row
                    column = columns.setdefault(col, Column())
                    column.numbers += 1
                    number = float(value)
                    whole = number.is_integer() and 0 <= number < 2**53
                    column.whole = column.whole and whole
                    padding = styles.get(int(element.get("s", "0")))
                    if padding is not None:
                        column.paddings[padding] = column.paddings.get(padding, 0) + 1
                        shorter = whole and len(str(int(number))) < sum(padding.groups)
                        if shorter and column.example is None:
                            column.example = int(number)
                element.clear()
            elif tag == "row":
                element.clear()
    padded = {col: c for col, c in columns.items() if c.paddings}
    return Found(padded, first, last) if padded else None


def pad_columns(
    frames: list[pl.DataFrame], found: list[tuple[str, Found | None, int]]
) -> tuple[list[pl.DataFrame], list[str]]:
    """Each padded column told in a note; read as the padded text the workbook shows when, in
    every sheet read that has it, all its looked-at numbers have one padding format and its
    values are whole numbers of 0 or more; else read as the numbers stored."""
    seen: dict[str, list[tuple[int, str, Column, Found]]] = {}
    for index, ((sheet, result, first_col), frame) in enumerate(zip(found, frames, strict=True)):
        if result is None:
            continue
        for col, column in sorted(result.columns.items()):
            if 0 <= col - first_col < frame.width:
                name = frame.columns[col - first_col]
                seen.setdefault(name, []).append((index, sheet, column, result))
    notes: list[str] = []
    out = list(frames)
    for name, places in seen.items():
        index, sheet, column, result = places[0]
        padding = max(column.paddings, key=lambda p: column.paddings[p])
        example = column.example if column.example is not None else 0
        told = (
            f"sheet {sheet!r}, column {name!r}: the workbook shows these numbers padded with "
            f"zeros (format {padding.code}: {example} shows as {padding.show(example)})"
        )
        why = _why_not(name, padding, places, frames)
        if why:
            notes.append(f"{told}; read as the numbers stored ({why})")
            continue
        for index, *_ in places:
            out[index] = out[index].with_columns(padding.expr(name).alias(name))
        rows = f"rows {result.first_row:,}-{result.last_row:,}"
        notes.append(
            f"{told}; read as text padded to {sum(padding.groups)} digits as the workbook "
            f"shows them: {padding.show(example)} (inferred from the format of its numbers "
            f"in {rows})"
        )
    return out, notes


def _why_not(
    name: str,
    padding: Padding,
    places: list[tuple[int, str, Column, Found]],
    frames: list[pl.DataFrame],
) -> str:
    for index, sheet, column, _ in places:
        others = column.numbers - column.paddings.get(padding, 0)
        if others:
            where = f" in sheet {sheet!r}" if len(places) > 1 else ""
            return f"{others:,} of its {column.numbers:,} numbers{where} have another format"
        if not column.whole:
            return "not all are whole numbers of 0 or more"
        series = frames[index].get_column(name)
        if not series.dtype.is_integer() or (series.min() or 0) < 0:  # type: ignore[operator]
            return "not all are whole numbers of 0 or more"
    having = [i for i, frame in enumerate(frames) if name in frame.columns]
    if len(having) > len(places):
        return "another sheet read with it does not format them so"
    return ""
