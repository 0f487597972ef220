"""Where a file that failed to read goes wrong: the first bad line, and why.

Runs only after a read failed: one pass in Python that stops at the first bad line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import DataError, one_line
from tui.core.tables.formats import FORMAT_NAMES

if TYPE_CHECKING:
    from tui.core.tables.table import Table


def locate_text_problem(table: Table) -> DataError | None:
    """Find the first line of a delimited text file that cannot be read, and say why.

    Runs only after a read failed: one pass in Python that stops at the first bad line.
    """
    try:
        stream = table.data_path.open("rb")
    except OSError:
        return None
    line = table.skip_lines

    def decoded() -> Iterator[str]:
        nonlocal line
        for raw in stream:
            line += 1
            yield raw.decode("utf-8-sig" if line == 1 else "utf-8")

    with stream:
        for _ in range(table.skip_lines):
            stream.readline()
        reader = csv.reader(decoded(), delimiter=table.separator, strict=True)
        width: int | None = None
        start = line + 1  # where the record being read begins
        try:
            for row in reader:
                if width is None:
                    width = len(row)
                elif len(row) > width:
                    return DataError(
                        f"has {len(row)} fields where the header has {width}",
                        file=table.path,
                        row=start,
                        hint="quote cells that contain the separator, or remove the extra cells",
                    )
                start = line + 1
        except UnicodeDecodeError as error:
            return not_utf8(table.path, error.object[error.start], line)
        except csv.Error as error:
            return _quote_error(table, str(error), start)
    return None


def not_utf8(path: Path, byte: int, line: int) -> DataError:
    """The same words wherever in a file the first byte that is not UTF-8 is found."""
    return DataError(
        f"is not UTF-8 text (byte 0x{byte:02x} on line {line:,}; "
        "it may be Windows-1252 from Excel)",
        file=path,
        hint="save it as UTF-8 (CSV UTF-8 in Excel)",
    )


def _quote_error(table: Table, reason: str, start: int) -> DataError:
    if "unexpected end of data" in reason or "field larger than field limit" in reason:
        # A quote that is never closed runs to the end of the file or past the cell limit.
        return DataError(
            "a quote opened in this row is never closed",
            file=table.path,
            row=start,
            hint='close the quote, or double a quote that is part of the text ("")',
        )
    return DataError(
        f"cannot be read as {FORMAT_NAMES[table.format]} ({reason})",
        file=table.path,
        row=start,
        hint="check the quotes in this row",
    )


def locate_json_problem(table: Table) -> DataError | None:
    """Find the first line of an NDJSON file that is not a JSON object, and say why."""
    try:
        stream = table.data_path.open("rb")
    except OSError:
        return None
    with stream:
        for line, raw in enumerate(stream, start=1):
            try:
                text = raw.decode("utf-8-sig" if line == 1 else "utf-8").strip()
            except UnicodeDecodeError as error:
                return not_utf8(table.path, error.object[error.start], line)
            if not text:
                continue
            try:
                value = json.loads(text)
            except ValueError as error:
                reason = one_line(str(error).split(":")[0])
                return DataError(
                    f"is not valid JSON ({reason})",
                    file=table.path,
                    row=line,
                    hint="each line must be one complete JSON object",
                )
            if not isinstance(value, dict):
                return DataError(
                    "is not a JSON object (NDJSON holds one object per line)",
                    file=table.path,
                    row=line,
                    hint='write each row as one object, such as {"place": "NYC"}',
                )
    return None
