"""The lines under a table: the status (where the cursor is, how many rows, the sort and
filter) and the detail (the cell under the cursor in full, or the row's source sentence)."""

from __future__ import annotations

from rich.text import Text

from tui.app.widgets.frame_table import FrameTable
from tui.core.errors import EnforceError
from tui.core.formatting import display_value, printable

QUOTE = "quote"


def detail_line(table: FrameTable, row: int, column: str | None) -> Text:
    if not 0 <= row < table.row_count:
        return Text("")
    if QUOTE in table.frame.columns:
        quote = table.value_at(row, QUOTE)
        return Text.assemble(("Source: ", "bold"), printable(f"“{quote}”"))
    if table.on_sparkline:
        return Text(printable(table.sparkline_text(row)))
    if column is not None:
        try:
            value = display_value(table.value_at(row, column), column)
        except EnforceError:  # a column left in a file changed since: told once, elsewhere
            return Text.assemble((printable(column), "bold"), ": ", ("could not be read", "dim"))
        return Text.assemble((printable(column), "bold"), ": ", value)
    return Text("")


def status_line(
    *,
    cursor_row: int,
    shown: int,
    total: int,
    reading: tuple[int, int] | None,
    complete: bool,
    sort: tuple[str, bool] | None,
    filter_text: str,
) -> str:
    """`reading`: (rows read, rows in all) while rows are still being read; `complete`:
    whether the rows shown are the whole result (else its first screen)."""
    position = f"row {cursor_row + 1:,} of {shown:,}" if shown else "no rows"
    if reading is not None:
        read, everything = reading
        parts = [position, f"loading rows… {read:,} of {everything:,}"]
        if filter_text or sort:
            parts.append("sorted and filtered over the rows read; again over all once read")
    elif complete:
        parts = [position, f"{shown:,} of {total:,} row{'' if total == 1 else 's'}"]
    else:
        parts = [f"first {shown:,} rows shown; working through all {total:,}…"]
    if sort is not None:
        parts.append(f"sorted by {sort[0]} {'descending' if sort[1] else 'ascending'}")
    if filter_text:
        parts.append(f"filter: {filter_text!r}")
    if shown:
        parts.append("Enter opens the row")
    return " · ".join(parts)
