"""What a FrameTable tells its pane. The `frame_table` namespace keeps the handler names
(`on_frame_table_cursor_moved` …) those of messages defined inside the widget class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.app.widgets.frame_table import FrameTable


class CursorMoved(Message, namespace="frame_table"):
    def __init__(self, table: FrameTable, row: int, column: str | None) -> None:
        super().__init__()
        self.table = table
        self.row = row
        self.column = column

    @property
    def control(self) -> FrameTable:
        return self.table


class RowOpened(Message, namespace="frame_table"):
    def __init__(self, table: FrameTable, row: int) -> None:
        super().__init__()
        self.table = table
        self.row = row

    @property
    def control(self) -> FrameTable:
        return self.table


class HeaderClicked(Message, namespace="frame_table"):
    def __init__(self, table: FrameTable, column: str) -> None:
        super().__init__()
        self.table = table
        self.column = column

    @property
    def control(self) -> FrameTable:
        return self.table
