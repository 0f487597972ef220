"""The Columns dialog: which column is the place, the date, the category and the count.

The file's columns in a list (first: "(none)"), a preview of the highlighted column's first
values beside it, and the roles in use with how each was chosen. Keys p, d, c, n give the
highlighted column that role; Enter applies (the views are recomputed in the background),
Esc leaves everything as it was. The result is role -> column (NO_COLUMN for none), only for
the roles changed here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.screens.modal import SafeModalScreen
from tui.core.formatting import printable
from tui.core.roles import NO_COLUMN, ROLE_PURPOSE, ROLES, ColumnMapping, Role

NONE_LABEL = "(none)"
ROLE_KEYS: dict[str, Role] = {"p": "place", "d": "date", "c": "category", "n": "count"}


class ColumnsDialog(SafeModalScreen[object]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "assign('place')", "Place", id="columns.place"),
        Binding("d", "assign('date')", "Date", id="columns.date"),
        Binding("c", "assign('category')", "Category", id="columns.category"),
        Binding("n", "assign('count')", "Count", id="columns.count"),
        Binding("enter", "apply", "Apply", priority=True, id="columns.apply"),
        Binding("escape", "cancel", "Cancel", id="columns.cancel"),
    ]

    def __init__(self, mapping: ColumnMapping) -> None:
        super().__init__()
        self.mapping = mapping
        self.chosen: dict[Role, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="columns-dialog"):
            yield Static(
                Text(printable(f"Columns of {self.mapping.file}: what each one is")),
                classes="dialog-title",
            )
            yield Static(id="columns-roles")
            with Horizontal(id="columns-body"):
                yield OptionList(
                    Option(NONE_LABEL, id="__none__"),
                    *(
                        Option(Text(printable(column)), id=f"c{index}")
                        for index, column in enumerate(self.mapping.columns)
                    ),
                    id="columns-list",
                )
                yield Static(id="columns-preview")
            yield Static(
                Text(
                    "↑↓ a column · p place · d date · c category · n count (on (none): no "
                    "column) · Enter applies · Esc cancels",
                    style="dim",
                ),
                classes="dialog-msg",
            )

    def on_mount(self) -> None:
        self._show_roles()
        listing = self.query_one(OptionList)
        place = self.mapping.roles.column("place")
        listing.highlighted = (
            self.mapping.columns.index(place) + 1 if place in self.mapping.columns else 0
        )
        self.set_focus(listing)

    def highlighted_column(self) -> str | None:
        """The highlighted column, or NO_COLUMN on "(none)"."""
        index = self.query_one(OptionList).highlighted
        if index is None:
            return None
        return NO_COLUMN if index == 0 else self.mapping.columns[index - 1]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        column = self.highlighted_column()
        preview = self.query_one("#columns-preview", Static)
        if not column:
            preview.update(Text("No column: the role is left empty.", style="dim"))
            return
        values = self.mapping.preview(column)
        lines = Text(printable(f"First values of {column}:"), style="bold")
        lines.append("\n")
        for value in values:
            lines.append(printable(value) + "\n")
        preview.update(lines)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # Enter applies (the binding); selecting alone does nothing

    def _show_roles(self) -> None:
        text = Text()
        for role in ROLES:
            text.append(f"{role:<9}", style="bold")
            if role in self.chosen:
                column = self.chosen[role]
                text.append(printable(repr(column)) if column else "none")
                text.append("  (chosen now: Enter applies)", style="italic")
            else:
                choice = self.mapping.roles.get(role)
                if choice is None:
                    text.append("none", style="dim")
                else:
                    text.append(printable(repr(choice.column)))
                    text.append(printable(f"  ({choice.how}: {choice.reason})"), style="italic")
            text.append(f"  — {ROLE_PURPOSE[role]}\n", style="dim")
        self.query_one("#columns-roles", Static).update(text)

    def action_assign(self, role: Role) -> None:
        column = self.highlighted_column()
        if column is None:
            return
        self.chosen[role] = column
        self._show_roles()

    def action_apply(self) -> None:
        self.dismiss(dict(self.chosen) if self.chosen else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
