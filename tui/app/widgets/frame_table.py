"""A table over a polars DataFrame that renders only the rows on screen (Textual's line API).

Every cell is drawn from plain strings as Segments, so nothing in the data is read as markup,
and control characters are made visible before they reach the terminal.
"""

from __future__ import annotations

from typing import ClassVar

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.strip import Strip

from tui.app.widgets import table_messages
from tui.app.widgets.cells import fit, fit_name
from tui.app.widgets.file_rows import PENDING, FileRows, held_rows
from tui.app.widgets.table_cursor import TableCursor
from tui.app.widgets.table_layout import (
    SAMPLE_ROWS,
    Column,
    TableOptions,
    column_at,
    extremes,
    kept_lines,
    lay_out,
    window_cells,
)
from tui.core.formatting import display_value, printable
from tui.core.tables.file_columns import FileColumns


class FrameTable(TableCursor, can_focus=True):
    """Rows of a DataFrame with a fixed header, a cell cursor and optional inline drawings."""

    # Priority, like the main screen's keys, so a burst of keys is acted on in the order typed.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, priority=True, id="table.up"),
        Binding("down,j", "cursor_down", "Down", show=False, priority=True, id="table.down"),
        Binding("left,h", "cursor_left", "Left", show=False, priority=True, id="table.left"),
        Binding("right,l", "cursor_right", "Right", show=False, priority=True, id="table.right"),
        Binding("pageup", "page_up", "Page up", show=False, priority=True, id="table.page_up"),
        Binding(
            "pagedown", "page_down", "Page down", show=False, priority=True, id="table.page_down"
        ),
        Binding(
            "home,g", "first_row", "First row", show=False, priority=True, id="table.first_row"
        ),
        Binding("end,G", "last_row", "Last row", show=False, priority=True, id="table.last_row"),
        Binding(
            "enter",
            "open_row",
            "Open row",
            show=False,
            tooltip="Open the row in full: every field, its source sentence, its verdicts",
            id="table.open_row",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "frame-table--header",
        "frame-table--cursor",
        "frame-table--cursor-row",
        "frame-table--bar",
        "frame-table--empty",
        "frame-table--partial",
    }

    DEFAULT_CSS = """
    FrameTable { height: 1fr; }
    FrameTable > .frame-table--header { text-style: bold; background: $panel; }
    FrameTable > .frame-table--cursor { background: $accent; color: $text; }
    FrameTable > .frame-table--cursor-row { background: $boost; }
    FrameTable > .frame-table--bar { color: $primary; }
    FrameTable > .frame-table--empty { color: $text-muted; }
    FrameTable > .frame-table--partial { color: $warning; }
    """

    CursorMoved = table_messages.CursorMoved
    RowOpened = table_messages.RowOpened
    HeaderClicked = table_messages.HeaderClicked

    def __init__(
        self,
        *,
        bar_column: str | None = None,
        spark_columns: tuple[str, ...] = (),
        spark_label: str = "trend",
        spark_after: str | None = None,
        max_text_width: int = 40,
        label_column: str | None = None,
        raw: bool = False,
        value_styles: dict[str, dict[str, str]] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.bar_column = bar_column
        self.spark_columns = spark_columns
        self.spark_label = spark_label
        self.spark_after = spark_after
        #: Of `spark_columns`, those drawn apart as partial (a month the data covers in part).
        self.spark_partial: frozenset[str] = frozenset()
        #: Columns kept in the frame (export, row detail) but not drawn: a pane says them once.
        self.hidden_columns: frozenset[str] = frozenset()
        self.max_text_width = max_text_width
        self.label_column = label_column
        #: Raw rows (the Data pane): numbers as written, separators only on counts.
        self.raw = raw
        self.value_styles = {
            column: {value: Style.parse(style) for value, style in styles.items()}
            for column, styles in (value_styles or {}).items()
        }
        self.frame = pl.DataFrame()
        self.order: pl.Series | None = None
        #: Columns of the rows left in their file, read for the rows drawn.
        self.file_columns: FileColumns | None = None
        self._file_rows = FileRows(self, self._file_rows_read)
        self.columns: list[Column] = []
        self.sort_indicator: tuple[str, bool] | None = None
        self._bar_top = 0.0
        self._window_key: tuple[int, int, int] | None = None
        self._window: list[list[str]] = []
        self._generation = 0
        self._fitted_width = -1
        self._bounds: tuple[pl.DataFrame | None, dict[str, tuple[object, object]]] = (None, {})
        self._raw_layout: tuple[pl.DataFrame | None, object, list[Column]] = (None, None, [])

    # -- data ---------------------------------------------------------------------------------

    def show_frame(
        self,
        frame: pl.DataFrame,
        *,
        order: pl.Series | None = None,
        sort: tuple[str, bool] | None = None,
        bar_top: float | None = None,
        file_columns: FileColumns | None = None,
    ) -> None:
        """Display `frame`, or its rows in `order` (row numbers) when given: a sorted or
        filtered view of millions of rows without copying them; with `file_columns`, the
        frame's rows have more columns, read from their file for the rows drawn. The cursor
        stays on the same column name when it still exists."""
        previous = self.current_column
        self.frame = frame
        self.order = order
        self.file_columns = file_columns
        self.sort_indicator = sort
        self.columns = self._layout(frame)
        self._generation += 1
        self._window_key = None
        if bar_top is not None:
            self._bar_top = bar_top
        elif self.bar_column in frame.columns and frame.height:
            self._bar_top = float(frame.get_column(self.bar_column).max() or 0)  # type: ignore[arg-type]
        names = [column.name for column in self.columns]
        self.cursor_column = names.index(previous) if previous in names else 0
        self.cursor_row = min(self.cursor_row, max(self.row_count - 1, 0))
        self.virtual_size = Size(self._line_width(), self.row_count + 1)
        self._keep_rows()
        self._post_cursor()
        self.refresh()

    def _keep_rows(self) -> None:
        if self.size.width:  # else not laid out yet: on_resize comes
            lines = kept_lines(self.row_count, self._line_width() > self.size.width)
            if self.styles.min_height is None or self.styles.min_height.value != lines:
                self.styles.min_height = lines

    def rows_at(self, start: int, count: int) -> pl.DataFrame:
        """Rows `start`..`start+count` of what is shown, fetched from the frame (and the
        columns left in the file, from there)."""
        return self._file_rows.rows(self.frame, self.order, self.file_columns, start, count)

    def _file_rows_read(self) -> None:
        self._window_key = None
        self.refresh()

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column of the rows (those left in the file too)."""
        in_file = self.file_columns
        return tuple(self.frame.columns) if in_file is None else in_file.columns

    def _layout(self, frame: pl.DataFrame) -> list[Column]:
        available = self.scrollable_content_region.width or self.size.width
        self._fitted_width = self.scrollable_content_region.width
        # Raw rows (the Data pane) keep their columns through sorts and filters: sized by the
        # table's first rows, once a frame and width (14 ms a key on 10M rows, and columns
        # that do not jump about); a view is sized by the rows it shows.
        order = None if self.raw else self.order
        key = (available, self.file_columns is not None, self._options)
        kept_frame, kept_key, kept = self._raw_layout
        if self.raw and kept_frame is frame and kept_key == key and kept:
            return kept
        sample = self._file_rows.sample(frame, order, self.file_columns, SAMPLE_ROWS)
        if self._bounds[0] is not frame:
            # The same rows in another order or filtered (a sort, a filter) are sized by the
            # same extremes: computed once a frame, not once a key on 10M rows.
            self._bounds = (frame, extremes(frame))
        # Columns left in the file are in the sample only (the bounds are of numbers, held).
        whole = frame if self.file_columns is None else sample
        columns = lay_out(whole, sample, available, self._options, self.format, self._bounds[1])
        if self.raw:
            self._raw_layout = (frame, key, columns)
        return columns

    @property
    def _options(self) -> TableOptions:
        return TableOptions(
            bar_column=self.bar_column,
            spark_columns=self.spark_columns,
            spark_label=self.spark_label,
            spark_after=self.spark_after,
            max_text_width=self.max_text_width,
            label_column=self.label_column,
            hidden_columns=self.hidden_columns,
            styled_columns=frozenset(self.value_styles),
        )

    def format(self, value: object, column: str) -> str:
        return display_value(value, column, raw=self.raw)

    def on_resize(self) -> None:
        self._fit_to_width()
        self._keep_rows()

    def _fit_to_width(self) -> None:
        """Lay the columns out again when the width they were fitted to has changed."""
        width = self.scrollable_content_region.width
        if not self.frame.width or width == self._fitted_width:
            return
        self.columns = self._layout(self.frame)
        self._window_key = None
        self.virtual_size = Size(self._line_width(), self.row_count + 1)
        self.refresh()

    def _line_width(self) -> int:
        return sum(column.width + 2 for column in self.columns)

    @property
    def row_count(self) -> int:
        return self.frame.height if self.order is None else self.order.len()

    @property
    def current_column(self) -> str | None:
        data = [c for c in self.columns if c.kind == "data"]
        if not self.columns or self.cursor_column >= len(self.columns):
            return data[0].name if data else None
        column = self.columns[self.cursor_column]
        if column.kind == "bar" and self.bar_column:
            return self.bar_column
        return column.name if column.kind == "data" else None

    @property
    def on_sparkline(self) -> bool:
        """Whether the cursor is on the sparkline, a drawing of several columns."""
        index = self.cursor_column
        return 0 <= index < len(self.columns) and self.columns[index].kind == "spark"

    def sparkline_text(self, row: int) -> str:
        """What the sparkline of `row` draws, in words: its span and its scale."""
        shown = self._options.spark_shown
        if not shown or not 0 <= row < self.row_count:
            return ""
        values = [v for v in self.rows_at(row, 1).select(shown).row(0) if v is not None]
        top = display_value(max(values), shown[-1]) if values else "no data"
        return (
            f"{self._options.spark_header}: {shown[0]} to {shown[-1]}, each bar from 0 to the "
            f"row's largest ({top}); s sorts by a number column, not by the drawing"
        )

    def cell_value(self) -> object:
        column = self.current_column
        if column is None:
            return None
        return self.value_at(self.cursor_row, column)

    def value_at(self, row: int, column: str) -> object:
        if not 0 <= row < self.row_count or column not in self.column_names:
            return None
        if column in self.frame.columns:  # held: no need to read the file
            return held_rows(self.frame, self.order, row, 1).get_column(column)[0]
        return self.rows_at(row, 1).get_column(column)[0]

    # -- rendering ----------------------------------------------------------------------------

    def _rows(self, start: int, count: int) -> list[list[str]]:
        key = (self._generation, start, count)
        if key != self._window_key:
            window, pending = self._file_rows.drawn(
                self.frame, self.order, self.file_columns, start, count
            )
            self._window = window_cells(
                window, self.columns, self._options, self._bar_top, self.format
            )
            if pending and self.file_columns is not None:
                at = [i for i, c in enumerate(self.columns) if c.name in self.file_columns.names]
                for cells in self._window:
                    for index in at:
                        cells[index] = PENDING
            self._window_key = key
        return self._window

    def render_line(self, y: int) -> Strip:
        if y == 0:
            # Every line of a frame is drawn with the same layout, whatever resized meanwhile.
            self._fit_to_width()
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            strip = self._header_strip()
        else:
            row = scroll_y + y - 1
            if row >= self.row_count:
                return Strip.blank(width, self.rich_style)
            window = self._rows(scroll_y, max(self.size.height - 1, 1))
            strip = self._row_strip(row, window[row - scroll_y], (scroll_x, scroll_x + width))
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _header_strip(self) -> Strip:
        style = self.get_component_rich_style("frame-table--header")
        segments = []
        for column in self.columns:
            label = printable(column.name)
            if self.sort_indicator and self.sort_indicator[0] == column.name:
                label = f"{label} {'▼' if self.sort_indicator[1] else '▲'}"
            if column.kind != "data":
                label = "" if column.kind == "bar" else label
            # A number's header may be cut to make room for numbers: its last word stays.
            text = fit_name(label, column.width) if column.numeric else fit(label, column.width)
            text = fit(text, column.width, right=column.numeric)
            segments.append(Segment(f" {text} ", style))
        return Strip(segments, self._line_width())

    def _row_strip(
        self, row: int, cells: list[str], visible: tuple[int, int] | None = None
    ) -> Strip:
        """The row's line; cells wholly outside `visible` (cells from the left edge) are left
        blank, as they are cropped away (a raw table of 28 columns shows 10 of them)."""
        base = self.rich_style
        on_row = row == self.cursor_row
        row_style = (
            base + self.get_component_rich_style("frame-table--cursor-row") if on_row else base
        )
        cursor = self.get_component_rich_style("frame-table--cursor")
        bar_style = self.get_component_rich_style("frame-table--bar")
        empty = self.get_component_rich_style("frame-table--empty")
        focused = self.has_focus
        segments = []
        left = 0
        for index, (column, text) in enumerate(zip(self.columns, cells, strict=True)):
            start, left = left, left + column.width + 2
            if visible is not None and (left <= visible[0] or start >= visible[1]):
                segments.append(Segment(" " * (column.width + 2), base))
                continue
            style: Style = row_style
            if column.kind != "data":
                style = row_style + bar_style
            elif text == "—" or (text == PENDING and self.file_columns is not None):
                style = row_style + empty
            elif column.name in self.value_styles and text in self.value_styles[column.name]:
                style = row_style + self.value_styles[column.name][text]
            if on_row and index == self.cursor_column and (focused or column.kind == "data"):
                style = row_style + cursor if focused else style
            if column.kind == "spark" and self.spark_partial:
                segments += self._spark_segments(text, column.width, style)
                continue
            segments.append(Segment(f" {fit(text, column.width, right=column.numeric)} ", style))
        return Strip(segments, self._line_width())

    def _spark_segments(self, text: str, width: int, style: Style) -> list[Segment]:
        """A sparkline whose partial months are drawn in their own colour."""
        partial = style + self.get_component_rich_style("frame-table--partial")
        segments = [Segment(" ", style)]
        for name, char in zip(self._options.spark_shown, text, strict=False):
            segments.append(Segment(char, partial if name in self.spark_partial else style))
        segments.append(Segment(" " * (width - min(len(text), width) + 1), style))
        return segments

    def _post_cursor(self) -> None:
        self.post_message(self.CursorMoved(self, self.cursor_row, self.current_column))

    def action_open_row(self) -> None:
        if 0 <= self.cursor_row < self.row_count:
            self.post_message(self.RowOpened(self, self.cursor_row))
        else:
            self.notify("Nothing to open: the table has no rows.", title="Row", markup=False)

    def source_row(self, row: int) -> int:
        """The row's number in the frame (before sorting and filtering)."""
        return int(self.order[row]) if self.order is not None else row

    # -- mouse --------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = column_at(self.columns, offset.x + int(self.scroll_x))
        if index is None:
            return
        column = self.columns[index]
        if offset.y == 0:
            name = self.bar_column if column.kind == "bar" else column.name
            if column.kind != "spark" and name is not None:
                self.post_message(self.HeaderClicked(self, name))
            return
        self.cursor_column = index
        self._move_row(int(self.scroll_y) + offset.y - 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
