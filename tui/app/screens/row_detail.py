"""One row in full: every field wrapped, its source sentence, a claim's computations and
verdicts, and for records the file and row it came from. Up/down move to the next row."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.app.screens.modal import SafeModalScreen
from tui.core.formatting import EMPTY, display_value, printable
from tui.render import VERDICT_STYLES

#: A row's fields, in the table's order: (column, value).
Fields = list[tuple[str, object]]

#: Fields that say where a row comes from, shown under a heading of their own.
SOURCE_FIELDS = ("quote", "source_file", "source_row", "file", "row", "line")


def field_value(column: str, value: object, *, raw: bool = False) -> Text:
    """A field's value in full, as text (never markup), coloured when it is a verdict."""
    shown = display_value(value, column, raw=raw)
    style = VERDICT_STYLES.get(shown, "") if "verdict" in column else ""
    if column == "quote" and value is not None:
        shown = f"“{shown}”"
    return Text(shown, style=style or ("dim" if shown == EMPTY else ""))


def field_block(column: str, value: object, *, chosen: bool, raw: bool = False) -> Group:
    """A field's name on a line, its value under it, wrapped lines keeping the indent."""
    grid = Table.grid(padding=0, expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row("", field_value(column, value, raw=raw))
    return Group(Text(printable(column), style="bold reverse" if chosen else "bold"), grid)


class RowDetailScreen(SafeModalScreen[None]):
    """`fetch(row)` gives the fields of row `row` of the table; the screen walks the rows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close", id="detail.close"),
        # Priority: the scrolling body would take up and down for itself.
        Binding("up,k", "previous_row", "Previous row", priority=True, id="detail.previous"),
        Binding("down,j", "next_row", "Next row", priority=True, id="detail.next"),
        Binding("tab", "next_field", "Next field", id="detail.next_field"),
        Binding("shift+tab", "previous_field", "Previous field", id="detail.previous_field"),
        Binding("y", "copy", "Copy field", id="detail.copy"),
    ]

    def __init__(
        self,
        title: str,
        fetch: Callable[[int], Fields],
        row: int,
        rows: int,
        *,
        raw: bool = False,
        moved: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fetch = fetch
        self.row = row
        self.rows = rows
        self.raw = raw
        self.moved = moved
        self.fields: Fields = []
        self.field = 0

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(id="detail-title")
            # One widget a field, so that Tab can scroll the chosen one into view.
            yield Vertical(id="detail-fields")
        yield Static(
            Text(
                "↑/↓ previous or next row · Tab chooses a field · y copies it · Esc closes",
                style="dim",
            ),
            id="detail-keys",
        )

    def on_mount(self) -> None:
        self.show_row(self.row)

    def show_row(self, row: int) -> None:
        self.row = row
        fields = self.fetch(row)
        self.fields = [f for f in fields if f[0] not in SOURCE_FIELDS] + [
            f for f in fields if f[0] in SOURCE_FIELDS
        ]
        self.field = min(self.field, max(len(self.fields) - 1, 0))
        title = Text(printable(self.title_text), style="bold")
        title.append(f"  row {row + 1:,} of {self.rows:,}", style="dim")
        self.query_one("#detail-title", Static).update(title)
        self._draw_fields()
        self._show_chosen()
        if self.moved is not None:
            self.moved(row)

    def _draw_fields(self) -> None:
        box = self.query_one("#detail-fields", Vertical)
        shown = list(box.query_children(Static))
        if len(shown) != len(self.fields):
            box.remove_children()
            shown = [Static(classes="detail-field") for _ in self.fields]
            box.mount_all(shown)
        for index, (widget, (column, value)) in enumerate(zip(shown, self.fields, strict=True)):
            widget.update(field_block(column, value, chosen=index == self.field, raw=self.raw))

    def _show_chosen(self) -> None:
        """Scroll the body so the chosen field is in view, once it is laid out."""
        shown = list(self.query_one("#detail-fields", Vertical).query_children(Static))
        if self.field < len(shown):
            chosen = shown[self.field]
            body = self.query_one("#detail-body", VerticalScroll)
            self.call_after_refresh(body.scroll_to_widget, chosen, animate=False, top=False)

    @property
    def current_field(self) -> tuple[str, object] | None:
        return self.fields[self.field] if self.field < len(self.fields) else None

    def action_next_field(self) -> None:
        if self.fields:
            self.field = (self.field + 1) % len(self.fields)
            self._draw_fields()
            self._show_chosen()

    def action_previous_field(self) -> None:
        if self.fields:
            self.field = (self.field - 1) % len(self.fields)
            self._draw_fields()
            self._show_chosen()

    def action_copy(self) -> None:
        field = self.current_field
        if field is None or field[1] is None or str(field[1]) == "":
            self.notify("Nothing to copy: the field is empty.", title="Clipboard")
            return
        text = str(field[1])
        self.app.copy_to_clipboard(text)
        shown = printable(text if len(text) <= 60 else text[:59] + "…")
        self.notify(f"Copied {field[0]}: {shown!r}", title="Clipboard", markup=False)

    def action_previous_row(self) -> None:
        if self.row > 0:
            self.show_row(self.row - 1)

    def action_next_row(self) -> None:
        if self.row < self.rows - 1:
            self.show_row(self.row + 1)

    def action_close(self) -> None:
        self.dismiss(None)
