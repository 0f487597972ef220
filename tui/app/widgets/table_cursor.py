"""The cell cursor of a FrameTable: where it is, how the keys move it, and keeping it in view.
The table says what it holds (its columns, its row count) and what a move tells its pane."""

from __future__ import annotations

from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from tui.app.widgets.table_layout import Column


class TableCursor(ScrollView):
    cursor_row: reactive[int] = reactive(0)
    cursor_column: reactive[int] = reactive(0)
    columns: list[Column]

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def _post_cursor(self) -> None:
        """Tell the pane where the cursor is (the table posts its message)."""
        raise NotImplementedError

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self._post_cursor()

    def watch_cursor_column(self) -> None:
        self.refresh()
        self._scroll_to_cursor()
        self._post_cursor()

    def _refresh_row(self, row: int) -> None:
        y = row - int(self.scroll_y) + 1
        self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor cell in view; the header always takes the first line."""
        if not self.columns:
            return
        region = self.scrollable_content_region
        rows_visible = max(region.height - 1, 1)
        y = int(self.scroll_y)
        if self.cursor_row < y:
            y = self.cursor_row
        elif self.cursor_row >= y + rows_visible:
            y = self.cursor_row - rows_visible + 1
        index = min(self.cursor_column, len(self.columns) - 1)
        left = sum(c.width + 2 for c in self.columns[:index])
        right = left + self.columns[index].width + 2
        x = int(self.scroll_x)
        if left < x:
            x = left
        elif right > x + region.width:
            x = right - region.width
        self.scroll_to(x=x, y=y, animate=False, force=True)

    def _page(self) -> int:
        return max(self.size.height - 2, 1)

    def _move_row(self, row: int) -> None:
        self.cursor_row = max(0, min(row, self.row_count - 1))

    def action_cursor_up(self) -> None:
        self._move_row(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self._move_row(self.cursor_row + 1)

    def action_cursor_left(self) -> None:
        self.cursor_column = max(0, self.cursor_column - 1)

    def action_cursor_right(self) -> None:
        self.cursor_column = min(len(self.columns) - 1, self.cursor_column + 1)

    def action_page_up(self) -> None:
        self._move_row(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self._move_row(self.cursor_row + self._page())

    def action_first_row(self) -> None:
        self._move_row(0)

    def action_last_row(self) -> None:
        self._move_row(self.row_count - 1)

    def move_cursor(self, *, row: int | None = None, column: str | None = None) -> None:
        if row is not None:
            self._move_row(row)
        names = [c.name for c in self.columns]
        if column is not None and column in names:
            self.cursor_column = names.index(column)
