"""The cells a table draws from columns left in their file, read without holding up a key.

Rows next to each other in the file (the table's own order, or a sort by a column of few
values) are a block or two: read at once. Rows from all over the file (a sort by date) take a
read per block, some 10 ms each: the screen is drawn first with those cells pending (`…`) and
drawn again once a thread has read them.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from textual.widget import Widget

from tui.app.notices import tell_error
from tui.core.errors import EnforceError
from tui.core.tables.file_columns import FileColumns

#: Blocks read while the screen waits; more are read in the background.
READ_AT_ONCE = 2
#: Shown in a cell still being read from the file.
PENDING = "…"


def held_rows(frame: pl.DataFrame, order: pl.Series | None, start: int, count: int) -> pl.DataFrame:
    """Rows `start`..`start+count` shown of `frame` (in `order`, if given)."""
    if order is None:
        return frame.slice(start, count)
    return frame.select(pl.all().gather(order.slice(start, count)))


def row_numbers(order: pl.Series | None, start: int, count: int) -> pl.Series:
    """The frame's row numbers of rows `start`..`start+count` shown."""
    if order is None:
        return pl.int_range(start, start + count, eager=True, dtype=pl.UInt32)
    return order.slice(start, count)


class FileRows:
    """Reads, for `widget`, the columns left in a file of the rows it draws."""

    def __init__(self, widget: Widget, read: Callable[[], None]) -> None:
        self._widget = widget
        self._read = read
        #: The last rows read in the background: (columns, row numbers, what was read).
        self._last: tuple[FileColumns, pl.Series, pl.DataFrame] | None = None
        #: Columns whose file could not be read: not tried again for every screen.
        self._failed: set[FileColumns] = set()

    def rows(
        self,
        frame: pl.DataFrame,
        order: pl.Series | None,
        in_file: FileColumns | None,
        start: int,
        count: int,
    ) -> pl.DataFrame:
        """Rows `start`..`start+count` shown, every column (read from the file if need be)."""
        rows = held_rows(frame, order, start, count)
        if in_file is None:
            return rows
        return in_file.join(rows, in_file.rows(row_numbers(order, start, rows.height)))

    def drawn(
        self,
        frame: pl.DataFrame,
        order: pl.Series | None,
        in_file: FileColumns | None,
        start: int,
        count: int,
    ) -> tuple[pl.DataFrame, bool]:
        """`rows` for drawing, and whether the cells of columns left in the file are still
        being read (they are then empty, to be drawn as pending)."""
        rows = held_rows(frame, order, start, count)
        if in_file is None:
            return rows, False
        read = self.window(in_file, row_numbers(order, start, rows.height))
        if read is not None:
            return in_file.join(rows, read), False
        empty = pl.DataFrame(
            {name: pl.Series(name, [None] * rows.height, pl.String) for name in in_file.names}
        )
        return in_file.join(rows, empty), True

    def sample(
        self, frame: pl.DataFrame, order: pl.Series | None, in_file: FileColumns | None, count: int
    ) -> pl.DataFrame:
        """Rows to size the columns by: the first shown; for columns left in the file, the
        file's first rows (next to each other: one read, wherever the rows shown are)."""
        rows = held_rows(frame, order, 0, count)
        if in_file is None:
            return rows
        return in_file.join(rows, in_file.span(0, rows.height))

    def window(self, in_file: FileColumns, numbers: pl.Series) -> pl.DataFrame | None:
        """The columns for rows `numbers`, or None if they are being read (`read` is called
        once they are)."""
        last = self._last
        if last is not None and last[0] is in_file and last[1].equals(numbers):
            return last[2]
        found = in_file.cached(numbers)
        if found is not None:
            return found
        if in_file in self._failed:
            return None
        if len(in_file.blocks(numbers)) <= READ_AT_ONCE:
            try:
                return in_file.rows(numbers)
            except EnforceError as error:
                self._fail(in_file, error)
                return None
        self._widget.run_worker(
            lambda: self._read_in_background(in_file, numbers),
            thread=True,
            group="file-rows",
            exclusive=True,
            exit_on_error=False,
        )
        return None

    def _read_in_background(self, in_file: FileColumns, numbers: pl.Series) -> None:
        # Kept as read: a screen of rows from more blocks than are kept would otherwise never
        # find them all cached, and be read again and again.
        try:
            self._last = (in_file, numbers, in_file.rows(numbers))
        except EnforceError as error:
            self._widget.app.call_from_thread(self._fail, in_file, error)
            return
        self._widget.app.call_from_thread(self._read)

    def _fail(self, in_file: FileColumns, error: EnforceError) -> None:
        """Told once; the cells stay drawn as not read (`…`), never as empty."""
        if in_file not in self._failed:
            self._failed.add(in_file)
            tell_error(self._widget, error, "Could not read")
