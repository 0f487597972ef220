"""A pane built around one FrameTable: the filter box, sorting, status and the source line."""

from __future__ import annotations

import time
from typing import ClassVar

import polars as pl
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.app.notices import tell_error
from tui.app.panes.table_status import detail_line, status_line
from tui.app.screens.row_detail import RowDetailScreen
from tui.app.widgets.description import KEY as DESCRIPTION_KEY
from tui.app.widgets.description import Description
from tui.app.widgets.file_rows import held_rows
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.frame_table import FrameTable
from tui.app.widgets.table_messages import CursorMoved, HeaderClicked, RowOpened
from tui.core.errors import EnforceError
from tui.core.first_screen import first_screen
from tui.core.formatting import printable
from tui.core.table_ops import (
    filter_expr,
    filter_order,
    filter_rows,
    read_columns,
    row_order,
    sort_rows,
)
from tui.core.tables.file_columns import FileColumns

# Above this many rows, a sort or filter shows its first screenful at once and finishes in a
# background thread, so the screen never waits on the whole table.
LARGE_TABLE = 200_000
#: Rows of the first screen of a sort or filter: a tall terminal's screen, not more (the
#: fewer, the sooner a filter finds them).
PREVIEW_ROWS = 200
#: Seconds the background work waits for the first screen to be painted.
PAINT_FIRST = 0.05


class TablePane(Vertical):
    """Shows `source_frame` filtered and sorted by the same core rules as the CLI."""

    DEFAULT_CLASSES = "table-pane"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            DESCRIPTION_KEY,
            "toggle_description",
            "Description",
            tooltip="A long description (cut, ending in …) in full, or cut again",
            show=False,
            id="pane.description",
        ),
    ]

    def __init__(
        self,
        *,
        export_name: str,
        table: FrameTable | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.export_name = export_name
        self.table = table or FrameTable()
        self.source_frame = pl.DataFrame()
        self.filter_text = ""
        self.sort: tuple[str, bool] | None = None
        self._shown: pl.DataFrame | None = None
        self._sorted: tuple[tuple[str, bool], pl.Series] | None = None
        #: The rows a filter keeps (in the table's order), once computed: sorting them shows
        #: its first screen from them rather than from every row.
        self._filtered: tuple[str, pl.Series] | None = None
        self.complete = True
        #: While rows are still being read: (rows read, rows in all). Sorting and filtering
        #: work on the rows read so far, and again on all of them once they are in.
        self.reading: tuple[int, int] | None = None
        #: Columns of the source rows left in their file (a hash of 10M rows): read for the
        #: rows drawn, and whole only for a filter or sort that needs them.
        self.file_columns: FileColumns | None = None
        self._generation = 0

    def compose_header(self) -> ComposeResult:
        yield Description(classes="summary")

    def compose_footer(self) -> ComposeResult:
        yield Static(classes="detail")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FilterBox(
            placeholder="Filter: words, column:text, column=value, column>N, !word "
            "(Enter applies, Esc clears, ? for help)",
            classes="filter",
            # Selected by `/` itself (open_filter), before the keys typed after it.
            select_on_focus=False,
        )
        yield self.table
        yield Static(classes="status")
        yield from self.compose_footer()

    # -- data ---------------------------------------------------------------------------------

    def action_toggle_description(self) -> None:
        if not self.query_one(".summary", Description).toggle():
            self.notify("The description is shown whole already.", title="Description")

    def set_source(self, frame: pl.DataFrame, *, summary: str = "") -> None:
        self.source_frame = frame
        self.sort = None
        self._sorted = self._filtered = None
        self.query_one(".summary", Description).update(Text(printable(summary)))
        self.apply()

    def extend_source(self, frame: pl.DataFrame, total: int) -> None:
        """More rows of the table being read: `frame` starts with the rows shown so far.

        Unsorted and unfiltered, the new rows are shown at once (the cursor stays); a sorted or
        filtered view keeps its rows (their numbers still point at the same rows) and is worked
        out again over all the rows when they are in (`finish_source`)."""
        layout_changed = frame.schema != self.source_frame.schema
        self.source_frame = frame
        self._sorted = self._filtered = None
        self.reading = (frame.height, total)
        if layout_changed or not (self.filter_text or self.sort):
            self.apply()
        else:
            self.update_status()

    def finish_source(self, frame: pl.DataFrame) -> None:
        """Every row is in: the filter and sort in use are applied to all of them."""
        self.source_frame = frame
        self._sorted = self._filtered = None
        self.reading = None
        self.apply()

    @property
    def schema(self) -> pl.Schema:
        """The source rows' schema, the columns left in the file included."""
        in_file, held = self.file_columns, self.source_frame.schema
        return held if in_file is None else in_file.schema(held)

    def source_with(self, names: set[str] | None = None) -> pl.DataFrame:
        """The source rows with the columns left in the file (`names` of them) read whole."""
        in_file = self.file_columns
        return self.source_frame if in_file is None else in_file.attach(self.source_frame, names)

    def _in_file(self, text: str, sort: tuple[str, bool] | None) -> set[str]:
        """Columns left in the file that this filter and sort read."""
        in_file = self.file_columns
        if in_file is None or not (text or sort):
            return set()
        return read_columns(self.schema, text, sort, in_file.alphabets) & set(in_file.names)

    def shown_frame(self) -> pl.DataFrame:
        """The rows as the CLI would export them: filter, then sort (the shared core rules)."""
        frame = filter_rows(self.source_frame, self.filter_text)
        if self.sort is not None:
            frame = sort_rows(frame, self.sort[0], descending=self.sort[1])
        return frame

    @property
    def shown(self) -> pl.DataFrame:
        """The rows shown, as a frame (gathered on first use when the table shows an order)."""
        if self._shown is None:
            order, frame, in_file = self.table.order, self.table.frame, self.table.file_columns
            if in_file is not None:
                self._shown = in_file.gather(frame, order)
            else:
                self._shown = frame if order is None else frame.select(pl.all().gather(order))
        return self._shown

    @property
    def shown_rows(self) -> int:
        return self.table.row_count

    def apply(self) -> None:
        """Show the filtered, sorted rows; on a large table, a screenful first, the rest after."""
        self._generation += 1
        source, text, sort = self.source_frame, self.filter_text, self.sort
        small = source.height <= LARGE_TABLE and self.file_columns is None
        if small or not (text or sort):
            self._show(self.shown_frame(), complete=True)
            return
        sorted_order = self._sorted_order()
        in_file = self._in_file(text, sort if sorted_order is None else None)
        first = first_screen(
            source,
            text,
            sort,
            PREVIEW_ROWS,
            sorted_order=sorted_order,
            filtered=self._filtered,
            read_first=bool(in_file),
        )
        self._show(source, order=first, complete=False)
        # Started once the first screen is painted: polars takes every core while it works.
        self.call_after_refresh(
            self._compute_in_background,
            self._generation,
            self.filter_text,
            self.sort,
            sorted_order,
        )

    def _sorted_order(self) -> pl.Series | None:
        """The whole table's row numbers in the current sort, if computed already."""
        if self.sort is not None and self._sorted is not None and self._sorted[0] == self.sort:
            return self._sorted[1]
        return None

    @work(thread=True, exclusive=True, group="table", exit_on_error=False)
    def _compute_in_background(
        self,
        generation: int,
        text: str,
        sort: tuple[str, bool] | None,
        sorted_order: pl.Series | None,
    ) -> None:
        # The first screen is painted first: polars takes every core once it starts, and on a
        # shared machine the paint then waited for it (a filter's first screen at 170 ms).
        time.sleep(PAINT_FIRST)
        if get_current_worker().is_cancelled:
            return
        # Row numbers only: the table reads the rows it draws from the source frame.
        source = self.source_frame
        rows = source
        if names := self._in_file(text, sort if sorted_order is None else None):
            try:
                rows = self.source_with(names)
            except EnforceError as error:
                self.app.call_from_thread(self._not_read, generation, error)
                return
        if sort is not None and sorted_order is None:
            sorted_order = row_order(rows, "", sort)
        if sorted_order is not None:
            order = filter_order(rows, sorted_order, text)
        else:
            order = row_order(rows, text, None)
        del rows  # a column read from the file is let go as soon as the order is known
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self._finish, generation, source, order, (text, sort, sorted_order)
            )

    def _not_read(self, generation: int, error: EnforceError) -> None:
        """A column left in the file could not be read for a filter or sort: told, and the
        rows shown as they were before it (a first screen is not left looking final)."""
        tell_error(self, error, "Could not read")
        if generation == self._generation:
            self.sort = None
            self.reset_filter()
            self.apply()

    def _finish(
        self,
        generation: int,
        source: pl.DataFrame,
        order: pl.Series,
        asked: tuple[str, tuple[str, bool] | None, pl.Series | None],
    ) -> None:
        text, sort, sorted_order = asked
        # Kept for later only if no row was read meanwhile (the result is then of fewer
        # rows; shown all the same, as their numbers are those of the rows read since).
        if source is self.source_frame and sort is not None and sorted_order is not None:
            self._sorted = (sort, sorted_order)
        elif source is self.source_frame and sort is None and text:
            self._filtered = (text, order)
        # A newer sort or filter may have started meanwhile: its result is the one to show.
        if generation == self._generation:
            self._show(self.source_frame, order=order, complete=True)

    def _show(self, frame: pl.DataFrame, *, order: pl.Series | None = None, complete: bool) -> None:
        self._shown = None
        # Rows still being read: not complete, so nothing exports a part as if it were all.
        self.complete = complete and self.reading is None
        # Bars keep the whole table's scale: a filtered row is not drawn full for being the
        # largest left (New York City's 45 drew like Philadelphia's 107).
        in_file = self.file_columns if frame is self.source_frame else None
        self.table.show_frame(
            frame, order=order, sort=self.sort, bar_top=self.bar_top, file_columns=in_file
        )
        self.update_status()
        self.on_shown_changed()

    @property
    def bar_top(self) -> float | None:
        """The largest value of the bar column in the whole table (before any filter)."""
        column, source = self.table.bar_column, self.source_frame
        if column is None or column not in source.columns or source.is_empty():
            return None
        return float(source.get_column(column).max() or 0)  # type: ignore[arg-type]

    def on_shown_changed(self) -> None:
        """Hook for panes that draw something else from the rows shown."""

    def update_status(self) -> None:
        line = status_line(
            cursor_row=self.table.cursor_row,
            shown=self.shown_rows,
            total=self.source_frame.height,
            reading=self.reading,
            complete=self.complete,
            sort=self.sort,
            filter_text=self.filter_text,
        )
        self.query_one(".status", Static).update(Text(printable(line)))

    # -- actions the app routes here ------------------------------------------------------------

    def sort_by(self, column: str) -> None:
        descending = self.sort == (column, False)
        self.sort = (column, descending)
        self.apply()

    def sort_by_cursor(self) -> None:
        column = self.table.current_column
        if column is not None:
            self.sort_by(column)
        elif self.table.on_sparkline:
            self.notify(
                "The trend is a drawing of the month columns, not a column to sort by: "
                "move to a number (h or l) and press s there.",
                title="Sort",
                markup=False,
            )

    def open_filter(self) -> None:
        box = self.query_one(".filter", Input)
        # Shown and focused at once, so it takes the keys typed right after `/`.
        box.display = True
        self.screen.set_focus(box)
        box.select_all()  # what is typed next replaces the last filter

    def set_filter(self, text: str) -> bool:
        """Filter by `text`; a term that cannot be read is told in one line and changes
        nothing (False)."""
        try:
            filter_expr(self.schema, text)
        except EnforceError as error:
            tell_error(self, error, "Filter", timeout=15)
            return False
        self.filter_text = text
        self.apply()
        return True

    def submit_filter(self, text: str) -> None:
        """Apply the filter and go back to the table; the box stays shown while it filters.
        A filter that cannot be read keeps the box open to correct it."""
        if not self.set_filter(text):
            return
        self.query_one(".filter", Input).display = bool(text)
        self.screen.set_focus(self.table)

    def reset_filter(self) -> None:
        """No filter and an empty, closed box: new rows (another dataset) start unfiltered."""
        self.filter_text = ""
        if self.is_mounted:
            box = self.query_one(".filter", Input)
            box.value = ""
            box.display = False

    def close_filter(self) -> None:
        box = self.query_one(".filter", Input)
        box.value = ""
        box.display = False
        self.set_filter("")
        self.screen.set_focus(self.table)

    def on_frame_table_header_clicked(self, event: HeaderClicked) -> None:
        event.stop()
        self.sort_by(event.column)

    def on_frame_table_cursor_moved(self, event: CursorMoved) -> None:
        event.stop()
        self.show_detail(event.row, event.column)
        self.update_status()

    # -- one row in full ---------------------------------------------------------------------

    def detail_title(self) -> str:
        return self.export_name

    def row_fields(self, row: int) -> list[tuple[str, object]]:
        """Every field of row `row` as shown (quote and provenance columns included)."""
        if not 0 <= row < self.shown_rows:
            return []
        try:
            values = self.table.rows_at(row, 1)
        except EnforceError as error:  # a column left in a file changed since: the rest
            tell_error(self, error, "Could not read")
            values = held_rows(self.table.frame, self.table.order, row, 1)
        return list(zip(values.columns, values.row(0), strict=True))

    def on_frame_table_row_opened(self, event: RowOpened) -> None:
        event.stop()
        if self.app.screen is not self.screen:
            # An Enter queued before a dialog or the palette opened: not meant for the row.
            return

        def moved(row: int) -> None:
            self.table.move_cursor(row=row)

        self.app.push_screen(
            RowDetailScreen(
                self.detail_title(),
                self.row_fields,
                event.row,
                self.shown_rows,
                raw=self.table.raw,
                moved=moved,
            )
        )

    def show_detail(self, row: int, column: str | None) -> None:
        self.query_one(".detail", Static).update(detail_line(self.table, row, column))
